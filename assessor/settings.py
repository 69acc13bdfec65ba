"""Settings for Assessor; everything a deployment changes is read from the environment here."""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

# A development key is only acceptable while DEBUG is on; in production a
# missing or weak key must stop the site from starting, not weaken it silently.
DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-never-use-in-production"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = DEVELOPMENT_SECRET_KEY
if not DEBUG and (
    len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure-")
):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random value of at least 50 characters when "
        "DJANGO_DEBUG is off. Generate one with: python -c "
        '"import secrets; print(secrets.token_urlsafe(50))"'
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "assessments",
    "results",
    "reports",
    "django_tasks",
    "django_tasks_db",
    "teams",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "assessor.middleware.ContentSecurityPolicyMiddleware",
    # Static files are answered here, before sessions and the rest do any work.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before common (which may redirect in the chosen language): the visitor's
    # choice (Django's language cookie), then Accept-Language, then LANGUAGE_CODE.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check, which is the first to read a post's body; the body is read under
    # the view's limits before it is checked for UTF-8.
    "assessor.middleware.RequestLimitsMiddleware",
    "assessor.middleware.RefuseFormsNotInUtf8Middleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "assessor.middleware.RefuseUnstorableTextMiddleware",
]

ROOT_URLCONF = "assessor.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "reports.access.manager_navigation",
                "teams.context_processors.account_offer",
            ],
        },
    },
]

WSGI_APPLICATION = "assessor.wsgi.application"


def database_from_environment() -> dict:
    config = dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        disable_server_side_cursors=env_bool("DATABASE_DISABLE_SERVER_SIDE_CURSORS", False),
    )
    if config["ENGINE"] == "django.db.backends.postgresql":
        # Each worker keeps a few connections in psycopg's pool (Django 5.1+), so a request
        # neither opens one nor pays a health-check query for it; the pool replaces
        # connections it finds broken.
        config["CONN_MAX_AGE"] = 0
        config.setdefault("OPTIONS", {})["pool"] = {"min_size": 1, "max_size": 4, "timeout": 10}
    else:
        # SQLite opens a file, not a connection: keep it open between requests.
        config["CONN_MAX_AGE"] = 600
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # IMMEDIATE transactions take the write lock up front and the busy
        # timeout waits for it, so concurrent submissions queue instead of
        # failing with "database is locked"; WAL lets readers run meanwhile.
        # secure_delete overwrites deleted rows with zeros, so an erased answer is not left
        # readable in the file's free space (results/erasure.py empties the WAL after it).
        config.setdefault("OPTIONS", {}).update(
            {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;"
                ),
            }
        )
    return config


DATABASES = {"default": database_from_environment()}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# Each named in its own language, as a visitor looking for theirs in the menu reads it.
LANGUAGES = [
    ("en-gb", "English"),
    ("de", "Deutsch"),
    ("fr", "Français"),
    ("es", "Español"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"

# collectstatic writes hashed, compressed copies; WhiteNoise serves them with
# far-future cache headers, since a changed file gets a new name.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# With several app servers, sessions and the cache live in Redis when there is
# one; otherwise sessions stay in the database every server shares.
SESSION_ENGINE = "assessor.sessions"
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Lets deployments (staging, production) share one Redis without sharing keys.
            "KEY_PREFIX": os.environ.get("REDIS_KEY_PREFIX", ""),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"

# HTTPS. Behind a TLS-terminating proxy that redirects to HTTPS itself, turn
# the redirect off; `make serve` turns redirect and secure cookies off so the
# local stack works on plain http://127.0.0.1.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
# Load balancers probe over plain HTTP and must see the real answer.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
# Only trust X-Forwarded-Proto when a proxy in front sets it on every request;
# otherwise any client could claim to be on HTTPS.
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No page has inline scripts or styles, so the policy forbids them; the admin
# works under it too.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

# Everything goes to stdout, one line per record, so a process manager or
# container runtime collects it; django.request logs each 4xx and 5xx with its path.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "one_line": {
            "()": "assessor.log.OneLineFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        }
    },
    "filters": {"hide_capabilities": {"()": "assessor.log.HideCapabilityAddresses"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "one_line",
            "filters": ["hide_capabilities"],
        }
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

# The biggest answer form (100 categories, each a rating and a level-up box, plus name, v and
# the CSRF token) has 203 fields and well under 64 KiB of body; the admin's bulk actions post
# at most 100 ids. Requests past these limits are refused before any view runs: too many
# fields with 400, too big a body with 413 (assessor.views.bad_request), both logged to
# django.security.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 250
DATA_UPLOAD_MAX_MEMORY_SIZE = 512 * 1024

# Teams and rounds (issue 12): invitation and reminder emails, sent by a task worker.
# Personal links in emails are absolute: the site's address as its members reach it.
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "assessor@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_URL = os.environ.get("EMAIL_URL", "")
# A mail server that hangs holds up one worker for this long, never a web request.
EMAIL_TIMEOUT = 10
if EMAIL_URL:
    _email = dj_email_url.parse(EMAIL_URL)
    EMAIL_BACKEND = _email["EMAIL_BACKEND"]
    EMAIL_HOST, EMAIL_PORT = _email["EMAIL_HOST"], _email["EMAIL_PORT"]
    EMAIL_HOST_USER, EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_USER"], _email["EMAIL_HOST_PASSWORD"]
    EMAIL_USE_TLS, EMAIL_USE_SSL = _email["EMAIL_USE_TLS"], _email["EMAIL_USE_SSL"]
    EMAIL_FILE_PATH = _email["EMAIL_FILE_PATH"]
    EMAIL_TIMEOUT = _email["EMAIL_TIMEOUT"] or EMAIL_TIMEOUT
elif DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# A failed send is tried again after this many seconds, doubling each time (5 tries in all).
EMAIL_RETRY_SECONDS = int(os.environ.get("EMAIL_RETRY_SECONDS", "60"))
# In development emails go out at once, inside the request; in production a separate
# `manage.py db_worker` process takes them from a queue in the database.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if DEBUG
        else "django_tasks_db.DatabaseBackend"
    }
}

# The builder (assessments) previews the answer form (results) through this name rather than an
# import: results depends on assessments, never the other way round.
ASSESSMENT_PREVIEW = "results.views.preview_markup"

# Trust (issue 14): abuse limits, the audit trail, retention.


def env_rate(name: str, default: str) -> tuple[int, int] | None:
    """A rate such as 20/10m as (20, 600): so many in any window of so many s, m, h or d;
    "off" is None."""
    text = os.environ.get(name, "").strip() or default
    if text.lower() == "off":
        return None
    count, _, window = text.partition("/")
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    number, unit = window[:-1] or "1", window[-1:]
    if not (count.isdigit() and int(count) > 0 and number.isdigit() and int(number) > 0):
        unit = ""
    if unit not in units:
        raise ImproperlyConfigured(
            f'{name} must be "off" or COUNT/WINDOW such as 20/10m (s, m, h or d), not "{text}"'
        )
    return int(count), int(number) * units[unit]


def env_proxies(name: str) -> int | tuple[str, ...]:
    """How many proxies in front add X-Forwarded-For, or their addresses / networks."""
    text = os.environ.get(name, "").strip()
    if text.isdigit():
        return int(text)
    proxies = tuple(env_list(name, ""))
    try:
        for proxy in proxies:
            ipaddress.ip_network(proxy, strict=False)
    except ValueError as error:
        raise ImproperlyConfigured(
            f"{name} must be a number of proxies or a comma-separated list of addresses: {error}"
        ) from None
    return proxies


def env_days(name: str) -> int | None:
    text = os.environ.get(name, "").strip()
    if not text:
        return None
    if not text.isdigit() or int(text) < 1:
        raise ImproperlyConfigured(f'{name} must be a whole number of days, not "{text}"')
    return int(text)


INSTALLED_APPS += ["axes", "audit", "limits", "backups"]
# Answers through the public form per client address; "off" for load tests and benchmarks.
SUBMIT_RATE = env_rate("ASSESSOR_SUBMIT_RATE", "20/10m")
# Unset: X-Forwarded-For is ignored and the client is REMOTE_ADDR (limits/addresses.py).
TRUSTED_PROXIES = env_proxies("DJANGO_TRUSTED_PROXIES")
# Unset: kept until erased (manage.py purge_results / purge_audit).
RESULT_RETENTION_DAYS = env_days("DJANGO_RESULT_RETENTION_DAYS")
AUDIT_RETENTION_DAYS = env_days("DJANGO_AUDIT_RETENTION_DAYS")

# The limits' counters must be shared by every worker and app server: in Redis when there is
# one, else in a database table that `migrate` creates (limits.models.CounterCacheEntry).
if REDIS_URL:
    CACHES["limits"] = CACHES["default"]
else:
    CACHES = {
        # What Django uses when CACHES is unset.
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "limits": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "limits_counters",
            # Culling would forget counters; expired ones are deleted as the table grows.
            "OPTIONS": {"MAX_ENTRIES": 1_000_000},
        },
    }

# Sign-in lock-out: 5 failures for one username from one address lock that pair for 15
# minutes, on the site's sign-in form and the admin's; a success resets the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
MIDDLEWARE += ["assessor.middleware.RateLimitedMiddleware", "axes.middleware.AxesMiddleware"]
# Just inside SecurityMiddleware, so every answer under a capability path gets its headers,
# the redirects and refusals of the middleware after it included.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "assessor.middleware.CapabilityPagesMiddleware",
)
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "limits.addresses.client_address"
AXES_LOCKOUT_CALLABLE = "limits.sign_in.locked_out"
# The audit trail records sign-ins; axes' own access log would be a second copy.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# Single sign-on through the company's OpenID Connect provider (the accounts app, on top of
# mozilla-django-oidc). Off unless OIDC_ISSUER_URL is set; then the provider's endpoints are
# read from its discovery document (accounts/provider.py), never configured one by one.
INSTALLED_APPS = [*INSTALLED_APPS, "accounts"]
OIDC_ISSUER_URL = os.environ.get("OIDC_ISSUER_URL", "").strip()
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_CLIENT_SECRET", "")
OIDC_PROVIDER_NAME = os.environ.get("OIDC_PROVIDER_NAME", "").strip() or "your company account"
OIDC_MANAGERS_GROUP = os.environ.get("OIDC_MANAGERS_GROUP", "").strip()
OIDC_ONLY = env_bool("OIDC_ONLY", False)
if OIDC_ISSUER_URL and not (OIDC_RP_CLIENT_ID and OIDC_RP_CLIENT_SECRET):
    raise ImproperlyConfigured(
        "OIDC_ISSUER_URL is set, so OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set too: "
        "the client the provider registered for this site."
    )
if OIDC_ONLY and not OIDC_ISSUER_URL:
    raise ImproperlyConfigured("OIDC_ONLY=1 needs OIDC_ISSUER_URL: nobody could sign in.")
if OIDC_ISSUER_URL:
    # With OIDC_ONLY no password is accepted anywhere, the admin's sign-in included; axes'
    # lock-out stays first, as it must.
    AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        *([] if OIDC_ONLY else ["django.contrib.auth.backends.ModelBackend"]),
        "accounts.backends.SignOnBackend",
    ]
OIDC_RP_SCOPES = "openid email profile" + (" groups" if OIDC_MANAGERS_GROUP else "")
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_USE_PKCE = True
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc:callback"
# The ID token is kept for the provider's sign-out link (its id_token_hint).
OIDC_STORE_ID_TOKEN = True
# A provider that hangs must not hold a worker for ever.
OIDC_TIMEOUT = 10
