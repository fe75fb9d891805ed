from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=False)
def demo_accounts_in_production(app_configs, **kwargs):
    if not settings.IS_PRODUCTION:
        return []
    from .startup import demo_accounts_present

    if demo_accounts_present():
        return [
            Error(
                "Demo accounts exist while PENATA_ENV=production.",
                hint="Remove them with `manage.py demo_accounts_remove`.",
                id="penata.E001",
            )
        ]
    return []
