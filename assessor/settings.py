"""Settings for Assessor. Everything a deployment changes is an environment variable (the README's
Configuration table), read once at the top of this file into a named value; below, each setting
is declared once, from those values."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured

from assessor import env

BASE_DIR = Path(__file__).resolve().parent.parent

# The environment, each variable read once.
DEBUG = env.flag("DJANGO_DEBUG", default=False)
secret_key = env.secret("DJANGO_SECRET_KEY")
allowed_hosts = env.comma_list("DJANGO_ALLOWED_HOSTS", default="localhost,127.0.0.1,[::1]")
database_url = env.text("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
disable_server_side_cursors = env.flag("DATABASE_DISABLE_SERVER_SIDE_CURSORS", default=False)
redis_url = env.text("REDIS_URL")
redis_key_prefix = env.text("REDIS_KEY_PREFIX")
time_zone = env.text("DJANGO_TIME_ZONE", default="UTC")
ssl_redirect = env.flag("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
secure_cookies = env.flag("DJANGO_SECURE_COOKIES", default=not DEBUG)
trust_proxy_ssl_header = env.flag("DJANGO_SECURE_PROXY_SSL_HEADER", default=False)
hsts_seconds = env.whole_number("DJANGO_SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
hsts_include_subdomains = env.flag("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
hsts_preload = env.flag("DJANGO_SECURE_HSTS_PRELOAD", default=True)
log_level = env.text("DJANGO_LOG_LEVEL", default="INFO")
# Personal links in emails are absolute: the site's address as its members reach it. A guess
# would put a wrong address into every invitation, so production must say.
site_url = env.needed_in_production(
    "DJANGO_SITE_URL",
    debug=DEBUG,
    development="http://127.0.0.1:8000",
    meaning="the address members reach the site at, e.g. https://assessor.example.com; "
    "every personal link in an invitation starts with it.",
)
default_from_email = env.needed_in_production(
    "DJANGO_DEFAULT_FROM_EMAIL",
    debug=DEBUG,
    development="assessor@localhost",
    meaning="the address invitations and reminders come from, one the mail server may send "
    "from, e.g. skills@example.com.",
)
email_url = env.text("EMAIL_URL")
email_retry_seconds = env.whole_number("EMAIL_RETRY_SECONDS", default=60)
submit_rate = env.rate("ASSESSOR_SUBMIT_RATE", default="20/10m")
api_rate = env.rate("ASSESSOR_API_RATE", default="600/10m")
min_peer_reviews = env.at_least_one("ASSESSOR_MIN_PEER_REVIEWS", default=3)
max_peer_reviews = env.at_least_one("ASSESSOR_MAX_PEER_REVIEWS", default=5)
trusted_proxies = env.proxies("DJANGO_TRUSTED_PROXIES")
result_retention_days = env.days("DJANGO_RESULT_RETENTION_DAYS")
audit_retention_days = env.days("DJANGO_AUDIT_RETENTION_DAYS")
stale_after_days = env.days("ASSESSOR_STALE_AFTER_DAYS") or 365
oidc_issuer_url = env.text("OIDC_ISSUER_URL")
oidc_client_id = env.secret("OIDC_CLIENT_ID")
oidc_client_secret = env.secret("OIDC_CLIENT_SECRET")
oidc_provider_name = env.text("OIDC_PROVIDER_NAME", default="your company account")
oidc_managers_group = env.text("OIDC_MANAGERS_GROUP")
oidc_only = env.flag("OIDC_ONLY", default=False)

# A development key is only acceptable while DEBUG is on; in production a
# missing or weak key must stop the site from starting, not weaken it silently.
DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-never-use-in-production"
SECRET_KEY = secret_key or (DEVELOPMENT_SECRET_KEY if DEBUG else "")
if not DEBUG and (
    len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure-")
):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random value of at least 50 characters when "
        "DJANGO_DEBUG is off. Generate one with: python -c "
        '"import secrets; print(secrets.token_urlsafe(50))"'
    )
if not site_url.startswith(("http://", "https://")):
    raise ImproperlyConfigured(
        f'DJANGO_SITE_URL must start with https:// (or http://), not "{site_url}"'
    )
if oidc_issuer_url and not (oidc_client_id and oidc_client_secret):
    raise ImproperlyConfigured(
        "OIDC_ISSUER_URL is set, so OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set too: "
        "the client the provider registered for this site."
    )
if oidc_only and not oidc_issuer_url:
    raise ImproperlyConfigured("OIDC_ONLY=1 needs OIDC_ISSUER_URL: nobody could sign in.")

ALLOWED_HOSTS = allowed_hosts

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "assessments",
    "builder",
    "results",
    "reports",
    "django_tasks",
    "django_tasks_db",
    "teams",
    "reviews",
    "plans",
    "axes",
    "audit",
    "limits",
    "backups",
    "accounts",
    "rest_framework",
    "drf_spectacular",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Just inside SecurityMiddleware, so every answer under a capability path gets its headers,
    # the redirects and refusals of the middleware after it included.
    "assessor.middleware.CapabilityPagesMiddleware",
    "assessor.middleware.ContentSecurityPolicyMiddleware",
    # Static files are answered here, before sessions and the rest do any work.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before common (which may redirect in the chosen language): the visitor's
    # choice (Django's language cookie), then Accept-Language, then LANGUAGE_CODE.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check, which is the first to read a post's body.
    "assessor.middleware.RefuseFormsNotInUtf8Middleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "assessor.middleware.RefuseUnstorableTextMiddleware",
    "assessor.middleware.RateLimitedMiddleware",
    # Last, as django-axes requires: it answers a locked-out sign-in with the lock-out page.
    "axes.middleware.AxesMiddleware",
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
                "pages.cache.release",
            ],
        },
    },
]

WSGI_APPLICATION = "assessor.wsgi.application"


def database(url: str) -> dict:
    config = dj_database_url.parse(url, disable_server_side_cursors=disable_server_side_cursors)
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


DATABASES = {"default": database(database_url)}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# With several app servers, the cache, the limits' counters and the sessions live in Redis when
# there is one. Without it the counters, which every worker and app server must share, live in a
# database table that `migrate` creates (limits.models.CounterCacheEntry), the sessions in the
# database, and the cache of rendered HTML in each process's memory.
redis_cache = {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": redis_url,
    # Lets deployments (staging, production) share one Redis without sharing keys.
    "KEY_PREFIX": redis_key_prefix,
}
# The page frame's `{% cache %}` fragments (base.html) are the same in every process and hold
# nothing of anyone, so each process keeps its own: reading them from Redis would cost more than
# drawing them.
template_fragments = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "template-fragments",
}
CACHES = (
    {"default": redis_cache, "limits": redis_cache, "template_fragments": template_fragments}
    if redis_url
    else {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "template_fragments": template_fragments,
        "limits": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "limits_counters",
            # Culling would forget counters; expired ones are deleted as the table grows.
            "OPTIONS": {"MAX_ENTRIES": 1_000_000},
        },
    }
)
SESSION_ENGINE = "django.contrib.sessions.backends.cache" if redis_url else "assessor.sessions"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in lock-out (axes) comes first, as it must. With OIDC_ONLY no password is accepted
# anywhere, the admin's sign-in included.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    *([] if oidc_only else ["django.contrib.auth.backends.ModelBackend"]),
    *(["accounts.backends.SignOnBackend"] if oidc_issuer_url else []),
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
# Dates in the reader's language, the month written out, in pages and emails alike: every date
# people read goes through DATE_FORMAT, which assessor/formats sets where Django's differs.
FORMAT_MODULE_PATH = ["assessor.formats"]
TIME_ZONE = time_zone
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "results:profile"

# collectstatic writes hashed, compressed copies; WhiteNoise serves them with
# far-future cache headers, since a changed file gets a new name.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# HTTPS. Behind a TLS-terminating proxy that redirects to HTTPS itself, turn
# the redirect off; `make serve` turns redirect and secure cookies off so the
# local stack works on plain http://127.0.0.1.
SECURE_SSL_REDIRECT = ssl_redirect
# Load balancers probe over plain HTTP and must see the real answer.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = secure_cookies
SECURE_HSTS_SECONDS = hsts_seconds
SECURE_HSTS_INCLUDE_SUBDOMAINS = hsts_include_subdomains
SECURE_HSTS_PRELOAD = hsts_preload
# Only trust X-Forwarded-Proto when a proxy in front sets it on every request;
# otherwise any client could claim to be on HTTPS.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if trust_proxy_ssl_header else None
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
    "root": {"handlers": ["stdout"], "level": log_level},
}

# The biggest answer form (100 categories, each a rating and a level-up box, plus name, v and
# the CSRF token) has 203 fields and well under 64 KiB of body; the admin's bulk actions post
# at most 100 ids. Requests past these limits are refused before any view runs: too many
# fields with 400, too big a body with 413 (assessor.views.bad_request), both logged to
# django.security. The builder reads its bigger posts under limits of its own (builder/limits.py).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 250
DATA_UPLOAD_MAX_MEMORY_SIZE = 512 * 1024

# Teams and rounds (issue 12): invitation and reminder emails, sent by a task worker.
SITE_URL = site_url.rstrip("/")
DEFAULT_FROM_EMAIL = SERVER_EMAIL = default_from_email
email = dj_email_url.parse(email_url) if email_url else {}
# Unset: the console with DEBUG, else Django's SMTP on localhost:25.
EMAIL_BACKEND = email.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = email.get("EMAIL_HOST") or "localhost"
EMAIL_PORT = email.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = email.get("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = email.get("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = email.get("EMAIL_USE_SSL", False)
EMAIL_FILE_PATH = email.get("EMAIL_FILE_PATH")
# A mail server that hangs holds up one worker for this long, never a web request.
EMAIL_TIMEOUT = email.get("EMAIL_TIMEOUT") or 10
# A failed send is tried again after this many seconds, doubling each time (5 tries in all).
EMAIL_RETRY_SECONDS = email_retry_seconds
# In development emails go out at once, inside the request; in production a separate
# `manage.py db_worker` process takes them from a queue in the database.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if DEBUG
        else "django_tasks_db.DatabaseBackend"
    }
}

# Trust (issue 14): abuse limits, the audit trail, retention.
# Answers through the public form per client address; "off" for load tests and benchmarks.
SUBMIT_RATE = submit_rate
# Requests to the read API per personal token (ASSESSOR_API_RATE); "off" for none.
API_RATE = api_rate
# Unset: X-Forwarded-For is ignored and the client is REMOTE_ADDR (limits/addresses.py).
TRUSTED_PROXIES = trusted_proxies
# Unset: kept until erased (manage.py purge_results / purge_audit).
RESULT_RETENTION_DAYS = result_retention_days
AUDIT_RETENTION_DAYS = audit_retention_days
# A person's latest result older than this is marked stale on the matrix and the experts list.
STALE_AFTER_DAYS = stale_after_days

# Second opinions (issue 22): colleagues' ratings show only as averages over at least this many
# reviewers; a member may ask at most this many colleagues in a round.
ASSESSOR_MIN_PEER_REVIEWS = min_peer_reviews
ASSESSOR_MAX_PEER_REVIEWS = max_peer_reviews

# Sign-in lock-out: 5 failures for one username from one address lock that pair for 15
# minutes, on the site's sign-in form and the admin's; a success resets the count.
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
OIDC_ISSUER_URL = oidc_issuer_url
OIDC_RP_CLIENT_ID = oidc_client_id
OIDC_RP_CLIENT_SECRET = oidc_client_secret
OIDC_PROVIDER_NAME = oidc_provider_name
OIDC_MANAGERS_GROUP = oidc_managers_group
OIDC_ONLY = oidc_only
OIDC_RP_SCOPES = "openid email profile" + (" groups" if oidc_managers_group else "")
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_USE_PKCE = True
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"
# The ID token is kept for the provider's sign-out link (its id_token_hint).
OIDC_STORE_ID_TOKEN = True
# A provider that hangs must not hold a worker for ever.
OIDC_TIMEOUT = 10

# The read API for BI tools (issue 23, the api app). Personal Bearer tokens are its only way in:
# no session authentication, so a signed-in browser reads nothing through it and no CSRF question
# arises. JSON only, in development too: the browsable API would need a session to be useful.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": ["api.authentication.TokenRate"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Assessor API",
    "DESCRIPTION": "Read-only: the assessments, people's latest results, teams and rounds that "
    "the token's owner may read on the manager pages.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
}
