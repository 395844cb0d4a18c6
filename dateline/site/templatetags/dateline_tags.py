"""Template helpers for the house style of the public site."""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from dateline.core.text import shorten_headline
from dateline.site import fragments

register = template.Library()


@register.simple_tag
def masthead() -> SafeString:
    """The site's masthead and menu, rendered once for every page (see site.fragments)."""
    return fragments.masthead_html()


# The pages that a section, topic or author links to are known by the slug alone
# (their models' get_absolute_url); reversing a URL costs more than the rest of a link.
SLUG_PAGES = {"Section": "site:section", "Topic": "site:topic", "Author": "site:author"}


@lru_cache(maxsize=8192)
def _slug_page_url(urlconf: object, prefix: str, name: str, slug: str) -> str:
    return reverse(name, urlconf=urlconf, kwargs={"slug": slug})


@register.filter
def page_url(item) -> str:
    """`item.get_absolute_url()`, remembered for sections, topics and authors."""
    name = SLUG_PAGES.get(type(item).__name__)
    if name is None:
        return item.get_absolute_url()
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _slug_page_url(urlconf, get_script_prefix(), name, item.slug)


@register.filter
def short_headline(headline: str, limit: int = 60) -> str:
    """A headline cut on a word boundary, with an ellipsis, for teaser lists."""
    return shorten_headline(headline, int(limit))


RUN_IN_DATES = ("differs", "always", "never")


def credit_line(article) -> str:
    """`WASHINGTON (dateline / Meridian Press - 18th July, 2023)`: the place in capitals, then
    house and agency, and the dateline date as DATELINE_RUN_IN_DATE says; "" with no place,
    since credits alone in brackets would open the copy with an orphan."""
    place = article.dateline_place.strip().upper()
    if not place:
        return ""
    house = settings.DATELINE_SITE_NAME
    credit = article.credit.strip()
    parties = house if not credit or credit.lower() == house.lower() else f"{house} / {credit}"
    when = _run_in_date(article)
    return f"{place} ({parties} - {when})" if when else f"{place} ({parties})"


def _run_in_date(article) -> str:
    """The dateline date as the house prints it ("18th July, 2023"), or "" when not shown."""
    rule = settings.DATELINE_RUN_IN_DATE
    day = article.dateline_date
    if day is None or rule == "never" or rule not in RUN_IN_DATES:
        return ""
    published = article.published_at
    if rule == "differs" and published and timezone.localtime(published).date() == day:
        return ""
    return date_format(day, "jS F, Y")


@register.filter
def body_with_dateline(article) -> SafeString:
    """The body with the dateline and credit opening its first paragraph, as in print.

    The body is sanitized when it is written, so it is trusted here.
    """
    line = credit_line(article)
    body = article.body or ""
    if not line:
        return mark_safe(body)  # noqa: S308 (sanitized on write)
    opening = f'<span class="dateline">{escape(line)} –</span> '
    if body.startswith("<p>"):
        return mark_safe(f"<p>{opening}{body[3:]}")  # noqa: S308 (sanitized on write)
    return mark_safe(f"<p>{opening}</p>{body}")  # noqa: S308 (sanitized on write)
