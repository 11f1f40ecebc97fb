"""Settings shared by every environment. All configuration comes from the environment."""

import collections
import math
import os
import zlib
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",  # the form renderer finds Django's own widget templates beside ours
    "django.contrib.postgres",
    "django.contrib.humanize",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "django_htmx",
    "csp",
    "axes",
    "mozilla_django_oidc",
    "rules.apps.AutodiscoverRulesConfig",
    "plan",
    "konto",
    "samverkan",
    "uppfoljning",
    "synpunkter",
    "aviseringar",
    "indikatorer",
    "jamlik",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "jamlik.ops.middleware.RequestLogMiddleware",
    "jamlik.ops.middleware.RequestTooLargeMiddleware",
    # Outside everything that renders: a hit skips the rest (its stored headers include the CSP).
    "jamlik.ops.public_cache.PublicCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "jamlik.ops.middleware.DatabaseUnavailableMiddleware",
    "jamlik.ops.middleware.RejectNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "jamlik.ops.middleware.SwedishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "jamlik.ops.sessions.SlidingSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "jamlik.ops.middleware.PrivacyHeadersMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "konto.middleware.LoginAddressThrottleMiddleware",
]

ROOT_URLCONF = "jamlik.urls"
WSGI_APPLICATION = "jamlik.wsgi.application"
ASGI_APPLICATION = "jamlik.asgi.application"

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
                "jamlik.web.context.portal",
                "aviseringar.context.olasta",
                "konto.context.inloggning",
            ],
        },
    }
]

# Every form renders through templates/django/forms/ (field.html, div.html, widgets/…): label,
# hint, error message, counter and an error summary, the same on every page (Designsystemet markup).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# The city's colours, laid over Designsystemet's default theme by /tema.css (jamlik/web/tema.py).
# Each value is a CSS colour; text colours keep at least 4.5:1 on white, borders at least 3:1.
PORTAL_THEME = {
    "accent": env("PORTAL_THEME_ACCENT", "#004f8c"),  # buttons, links: 8.4:1 on white
    "accent_hover": env("PORTAL_THEME_ACCENT_HOVER", "#003d6d"),
    "accent_active": env("PORTAL_THEME_ACCENT_ACTIVE", "#002b4d"),
    "accent_text": env("PORTAL_THEME_ACCENT_TEXT", "#002744"),
    "accent_tinted": env("PORTAL_THEME_ACCENT_TINTED", "#e6eff6"),
    "accent_surface_hover": env("PORTAL_THEME_ACCENT_SURFACE_HOVER", "#cddff0"),
    "accent_border_subtle": env("PORTAL_THEME_ACCENT_BORDER_SUBTLE", "#9cbfdc"),
    "header": env("PORTAL_THEME_HEADER", "#004f8c"),
    "focus": env("PORTAL_THEME_FOCUS", "#ffbf47"),
}

# SQLite in the working tree unless DATABASE_URL names a real server.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=int(env("DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "konto.oidc.PortalOIDCBackend",
    "rules.permissions.ObjectPermissionBackend",
    "jamlik.rules.PortalModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "uppfoljning:inloggad_start"  # planägare → their overview, officials → Mina rapporter
LOGOUT_REDIRECT_URL = "/"

# Single sign-on over OpenID Connect (konto/oidc.py, mozilla-django-oidc): on when a client id is set.
# Users are matched by the provider's stable `sub` (konto.OidcIdentitet), created on first sign-in
# unless OIDC_CREATE_USER is off. With OIDC_ORGANISATION_CLAIM set (a claim holding organisation
# slugs), memberships follow the provider at every sign-in; without it they are kept in the portal.
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID", "")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", "openid email profile")
OIDC_OP_ISSUER = env("OIDC_OP_ISSUER", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_OP_LOGOUT_ENDPOINT = env("OIDC_OP_LOGOUT_ENDPOINT", "")
OIDC_CREATE_USER = env_bool("OIDC_CREATE_USER", True)
OIDC_USERNAME_CLAIM = env("OIDC_USERNAME_CLAIM", "preferred_username")
OIDC_ORGANISATION_CLAIM = env("OIDC_ORGANISATION_CLAIM", "")
OIDC_STORE_ID_TOKEN = True  # for the provider's end_session at logout (id_token_hint)
OIDC_USE_NONCE = True
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_authentication_callback"
LOGIN_REDIRECT_URL_FAILURE = "/konto/logga-in/?sso=fel"
# Local passwords (username + password form, admin login). Production turns them off when single
# sign-on is configured, unless LOCAL_LOGIN_ENABLED says otherwise.
LOCAL_LOGIN_ENABLED = env_bool("LOCAL_LOGIN_ENABLED", True)
# Password reset by e-mail (konto/losenord.py), offered only while local passwords are on. A link is
# valid PASSWORD_RESET_TIMEOUT seconds and once; one address may ask PASSWORD_RESET_MAX_PER_ADDRESS
# times per hour (then 429), one e-mail address gets at most PASSWORD_RESET_MAX_PER_EMAIL mails per hour.
PASSWORD_RESET_ENABLED = env_bool("PASSWORD_RESET_ENABLED", True)
PASSWORD_RESET_TIMEOUT = int(env("PASSWORD_RESET_MINUTES", "60")) * 60
PASSWORD_RESET_MAX_PER_ADDRESS = int(env("PASSWORD_RESET_MAX_PER_ADDRESS", "10"))
PASSWORD_RESET_MAX_PER_EMAIL = int(env("PASSWORD_RESET_MAX_PER_EMAIL", "3"))

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("Engelska"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Uploaded attachments and compiled reports: never under STATIC_ROOT, never served as static.
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media/"

# Cache: Redis when REDIS_URL is set, otherwise in-process memory.
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "jamlik.ops.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "jamlik",
            # A Redis that does not answer must not hold a request up: degrade to no cache quickly.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
        # Rate limits and login-failure counters: shared through Redis, in process memory while it is down.
        "throttle": {
            "BACKEND": "jamlik.ops.cache.LocalFallbackRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "jamlik-throttle",
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "throttle": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "throttle"},
    }

# Whole-response cache of public reads (jamlik/ops/public_cache.py): anonymous GET/HEAD answered from
# the cache under the published-data version (jamlik/ops/published.py). TIMEOUT bounds how long an
# entry lives in the cache; MAX_AGE is what browsers and a reverse proxy may reuse without asking
# (after that they revalidate with If-None-Match and get a 304 while nothing was published).
PUBLIC_CACHE_ENABLED = env_bool("PUBLIC_CACHE", True)
PUBLIC_CACHE_TIMEOUT = int(env("PUBLIC_CACHE_TIMEOUT", str(15 * 60)))
PUBLIC_CACHE_MAX_AGE = int(env("PUBLIC_CACHE_MAX_AGE", "60"))
PUBLIC_CACHE_EXCLUDE = ("/admin/", "/health/", "/konto/", "/i18n/")
# With Redis each process follows the published-data version over pub/sub and keeps the entries it
# served in memory too (at most this many bytes of content per process; 0 keeps none).
PUBLISHED_VERSION_FOLLOW = env_bool("PUBLISHED_VERSION_FOLLOW", True)
PUBLIC_CACHE_LOCAL_BYTES = int(env("PUBLIC_CACHE_LOCAL_BYTES", str(32 * 1024 * 1024)))
# Parts of public pages that show only the plan (texts, roles, organisations, strategies) cached
# under the plan-data version, which approvals and other follow-up data do not bump
# (jamlik/ops/fragments.py): a miss after an approval renders only what shows follow-up data.
PLAN_FRAGMENT_CACHE = env_bool("PLAN_FRAGMENT_CACHE", True)
# Plan fragments a process keeps in its own memory while it follows the plan-data version.
PLAN_FRAGMENT_LOCAL_BYTES = int(env("PLAN_FRAGMENT_LOCAL_BYTES", str(16 * 1024 * 1024)))
# An identifier of the deployed code (e.g. the commit): part of every cached response's key.
RELEASE = env("RELEASE", "")

# Celery: through Redis when REDIS_URL is set; without it, tasks run in-process (eager).
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# Job state lives in the database (e.g. Uppfoljningsrapport), never in Celery results. Without
# results, sending a task never touches the result backend: its Redis subscriber does not survive
# a Redis outage ("the Celery application must be restarted"), the broker connection does.
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 14 * 60
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": int(env("CELERY_VISIBILITY_TIMEOUT", str(20 * 60)))}
CELERY_TIMEZONE = TIME_ZONE
# Celery beat (`celery -A jamlik beat`, exactly one process): notifications computed from the
# calendar, and a catch-up of unsent e-mail (mail server down). Every task is idempotent, so a
# duplicated or late run sends nothing twice. Other parts add their entries here.
CELERY_BEAT_SCHEDULE = {
    "aviseringar-skicka": {"task": "aviseringar.skicka", "schedule": crontab(minute="*/5")},
    "aviseringar-period-oppnad": {"task": "aviseringar.period_oppnad", "schedule": crontab(hour=7, minute=0)},
    "aviseringar-sista-dag-narmar": {"task": "aviseringar.sista_dag_narmar", "schedule": crontab(hour=7, minute=10)},
    "aviseringar-forsenad": {"task": "aviseringar.forsenad", "schedule": crontab(hour=7, minute=20)},
    "aviseringar-veckosammanfattning": {
        "task": "aviseringar.veckosammanfattning",
        "schedule": crontab(hour=7, minute=30, day_of_week="mon"),
    },
    # Kolada publishes new values a few times a year; weekly is enough and unchanged runs write nothing.
    "indikatorer-kolada": {
        "task": "indikatorer.hamta_kolada",
        "schedule": crontab(hour=4, minute=15, day_of_week="sun"),
    },
}

# E-mail (notifications): SMTP configured from the environment. local.py prints to the console.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Jämlik stad <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The portal's own address, for the absolute links in e-mails (no request to take it from).
PORTAL_BASE_URL = env("PORTAL_BASE_URL", "http://127.0.0.1:8000")
# Notifications: how many days before the last day "sista dag närmar sig" is sent, and for how
# many days after it "försenad" is (older periods are history, not news).
AVISERINGAR_DAGAR_FORE = int(env("AVISERINGAR_DAGAR_FORE", "7"))
AVISERINGAR_FORSENAD_DAGAR = int(env("AVISERINGAR_FORSENAD_DAGAR", "30"))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "knox.auth.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "jamlik.api.pagination.StrictLimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "jamlik.api.schema.PortalAutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "jamlik.api.throttling.AnonRateThrottle",
        "jamlik.api.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON", "120/min"),
        "user": env("API_THROTTLE_USER", "600/min"),
    },
    "EXCEPTION_HANDLER": "jamlik.api.errors.exception_handler",
    "DEFAULT_PARSER_CLASSES": [
        "jamlik.api.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
}
# API keys (django-rest-knox): stored as SHA-512 digests, sent as `Authorization: Token <key>`, each
# with an expiry; revoked when the password changes or the account is deactivated (konto/signals.py).
# The prefix makes a leaked key recognisable to secret scanners.
API_TOKEN_TTL_DAYS = int(env("API_TOKEN_TTL_DAYS", "90"))
API_TOKEN_MAX_DAYS = int(env("API_TOKEN_MAX_DAYS", "365"))
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=API_TOKEN_TTL_DAYS),
    "TOKEN_PREFIX": "jamlik_",
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": _("Jämlik stad – öppet API"),
    "DESCRIPTION": _(
        "En kommuns planer som öppna data: planer, målområden, strategier, förutsättningar, organisationer, "
        "aktiviteter, strategimatrisen och uppföljning. Innehåll som hör till en plan har fältet och filtret "
        "`plan`; kortnamn (slug) är unika inom en plan."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No deep links: Swagger UI puts them as links inside the operation's button (nested interactive).
    # Plain code samples: the highlighter's colours fall below 4.5:1 on its dark background.
    "SWAGGER_UI_SETTINGS": {"deepLinking": False, "syntaxHighlight": False},
    "COMPONENT_SPLIT_REQUEST": True,
    # Two models have a field called "status" with different value lists: name them apart.
    "ENUM_NAME_OVERRIDES": {
        "StatusrapportStatusEnum": "uppfoljning.choices.Status",
        "JobbstatusEnum": "uppfoljning.choices.Jobbstatus",
        "OmradesnivaEnum": "indikatorer.choices.Niva",  # an area's level and an indicator's comparison level
    },
}

# Uploads: what a file is follows from its content, never its name (jamlik/uploads.py).
ATTACHMENT_MAX_BYTES = int(env("ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024)))
ATTACHMENT_MAX_PER_REPORT = int(env("ATTACHMENT_MAX_PER_REPORT", "10"))
# ZIP-based formats (.docx, .xlsx): entries and total uncompressed size, checked before any parser runs.
UPLOAD_ZIP_MAX_ENTRIES = int(env("UPLOAD_ZIP_MAX_ENTRIES", "2000"))
UPLOAD_ZIP_MAX_UNCOMPRESSED_BYTES = int(env("UPLOAD_ZIP_MAX_UNCOMPRESSED_MB", "100")) * 1024 * 1024
# A body larger than this is refused from its Content-Length header, before it is read (413).
# The reverse proxy's limit (nginx client_max_body_size) should be the same or lower.
REQUEST_MAX_BYTES = int(env("REQUEST_MAX_MB", "12")) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = REQUEST_MAX_BYTES

# Indicators (indikatorer/): area statistics files, and Kolada's open API.
INDIKATORER_IMPORT_MAX_BYTES = int(env("INDIKATORER_IMPORT_MAX_MB", "10")) * 1024 * 1024
# A file may hold values for the plan's years and this many years before it (a baseline to compare with).
INDIKATORER_JAMFORELSEAR = int(env("INDIKATORER_JAMFORELSEAR", "10"))
KOLADA_BASE_URL = env("KOLADA_BASE_URL", "https://api.kolada.se/v3/")
KOLADA_TIMEOUT = float(env("KOLADA_TIMEOUT", "20"))  # seconds per request (connect and read)
KOLADA_RETRIES = int(env("KOLADA_RETRIES", "4"))  # attempts per page after the first
KOLADA_BACKOFF = float(env("KOLADA_BACKOFF", "2"))  # seconds before the first retry, doubled each time
KOLADA_PER_PAGE = int(env("KOLADA_PER_PAGE", "5000"))

# Security defaults for every environment; production.py adds the HTTPS-only parts.
# Strict Content-Security-Policy: no inline scripts or styles, nothing from other origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}


def csp_allowing_sso_logout(policy: dict, logout_endpoint: str) -> dict:
    """The logout form posts to the portal, which redirects to the provider's end_session endpoint:
    form-action must allow that origin, or the browser stops the redirect."""
    if not logout_endpoint:
        return policy
    parts = urlsplit(logout_endpoint)
    directives = {**policy["DIRECTIVES"], "form-action": ["'self'", f"{parts.scheme}://{parts.netloc}"]}
    return {**policy, "DIRECTIVES": directives}


CONTENT_SECURITY_POLICY = csp_allowing_sso_logout(CONTENT_SECURITY_POLICY, OIDC_OP_LOGOUT_ENDPOINT)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Sliding sessions (jamlik.ops.sessions): a session ends after SESSION_COOKIE_AGE seconds without
# a request, and at the latest SESSION_MAX_AGE seconds after login; pages warn
# SESSION_WARNING_SECONDS before the end with a button that extends it (/konto/forlang/).
SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE", str(2 * 60 * 60)))
SESSION_MAX_AGE = int(env("SESSION_MAX_AGE", str(10 * 60 * 60)))  # a long working day
SESSION_REFRESH_SECONDS = int(env("SESSION_REFRESH_SECONDS", "300"))
SESSION_WARNING_SECONDS = int(env("SESSION_WARNING_SECONDS", "300"))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_SAMESITE = "Lax"

# Brute-force protection of the login (django-axes): lock a username+IP after repeated failures.
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(env("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_IPWARE_PROXY_COUNT = int(env("PROXY_COUNT", "0")) or None
AXES_VERBOSE = False
# And per address across usernames (konto/inloggning.py): past this many failures in the window, the
# address gets 429 on the login forms until the window ends, and the event is logged. 0 switches it off.
LOGIN_IP_FAILURE_LIMIT = int(env("LOGIN_IP_FAILURE_LIMIT", "30"))
LOGIN_IP_WINDOW_SECONDS = int(env("LOGIN_IP_WINDOW_MINUTES", "15")) * 60

# Structured logs: one JSON object per line, no personal data (no names, no query strings).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "jamlik.ops.logging.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}


SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_BITS = 200  # a Django-generated key (50 of 50 symbols) scores at least ~213 on this estimate
SECRET_KEY_MIN_ZLIB_RATIO = 0.75  # random text does not compress; a key of 64 hex digits stays above 0.8


def secret_key_entropy_bits(value: str) -> float:
    """An estimate of a key's entropy: its length times the Shannon entropy of its own characters."""
    counts = collections.Counter(value)
    return abs(sum(n * math.log2(n / len(value)) for n in counts.values()))


def require_secret_key(value: str | None) -> str:
    """Refuse a key that is short, a placeholder or not random: fewer than 5 distinct characters
    (Django's own check), an estimated entropy under SECRET_KEY_MIN_BITS, or text that compresses
    well (a repeated phrase). Generate one with `python -c "import secrets; print(secrets.token_urlsafe(50))"`."""
    hint = " Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    if not value or value.startswith("django-insecure") or len(value) < SECRET_KEY_MIN_LENGTH:
        raise ImproperlyConfigured(
            f"SECRET_KEY must be set to a random value of at least {SECRET_KEY_MIN_LENGTH} characters in production."
            + hint
        )
    bits = secret_key_entropy_bits(value)
    ratio = len(zlib.compress(value.encode(), 9)) / len(value.encode())
    if len(set(value)) < 5 or bits < SECRET_KEY_MIN_BITS or ratio < SECRET_KEY_MIN_ZLIB_RATIO:
        raise ImproperlyConfigured(
            f"SECRET_KEY is not random enough (estimated {bits:.0f} bits, at least {SECRET_KEY_MIN_BITS} needed; "
            f"it compresses to {ratio:.0%} of its length)." + hint
        )
    return value


SIMPLE_HISTORY_REVERT_DISABLED = True  # a revert would bypass the workflow and the version check

# The portal's name in its header and titles; the plan's own name comes from the data.
PORTAL_NAMN = env("PORTAL_NAMN", "Jämlik stad")
# When several municipalities share the portal: the slug of the one whose plan the short addresses show.
PORTAL_KOMMUN = env("PORTAL_KOMMUN", "")

# The organisation behind the portal, named in the accessibility statement (tillgänglighetsredogörelse).
PORTAL_HUVUDMAN = env("PORTAL_HUVUDMAN", "Göteborgs Stad")

# Synpunkter on accessibility (the statement's feedback form): stored, then e-mailed to these
# addresses (comma-separated; none → stored and listed in the admin only). At most
# SYNPUNKT_MAX_PER_HOUR per sender address per hour, counted in the database.
SYNPUNKT_RECIPIENTS = env_list("SYNPUNKT_EPOST")
SYNPUNKT_MAX_PER_HOUR = int(env("SYNPUNKT_MAX_PER_HOUR", "5"))
