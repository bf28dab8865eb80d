"""Settings for budget-records, read from the environment.

``SECRET_KEY``, ``DEBUG``, ``ALLOWED_HOSTS`` and ``DATABASE_URL`` come from environment
variables; without ``DATABASE_URL`` the project uses an SQLite file in its own folder.
Outside DEBUG there is no fallback ``SECRET_KEY``: the site refuses to start without one.
"""
import os
import secrets
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from import_export.formats.base_formats import JSON

from budget_site.spreadsheets import SafeCSV, SafeXLSX

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY")
if not SECRET_KEY:
    if DEBUG:
        SECRET_KEY = "django-insecure-development-only-key"  # `make run` only; `check --deploy` rejects it
    elif env_bool("BUDGET_RECORDS_OFFLINE_COMMAND"):
        SECRET_KEY = secrets.token_urlsafe(50)  # set by manage.py for a command that serves nothing
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (see deploy/production.env), "
            "or set DEBUG=1 for a development server."
        )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_filters",
    "django_tables2",
    "import_export",
    "simple_history",
    "budget_site.lockout.LockoutConfig",  # django-axes, named in Chinese
    "disclosures",
    "performance",
]

MIDDLEWARE = [
    "budget_site.middleware.RequestIDMiddleware",
    "budget_site.middleware.BodySizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out login into the lockout page
]

ROOT_URLCONF = "budget_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "budget_site.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several server threads or processes at once: readers do not block the writer (WAL), a
    # writer waits for another instead of failing (timeout, seconds), and a transaction takes the
    # write lock when it begins, so it cannot deadlock upgrading a read lock (IMMEDIATE).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        **DATABASES["default"].get("OPTIONS", {}),
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]  # staff read Chinese; Django's own strings follow
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out username + address first
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling (django-axes): five failures for one username from one address lock that
# pair out for 15 minutes, even with the right password; a successful login clears the count.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "disclosures:dashboard"
LOGOUT_REDIRECT_URL = "login"

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded PDFs and queued files: the folder MEDIA_ROOT by default (shared, e.g. over NFS, with workers
# on other machines), or an S3-compatible bucket (django-storages) when STORAGE_S3_BUCKET is set. Files
# are private: read back only through the views that ask the access rule.
if os.environ.get("STORAGE_S3_BUCKET"):
    STORAGES = {
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
            "bucket_name": os.environ["STORAGE_S3_BUCKET"],
            "endpoint_url": os.environ.get("STORAGE_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("STORAGE_S3_REGION") or None,
            "access_key": os.environ.get("STORAGE_S3_ACCESS_KEY") or None,
            "secret_key": os.environ.get("STORAGE_S3_SECRET_KEY") or None,
            "location": os.environ.get("STORAGE_S3_PREFIX", ""),
            "default_acl": "private",
            "file_overwrite": False,
        }},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Uploaded disclosures larger than this are refused (bytes; default 50 MB).
DISCLOSURE_UPLOAD_MAX_BYTES = int(os.environ.get("DISCLOSURE_UPLOAD_MAX_BYTES", 50 * 1024 * 1024))
# A request body over the upload limit plus this (multipart boundaries, the other form fields)
# is refused with 413 before anything reads it (budget_site.middleware.BodySizeLimitMiddleware).
REQUEST_BODY_MARGIN_BYTES = 1024 * 1024
# Form fields other than files held in memory: room for a table edit's fields (at most
# DATA_UPLOAD_MAX_NUMBER_FIELDS, below), while a bigger form body is refused with 400.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# A page image has at most this many pixels, however large the PDF page (disclosures.views.pages).
PAGE_IMAGE_MAX_PIXELS = 4_000_000

# HTTPS hardening; production turns these on in its environment (see deploy/production.env).
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

DJANGO_TABLES2_PAGE_RANGE = 8

# django-import-export: the spreadsheet formats staff use.
# The spreadsheet formats neutralise formulae (budget_site.spreadsheets); JSON is not a spreadsheet.
EXPORT_FORMATS = [SafeCSV, SafeXLSX, JSON]

# The review lists use django-tables2's plain markup (the site has its own CSS, not Bootstrap), its rows
# written by a template tag (disclosures/templatetags/table_rows.py).
DJANGO_TABLES2_TEMPLATE = "tables/table.html"

# Checks (disclosures/checks): tolerances and thresholds of the 勾稽关系 rules, as data.
CHECKS = {
    # How many 元 one printed unit is, to compare figures printed in different units.
    "UNIT_FACTORS": {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100000000)},
    # A sum may miss its printed total by this much per summed term (one unit of the last printed
    # digit); such a difference is reported as info (尾差), a larger one at the rule's severity.
    "ROUNDING_PER_TERM": {"万元": Decimal("0.01"), "元": Decimal("1"), "千元": Decimal("0.01"),
                          "亿元": Decimal("0.0001")},
    # A quoted percentage (printed to 0.01) may miss its recomputed value by this many points as info.
    "PERCENT_POINTS": Decimal("0.01"),
    # “基本持平”: the final figure within this share of the budget.
    "ROUGHLY_EQUAL_SHARE": Decimal("0.01"),
    # The indicator weights of one performance table add up to this.
    "WEIGHT_TOTAL": Decimal("100"),
    # Plausibility: the most one vehicle is worth (万元), and how many times the year's total budget
    # an asset value may be before it looks like 元 printed as 万元.
    "VEHICLE_VALUE_MAX_WAN": Decimal("500"),
    "ASSET_TO_BUDGET_MAX": Decimal("10"),
}

# A table edit posts one field per cell; a large department's table can pass a thousand.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000

# Errors and warnings go to stderr, each line with the id of its request (X-Request-ID).
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "budget_site.middleware.RequestIDFilter"}},
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr",
                   "filters": ["request_id"], "formatter": "line"},
    },
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        # Django's own handlers print only under DEBUG; its records reach stderr through the root.
        "django": {"handlers": [], "level": "INFO"},
        "disclosures": {"level": LOG_LEVEL},
        "performance": {"level": LOG_LEVEL},
        "budget_site": {"level": LOG_LEVEL},
    },
}

# History is written by corrections with a reason; reverting from the admin's history page would bypass them.
SIMPLE_HISTORY_REVERT_DISABLED = True

# Background imports (disclosures/tasks.py): the broker is a Redis server (scripts/redis.sh starts one).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:63790/0")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_IGNORE_RESULT = True  # a job's state is its ImportJob row
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # late acknowledgement: a worker holds only the job it runs
# A job whose worker is lost whole (its machine gone, the main process killed) stays unacknowledged in
# Redis until this many seconds after its delivery; then a worker's sweep (every 10 s, or as often as the
# timeout if shorter) queues it again. A job still running then would be delivered twice (harmless, but
# wasted), as would a retry waiting out its countdown (at most 16 s), so the default, 15 minutes, is far
# past the longest import (a 300-page PDF parses in about 14 s) yet much sooner than Redis's hour.
# No result backend is used, so the broker's is the only timeout.
visibility_timeout = int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", 900))
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": visibility_timeout,
    "unacked_restore_interval": min(10, visibility_timeout),
    "unacked_restore_throttle": 1,  # kombu scans only every 10th sweep otherwise
}
