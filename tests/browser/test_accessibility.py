"""Every page type in a real Chromium: no axe-core violation, no console error."""

from __future__ import annotations

from importlib.resources import files

import pytest

from tests.browser.pages import build_newsroom

# axe-core as pytest-playwright-axe ships it (a pinned test dependency): nothing downloaded.
AXE_SOURCE = (files("pytest_playwright_axe") / "resources" / "axe.min.js").read_text()


def axe_violations(page) -> list[str]:
    # Evaluated by the browser's debugger protocol, not as a page script: the site's
    # Content-Security-Policy rightly refuses inline scripts.
    page.evaluate(AXE_SOURCE)
    result = page.evaluate("async () => await axe.run(document)")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + "; ".join(node["target"][0] for node in v["nodes"][:3])
        for v in result["violations"]
    ]


@pytest.fixture
def newsroom(transactional_db):
    return build_newsroom()


def test_axe_core_is_the_version_the_audit_used():
    assert AXE_SOURCE.startswith("/*! axe v4.14")


@pytest.mark.parametrize("width", [390, 1280])
def test_every_page_type_has_no_axe_violation_and_no_console_error(
    browser, live_server, newsroom, width
):
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems = []
    page.on("console", lambda m: m.type == "error" and problems.append(f"{page.url}: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"{page.url}: {e}"))
    found = {}
    for name, path in newsroom.paths.items():
        page.goto(live_server.url + path)
        found[name] = axe_violations(page)

    failing = {name: v for name, v in found.items() if v}
    assert not failing, "\n".join(f"{name}: {v}" for name, v in failing.items())
    # The 404 page's own answer is the one error a browser may log.
    assert [p for p in problems if "no-such-page" not in p] == []
