"""The search page: a GET form, results, facets as links; works without JavaScript."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dateline.search.forms import SearchForm
from dateline.search.query import MAX_QUERY_LENGTH
from dateline.search.selectors import search_articles


def results(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    arguments, messages = form.search_arguments()
    found = None
    if arguments["query"].strip():
        found = search_articles(**arguments)
        found.messages[:0] = messages
    return render(
        request,
        "search/results.html",
        {
            "form": form,
            "query": arguments["query"][:MAX_QUERY_LENGTH],
            "results": found,
            "messages_before": messages if found is None else [],
            "max_query_length": MAX_QUERY_LENGTH,
        },
    )
