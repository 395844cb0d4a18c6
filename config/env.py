"""Every setting dateline reads from the environment, as one table.

Each row has the environment variable, a default that works on a laptop and one line
of help. The README's configuration table is checked against this table by a test.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Option:
    env: str
    default: str
    help: str


OPTIONS: tuple[Option, ...] = (
    Option(
        "DATABASE_URL",
        "",
        "Database: `sqlite:///path` (WAL mode) or `postgres://user@host:5432/name`; "
        "empty is the SQLite file `dateline.sqlite3` in `DATELINE_VAR_DIR`.",
    ),
    Option(
        "REDIS_URL",
        "",
        "Redis for the shared cache, e.g. `redis://127.0.0.1:6379/0`; "
        "empty keeps the cache in files under `var/cache/`, shared by the processes "
        "of one machine.",
    ),
    Option(
        "SECRET_KEY",
        "",
        "Django's signing key; when empty outside production one is "
        "generated once and kept in `var/secret_key`.",
    ),
    Option("DEBUG", "false", "`true` shows Django's debug pages; never in production."),
    Option("ALLOWED_HOSTS", "127.0.0.1,localhost", "Comma-separated host names the site answers."),
    Option("CSRF_TRUSTED_ORIGINS", "", "Comma-separated origins (https://example.com) for forms."),
    Option(
        "DATELINE_SITE_NAME",
        "dateline",
        "The publication's name, in the masthead, credits and metadata.",
    ),
    Option(
        "DATELINE_SITE_URL",
        "",
        "Public base URL, for canonical links, feeds, sitemaps and the API; empty outside "
        "production means `http://127.0.0.1:$PORT`, the address `make run` serves; "
        "production requires it.",
    ),
    Option("TIME_ZONE", "UTC", "The edition's time zone for printed times (IANA name)."),
    Option("LANGUAGE_CODE", "en-us", "The edition's language and locale."),
    Option(
        "DATELINE_VAR_DIR",
        "var",
        "Folder for the SQLite file, the generated secret key and "
        "collected static files (relative to the project).",
    ),
    Option(
        "DATELINE_DROP_ROOT",
        "",
        "Folder every drop-folder source's location must lie under (symlinks in it are "
        "never followed); empty is `drop/` in `DATELINE_VAR_DIR`.",
    ),
    Option(
        "DATELINE_SQLITE_TIMEOUT",
        "20",
        "Seconds a write on SQLite waits for the write lock before giving up "
        "(a burst of ingest and desk saves queues within it).",
    ),
    Option(
        "DATELINE_WORKER_LEASE",
        "30",
        "Seconds without a heartbeat after which a worker counts as gone: its running task "
        "is run again and `/healthz` answers 503.",
    ),
    Option(
        "DATELINE_RAW_INPUT_DAYS",
        "30",
        "Days to keep wire input exactly as received "
        "(parsed wire items and quarantined input stay).",
    ),
    Option(
        "DATELINE_RECOGNISER",
        "spacy",
        "Named-entity recogniser the tagger uses for names "
        "it does not know yet: `spacy` (offline small English model) or `none`.",
    ),
    Option(
        "DATELINE_RUN_IN_DATE",
        "differs",
        "When the article's opening run-in (`WASHINGTON (dateline / Agency) –`) also gives "
        "the dateline date, as in `WASHINGTON (dateline / Agency - 18th July, 2023) –`: "
        "`differs` (only when it is not the publication date), `always` or `never`. "
        "Copy with no place opens with no run-in.",
    ),
    Option("DATELINE_RECENT_STORIES", "15", "How many teasers the Recent Stories list shows."),
    Option(
        "DATELINE_PUSH_RATE_LIMIT",
        "120/minute",
        "Pushes each API token may make (`N/second`, `minute`, `hour` or `day`); "
        "more answer 429 with Retry-After.",
    ),
    Option(
        "DATELINE_FEED_FULL_CONTENT",
        "false",
        "`true` puts the whole article body in RSS, Atom and JSON Feed items; "
        "`false` gives the standfirst only (agency contracts often forbid full copy).",
    ),
    Option(
        "DATELINE_WEBSUB_HUB",
        "",
        "WebSub hub URL announced in every feed and pinged when an article changes; "
        "empty announces and pings none.",
    ),
    Option(
        "DATELINE_TWITTER_SITE",
        "",
        "The publication's X/Twitter @handle for `twitter:site` on pages; empty leaves it out.",
    ),
    Option(
        "DATELINE_LOGIN_FAILURE_LIMIT",
        "5",
        "Failed desk logins for one username from one address before it is locked out.",
    ),
    Option(
        "DATELINE_TRUSTED_PROXIES",
        "127.0.0.1,::1",
        "Comma-separated addresses of the reverse proxies (nginx) whose `X-Real-IP` / "
        "`X-Forwarded-For` name the client, for the login lockout.",
    ),
    Option(
        "DATELINE_LOGIN_LOCKOUT_MINUTES",
        "15",
        "How long a locked-out desk login waits before it may try again.",
    ),
    Option(
        "DATELINE_RENDER_FILES",
        "true",
        "Also write rendered anonymous pages under "
        "`var/rendered/` for nginx to serve (see `make serve-prod`).",
    ),
    Option(
        "DATELINE_CDN_PURGE_URL",
        "",
        "URL template a CDN purge is sent to for each stale "
        "page, e.g. `https://cdn.example/purge/{path}`; empty sends none.",
    ),
    Option("PORT", "8000", "Port `make run` serves on (127.0.0.1)."),
    Option("WEB_CONCURRENCY", "2", "gunicorn worker processes for `make run`."),
)

_BY_ENV = {option.env: option for option in OPTIONS}


def read(env: str) -> str:
    """The value of a setting from the environment, or its default when unset or empty."""
    return os.environ.get(env) or _BY_ENV[env].default


def read_bool(env: str) -> bool:
    return read(env).strip().lower() in {"1", "true", "yes", "on"}


def read_list(env: str) -> list[str]:
    return [part.strip() for part in read(env).split(",") if part.strip()]


def read_int(env: str) -> int:
    try:
        return int(read(env))
    except ValueError:
        return int(_BY_ENV[env].default)


def drop_root() -> Path:
    configured = read("DATELINE_DROP_ROOT")
    if not configured:
        return var_dir() / "drop"
    path = Path(configured)
    return path if path.is_absolute() else BASE_DIR / path


def var_dir() -> Path:
    path = Path(read("DATELINE_VAR_DIR"))
    return path if path.is_absolute() else BASE_DIR / path
