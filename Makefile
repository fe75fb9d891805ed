# Penata: `make run` installs, migrates, loads the demo province and serves it;
# `make test` runs the whole suite (SQLite, tasks eager).
PORT ?= 8000
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-lock

.PHONY: run test install lint messages demo bench-load clean

$(STAMP): requirements/lock.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/lock.txt
	touch $(STAMP)

install: $(STAMP)

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo --url http://127.0.0.1:$(PORT)
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install
	PENATA_ENV=test $(PY) -m pytest -n 2 $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# From the repository root so config/ is scanned too; everything lands in penata/locale.
MESSAGE_IGNORES := --ignore=.venv --ignore=node_modules --ignore=test-artifacts --ignore=bench
messages: install
	$(PY) manage.py makemessages -l id --no-obsolete --no-location $(MESSAGE_IGNORES)
	$(PY) manage.py compilemessages -l id $(MESSAGE_IGNORES)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
