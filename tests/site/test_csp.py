"""A Content-Security-Policy on every page (Django's own CSP support), under which the
site, the desk (the prose editor too) and the API docs still work."""

from __future__ import annotations

import pytest

from tests.desk.conftest import PASSWORD, desk_user
from tests.factories import ArticleFactory, SectionFactory


@pytest.fixture
def article(db, now):
    SectionFactory(name="World", slug="world", position=1)
    return ArticleFactory(published=True, headline="Lighthouse Restored After Storm")


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "article", "/search/?q=storm", "/api/docs", "/desk/login/"])
def test_every_page_carries_the_policy(client, article, path):
    url = article.get_absolute_url() if path == "article" else path

    response = client.get(url)

    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert "'unsafe-eval'" not in policy


@pytest.mark.django_db
def test_the_nginx_rendered_pages_carry_the_same_policy():
    from pathlib import Path

    template = Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf.template"
    serve = Path(__file__).resolve().parents[2] / "scripts" / "serve-prod"

    assert 'add_header Content-Security-Policy "@CSP@" always;' in template.read_text()
    assert "@CSP@" in serve.read_text()


def violations_on(page, url: str) -> list[str]:
    """The CSP violations the browser reports while loading `url`."""
    seen: list[str] = []
    page.on(
        "console",
        lambda message: (
            seen.append(message.text)
            if "Content Security Policy" in message.text
            or "Content-Security-Policy" in message.text
            else None
        ),
    )
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return seen


@pytest.mark.django_db(transaction=True)
def test_the_site_the_desk_editor_and_the_api_docs_load_with_no_violation(browser, live_server):
    SectionFactory(name="World", slug="world", position=1)
    article = ArticleFactory(published=True, headline="Lighthouse Restored After Storm")
    user = desk_user("editor", username="csp-editor")
    page = browser.new_page()

    assert violations_on(page, live_server.url + "/") == []
    assert violations_on(page, live_server.url + article.get_absolute_url()) == []
    assert violations_on(page, live_server.url + "/api/docs") == []
    assert page.locator("#swagger-ui .info").count() == 1  # the docs drew themselves

    page.goto(live_server.url + "/desk/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + "/desk/")
    editor = f"{live_server.url}/desk/newsroom/article/{article.pk}/change/"
    assert violations_on(page, editor) == []
    assert page.locator(".prose-editor").count() >= 1  # the prose editor started
