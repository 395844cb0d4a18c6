"""Tagging in the product: articles get real topics, and the desk's edits take effect."""

import io
import json

import pytest
from django.core.management import call_command

from dateline.newsroom.services import create_article, publish_article, update_article
from dateline.topics.models import ArticleTopic, Topic
from dateline.topics.selectors import topics_for_article
from dateline.topics.services import (
    add_aliases,
    approve_topic,
    block_topic,
    merge_topics,
    rename_topic,
    tag_article,
)
from tests.factories import ArticleFactory, SectionFactory, TopicFactory

pytestmark = pytest.mark.django_db

BODY = (
    "<p>NATO defence ministers met in Brussels on Thursday to discuss support for Ukraine.</p>"
    "<p>Defense Secretary Lloyd Austin said the allies would keep working on long-term "
    "security guarantees for Kyiv. Austin spoke after a closed session.</p>"
    "<p>Officials from Germany and France also attended the meeting at NATO headquarters.</p>"
)


@pytest.fixture
def world(db):
    return SectionFactory(name="World", slug="world")


def publish(world, headline="NATO Allies Discuss Security Guarantees for Ukraine", body=BODY):
    article = create_article(
        headline=headline, section=world, body=body, standfirst="Ministers met in Brussels."
    )
    publish_article(article=article)
    return article


def slugs(article):
    return [topic.slug for topic in topics_for_article(article=article)]


def test_a_published_article_is_tagged_with_real_entities(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = publish(world)

    tagged = slugs(article)
    assert "nato" in tagged
    assert "ukraine" in tagged
    assert "lloyd-austin" in tagged
    assert "austin" not in tagged  # the surname is the Defense Secretary, not the Texas city
    for junk in ("from", "progress", "government", "alliance"):
        assert junk not in tagged


def test_kiev_and_kyiv_are_one_topic(world):
    article = publish(
        world, headline="Talks in Kiev", body="<p>Officials met in Kyiv and Kiev.</p>"
    )

    tag_article(article=article)

    assert slugs(article).count("kyiv") == 1
    assert "kiev" not in slugs(article)


def test_an_update_tags_the_article_again(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = publish(world)
        update_article(
            article=article,
            changes={
                "body": "<p>The World Health Organization met in Geneva on Friday.</p>",
                "headline": "WHO Meets in Geneva",
                "standfirst": "Health officials met.",
            },
        )

    tagged = slugs(article)
    assert "world-health-organization" in tagged
    assert "nato" not in tagged


def test_the_article_page_shows_topics_strongest_first_linking_to_topic_pages(world, client):
    article = publish(world)
    tag_article(article=article)

    html = client.get(article.get_absolute_url()).content.decode()
    related = html.split('id="related-topics-title"', 1)[1].split("</nav>", 1)[0]

    assert related.index("/topic/nato/") < related.index("/topic/brussels/")
    assert client.get("/topic/nato/").status_code == 200


def test_unknown_names_become_suggestions_that_readers_never_see(world, client):
    article = publish(
        world,
        headline="Zorvath Industries Opens Plant in Lyon",
        body="<p>Zorvath Industries chief executive Amelie Quenneville opened the plant. "
        "Quenneville said Zorvath Industries would hire 300 people in Lyon.</p>",
    )
    tag_article(article=article)

    suggested = Topic.objects.filter(status=Topic.Status.SUGGESTED)
    assert suggested.exists()
    shown = slugs(article)
    assert not set(suggested.values_list("slug", flat=True)) & set(shown)

    topic = suggested.first()
    approve_topic(topic=topic)
    assert topic.slug in slugs(article)


def test_blocking_a_topic_removes_it_everywhere_and_it_is_never_tagged_again(world):
    article = publish(world)
    tag_article(article=article)
    brussels = Topic.objects.get(slug="brussels")

    block_topic(topic=brussels)
    assert not ArticleTopic.objects.filter(topic=brussels).exists()

    tag_article(article=article)
    assert "brussels" not in slugs(article)


def test_merging_keeps_every_articles_tag_under_the_surviving_topic(world):
    duplicate = TopicFactory(name="North Atlantic Alliance", slug="north-atlantic-alliance")
    first = ArticleFactory(published=True, section=world)
    second = ArticleFactory(published=True, section=world)
    nato = TopicFactory(name="NATO", slug="nato")
    ArticleTopic.objects.create(article=first, topic=duplicate, score=0.9)
    ArticleTopic.objects.create(article=second, topic=duplicate, score=0.5)
    ArticleTopic.objects.create(article=second, topic=nato, score=0.7)

    merge_topics(topic=duplicate, into=nato)

    assert slugs(first) == ["nato"]
    assert slugs(second) == ["nato"]
    assert ArticleTopic.objects.get(article=first, topic=nato).score == 0.9
    assert ArticleTopic.objects.get(article=second, topic=nato).score == 0.7
    duplicate.refresh_from_db()
    assert duplicate.status == Topic.Status.MERGED
    assert "North Atlantic Alliance" in Topic.objects.get(slug="nato").aliases


def test_an_alias_added_by_the_desk_retags_recent_articles(world):
    TopicFactory(
        name="Meridian Port Authority", slug="meridian-port-authority", kind="organisation"
    )
    article = publish(
        world,
        headline="MPA Raises Harbour Fees",
        body="<p>The MPA said fees would rise in Lisbon from March.</p>",
    )
    tag_article(article=article)
    assert "meridian-port-authority" not in slugs(article)

    add_aliases(topic=Topic.objects.get(slug="meridian-port-authority"), aliases=["MPA"])

    assert "meridian-port-authority" in slugs(article)


def test_a_renamed_topic_keeps_its_old_name_as_an_alias(world):
    topic = TopicFactory(name="Kiev", slug="kyiv", kind="place")

    rename_topic(topic=topic, name="Kyiv")

    topic.refresh_from_db()
    assert topic.name == "Kyiv"
    assert "Kiev" in topic.aliases


def test_the_tag_command_prints_topics_with_offsets_into_the_given_text(monkeypatch, db):
    article = {
        "headline": "NATO Ministers Meet",
        "standfirst": "Talks in Brussels.",
        "body": "NATO defence ministers met in Brussels on Thursday.",
    }
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(article)))
    out = io.StringIO()

    call_command("tag", "--json", stdout=out)

    result = json.loads(out.getvalue())
    text = "\n".join([article["headline"], article["standfirst"], article["body"]])
    nato = next(topic for topic in result["topics"] if topic["slug"] == "nato")
    assert nato["kind"] == "organisation"
    assert all(text[start:end] == "NATO" for start, end in nato["mentions"])
    assert {"text", "kind", "start", "end", "topic"} <= set(result["entities"][0])


def test_the_tag_command_reads_one_article_per_line_with_jsonl(monkeypatch, db):
    lines = "\n".join(
        json.dumps({"headline": h, "body": b})
        for h, b in [("Talks in Kyiv", "Officials met in Kyiv."), ("Rain in Lisbon", "It rained.")]
    )
    monkeypatch.setattr("sys.stdin", io.StringIO(lines))
    out = io.StringIO()

    call_command("tag", "--jsonl", stdout=out)

    results = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(results) == 2
    assert "kyiv" in [t["slug"] for t in results[0]["topics"]]
    assert "lisbon" in [t["slug"] for t in results[1]["topics"]]


def test_a_batch_is_tagged_as_each_article_would_be_alone(world):
    """The worker tags a wire input's articles together (one recogniser pass, topics and
    agency subjects read once): the outcome must be the one of tagging each alone."""
    from dateline.ingest.services import ingest_bytes
    from dateline.newsroom.models import Article
    from dateline.topics.services import tag_articles
    from dateline.wires.models import Source
    from tests.conftest import PINNED_NOW
    from tests.factories import SourceFactory
    from tests.wires.copy import newsml_item

    source = SourceFactory(name="Meridian Press", format=Source.Format.NEWSML_G2)
    for guid, headline, paragraph, subject in (
        ("urn:m:nato", "NATO Allies Meet in Brussels", BODY, "medtop:11000000"),
        (
            "urn:m:bourse",
            "Frankfurt Shares Close Higher",
            "<p>Shares in Frankfurt closed higher on Tuesday as Germany reported stronger "
            "factory orders, traders said.</p>",
            "medtop:04000000",
        ),
    ):
        ingest_bytes(
            source=source,
            content=newsml_item(
                guid=guid,
                version_created=PINNED_NOW,
                headline=headline,
                paragraphs=(),
                body_xml=paragraph,
                subjects=(subject,),
            ),
            origin=guid,
        )
    articles = list(Article.objects.select_related("section").order_by("pk"))

    alone = {}
    for article in articles:
        tag_article(article=article)
        alone[article.pk] = slugs(article)
    ArticleTopic.objects.all().delete()
    tag_articles(articles=articles)

    together = {article.pk: slugs(article) for article in articles}
    assert together == alone
    assert "nato" in together[articles[0].pk]
    assert "frankfurt-am-main" in together[articles[1].pk]
    # The agency's own subject code counts, each article's own.
    assert "economy-business-and-finance" in together[articles[1].pk]
    assert "economy-business-and-finance" not in together[articles[0].pk]


ZORVATH = (
    "<p>Zorvath Industries chief executive Amelie Quenneville opened the plant. "
    "Quenneville said Zorvath Industries would hire 300 people in Lyon.</p>"
)


def test_the_quick_pass_gives_the_topics_and_the_full_pass_adds_suggestions(world):
    """The worker tags a burst with the alias index first and reads names later: readers'
    topics come from the first pass, and it never drops what the second one found."""
    from dateline.topics.services import tag_articles

    article = publish(world, headline="Zorvath Industries Opens Plant in Lyon", body=ZORVATH)
    suggested = ArticleTopic.objects.filter(article=article, topic__status="suggested")

    tag_articles(articles=[article], names=False)
    quick = slugs(article)
    assert "brussels" in quick
    assert not suggested.exists()

    tag_articles(articles=[article], names=True)
    assert slugs(article) == quick
    found = set(suggested.values_list("topic__slug", flat=True))
    assert found

    tag_articles(articles=[article], names=False)  # an update's quick pass
    assert set(suggested.values_list("topic__slug", flat=True)) == found


def test_a_retag_that_finds_the_same_topics_announces_nothing(
    world, django_capture_on_commit_callbacks
):
    from dateline.newsroom import events

    article = publish(world)
    tag_article(article=article)
    heard = []

    def listen(sender, changes, **kwargs):
        heard.extend(changes)

    events.article_changed.connect(listen, dispatch_uid="test-retag-silence")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            tag_article(article=article)
        assert heard == []
        article.standfirst = "Ministers met in Lisbon."
        with django_capture_on_commit_callbacks(execute=True):
            tag_article(article=article)
    finally:
        events.article_changed.disconnect(dispatch_uid="test-retag-silence")
    assert "lisbon" in slugs(article)
    assert [change.article_id for change in heard] == [article.pk]


def test_tagging_a_batch_costs_the_same_queries_for_three_articles_or_twelve(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dateline.topics.services import tag_articles

    articles = [publish(world, headline=f"Talks in Brussels {n}", body=BODY) for n in range(16)]
    tag_articles(articles=articles[:1])  # the topics' rows exist from here on

    def queries_for(batch):
        with CaptureQueriesContext(connection) as captured:
            tag_articles(articles=batch)
        assert all("brussels" in slugs(article) for article in batch)
        return len(captured)

    assert queries_for(articles[1:4]) == queries_for(articles[4:16])


def test_suggestions_alone_announce_nothing_and_approving_one_announces_its_articles(
    world, django_capture_on_commit_callbacks
):
    """Readers never see suggestions, so finding them must not purge pages; approving one
    changes what the articles show, so they must be announced even if a re-tag finds the
    topic where it already was."""
    from dateline.newsroom import events
    from dateline.topics.services import tag_articles

    article = publish(world, headline="Zorvath Industries Opens Plant in Lyon", body=ZORVATH)
    tag_articles(articles=[article], names=False)
    heard = []

    def listen(sender, changes, **kwargs):
        heard.extend(change.article_id for change in changes)

    events.article_changed.connect(listen, dispatch_uid="test-suggestions-silence")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            tag_articles(articles=[article], names=True)
        suggested = Topic.objects.filter(
            status=Topic.Status.SUGGESTED, article_links__article=article
        )
        assert suggested.exists()
        assert heard == []
        with django_capture_on_commit_callbacks(execute=True):
            approve_topic(topic=suggested.first())
    finally:
        events.article_changed.disconnect(dispatch_uid="test-suggestions-silence")
    assert article.pk in heard


class _FixedRecogniser:
    """Names at fixed places, as a recogniser that ran past a line break reports them."""

    name = "fixed"

    def __init__(self, names):
        self.names = names

    def entities(self, text):
        return self.entities_many([text])[0]

    def entities_many(self, texts):
        from dateline.core.tagging.ner import Entity

        found = []
        for text in texts:
            found.append(
                [
                    Entity(start, start + len(name), name, "person", "PERSON")
                    for name in self.names
                    for start in [i for i in range(len(text)) if text.startswith(name, i)]
                ]
            )
        return found


def test_a_suggested_name_is_one_line_with_its_spaces_collapsed(world, monkeypatch):
    from dateline.topics import tagging

    # The recogniser ran on from the standfirst's last words into the body's first line.
    recogniser = _FixedRecogniser(["Yusuf Marchetti\nOrganisers"])
    monkeypatch.setitem(tagging._state, "recogniser", recogniser)
    monkeypatch.setitem(tagging._state, "tagger", None)
    article = create_article(
        headline="Harbour Pilots Vote on New Rosters",
        standfirst="The rosters were agreed, said Yusuf Marchetti",
        body="<p>Organisers counted the ballots before Yusuf Marchetti spoke.</p>",
        section=world,
    )

    tag_article(article=article)

    suggested = Topic.objects.get(status=Topic.Status.SUGGESTED)
    assert suggested.name == "Yusuf Marchetti"
    assert suggested.slug == "yusuf-marchetti"
    assert ArticleTopic.objects.filter(article=article, topic=suggested).exists()
