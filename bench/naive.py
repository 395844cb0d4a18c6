"""The naive Django article page the uncached render is compared with: plain, no cache.

Used only by bench/bench_speed.py (settings `bench.naive_settings`): the same project with
one more URL, `/naive/<id>/`, rendering the same article page the way a plain Django page
does it: `get_object_or_404` with the obvious `select_related` and `prefetch_related`, the
topics list, and a plain copy of the article templates (below) as they were before any
speed work: `{{ x.get_absolute_url }}` everywhere, the menu looped on every render.

It reads the article with two querysets (the article with its section and source, and its
topics); the prefetched authors and corrections make that four SQL queries, the fewest
the plain ORM needs for the same elements (byline links, corrections, Related Topics).
It leaves out what a naive page would not do: the visibility rule, the story box (the
bench picks an article in no story box, and checks that both pages give the same bytes).
Recent Stories, "More Stories From" and the menu's sections are the same shared,
cached fragments for both pages, filled in by the same middleware: the comparison is of
the article's own render. Its template engine caches compiled templates, like Django's
default one.
"""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template import Engine, RequestContext
from django.template.backends.django import get_installed_libraries
from django.urls import include, path

from dateline.newsroom.models import Article
from dateline.topics.selectors import topics_for_article

# A plain copy of base.html and site/article.html as they were before the speed work
# (without the story box). The lines are long because the templates' are.
BASE = """{% load static %}<!doctype html>
<html lang="{{ LANGUAGE_CODE|default:'en' }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ site_name }}{% endblock %}</title>
{% block meta %}<meta name="description" content="{{ site_name }}: news from the wires and our newsroom, around the clock.">{% endblock %}
<link rel="stylesheet" href="{% static 'dateline/site.css' %}">
<script src="{% static 'dateline/site.js' %}" defer></script>
</head>
<body>
<a class="skip-link" href="#content">Skip to content</a>
<header class="masthead">
  <div class="masthead-inner">
    <a class="brand" href="{% url 'site:home' %}">{{ site_name }}</a>
    <form class="masthead-search" role="search" method="get" action="/search/"><label for="masthead-q" class="visually-hidden">Search articles</label><input id="masthead-q" type="search" name="q" placeholder="Search" maxlength="200"><button type="submit">Search</button></form>
    <details class="menu">
      <summary aria-label="Menu"><span class="menu-icon" aria-hidden="true"></span><span class="menu-label">Menu</span></summary>
      <nav aria-label="Sections">
        <ul>
          <li><a href="{% url 'site:home' %}">Home</a></li>
          {% for section in menu_sections %}<li><a href="{{ section.get_absolute_url }}">{{ section.name }}</a></li>{% endfor %}
        </ul>
      </nav>
    </details>
  </div>
</header>
<main id="content" tabindex="-1">
{% block content %}{% endblock %}
</main>
<footer class="site-footer">
  <p>{{ site_name }}: agency copy and our own reporting. Times are shown in {{ edition_time_zone }}.</p>
</footer>
</body>
</html>
"""  # noqa: E501

ARTICLE = """{% extends "naive/base.html" %}{% load dateline_tags page_fragments %}
{% block title %}{{ article.headline }} · {{ site_name }}{% endblock %}
{% block meta %}{% load dateline_meta %}{% page_meta "article" %}{% endblock %}
{% block content %}
<div class="layout">
  <article class="article primary" lang="{{ article.language }}">
    <header class="article-header">
      <p class="kicker"><a href="{{ article.section.get_absolute_url }}">{{ article.section.name }}</a></p>
      <h1>{{ article.headline }}</h1>
      {% if article.standfirst %}<p class="standfirst">{{ article.standfirst }}</p>{% endif %}
      <div class="article-meta">
        <p class="byline">{% with authors=article.authors.all %}{% if authors %}By {% for author in authors %}<a rel="author" href="{{ author.get_absolute_url }}">{{ author.name }}</a>{% if not forloop.last %}{% if forloop.revcounter == 2 %} and {% else %}, {% endif %}{% endif %}{% endfor %}{% elif article.byline %}{{ article.byline }}{% else %}{{ article.credit|default:site_name }}{% endif %}{% endwith %}</p>
        <p class="times">Published <time datetime="{{ article.published_at|date:'c' }}">{{ article.published_at|date:"N j, Y, P T" }}</time>{% if article.shows_update %}<span class="updated"> · Updated <time datetime="{{ article.updated_at|date:'c' }}">{{ article.updated_at|date:"N j, Y, P T" }}</time></span>{% endif %}</p>
      </div>
    </header>
    {% if article.image_url %}<figure class="article-image">
      <img src="{{ article.image_url }}" alt="{{ article.image_alt }}" width="1200" height="675" loading="eager">
      {% if article.image_caption or article.image_credit %}<figcaption>{{ article.image_caption }}{% if article.image_credit %} <span class="image-credit">{{ article.image_credit }}</span>{% endif %}</figcaption>{% endif %}
    </figure>{% endif %}
    <div class="article-body">{{ article|body_with_dateline }}</div>
    {% with corrections=article.corrections.all %}{% if corrections %}
    <aside class="corrections" aria-labelledby="corrections-title">
      <h2 id="corrections-title">Corrections</h2>
      {% for note in corrections %}<p class="correction"><strong>{{ note.get_kind_display }}</strong>, <time datetime="{{ note.noted_at|date:'c' }}">{{ note.noted_at|date:"N j, Y, P T" }}</time>: {{ note.text }}</p>{% endfor %}
    </aside>{% endif %}{% endwith %}
    {% if topics %}
    <nav class="related-topics" aria-labelledby="related-topics-title">
      <h2 id="related-topics-title">Related Topics</h2>
      <ul>{% for topic in topics %}<li><a href="{{ topic.get_absolute_url }}" data-kind="{{ topic.kind }}">{{ topic.name }}</a></li>{% endfor %}</ul>
    </nav>
    {% endif %}
    {# the story box's place: the bench picks an article in no story box #}
    {% section_latest_fragment article.section %}
  </article>
  <aside class="secondary" aria-label="Latest">{% recent_stories_fragment %}</aside>
  {# The lists are shared fragments; the article hides itself from them without JavaScript. #}
  <style>[data-article="{{ article.pk }}"]{display:none}</style>
</div>
{% endblock %}
"""  # noqa: E501

TEMPLATES = {"naive/base.html": BASE, "naive/article.html": ARTICLE}

_engine = None


def engine() -> Engine:
    global _engine
    if _engine is None:
        options = settings.TEMPLATES[0]["OPTIONS"]
        _engine = Engine(
            libraries=get_installed_libraries(),
            loaders=[
                (
                    "django.template.loaders.cached.Loader",
                    [
                        ("django.template.loaders.locmem.Loader", TEMPLATES),
                        "django.template.loaders.app_directories.Loader",
                    ],
                )
            ],
            context_processors=options["context_processors"],
        )
    return _engine


def naive_article(request, pk: int):
    article = get_object_or_404(
        Article.objects.select_related("section", "source").prefetch_related(
            "authors", "corrections"
        ),
        pk=pk,
    )
    topics = topics_for_article(article=article)  # the project's plain selector
    template = engine().get_template("naive/article.html")
    return HttpResponse(
        template.render(RequestContext(request, {"article": article, "topics": topics}))
    )


urlpatterns = [
    path("naive/<int:pk>/", naive_article),
    path("", include("config.urls")),
]
