"""Production settings: refuse to start without a real secret key; HTTPS everywhere."""

from .base import *  # noqa: F403
from .base import OIDC_ENABLED, env, env_bool, env_list, require_secret_key

DEBUG = False
SECRET_KEY = require_secret_key(env("SECRET_KEY"))
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE", str(8 * 60 * 60)))
# Local passwords are off once single sign-on is configured (unless LOCAL_LOGIN_ENABLED=true).
LOCAL_LOGIN_ENABLED = env_bool("LOCAL_LOGIN_ENABLED", not OIDC_ENABLED)
