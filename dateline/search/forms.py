from django import forms

from dateline.search.query import MAX_QUERY_LENGTH


class SearchForm(forms.Form):
    """The search page's GET parameters (the API takes the same names).

    Nothing here rejects a search: a field that does not validate is left out and the
    reader is told, so any URL answers with a page.
    """

    q = forms.CharField(required=False, strip=True, label="Search the archive")
    section = forms.SlugField(required=False)
    topic = forms.SlugField(required=False)
    source = forms.SlugField(required=False)
    author = forms.SlugField(required=False)
    language = forms.CharField(required=False, max_length=12)
    published_from = forms.DateField(required=False, label="From")
    published_to = forms.DateField(required=False, label="To")
    page = forms.IntegerField(required=False, min_value=1)

    MESSAGES = {
        "section": "That section link was not understood, so it was ignored.",
        "topic": "That topic link was not understood, so it was ignored.",
        "source": "That source was not understood, so it was ignored.",
        "author": "That author was not understood, so it was ignored.",
        "language": "That language code was not understood, so it was ignored.",
        "published_from": "Write dates as YYYY-MM-DD; the start date was ignored.",
        "published_to": "Write dates as YYYY-MM-DD; the end date was ignored.",
        "page": "That page number was not understood; here is the first page.",
    }

    def search_arguments(self) -> tuple[dict, list[str]]:
        """Keyword arguments for `search_articles`, and messages for what was left out."""
        self.is_valid()
        messages = [self.MESSAGES[name] for name in self.errors if name in self.MESSAGES]
        data = {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
        # The parser caps the query and says so; cutting a huge one here bounds its work.
        query = str(self.data.get("q", "") or "")[: 4 * MAX_QUERY_LENGTH]
        return {
            "query": query,
            "section": data.get("section") or None,
            "topic": data.get("topic") or None,
            "source": data.get("source") or None,
            "author": data.get("author") or None,
            "language": data.get("language") or None,
            "published_from": data.get("published_from"),
            "published_to": data.get("published_to"),
            "page": data.get("page") or 1,
        }, messages
