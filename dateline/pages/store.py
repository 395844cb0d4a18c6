"""Where rendered pages are kept: the shared cache (for the application) and files (for nginx).

Each tag has a version number in the cache. A page is cached under its path and the
versions of its tags, so that bumping a tag's version makes every page with that tag miss
at once, in every process, with nothing to enumerate. The files for nginx cannot be found
by version, so each tag also keeps a list of the files written under it, and a purge
deletes them.

A render that raced with a change must not outlive it: a page is written first, its tags
recorded, and only then are the versions read again; if one moved, the file is removed.
The purge bumps versions before deleting files, so one of the two always catches it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
import tempfile
import uuid
from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

PAGE_LIFETIME = 24 * 60 * 60
COMPRESSIBLE = (
    "text/",
    "application/xml",
    "application/rss",
    "application/atom",
    "application/json",
    "application/feed",
)


# Headers of the view's response that belong to the page and are kept with it.
KEPT_HEADERS = ("Link", "Content-Language", "X-Robots-Tag")


@dataclass(frozen=True)
class RenderedPage:
    content: bytes
    content_type: str
    etag: str
    last_modified: str
    headers: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(
        cls,
        content: bytes,
        content_type: str,
        last_modified: str | None = None,
        headers: tuple[tuple[str, str], ...] = (),
    ) -> RenderedPage:
        """A page and its validators; Last-Modified is the view's own when it gave one."""
        digest = hashlib.blake2b(content, digest_size=12).hexdigest()
        return cls(
            content,
            content_type,
            f'"{digest}"',
            last_modified or formatdate(usegmt=True),
            headers,
        )


def _version_key(tag: str) -> str:
    return f"pages:v:{tag}"


def versions(tags: frozenset[str] | set[str]) -> tuple[int, ...]:
    """The tags' current versions, in tag order.

    A tag without one (never bumped, or its key evicted by a full cache) gets a new one
    here: were a missing version read as 0, a page cached under 0 before an eviction could
    come back after it, stale.
    """
    ordered = sorted(tags)
    found = cache.get_many([_version_key(tag) for tag in ordered])
    missing = [tag for tag in ordered if _version_key(tag) not in found]
    if missing:
        for tag in missing:
            cache.add(_version_key(tag), _new_version(), None)
        found |= cache.get_many([_version_key(tag) for tag in missing])
    return tuple(found.get(_version_key(tag), 0) for tag in ordered)


def _new_version() -> int:
    # Random, not from the clock: a clock that stands still (a pinned one in tests, two
    # bumps in one tick) left 1,000 values, and a bump that drew its page's version again
    # let the stale page stand.
    return secrets.randbits(62)


def page_key(path: str, tags: frozenset[str], tag_versions: tuple[int, ...]) -> str:
    signature = ",".join(f"{t}={v}" for t, v in zip(sorted(tags), tag_versions, strict=True))
    # The base URL is in every canonical link: a restart on another port (or a new
    # DATELINE_SITE_URL) must not serve pages that link to the old one from the shared cache.
    base = settings.DATELINE_SITE_URL
    digest = hashlib.blake2b(f"{base}|{path}|{signature}".encode(), digest_size=16).hexdigest()
    return f"pages:page:{digest}"


def get(path: str, tags: frozenset[str], tag_versions: tuple[int, ...]) -> RenderedPage | None:
    return cache.get(page_key(path, tags, tag_versions))


# Pages that change with the clock alone (the news sitemap's 48-hour window) live briefly.
SHORT_LIVED_TAGS = frozenset({"sitemaps"})
SHORT_LIFETIME = 5 * 60


def lifetime(tags: frozenset[str]) -> int:
    return SHORT_LIFETIME if tags & SHORT_LIVED_TAGS else PAGE_LIFETIME


def put(path: str, tags: frozenset[str], tag_versions: tuple[int, ...], page: RenderedPage):
    cache.set(page_key(path, tags, tag_versions), page, lifetime(tags))


def bump(tags: set[str]) -> None:
    """Give each tag a version no page was cached under.

    A new unique value, not an increment: two processes bumping one tag at once on a cache
    without an atomic increment (files) could otherwise both write the same next number
    and let a page rendered between the two changes stand.
    """
    # A tag without a version has no page cached under it: a reader gives it one before
    # rendering (`versions`), so its page is either read after this change committed or
    # its version is here to be replaced. Most tags of new wire copy have none yet.
    present = cache.get_many([_version_key(tag) for tag in tags])
    if present:
        version = _new_version()
        cache.set_many({key: version for key in present}, None)


# Files for nginx ----------------------------------------------------------------------


def root() -> Path:
    return Path(settings.DATELINE_RENDERED_DIR)


def file_for(path: str, content_type: str) -> Path | None:
    """The file nginx looks for a URL path in, or None for paths a file cannot stand for."""
    if ".." in path or not path.startswith("/"):
        return None
    if path.endswith("/"):
        extension = "html"
        if "xml" in content_type:
            extension = "xml"
        elif "json" in content_type:
            extension = "json"
        return root() / path.lstrip("/") / f"index.{extension}"
    return root() / path.lstrip("/")


def tag_file(tag: str) -> Path:
    return root() / ".tags" / tag.replace("/", "_")


def write_atomically(target: Path, content: bytes) -> None:
    """Write beside the target and rename, so that nginx never reads half a page.

    The temporary name is unique per writer: threads of one process render the same page
    at once under load.
    """
    descriptor, partial = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
        os.chmod(partial, 0o644)  # nginx's workers run as another user
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def remove_file(target: Path) -> None:
    for candidate in (target, target.with_name(target.name + ".gz")):
        candidate.unlink(missing_ok=True)


def purge_files(tags: set[str]) -> list[str]:
    """Delete the files of pages with these tags; returns their URL paths."""
    removed: list[str] = []
    for tag in tags:
        listing = tag_file(tag)
        # Take the listing away first, so that writes from now on start a new one; the
        # name is unique per purge, as two threads may purge the same tag at once.
        taken = listing.with_name(f".{listing.name}.{uuid.uuid4().hex}.purge")
        try:
            listing.replace(taken)
        except FileNotFoundError:
            continue
        for line in taken.read_text(encoding="utf-8").splitlines():
            target = Path(line)
            remove_file(target)
            removed.append(url_path_of(target))
        taken.unlink(missing_ok=True)
    return removed


def url_path_of(target: Path) -> str:
    relative = "/" + str(target.relative_to(root()))
    if target.name.startswith("index."):
        return relative.rsplit("/", 1)[0] + "/"
    return relative
