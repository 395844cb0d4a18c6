"""A demo agency feed, so that the demo site moves while one watches.

`dateline demo_wire` plays three fictional agencies delivering synthetic copy (written by
us, from the demo generator) through the real ingest path, each in its own format:
Meridian Press drops NewsML-G2 files into a folder, Northwind Wire drops ninjs 2.x files
into another, and Continental News Service publishes an RSS feed over HTTP on loopback.
Every so often an agency re-sends a story as an update, corrects one (NewsML-G2
`sig:correction`) or kills one (`canceled`). A fourth, the Lakeside Courier, is a partner
publisher whose feed only links to its article pages (the `html` format). The worker polls
the sources like any other.
"""

from __future__ import annotations

import functools
import json
import random
import re
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

from dateline.demo.plan import ArticlePlan, plan_demo
from dateline.wires.models import Source

# The agencies' subject codes for the demo's sections. World copy carries none: the
# top-level code ingest reads as World is "conflict, war and peace", which a monsoon or
# a festival story is not (a World story lands in World as the fallback section).
MEDIA_TOPIC_BY_SECTION = {
    "politics": "medtop:11000000",
    "business": "medtop:04000000",
    "technology": "medtop:13000000",
    "science": "medtop:13000000",
    "health": "medtop:07000000",
    "sport": "medtop:15000000",
    "culture": "medtop:01000000",
}
FEED_LENGTH = 30


@dataclass
class Sent:
    """A story an agency has sent, to re-send later as an update, correction or kill."""

    agency: str
    uri: str
    plan: ArticlePlan
    first_created: datetime
    version: int = 1
    # (as sent, as it should have been): a figure the agency got wrong and will correct.
    slip: tuple[str, str] | None = None


@dataclass
class DemoWire:
    folder: Path
    port: int
    rng: random.Random = field(default_factory=lambda: random.Random(7))
    sent: list[Sent] = field(default_factory=list)
    rss_items: list[str] = field(default_factory=list)
    page_links: list[str] = field(default_factory=list)
    plans: list[ArticlePlan] = field(default_factory=list)
    ticks: int = 0

    def __post_init__(self) -> None:
        for name in ("meridian", "northwind", "continental", "lakeside"):
            (self.folder / name).mkdir(parents=True, exist_ok=True)

    def configure_sources(self) -> list[Source]:
        """Point the demo agencies at their folders and feed; they poll every few seconds."""
        settings = {
            "meridian-press": (Source.Format.NEWSML_G2, str(self.folder / "meridian")),
            "northwind-wire": (Source.Format.NINJS, str(self.folder / "northwind")),
            "continental-news-service": (
                Source.Format.RSS,
                f"http://127.0.0.1:{self.port}/continental/feed.xml",
            ),
            "lakeside-courier": (
                Source.Format.HTML,
                f"http://127.0.0.1:{self.port}/lakeside/links.xml",
            ),
        }
        sources = []
        for slug, (format, location) in settings.items():
            source, _ = Source.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": slug.replace("-", " ").title(),
                    "kind": Source.Kind.PARTNER if slug == "lakeside-courier" else "agency",
                },
            )
            source.format, source.location = format, location
            source.enabled, source.allow_private_network = True, True
            source.poll_interval = timedelta(seconds=5)
            source.credit = source.credit or source.name
            source.save()
            sources.append(source)
        return sources

    def serve_feed(self) -> ThreadingHTTPServer:
        handler = functools.partial(_QuietHandler, directory=str(self.folder))
        server = ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        self.port = server.server_address[1]  # the real one when asked for port 0
        # Empty feeds until the first delivery, so that the sources' first polls find a
        # feed with nothing new rather than a 404 that counts as a failing source.
        self._write_rss()
        self._write_links()
        threading.Thread(target=server.serve_forever, name="demo-wire-feed", daemon=True).start()
        return server

    def _next_plan(self, now: datetime) -> ArticlePlan:
        if not self.plans:
            self.plans = plan_demo(count=40, now=now, seed=self.rng.randrange(1 << 30))
        return self.plans.pop()

    def tick(self, now: datetime | None = None) -> str:
        """Deliver one thing: usually a new story, sometimes a later version of one."""
        now = now or datetime.now(UTC)
        self.ticks += 1
        # RSS and publishers' pages have no way to withdraw a story.
        killable = [s for s in self.sent if s.agency in {"meridian", "northwind"}]
        if killable and self.ticks % 13 == 0:
            return self._kill(self.rng.choice(killable), now)
        if self.ticks % 7 == 0:
            slipped = [s for s in self.sent if s.slip]
            if slipped:
                return self._correct(self.rng.choice(slipped), now)
        if self.sent and self.ticks % 5 == 0:
            return self._update(self.rng.choice(self.sent), now)
        agency = ("meridian", "northwind", "continental", "lakeside")[self.ticks % 4]
        plan = self._next_plan(now)
        story = Sent(
            agency=agency,
            uri=f"urn:demo-wire:{agency}:{now:%Y%m%d%H%M%S}:{self.ticks}",
            plan=plan,
            first_created=now,
        )
        right = f"{plan.pct} percent"
        outstanding = any(s.slip for s in self.sent)
        if agency == "meridian" and plan.pct and right in plan.body and not outstanding:
            # Now and then a figure goes out transposed ("3.2" as "2.3"), to be corrected.
            wrong = f"{plan.pct[::-1]} percent"
            plan.body = plan.body.replace(right, wrong, 1)
            story.slip = (wrong, right)
        self.sent = [*self.sent[-50:], story]
        self._deliver(story, now)
        return f"new {agency}: {plan.headline}"

    def _update(self, story: Sent, now: datetime) -> str:
        story.version += 1
        story.plan.body += (
            f"<p>This story was updated at {now:%H:%M} UTC with further details from officials.</p>"
        )
        self._deliver(story, now, signals=("update",))
        return f"update {story.agency}: {story.plan.headline}"

    def _correct(self, story: Sent, now: datetime) -> str:
        """The agency fixes the figure it got wrong, once, with a note that says what."""
        wrong, right = story.slip
        story.slip = None
        story.version += 1
        story.plan.body = story.plan.body.replace(wrong, right, 1)
        self._deliver(
            story,
            now,
            signals=("correction",),
            note=(
                f"An earlier version of this story gave a figure of {wrong}. "
                f"The correct figure is {right}."
            ),
        )
        return f"correction {story.agency}: {story.plan.headline}"

    def _kill(self, story: Sent, now: datetime) -> str:
        story.version += 1
        self._deliver(story, now, pub_status="canceled")
        self.sent.remove(story)
        return f"kill {story.agency}: {story.plan.headline}"

    def _deliver(self, story: Sent, now: datetime, **kwargs) -> None:
        if story.agency == "meridian":
            content, name = newsml_g2(story, now, **kwargs), f"{story.version}.xml"
        elif story.agency == "northwind":
            content, name = ninjs_2(story, now, **kwargs), f"{story.version}.json"
        elif story.agency == "lakeside":
            self._publish_page(story, now)
            return
        else:
            self._publish_rss(story, now)
            return
        target = self.folder / story.agency / f"{story.uri.rsplit(':', 2)[-2]}-{name}"
        # Write then rename, so that the poller never reads half a file.
        partial = target.with_suffix(".tmp")
        partial.write_bytes(content)
        partial.replace(target)

    def _publish_rss(self, story: Sent, now: datetime) -> None:
        self.rss_items = [i for i in self.rss_items if f">{story.uri}<" not in i]
        self.rss_items.insert(0, rss_item(story, now))
        self.rss_items = self.rss_items[:FEED_LENGTH]
        self._write_rss()

    def _write_rss(self) -> None:
        feed = (
            '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
            "<title>Continental News Service (demo)</title><link>http://127.0.0.1/</link>"
            "<description>Synthetic demo copy</description>"
            + "".join(self.rss_items)
            + "</channel></rss>"
        )
        target = self.folder / "continental" / "feed.xml"
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".tmp")
        partial.write_text(feed, encoding="utf-8")
        partial.replace(target)

    def _publish_page(self, story: Sent, now: datetime) -> None:
        """A page with the article among site furniture, and a feed that links to it."""
        folder = self.folder / "lakeside"
        name = f"{story.uri.rsplit(':', 1)[-1]}.html"
        (folder / name).write_text(article_page(story), encoding="utf-8")
        link = f"http://127.0.0.1:{self.port}/lakeside/{name}"
        self.page_links = [link, *self.page_links][:FEED_LENGTH]
        self._write_links()

    def _write_links(self) -> None:
        folder = self.folder / "lakeside"
        folder.mkdir(parents=True, exist_ok=True)
        items = "".join(f"<item><link>{escape(u)}</link></item>" for u in self.page_links)
        feed = (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            "<title>Lakeside Courier (demo)</title><link>http://127.0.0.1/</link>"
            f"<description>Links to our pages</description>{items}</channel></rss>"
        )
        partial = folder / "links.tmp"
        partial.write_text(feed, encoding="utf-8")
        partial.replace(folder / "links.xml")


def article_page(story: Sent) -> str:
    plan = story.plan
    author = f'<meta name="author" content="{escape(plan.byline[3:])}">' if plan.byline else ""
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{escape(plan.headline)} | Lakeside Courier</title>
<meta property="og:title" content="{escape(plan.headline)}">
<meta property="og:description" content="{escape(plan.standfirst)}">
<meta property="og:site_name" content="Lakeside Courier">{author}
<meta property="article:published_time" content="{story.first_created.isoformat()}">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<main><article><h1>{escape(plan.headline)}</h1>{plan.body}</article></main>
<aside>Most read: nothing to see here</aside><footer>Lakeside Courier, a demo publisher</footer>
</body></html>"""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def _credit(story: Sent) -> str:
    return {
        "meridian": "Meridian Press",
        "northwind": "Northwind Wire",
        "continental": "Continental News Service",
        "lakeside": "Lakeside Courier",
    }[story.agency]


def newsml_g2(
    story: Sent,
    now: datetime,
    *,
    signals: tuple[str, ...] = (),
    note: str = "",
    pub_status: str = "usable",
) -> bytes:
    plan = story.plan
    signal_xml = "".join(f'<signal qcode="sig:{s}"/>' for s in signals)
    note_xml = f"<edNote>{escape(note)}</edNote>" if note else ""
    subject = MEDIA_TOPIC_BY_SECTION.get(plan.section)
    subject_xml = f'<subject type="cpnat:abstract" qcode="{subject}"/>' if subject else ""
    byline = f"<by>{escape(plan.byline)}</by>" if plan.byline else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- Synthetic demo copy written for dateline. -->
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="{story.uri}"
    version="{story.version}" standard="NewsML-G2" standardversion="2.35" xml:lang="en">
  <catalogRef href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml"/>
  <itemMeta>
    <itemClass qcode="ninat:text"/>
    <provider qcode="nprov:MERIDIAN"/>
    <versionCreated>{now.isoformat()}</versionCreated>
    <firstCreated>{story.first_created.isoformat()}</firstCreated>
    <pubStatus qcode="stat:{pub_status}"/>
    {note_xml}{signal_xml}
  </itemMeta>
  <contentMeta>
    <located><name>{escape(plan.city)}</name></located>
    <creditline>{escape(_credit(story))}</creditline>
    <language tag="en"/>
    {subject_xml}
    <headline>{escape(plan.headline)}</headline>
    {byline}
    <description role="drol:summary">{escape(plan.standfirst)}</description>
  </contentMeta>
  <contentSet>
    <inlineXML contenttype="application/xhtml+xml">
      <html xmlns="http://www.w3.org/1999/xhtml"><body>{_xhtml(plan.body)}</body></html>
    </inlineXML>
  </contentSet>
</newsItem>""".encode()


_BARE_AMPERSAND = re.compile(r"&(?!#?\w+;)")


def _xhtml(body: str) -> str:
    # The generator writes HTML fragments of p and blockquote only; HTML lets a firm's
    # "Harlow & Finch" stand with a bare ampersand, XML does not.
    return _BARE_AMPERSAND.sub("&amp;", body.replace("<br>", "<br/>"))


def ninjs_2(
    story: Sent,
    now: datetime,
    *,
    signals: tuple[str, ...] = (),
    note: str = "",
    pub_status: str = "usable",
) -> bytes:
    plan = story.plan
    document = {
        "uri": story.uri,
        "type": "text",
        "version": str(story.version),
        "firstcreated": story.first_created.isoformat(),
        "versioncreated": now.isoformat(),
        "pubstatus": pub_status,
        "language": "en",
        "headlines": [{"role": "main", "value": plan.headline}],
        "descriptions": [{"role": "summary", "value": plan.standfirst}],
        "bodies": [{"role": "main", "contenttype": "text/html", "value": plan.body}],
        "located": plan.city,
        "copyrightholder": _credit(story),
    }
    subject = MEDIA_TOPIC_BY_SECTION.get(plan.section)
    if subject:
        document["subjects"] = [
            {
                "uri": "http://cv.iptc.org/newscodes/mediatopic/" + subject.split(":")[1],
                "name": plan.section,
            }
        ]
    if plan.byline:
        document["by"] = plan.byline
    return json.dumps(document, indent=1).encode()


def rss_item(story: Sent, now: datetime) -> str:
    plan = story.plan
    creator = f"<dc:creator>{escape(plan.byline)}</dc:creator>" if plan.byline else ""
    return (
        f'<item><guid isPermaLink="false">{story.uri}</guid>'
        f"<title>{escape(plan.headline)}</title>"
        f"<description>{escape(plan.body)}</description>{creator}"
        f"<pubDate>{format_datetime(story.first_created)}</pubDate>"
        f"<category>{escape(plan.section)}</category></item>"
    )
