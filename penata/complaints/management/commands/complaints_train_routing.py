"""Train the complaint routing model now, in this process (not through Celery)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from penata.complaints.models import RoutingModelStatus
from penata.complaints.services.routing import RoutingTrainingRefused, routing_model_train


class Command(BaseCommand):
    help = (
        "Train the complaint routing model from the dispatched and imported reports and make it "
        "the one that suggests categories and agencies."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", help="Record the training as requested by this user.")

    def handle(self, *args, user=None, **options):
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"No such user: {user}")
        try:
            version = routing_model_train(actor=actor)
        except RoutingTrainingRefused as refused:
            raise CommandError(str(refused.message)) from None
        if version.status != RoutingModelStatus.READY:
            raise CommandError(f"Training failed (version {version.pk}): {version.error}")

        def percent(value):
            return "n/a" if value is None else f"{value * 100:.1f}%"

        self.stdout.write(
            self.style.SUCCESS(
                f"version={version.pk} reports={version.n_reports} categories={version.n_categories} "
                f"top1={percent(version.top1)} top3={percent(version.top3)} file={version.file.name}"
            )
        )
