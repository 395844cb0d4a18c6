"""Articles as IPTC ninjs 2.2 documents.

The output keeps to what ninjs 2.0, 2.1 and 2.2 share, so a receiver pinned to any 2.x
schema accepts it; the tests validate it against all three official schemas. ninjs has no
dateline or credit line: the dateline's place goes to `located` (nar:located) and the credit
to `copyrightholder`; topics go to `subjects`, `people`, `organisations`, `places` and
`events` by their kind.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from dateline.core.text import html_to_text
from dateline.newsroom.models import Article

NINJS_VERSION = "2.2"
NINJS_SCHEMA_URI = "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json"
NINJS_MEDIA_TYPE = "application/ninjs+json"

# Topic kinds to the ninjs arrays that hold them (all nar:subject in NewsML-G2).
_ARRAY_BY_KIND = {
    "person": "people",
    "organisation": "organisations",
    "place": "places",
    "event": "events",
    "subject": "subjects",
}
_WORD = re.compile(r"\w+")


def ninjs_time(value: datetime) -> str:
    """RFC 3339 in UTC with a `Z`, the form the schemas' `date-time` format expects."""
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def article_uri(article: Article, site_url: str) -> str:
    # The id URL never changes, whatever happens to the headline and slug; ninjs asks that
    # `uri` identify the item, so the canonical (slugged) URL goes to a rendition instead.
    return f"{site_url}/article/{article.pk}/"


def article_to_ninjs(article: Article, *, site_url: str, site_name: str) -> dict[str, Any]:
    """One visible article as a ninjs 2.2 document.

    `article` needs its section, source, authors, topic links (with topics) and
    corrections loaded, and `revision_count` annotated (see `selectors`).
    """
    version_created = article.updated_at or article.published_at
    text = html_to_text(article.body)
    document: dict[str, Any] = {
        "standard": {"name": "ninjs", "version": NINJS_VERSION, "schema": NINJS_SCHEMA_URI},
        "uri": article_uri(article, site_url),
        "type": "text",
        "representationtype": "full",
        "version": str(getattr(article, "revision_count", 0) + 1),
        "firstcreated": ninjs_time(article.published_at),
        "versioncreated": ninjs_time(version_created),
        "pubstatus": "usable",
        "language": article.language,
        "slugline": article.slug,
        "headlines": [{"role": "main", "contenttype": "text/plain", "value": article.headline}],
        "bodies": [
            {
                "role": "main",
                "contenttype": "text/html",
                "charcount": len(text),
                "wordcount": len(_WORD.findall(text)),
                "value": article.body,
            }
        ],
        "copyrightholder": article.credit or site_name,
        "renditions": [
            {
                "name": "web",
                "href": site_url + article.get_absolute_url(),
                "contenttype": "text/html",
                "title": article.headline,
            }
        ],
        "altids": [{"role": "dateline-id", "value": str(article.pk)}],
    }
    descriptions = []
    if article.standfirst:
        descriptions.append(
            {"role": "summary", "contenttype": "text/plain", "value": article.standfirst}
        )
    descriptions.extend(
        {"role": note.kind, "contenttype": "text/plain", "value": note.text}
        for note in article.corrections.all()
    )
    if descriptions:
        document["descriptions"] = descriptions
    byline = article.byline or ", ".join(author.name for author in article.authors.all())
    if byline:
        document["by"] = byline
    if article.dateline_place:
        document["located"] = article.dateline_place
    if article.agency_id:
        document["altids"].append({"role": "agency-uri", "value": article.agency_id})
    if article.source is not None:
        source = {"name": article.source.name, "role": "originator"}
        if article.source.url:
            source["uri"] = article.source.url
        document["infosources"] = [source]
    for link in article.topic_links.all():
        topic = link.topic
        array = _ARRAY_BY_KIND.get(topic.kind, "subjects")
        document.setdefault(array, []).append(
            {
                "name": topic.name,
                "rel": "about",
                "uri": site_url + topic.get_absolute_url(),
                "literal": topic.slug,
            }
        )
    if article.image_src:
        document["associations"] = [_image_association(article)]
    return document


def _image_association(article: Article) -> dict[str, Any]:
    """The lead picture as an associated ninjs object, the way agencies send pictures."""
    picture: dict[str, Any] = {
        "name": "featureimage",
        "uri": article.image_src,
        "type": "picture",
        "renditions": [{"name": "original", "href": article.image_src}],
    }
    descriptions = []
    if article.image_caption:
        descriptions.append({"role": "caption", "value": article.image_caption})
    if article.image_alt and article.image_alt != article.image_caption:
        descriptions.append({"role": "alternative-text", "value": article.image_alt})
    if descriptions:
        picture["descriptions"] = descriptions
    if article.image_credit:
        picture["by"] = article.image_credit
    return picture
