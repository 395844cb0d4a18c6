"""Test data builders: `ArticleFactory(published=True)`."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from dateline.core.text import slugify_headline
from dateline.newsroom.models import Article, Author, CorrectionNote, Section
from dateline.topics.models import ArticleTopic, Topic
from dateline.wires.models import Source


class SectionFactory(DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.LazyAttribute(lambda o: slugify_headline(o.name))
    position = factory.Sequence(int)


class AuthorFactory(DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Reporter Number{n}")
    slug = factory.LazyAttribute(lambda o: slugify_headline(o.name))
    role = "Staff writer"


class SourceFactory(DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ("slug",)

    name = "Meridian Press"
    slug = factory.LazyAttribute(lambda o: slugify_headline(o.name))
    kind = Source.Kind.AGENCY
    credit = factory.LazyAttribute(lambda o: o.name)


class ArticleFactory(DjangoModelFactory):
    class Meta:
        model = Article

    class Params:
        published = factory.Trait(
            status=Article.Status.PUBLISHED,
            published_at=factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=10)),
        )

    headline = factory.Sequence(lambda n: f"Ministers Meet in Geneva for Round {n} of Grain Talks")
    slug = factory.LazyAttribute(lambda o: slugify_headline(o.headline))
    standfirst = "Delegations from both sides said the talks would go on into the night."
    body = (
        "<p>Negotiators resumed talks on grain shipments on Sunday, officials said.</p>"
        "<p>A second round is planned for next week.</p>"
    )
    dateline_place = "Geneva"
    credit = "Meridian Press"
    source = factory.SubFactory(SourceFactory)
    section = factory.SubFactory(SectionFactory, name="World", slug="world")
    status = Article.Status.DRAFT


class CorrectionNoteFactory(DjangoModelFactory):
    class Meta:
        model = CorrectionNote

    article = factory.SubFactory(ArticleFactory, published=True)
    text = "An earlier version of this article gave the wrong date for the vote."


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda o: slugify_headline(o.name))
    kind = Topic.Kind.ORGANISATION


class ArticleTopicFactory(DjangoModelFactory):
    class Meta:
        model = ArticleTopic

    article = factory.SubFactory(ArticleFactory, published=True)
    topic = factory.SubFactory(TopicFactory)
    score = 1.0
