"""The base URL of every absolute link: chosen once, followed by pages, feeds, sitemaps and API."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from django.utils import timezone
from lxml import etree

from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

ROOT = Path(__file__).resolve().parent.parent.parent


def site_url_under(settings_module: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    """DATELINE_SITE_URL as another process of the project sees it with this environment."""
    clean = {k: v for k, v in os.environ.items() if k not in {"PORT", "DATELINE_SITE_URL", "DEBUG"}}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.DATELINE_SITE_URL)",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": settings_module,
            "DATELINE_VAR_DIR": str(tmp_path),
            "SECRET_KEY": "a-key-for-this-test-only-" + "x" * 40,
            **env,
        },
        check=False,
    )


def test_outside_production_the_base_url_follows_the_port(tmp_path):
    result = site_url_under("config.settings.local", tmp_path, PORT="8100")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "http://127.0.0.1:8100"


def test_an_explicit_base_url_wins_over_the_port(tmp_path):
    result = site_url_under(
        "config.settings.local", tmp_path, PORT="8100", DATELINE_SITE_URL="https://news.example/"
    )

    assert result.stdout.strip() == "https://news.example"


def test_production_refuses_to_start_without_an_explicit_base_url(tmp_path):
    result = site_url_under("config.settings.production", tmp_path, PORT="8100")

    assert result.returncode != 0
    assert "DATELINE_SITE_URL must be set in production" in result.stderr


def links_in(html: str) -> set[str]:
    found = set(re.findall(r'<link rel="(?:canonical|alternate)"[^>]* href="([^"]+)"', html))
    found |= set(re.findall(r'<meta property="og:url" content="([^"]+)"', html))
    return found


@pytest.mark.django_db(transaction=True)
def test_every_absolute_link_points_at_the_base_url_and_answers(live_server, settings):
    """As on `PORT=8100 make run`: the server's own address is the base URL, and every
    link that robots.txt, the sitemaps, the pages, the feeds and the API give works."""
    settings.DATELINE_SITE_URL = live_server.url
    world = SectionFactory(name="World", slug="world")
    article = ArticleFactory(
        published=True,
        published_at=timezone.now() - timedelta(hours=1),
        section=world,
        headline="Harbour Pilots Agree New Rota After Week of Talks",
    )
    article.authors.add(AuthorFactory(name="Ines Varga", slug="ines-varga"))
    site = live_server.url
    links: set[str] = set()
    with httpx.Client(timeout=10) as http:
        robots = http.get(f"{site}/robots.txt").text
        sitemaps = re.findall(r"^Sitemap: (\S+)$", robots, flags=re.MULTILINE)
        assert sitemaps
        links |= set(sitemaps)
        sm = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
        for sitemap in sitemaps:
            root = etree.fromstring(http.get(sitemap).content)
            links |= {loc.text for loc in root.iter(f"{sm}loc")}
        for path in ("/", article.get_absolute_url(), "/section/world/", "/author/ines-varga/"):
            links |= links_in(http.get(f"{site}{path}").text)
        rss = etree.fromstring(http.get(f"{site}/feeds/rss/").content)
        links |= {link.text for link in rss.iter("link")}
        atom = etree.fromstring(http.get(f"{site}/feeds/atom/").content)
        links |= {link.get("href") for link in atom.iter("{http://www.w3.org/2005/Atom}link")}
        document = http.get(f"{site}/api/articles").json()
        links |= {item["url"] for item in document["items"]}
        links |= {item["api_url"] for item in document["items"]}
        links |= {author["url"] for item in document["items"] for author in item["authors"]}

        assert article.get_absolute_url() in {link.removeprefix(site) for link in links}
        outside = {link for link in links if not link.startswith(site + "/")}
        assert not outside
        broken = {link: http.get(link).status_code for link in links}
        assert {link: status for link, status in broken.items() if status != 200} == {}


@pytest.mark.django_db
def test_a_page_cached_under_one_base_url_is_not_served_under_another(client, settings):
    article = ArticleFactory(published=True, published_at=timezone.now() - timedelta(hours=1))
    settings.DATELINE_SITE_URL = "http://127.0.0.1:8000"
    client.get(article.get_absolute_url())

    settings.DATELINE_SITE_URL = "http://127.0.0.1:8100"
    html = client.get(article.get_absolute_url()).content.decode()

    canonical = f"http://127.0.0.1:8100{article.get_absolute_url()}"
    assert f'<link rel="canonical" href="{canonical}">' in html
