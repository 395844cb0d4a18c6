"""Feed writers: Django's RSS 2.0 and Atom 1.0 with full content, images and WebSub hubs,
and JSON Feed 1.1, which Django does not ship.

Items carry these extra keys (from `ArticleFeed.item_extra_kwargs`): `content_html`,
`summary_text`, `image` (url, alt, caption, credit, mime type), `authors` (name, url),
`language`. The feed carries `hub`, `icon` and `home_page_url`.
"""

from __future__ import annotations

import json

from django.utils.feedgenerator import (
    Atom1Feed,
    Rss201rev2Feed,
    SyndicationFeed,
    rfc3339_date,
)
from django.utils.xmlutils import SimplerXMLGenerator

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
MEDIA_NS = "http://search.yahoo.com/mrss/"


# A browser runs a feed's XSL stylesheet only on a plain XML type: given application/rss+xml
# or application/atom+xml, Chromium prints the source and Firefox offers a download. Feed
# readers read either (nginx serves the rendered files as text/xml anyway).
BROWSABLE_XML = "application/xml; charset=utf-8"


class RssFeed(Rss201rev2Feed):
    """RSS 2.0 with `content:encoded`, Media RSS images and `atom:link rel="hub"`."""

    content_type = BROWSABLE_XML

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": CONTENT_NS,
            "xmlns:media": MEDIA_NS,
        }

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        if self.feed.get("hub"):
            handler.addQuickElement("atom:link", None, {"rel": "hub", "href": self.feed["hub"]})
        if self.feed.get("icon"):
            handler.startElement("image", {})
            handler.addQuickElement("url", self.feed["icon"])
            handler.addQuickElement("title", self.feed["title"])
            handler.addQuickElement("link", self.feed["link"])
            handler.endElement("image")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])
        image = item.get("image")
        if image:
            handler.startElement(
                "media:content", {"url": image["url"], "medium": "image", "type": image["type"]}
            )
            if image["caption"]:
                handler.addQuickElement("media:description", image["caption"], {"type": "plain"})
            if image["credit"]:
                handler.addQuickElement("media:credit", image["credit"])
            handler.endElement("media:content")


class AtomFeed(Atom1Feed):
    """Atom 1.0 with `content`, an icon, `link rel="hub"` and the browser's stylesheet."""

    content_type = BROWSABLE_XML

    def write(self, outfile, encoding):
        # Django's Atom writer leaves out the stylesheets its RSS writer puts before the root.
        handler = SimplerXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        for stylesheet in self.feed["stylesheets"] or []:
            handler.processingInstruction("xml-stylesheet", stylesheet)
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        if self.feed.get("hub"):
            handler.addQuickElement("link", "", {"rel": "hub", "href": self.feed["hub"]})
        if self.feed.get("icon"):
            handler.addQuickElement("icon", self.feed["icon"])
            handler.addQuickElement("logo", self.feed["icon"])

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})


class JsonFeed(SyndicationFeed):
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1)."""

    content_type = "application/feed+json; charset=utf-8"

    def as_dict(self) -> dict:
        feed = self.feed
        data: dict = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": feed["title"],
            "home_page_url": feed["link"],
            "feed_url": feed["feed_url"],
            "description": feed["description"],
            "language": feed["language"],
        }
        if feed.get("icon"):
            data["icon"] = feed["icon"]
            data["favicon"] = feed["icon"]
        if feed.get("author_name"):
            data["authors"] = [{"name": feed["author_name"], "url": feed["author_link"]}]
        if feed.get("hub"):
            data["hubs"] = [{"type": "WebSub", "url": feed["hub"]}]
        data["items"] = [self._item(item) for item in self.items]
        return data

    def _item(self, item: dict) -> dict:
        entry: dict = {"id": item["unique_id"], "url": item["link"], "title": item["title"]}
        if item.get("content_html"):
            entry["content_html"] = item["content_html"]
        else:
            # An item needs content_html or content_text; without full content, the standfirst.
            entry["content_text"] = item.get("summary_text") or item["title"]
        if item.get("summary_text"):
            entry["summary"] = item["summary_text"]
        if item.get("image"):
            entry["image"] = item["image"]["url"]
        if item["pubdate"]:
            entry["date_published"] = rfc3339_date(item["pubdate"])
        if item["updateddate"]:
            entry["date_modified"] = rfc3339_date(item["updateddate"])
        if item.get("authors"):
            entry["authors"] = [
                {key: value for key, value in author.items() if value} for author in item["authors"]
            ]
        if item["categories"]:
            entry["tags"] = list(item["categories"])
        if item.get("language"):
            entry["language"] = item["language"]
        return entry

    def write(self, outfile, encoding):
        outfile.write(json.dumps(self.as_dict(), ensure_ascii=False, separators=(",", ":")))


GENERATORS = {"rss": RssFeed, "atom": AtomFeed, "json": JsonFeed}
