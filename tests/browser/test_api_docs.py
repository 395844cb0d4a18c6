"""The API's documentation in a real Chromium, with no network beyond our own server."""

import pytest


@pytest.mark.django_db(transaction=True)
def test_the_api_docs_render_with_no_request_leaving_the_server(browser, live_server):
    page = browser.new_page()
    elsewhere = []

    def only_ours(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", only_ours)
    page.goto(live_server.url + "/api/docs")

    page.locator(".opblock-summary-path", has_text="/api/articles").first.wait_for(timeout=15000)
    assert page.locator(".opblock").count() >= 7
    assert elsewhere == []
