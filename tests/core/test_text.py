import pytest

from dateline.core.text import html_to_text, sanitize_html, shorten_headline, slugify_headline


@pytest.mark.parametrize(
    ("headline", "limit", "expected"),
    [
        ("Talks Resume in Geneva", 60, "Talks Resume in Geneva"),
        (
            "Pentagon Says Allies Working On Bilateral Security Guarantee Deals With Ukraine",
            50,
            "Pentagon Says Allies Working On Bilateral Security…",
        ),
        ("Talks resume in Geneva, officials say", 23, "Talks resume in Geneva…"),
        ("Supercalifragilisticexpialidocious", 10, "Supercalif…"),
        ("  Extra   spaces   collapse  ", 60, "Extra spaces collapse"),
    ],
)
def test_a_headline_is_cut_on_a_word_boundary_with_an_ellipsis(headline, limit, expected):
    assert shorten_headline(headline, limit) == expected


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>Safe <strong>copy</strong></p>", "<p>Safe <strong>copy</strong></p>"),
        ("<p>Hi<script>alert(1)</script></p>", "<p>Hi</p>"),
        ('<p onclick="x()">Hi</p>', "<p>Hi</p>"),
        ('<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer">x</a>'),
        (
            '<a href="https://example.org/report">report</a>',
            '<a href="https://example.org/report" rel="noopener noreferrer">report</a>',
        ),
        ("<style>p{color:red}</style><p>x</p>", "<p>x</p>"),
        (
            '<img src="https://example.org/a.jpg" onerror="x()" alt="A dam">',
            '<img src="https://example.org/a.jpg" alt="A dam">',
        ),
        ("<iframe src='https://example.org'></iframe><p>x</p>", "<p>x</p>"),
    ],
)
def test_sanitizing_keeps_news_copy_and_removes_what_runs(dirty, clean):
    assert sanitize_html(dirty) == clean


def test_html_becomes_plain_text_with_entities_decoded():
    assert html_to_text("<p>Fish &amp; chips</p>\n<p>in  Leeds</p>") == "Fish & chips in Leeds"


@pytest.mark.parametrize(
    ("headline", "slug"),
    [
        ("Kyiv Talks: “Progress” Made", "kyiv-talks-progress-made"),
        ("São Paulo Braces for Rain", "sao-paulo-braces-for-rain"),
        ("!!!", "article"),
    ],
)
def test_a_slug_is_ascii_and_never_empty(headline, slug):
    assert slugify_headline(headline) == slug
