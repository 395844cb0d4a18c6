"""Settings shared by every environment; values come from `config.env.OPTIONS`."""

from __future__ import annotations

import secrets
from datetime import timedelta

import dj_database_url
from django.utils.csp import CSP

from config.env import BASE_DIR, drop_root, read, read_bool, read_int, read_list, var_dir

VAR_DIR = var_dir()
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = read_bool("DEBUG")
ALLOWED_HOSTS = read_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = read_list("CSRF_TRUSTED_ORIGINS")


def _development_secret_key() -> str:
    """A key generated once per checkout, so that sessions survive restarts."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = read("SECRET_KEY") or _development_secret_key()

INSTALLED_APPS = [
    # The desk first, so that its templates (admin/base_site.html...) override the admin's,
    # then Django's admin with the desk's site as the default one, so that every app's
    # `@admin.register` lands on the desk at /desk/.
    "dateline.desk",
    "dateline.desk.apps.DeskAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks_db",
    "dateline.wires",
    "dateline.newsroom",
    "dateline.topics",
    "dateline.stories",
    "dateline.ingest",
    "dateline.demo",
    "dateline.site",
    "dateline.pages",
    "dateline.search",
    "dateline.feeds",
    "dateline.api",
    # django-ninja as an app: the API documentation's scripts come from our static files.
    "ninja",
    "django_prose_editor",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the page cache, so that a cached page carries the policy too.
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "dateline.pages.middleware.CompressionMiddleware",
    "dateline.pages.middleware.PageCacheMiddleware",
    "dateline.api.middleware.HeadAsGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during login into its response.
    "axes.middleware.AxesMiddleware",
]

# django-axes counts failed desk logins first, then the usual model backend checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "dateline.site.context_processors.edition",
            ],
        },
    }
]


def _database(url: str) -> dict:
    # Connections are kept (and checked) between requests and tasks on SQLite too: closing
    # the last connection to a WAL database checkpoints it, a cost paid on every close.
    config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        name = config["NAME"]
        if name and name != ":memory:" and not name.startswith("/"):
            config["NAME"] = str(BASE_DIR / name)
        # WAL lets readers go on while the ingest worker writes; IMMEDIATE takes the
        # write lock at BEGIN so that two writers queue instead of failing mid-transaction,
        # and the busy timeout is how long they queue. The engine is Django's, asking the
        # system checks' question without the lock (config/sqlite3).
        config["ENGINE"] = "config.sqlite3"
        timeout = float(read("DATELINE_SQLITE_TIMEOUT"))
        config["OPTIONS"] = {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                f"PRAGMA busy_timeout={int(timeout * 1000)};"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": timeout,
        }
    return config


DATABASES = {
    "default": _database(read("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'dateline.sqlite3'}")
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = read("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "dateline",
        }
    }
else:
    # Files, not process memory: the web workers and the ingest worker must see one another's
    # invalidations, or a page cached by one process outlives a change made in another.
    CACHES = {
        "default": {
            "BACKEND": "dateline.pages.filecache.SharedFileCache",
            "LOCATION": VAR_DIR / "cache",
            "KEY_PREFIX": "dateline",
            "OPTIONS": {"MAX_ENTRIES": 20_000, "CULL_FREQUENCY": 4},
        }
    }

# Argon2 first: new and re-saved passwords use it; older hashes still verify and upgrade on login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Background work (ingest polls) goes through Django's tasks framework; the database is
# the queue, so one machine needs nothing more and several workers share it safely.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}

LANGUAGE_CODE = read("LANGUAGE_CODE")
TIME_ZONE = read("TIME_ZONE")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}

DATELINE_SITE_NAME = read("DATELINE_SITE_NAME")
# Out of production the base URL follows the port the site is served on, so that
# `PORT=8100 make run` gives links that work; production settings require it explicitly.
DATELINE_SITE_URL = (read("DATELINE_SITE_URL") or f"http://127.0.0.1:{read('PORT')}").rstrip("/")
DATELINE_RECENT_STORIES = read_int("DATELINE_RECENT_STORIES")
DATELINE_RUN_IN_DATE = read("DATELINE_RUN_IN_DATE").strip().lower()
DATELINE_RAW_INPUT_DAYS = read_int("DATELINE_RAW_INPUT_DAYS")
DATELINE_DROP_ROOT = drop_root()
DATELINE_WORKER_LEASE = float(read("DATELINE_WORKER_LEASE"))
DATELINE_RECOGNISER = read("DATELINE_RECOGNISER")
DATELINE_RENDER_FILES = read_bool("DATELINE_RENDER_FILES")
DATELINE_RENDERED_DIR = VAR_DIR / "rendered"
DATELINE_CDN_PURGE_URL = read("DATELINE_CDN_PURGE_URL")
DATELINE_CDN_PURGE_METHOD = "PURGE"
# Readers revalidate every time (a 304 is cheap) so that no reader keeps a stale article;
# with a CDN in front, its purge hook does the same job for shared copies.
DATELINE_PAGE_CACHE_CONTROL = "public, max-age=0, must-revalidate"
DATELINE_PUSH_RATE_LIMIT = read("DATELINE_PUSH_RATE_LIMIT")
DATELINE_FEED_FULL_CONTENT = read_bool("DATELINE_FEED_FULL_CONTENT")
DATELINE_WEBSUB_HUB = read("DATELINE_WEBSUB_HUB").strip()
DATELINE_TWITTER_SITE = read("DATELINE_TWITTER_SITE").strip()

# The desk's login: a username is locked out from one address after repeated failures (never
# the username alone, or a stranger could lock an editor out), and a successful login clears
# the count. The address is the client's as the trusted proxy saw it.
AXES_FAILURE_LIMIT = read_int("DATELINE_LOGIN_FAILURE_LIMIT")
AXES_COOLOFF_TIME = timedelta(minutes=read_int("DATELINE_LOGIN_LOCKOUT_MINUTES"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "dateline.desk.addresses.client_address"
DATELINE_TRUSTED_PROXIES = frozenset(read_list("DATELINE_TRUSTED_PROXIES"))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "desk/locked_out.html"
AXES_VERBOSE = False
# Scripts only from our own files (the admin's inline import map carries the request's nonce);
# inline styles are allowed, since an article page hides itself from the shared lists with
# one; pictures from any http(s) host, as wire copy links them.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "https:", "http:", "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
}

# The desk's session ends with the browser and after a working day without use.
SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LOGIN_URL = "admin:login"
OTP_TOTP_ISSUER = DATELINE_SITE_NAME

if DEBUG:
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = True
