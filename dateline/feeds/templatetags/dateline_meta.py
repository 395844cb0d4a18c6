"""`{% page_meta "article" %}`: the page's metadata partial, from what the view loaded."""

from __future__ import annotations

from django import template

from dateline.feeds import metadata

register = template.Library()


def _page_number(context) -> int:
    page = context.get("page")
    return getattr(page, "number", 1) or 1


@register.inclusion_tag("feeds/_meta.html", takes_context=True)
def page_meta(context, kind: str) -> dict:
    """Metadata for a page of `kind`: home, article, section, topic or author."""
    if kind == "article":
        meta = metadata.article_meta(context["article"], context.get("topics") or [])
    elif kind == "section":
        meta = metadata.section_meta(context["section"], _page_number(context))
    elif kind == "topic":
        meta = metadata.topic_meta(context["topic"], _page_number(context))
    elif kind == "author":
        meta = metadata.author_meta(context["author"], _page_number(context))
    else:
        meta = metadata.home_meta()
    return {"meta": meta}
