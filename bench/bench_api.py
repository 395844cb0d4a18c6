"""JSON API list speed beside the article page, measured in the same run.

`python bench/bench_api.py` (or `make bench`) fills a fresh SQLite database (and PostgreSQL
when it answers) with API_BENCH_N published articles (1,000 by default) with authors and
topics, then calls each URL in a loop through Django's test client, in process, for
API_BENCH_SECONDS each (2 by default), and prints responses/s with the ratio to the article
page rate of the same run.
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

ARTICLES = int(os.environ.get("API_BENCH_N", "1000"))
SECONDS = float(os.environ.get("API_BENCH_SECONDS", "2"))


def seed(total: int) -> list[tuple[int, str]]:
    """Published articles in four sections, each with an author and two topics."""
    from dateline.newsroom.models import Article, Author, Section
    from dateline.topics.models import ArticleTopic, Topic
    from dateline.wires.models import Source

    sections = [
        Section.objects.get_or_create(slug=slug, defaults={"name": slug.title(), "position": n})[0]
        for n, slug in enumerate(("world", "business", "sport", "culture"))
    ]
    source = Source.objects.create(name="Bench Wire", slug="bench-wire", credit="Bench Wire")
    authors = Author.objects.bulk_create(
        Author(name=f"Reporter {n}", slug=f"reporter-{n}") for n in range(20)
    )
    topics = Topic.objects.bulk_create(
        Topic(name=f"Topic {n}", slug=f"topic-{n}", kind="subject") for n in range(50)
    )
    start = datetime.now(UTC) - timedelta(days=1)
    body = "".join(
        f"<p>Paragraph {p} of the story, with the facts and the quotes the desk checked.</p>"
        for p in range(8)
    )
    articles = Article.objects.bulk_create(
        Article(
            headline=f"Council approves budget for district {n}",
            slug=f"council-approves-budget-for-district-{n}",
            standfirst="The vote was close, and the opposition promised to fight on.",
            body=body,
            byline=f"By Reporter {n % 20}",
            dateline_place="LISBON",
            credit="Bench Wire",
            source=source,
            section=sections[n % len(sections)],
            status=Article.Status.PUBLISHED,
            published_at=start + timedelta(seconds=n * 60),
            image_url="https://images.example/bench.jpg",
            image_caption="The council chamber.",
        )
        for n in range(total)
    )
    Article.authors.through.objects.bulk_create(
        Article.authors.through(article_id=a.pk, author_id=authors[n % 20].pk)
        for n, a in enumerate(articles)
    )
    ArticleTopic.objects.bulk_create(
        ArticleTopic(article=a, topic=topics[(n + k) % 50], position=k)
        for n, a in enumerate(articles)
        for k in range(2)
    )
    return [(a.pk, a.slug) for a in articles]


def rate(client, url: str, seconds: float, **headers: str) -> float:
    """Responses per second for `url`, after a few warm-up calls."""
    for _ in range(3):
        response = client.get(url, headers=headers)
    expected = 304 if "If-None-Match" in headers else 200
    assert response.status_code == expected, (url, response.status_code)
    count = 0
    started = time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        client.get(url, headers=headers)
        count += 1
    return count / elapsed


def child() -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    articles = seed(ARTICLES)
    client = Client(HTTP_HOST="127.0.0.1")
    pk, slug = articles[-1]
    etag = client.get("/api/articles")["ETag"]
    urls = {
        "article page": (f"/article/{pk}/{slug}/", {}),
        "API list (JSON, 20)": ("/api/articles", {}),
        "API list (ninjs, 20)": ("/api/articles?format=ninjs", {}),
        "API list, section filter": ("/api/articles?section=business", {}),
        "API list, 304": ("/api/articles", {"If-None-Match": etag}),
        "API one article (JSON)": (f"/api/articles/{pk}", {}),
    }
    return {name: rate(client, url, SECONDS, **headers) for name, (url, headers) in urls.items()}


def main() -> None:
    if "--child" in sys.argv:
        print(json.dumps(child()))
        return
    print(f"API: {ARTICLES} published articles, {SECONDS:g} s per URL, in-process test client")
    rows = [["database", "response", "responses/s", "vs article page"]]
    script = str(Path(__file__).resolve())
    for label, url in databases("api"):
        result = run_child(script, url)
        page = result["article page"]
        for name, value in result.items():
            rows.append([label, name, f"{value:.0f}", f"{value / page:.2f}x"])
    print(table(rows))


if __name__ == "__main__":
    main()
