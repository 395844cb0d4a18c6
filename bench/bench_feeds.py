"""Feed and sitemap response rates beside the article page rate, in the same run.

`python bench/bench_feeds.py` fills a fresh SQLite (and PostgreSQL, when it answers)
database with FEEDS_BENCH_N synthetic published articles (5,000 by default) spread over
the last 60 days, with authors and topics, then times each output in-process through
Django's test client (no network, one thread): the article page, the four kinds of feed,
the sitemaps, and a conditional GET answered 304. It prints responses per second and the
ratio to the article page.
"""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import databases, run_child, table  # noqa: E402

ARTICLES = int(os.environ.get("FEEDS_BENCH_N", "5000"))
SECONDS = float(os.environ.get("FEEDS_BENCH_SECONDS", "2"))


def fill(total: int) -> dict:
    """Synthetic published articles, with one author and two topics each."""
    from dateline.core.text import slugify_headline
    from dateline.newsroom.models import Article, Author, Section
    from dateline.topics.models import ArticleTopic, Topic

    sections = [
        Section.objects.create(name=name, slug=name.lower(), position=n)
        for n, name in enumerate(["World", "Business", "Sport", "Culture"])
    ]
    authors = [Author.objects.create(name=f"Reporter {n}", slug=f"reporter-{n}") for n in range(20)]
    topics = [
        Topic.objects.create(name=f"Topic {n}", slug=f"topic-{n}", kind="subject")
        for n in range(50)
    ]
    now = datetime.now(UTC)
    articles = []
    for n in range(total):
        headline = f"Council in district {n % 97} approves budget after debate number {n}"
        published = now - timedelta(minutes=n * 60 * 24 * 60 // max(total, 1))
        articles.append(
            Article(
                headline=headline,
                slug=slugify_headline(headline),
                standfirst="Councillors voted after a long debate on Tuesday evening.",
                body="<p>The council approved the budget, officials said.</p>" * 6,
                dateline_place="Lisbon",
                credit="Bench Wire",
                section=sections[n % len(sections)],
                status=Article.Status.PUBLISHED,
                published_at=published,
                updated_at=published + timedelta(minutes=5) if n % 3 == 0 else None,
                image_url=f"https://images.example.com/{n}.jpg" if n % 2 else "",
            )
        )
    Article.objects.bulk_create(articles, batch_size=1000)
    through = Article.authors.through
    ids = list(Article.objects.order_by("id").values_list("id", flat=True))
    through.objects.bulk_create(
        [through(article_id=i, author_id=authors[i % len(authors)].id) for i in ids],
        batch_size=2000,
    )
    ArticleTopic.objects.bulk_create(
        [
            ArticleTopic(article_id=i, topic_id=topics[(i + k) % len(topics)].id, position=k)
            for i in ids
            for k in range(2)
        ],
        batch_size=2000,
    )
    newest = Article.objects.order_by("-published_at").first()
    return {
        "article": newest.get_absolute_url(),
        "section": sections[0].slug,
        "topic": topics[0].slug,
        "author": authors[0].slug,
        "month": f"{newest.published_at.astimezone(UTC):%Y-%m}",
    }


def rate(client, path: str, **headers) -> tuple[float, int]:
    """Responses per second for one URL over SECONDS (after a warm-up request)."""
    first = client.get(path, **headers)
    status = first.status_code
    count, started = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - started) < SECONDS:
        response = client.get(path, **headers)
        assert response.status_code == status, (path, response.status_code)
        count += 1
    return count / elapsed, status


def child(total: int) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    paths = fill(total)
    client = Client(HTTP_HOST="127.0.0.1")
    etag = client.get("/feeds/rss/")["ETag"]
    outputs = [
        ("article page", paths["article"], {}),
        ("home feed, RSS", "/feeds/rss/", {}),
        ("home feed, Atom", "/feeds/atom/", {}),
        ("home feed, JSON Feed", "/feeds/json/", {}),
        ("section feed, RSS", f"/section/{paths['section']}/feed/rss/", {}),
        ("topic feed, Atom", f"/topic/{paths['topic']}/feed/atom/", {}),
        ("author feed, JSON Feed", f"/author/{paths['author']}/feed/json/", {}),
        ("home feed, 304 (If-None-Match)", "/feeds/rss/", {"HTTP_IF_NONE_MATCH": etag}),
        ("sitemap index", "/sitemap.xml", {}),
        ("news sitemap", "/sitemaps/news.xml", {}),
        (f"article sitemap {paths['month']}", f"/sitemaps/articles-{paths['month']}.xml", {}),
        ("topic sitemap", "/sitemaps/topics.xml", {}),
    ]
    results = []
    for label, path, headers in outputs:
        per_second, status = rate(client, path, **headers)
        size = len(client.get(path, **headers).content)
        results.append({"label": label, "rate": per_second, "status": status, "bytes": size})
    return {"results": results}


def main() -> None:
    if "--child" in sys.argv:
        print(json.dumps(child(ARTICLES)))
        return
    print(
        f"Feeds and sitemaps: {ARTICLES} synthetic articles, {SECONDS:.0f} s per output, "
        "in-process test client",
        flush=True,
    )
    script = str(Path(__file__).resolve())
    for label, url in databases("feeds"):
        results = run_child(script, url)["results"]
        page_rate = results[0]["rate"]
        rows = [["output", "status", "KB", "responses/s", "vs article page"]]
        for result in results:
            rows.append(
                [
                    result["label"],
                    str(result["status"]),
                    f"{result['bytes'] / 1024:.1f}",
                    f"{result['rate']:.0f}",
                    f"{result['rate'] / page_rate:.2f}x",
                ]
            )
        print(f"\n{label}")
        print(table(rows))


if __name__ == "__main__":
    main()
