"""Rendered pages written as files for nginx, their fragments left as SSI includes.

nginx fills in the includes (`ssi on`) from the fragments' own files, so that a page's
file carries its own tags only: a publication removes the fronts and the fragments it
changes, never the files of the articles around it.
"""

from __future__ import annotations

import gzip
import logging
from pathlib import Path

from dateline.pages import store

logger = logging.getLogger(__name__)

INCLUDE_MARK = b"<!--# include"


def write_file(
    path: str, tags: frozenset[str], tag_versions: tuple[int, ...], page: store.RenderedPage
) -> Path | None:
    """Write the page for nginx as rendered, under its tags."""
    target = store.file_for(path, page.content_type)
    if target is None or store.versions(tags) != tag_versions:
        # A change landed while we rendered: written now, the old page would be served
        # until the check below removed it.
        return None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        store.write_atomically(target, page.content)
        # nginx cannot run SSI on compressed bytes: a page with includes is compressed by
        # nginx as it goes out; the others are served precompressed.
        if page.content_type.startswith(store.COMPRESSIBLE) and INCLUDE_MARK not in page.content:
            store.write_atomically(
                target.with_name(target.name + ".gz"), gzip.compress(page.content, 6)
            )
        else:
            target.with_name(target.name + ".gz").unlink(missing_ok=True)
    except OSError:
        # The file is an optimisation for nginx; the page is served from the cache anyway.
        logger.warning("Could not write the rendered file %s", target, exc_info=True)
        return None
    (store.root() / ".tags").mkdir(parents=True, exist_ok=True)
    for tag in tags:
        # One short line per write: appends of this size do not interleave.
        with open(store.tag_file(tag), "a", encoding="utf-8") as listing:
            listing.write(f"{target}\n")
    # A change that landed since the check above: the purge may have missed this file.
    if store.versions(tags) != tag_versions:
        store.remove_file(target)
        return None
    return target
