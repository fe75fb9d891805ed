"""The day the code under test sees: ``set_today(date(2026, 3, 4))`` moves the clock
(``timezone.now`` and so ``timezone.localdate``) to that day, 09:00 WIT, and lets it run
on from there; ``set_today`` again moves it elsewhere."""

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from penata.core.workdays import WIT


@pytest.fixture(name="set_today")
def set_today_fixture(monkeypatch):
    real_now = timezone.now

    def move(day: date, hour: int = 9) -> None:
        offset = datetime.combine(day, time(hour), tzinfo=WIT) - real_now()
        monkeypatch.setattr(timezone, "now", lambda: real_now() + offset)

    return move


# The fixture under its own name as well, for modules importing it so.
set_today = set_today_fixture
