"""Penata settings: one module, driven by environment variables.

Development defaults need nothing running (SQLite, tasks eager, console email).
Production (``PENATA_ENV=production``) refuses to start without ``SECRET_KEY`` and
``ALLOWED_HOSTS``.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

PENATA_ENV = env.str("PENATA_ENV", default="development")
if PENATA_ENV not in {"development", "test", "production"}:
    raise ImproperlyConfigured("PENATA_ENV must be development, test or production.")
IS_PRODUCTION = PENATA_ENV == "production"

DEBUG = env.bool("DEBUG", default=not IS_PRODUCTION)

if IS_PRODUCTION:
    if not env.str("SECRET_KEY", default=""):
        raise ImproperlyConfigured("SECRET_KEY must be set in production.")
    if not env.list("ALLOWED_HOSTS", default=[]):
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production.")
SECRET_KEY = env.str("SECRET_KEY", default="penata-development-only-not-secret")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_include_bootstrap",
    "django_celery_beat",
    "axes",
    "penata.core",
    "penata.accounts",
    "penata.organization",
    "penata.workforce",
    "penata.competency",
    "penata.training",
    "penata.complaints",
    "penata.insights",
    "penata.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "penata.core.middleware.ChosenLanguageMiddleware",
    "penata.core.middleware.NulCharacterMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so it sees the outcome of every authentication attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "penata" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "penata.core.context_processors.penata",
                "penata.competency.context_processors.competency_nav",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Reusing connections saves 10-17 ms a request on PostgreSQL (bench/RESULTS.md).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60 if IS_PRODUCTION else 0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the demo server read while a background import writes.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "insights:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lockout after repeated failed sign-ins (per user name and address).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "penata" / "locale"]
TIME_ZONE = "Asia/Jayapura"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "penata" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if IS_PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Outside production WhiteNoise serves static files straight from the apps, so nothing
# needs collectstatic; production serves the hashed, compressed STATIC_ROOT.
WHITENOISE_USE_FINDERS = not IS_PRODUCTION
WHITENOISE_AUTOREFRESH = not IS_PRODUCTION
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")

# Uploads: spreadsheets are read from a temporary file, never kept whole in memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
PENATA_IMPORT_MAX_BYTES = env.int("PENATA_IMPORT_MAX_BYTES", default=20 * 1024 * 1024)
PENATA_IMPORT_MAX_ROWS = env.int("PENATA_IMPORT_MAX_ROWS", default=60_000)

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
# Read by the file-based backend only (the Celery worker test writes mail there).
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default="") or None
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Penata <noreply@penata.localhost>")

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://penata")}

# Celery: without a broker, tasks run eagerly in-process.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SOFT_TIME_LIMIT = 300
CELERY_TASK_TIME_LIMIT = 360
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "penata.core.api.StandardPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "penata.core.api.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Penata API",
    "DESCRIPTION": "ASN workforce and public-service quality platform.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # One name for a choice set that several fields share.
    "ENUM_NAME_OVERRIDES": {"EducationLevelEnum": "penata.organization.models.EducationLevel"},
}

# Penata rules that are settings, not constants (see docs/glossary.md).
PENATA_DEMO_PASSWORD = "penata-demo"  # noqa: S105 - published demo password, refused in production
PENATA_PROVINCE_NAME = env.str("PENATA_PROVINCE_NAME", default="Provinsi Maluku Utara")
# Talent mapping (DOMAIN §3–4): JPM category bounds and potential from JPM, in percent.
PENATA_JPM_OPTIMAL = env.float("PENATA_JPM_OPTIMAL", default=90.0)
PENATA_JPM_FAIRLY_OPTIMAL = env.float("PENATA_JPM_FAIRLY_OPTIMAL", default=78.0)
PENATA_POTENTIAL_MEDIUM = env.float("PENATA_POTENTIAL_MEDIUM", default=78.0)
PENATA_POTENTIAL_HIGH = env.float("PENATA_POTENTIAL_HIGH", default=90.0)
# Reports with a map pin must lie inside the province: a box around Maluku Utara's land and
# sea (approximate, degrees). Another province sets its own.
PENATA_PROVINCE_BOUNDS = {
    "lat_min": env.float("PENATA_PROVINCE_LAT_MIN", default=-2.6),
    "lat_max": env.float("PENATA_PROVINCE_LAT_MAX", default=3.0),
    "lon_min": env.float("PENATA_PROVINCE_LON_MIN", default=124.0),
    "lon_max": env.float("PENATA_PROVINCE_LON_MAX", default=129.9),
}
# A complaint step still not done this many working days after its deadline is escalated
# to the province.
PENATA_COMPLAINT_ESCALATION_WORKING_DAYS = env.int("PENATA_COMPLAINT_ESCALATION_WORKING_DAYS", default=2)
# The address of the site as citizens reach it: links in emails sent by tasks, which have no
# request to take the host from.
PENATA_SITE_URL = env.str("PENATA_SITE_URL", default="http://127.0.0.1:8000")
# The routing model learns from at most this many reports, the newest first.
PENATA_ROUTING_MAX_TRAINING_REPORTS = env.int("PENATA_ROUTING_MAX_TRAINING_REPORTS", default=50_000)
# Complaint maps: the coast comes from a GeoJSON file shipped with the static files, so
# they work on an intranet without a tile server. Set a tile URL (an internal tile server,
# e.g. "https://tiles.example.go.id/{z}/{x}/{y}.png") to draw streets under it.
PENATA_MAP_TILE_URL = env.str("PENATA_MAP_TILE_URL", default="")
PENATA_MAP_TILE_ATTRIBUTION = env.str("PENATA_MAP_TILE_ATTRIBUTION", default="")
# Open311 GeoReport v2 (docs/open311.md): the jurisdiction_id this endpoint answers for. Empty: any
# jurisdiction_id (or none) is accepted; set, a different non-empty jurisdiction_id answers 404.
PENATA_OPEN311_JURISDICTION = env.str("PENATA_OPEN311_JURISDICTION", default="")
# Whether an ASN sees their own talent box on the self-service page and in the API.
PENATA_TALENT_BOX_SELF_VISIBLE = env.bool("PENATA_TALENT_BOX_SELF_VISIBLE", default=True)

# The JP ledger's (year, employee) index carries the JP as a covering column on PostgreSQL;
# SQLite builds the index without it and Django warns on every command.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# Training (PP 17/2020): 1 JP = 45 minutes; at least 20 JP a year for every ASN.
PENATA_JP_MINUTES = env.int("PENATA_JP_MINUTES", default=45)
PENATA_JP_TARGET = env.int("PENATA_JP_TARGET", default=20)
# Who signs training certificates (printed on the PDF).
PENATA_CERTIFICATE_SIGNATORY_NAME = env.str("PENATA_CERTIFICATE_SIGNATORY_NAME", default="Kepala BPSDM")
PENATA_CERTIFICATE_SIGNATORY_TITLE = env.str(
    "PENATA_CERTIFICATE_SIGNATORY_TITLE", default="Kepala Badan Pengembangan Sumber Daya Manusia"
)
# Where certificates are issued (printed before the date of issue).
PENATA_CERTIFICATE_PLACE = env.str("PENATA_CERTIFICATE_PLACE", default="Sofifi")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = IS_PRODUCTION
CSRF_COOKIE_SECURE = IS_PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if IS_PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=3600)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # Django's own "django" logger would print every request warning a second time.
    "loggers": {
        "axes": {"level": "WARNING"},
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

if PENATA_ENV == "test":
    # Fast hashing in tests only; real hashers everywhere else.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
