"""Settings behind a TLS-terminating proxy: SECRET_KEY must come from the environment."""

from config.env import read
from config.settings.base import *  # noqa: F403

if not read("SECRET_KEY"):
    raise RuntimeError("SECRET_KEY must be set in production (see the README's configuration).")

if not read("DATELINE_SITE_URL"):
    # Links in pages, feeds and sitemaps must name the public host, never a guess.
    raise RuntimeError("DATELINE_SITE_URL must be set in production (the public base URL).")

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# The header only asks; the domain joins browsers' preload lists when its owner submits it.
SECURE_HSTS_PRELOAD = True
# `__Host-` cookies are HTTPS-only, for this host only, for the whole site: a sibling
# subdomain cannot set or read the desk's session or CSRF cookie.
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
