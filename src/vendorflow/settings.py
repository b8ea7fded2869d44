"""vendorflow settings: everything comes from the environment (see .env.example)."""

from datetime import timedelta
from pathlib import Path

import dj_database_url

from vendorflow.lib.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("VENDORFLOW_DATA_DIR", str(Path.cwd() / "data"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "insecure-development-key-change-me-in-production")
# Key material for encrypting SP-API secrets at rest; falls back to SECRET_KEY.
VENDORFLOW_SECRET_KEY = env_str("VENDORFLOW_SECRET_KEY", SECRET_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",  # the API docs page from its own static files, not a CDN (CSP: scripts from 'self')
    "template_partials",
    "huey.contrib.djhuey",
    "axes",
    "vendorflow.accounts",
    "vendorflow.customers",
    "vendorflow.catalog",
    "vendorflow.channels",
    "vendorflow.orders",
    "vendorflow.shipping",
    "vendorflow.integrations.amazon",
    "vendorflow.simulator",
    "vendorflow.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "vendorflow.lib.headers.PermissionsPolicy",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "vendorflow.lib.middleware.RejectNulCharacters",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "vendorflow.accounts.middleware.MembershipMiddleware",
    "vendorflow.accounts.middleware.MemberTimeZoneMiddleware",
    # last: turns a locked-out sign-in into the lockout page (docs/security.md)
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "vendorflow.urls"
WSGI_APPLICATION = "vendorflow.wsgi.application"

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
                "vendorflow.accounts.context_processors.membership",
            ],
        },
    }
]

DATABASE_URL = env_str("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["default"]["TEST"] = {"NAME": env_str("TEST_DATABASE_NAME", "") or None}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "vendorflow.sqlite3"),
            "CONN_MAX_AGE": 60,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                # Pages are read through a memory map rather than a read() each, and written
                # through a 16 MB cache: a year of orders imports and reads as fast as a week
                # (docs/performance.md, "Scale").
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA busy_timeout=20000; PRAGMA foreign_keys=ON; "
                    f"PRAGMA cache_size=-{env_int('SQLITE_CACHE_MB', 16) * 1024}; "
                    f"PRAGMA mmap_size={env_int('SQLITE_MMAP_MB', 1024) * 1024 * 1024};"
                ),
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out username + address first
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"

# Login throttling (django-axes): a username is locked out from one address after
# LOGIN_FAILURE_LIMIT failed sign-ins for LOGIN_COOLOFF_MINUTES; the attempts live in the
# database, so every web process counts together. API tokens: accounts/lockouts.py.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "vendorflow.accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "vendorflow.lib.client_ip.client_ip"
AXES_HANDLER = "vendorflow.accounts.lockouts.AuditedLockouts"
AXES_VERBOSE = False
API_TOKEN_FAILURE_LIMIT = env_int("API_TOKEN_FAILURE_LIMIT", 20)
API_TOKEN_COOLOFF_MINUTES = env_int("API_TOKEN_COOLOFF_MINUTES", 15)
# Reverse proxies in front of the app that append to X-Forwarded-For (0: use REMOTE_ADDR).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

LANGUAGE_CODE = "en"
TIME_ZONE = env_str("TIME_ZONE", "UTC")  # outside a signed-in page (logs, emails)
# The time zone a new organization shows its dates and times in (each may change it, and each
# member may choose their own). India's by default: Amazon Retail B2B India.
VENDORFLOW_TIME_ZONE = env_str("VENDORFLOW_TIME_ZONE", "Asia/Kolkata")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Behind HTTPS: browsers are told to use nothing else for a year (HSTS_SECONDS to change it).
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31_536_000 if SESSION_COOKIE_SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", False)
# A TLS-terminating proxy in front says so in X-Forwarded-Proto (set it only behind one that
# always sets or strips that header).
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp): scripts, styles, images and requests from this site
# only; no inline script or style anywhere (behaviours live in static/vendorflow/*.js and are
# named by data attributes), no plugins, no framing, forms post to this site only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "manifest-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
# Browser features no page uses, switched off for every page (lib/headers.py).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "vendorflow@localhost")

REDIS_URL = env_str("REDIS_URL", "")
HUEY_IMMEDIATE = env_bool("HUEY_IMMEDIATE", False)
if REDIS_URL:
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": "vendorflow",
        "url": REDIS_URL,
        "immediate": HUEY_IMMEDIATE,
        "consumer": {"workers": env_int("HUEY_WORKERS", 2), "worker_type": "thread"},
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "vendorflow",
        "filename": str(DATA_DIR / "huey.sqlite3"),
        "timeout": 30,
        "immediate": HUEY_IMMEDIATE,
        "consumer": {"workers": env_int("HUEY_WORKERS", 2), "worker_type": "thread"},
    }

# Amazon SP-API client
AMAZON_USER_AGENT = "vendorflow/0.1 (Language=Python)"
AMAZON_HTTP_TIMEOUT = env_int("AMAZON_HTTP_TIMEOUT", 30)
AMAZON_RATE_LIMIT_BACKEND = env_str("AMAZON_RATE_LIMIT_BACKEND", "")  # memory|sqlite|redis|disabled
# An acknowledgement still `Processing` this long after submit went through (Amazon: 15 minutes).
AMAZON_ACK_CONFIRM_AFTER_MINUTES = env_int("AMAZON_ACK_CONFIRM_AFTER_MINUTES", 15)
# A sync holds its channel this long without a sign of life and renews it every third of it:
# the channel of a sync whose worker died is free again after this.
SYNC_LEASE_SECONDS = env_int("SYNC_LEASE_SECONDS", 60)

# Error reports (the DEBUG page, the mail to ADMINS) and the log hide every secret value the
# process has handled (lib/redaction.py, lib/error_reports.py).
DEFAULT_EXCEPTION_REPORTER_FILTER = "vendorflow.lib.error_reports.SecretHidingFilter"
DEFAULT_EXCEPTION_REPORTER = "vendorflow.lib.error_reports.SecretHidingReporter"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {
        "hide_secrets": {"()": "vendorflow.lib.redaction.HideSecrets"},
        "refusals_in_one_line": {"()": "vendorflow.lib.request_logging.RefusalsInOneLine"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["hide_secrets"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Filtered where the record is made: before handlers that are not ours see it (Django's
        # DEBUG console and mail to ADMINS; the handler `run_huey` adds for a task's traceback).
        "django.request": {"filters": ["refusals_in_one_line", "hide_secrets"]},
        "httpx": {"level": "WARNING"},
        "axes": {"level": "WARNING"},  # every sign-in at INFO; lockouts are in the audit log
        "huey": {"level": "INFO", "propagate": False, "filters": ["hide_secrets"]},
    },
}
