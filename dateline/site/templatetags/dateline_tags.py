"""Template helpers for the house style of the public site."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from dateline.core.text import shorten_headline

register = template.Library()


@register.filter
def short_headline(headline: str, limit: int = 60) -> str:
    """A headline cut on a word boundary, with an ellipsis, for teaser lists."""
    return shorten_headline(headline, int(limit))


def credit_line(article) -> str:
    """`WASHINGTON (dateline / Meridian Press)`: place in capitals, then house and agency."""
    house = settings.DATELINE_SITE_NAME
    credit = article.credit.strip()
    parties = house if not credit or credit.lower() == house.lower() else f"{house} / {credit}"
    place = article.dateline_place.strip().upper()
    return f"{place} ({parties})" if place else f"({parties})"


@register.filter
def body_with_dateline(article) -> SafeString:
    """The body with the dateline and credit opening its first paragraph, as in print.

    The body is sanitized when it is written, so it is trusted here.
    """
    opening = f'<span class="dateline">{escape(credit_line(article))} –</span> '
    body = article.body or ""
    if body.startswith("<p>"):
        return mark_safe(f"<p>{opening}{body[3:]}")  # noqa: S308 (sanitized on write)
    return mark_safe(f"<p>{opening}</p>{body}")  # noqa: S308 (sanitized on write)
