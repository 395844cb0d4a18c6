"""Rendered pages written as files for nginx, with their fragments filled in."""

from __future__ import annotations

import gzip
import logging
from pathlib import Path

from dateline.pages import fragments, store

logger = logging.getLogger(__name__)


def write_file(
    path: str, tags: frozenset[str], tag_versions: tuple[int, ...], page: store.RenderedPage
) -> Path | None:
    """Write the page for nginx, its fragments filled in, under its tags and theirs."""
    target = store.file_for(path, page.content_type)
    if target is None:
        return None
    fragment_tags = fragments.tags_in(page.content) - tags
    fragment_versions = store.versions(fragment_tags)
    content = fragments.expand(page.content)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        store.write_atomically(target, content)
        if page.content_type.startswith(store.COMPRESSIBLE):
            store.write_atomically(target.with_name(target.name + ".gz"), gzip.compress(content, 6))
    except OSError:
        # The file is an optimisation for nginx; the page is served from the cache anyway.
        logger.warning("Could not write the rendered file %s", target, exc_info=True)
        return None
    (store.root() / ".tags").mkdir(parents=True, exist_ok=True)
    for tag in tags | fragment_tags:
        # One short line per write: appends of this size do not interleave.
        with open(store.tag_file(tag), "a", encoding="utf-8") as listing:
            listing.write(f"{target}\n")
    # A change that landed while we rendered: the purge may have missed this file.
    if store.versions(tags) != tag_versions or store.versions(fragment_tags) != fragment_versions:
        store.remove_file(target)
        return None
    return target
