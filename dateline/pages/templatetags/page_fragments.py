from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def recent_stories_fragment():
    """Recent Stories, included by reference (see dateline.pages.fragments)."""
    return mark_safe('<!--# include virtual="/fragments/recent-stories/" -->')


@register.simple_tag
def section_latest_fragment(section):
    return mark_safe(f'<!--# include virtual="/fragments/section/{section.slug}/latest/" -->')
