"""Synthetic agency copy for ingest tests, as NewsML-G2 the way agencies send it."""

from __future__ import annotations

from datetime import datetime
from xml.sax.saxutils import escape


def newsml_item(
    *,
    guid: str = "urn:newsml:meridian.example:20261129:bridge-vote",
    version: int = 1,
    version_created: datetime,
    headline: str = "Parliament Approves New Danube Bridge After Long Debate",
    paragraphs: tuple[str, ...] = (
        "Lawmakers voted 112 to 64 on Sunday to fund a new road bridge over the Danube.",
        "Construction is expected to start next spring, the transport ministry said.",
    ),
    pub_status: str = "usable",
    signals: tuple[str, ...] = (),
    embargoed: datetime | None = None,
    ed_note: str = "",
    located: str = "Budapest",
    subjects: tuple[str, ...] = ("medtop:11000000",),
    credit: str = "Meridian Press",
    body_xml: str = "",
    by: str = "",
) -> bytes:
    body = body_xml or "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    signal_xml = "".join(f'<signal qcode="sig:{s}"/>' for s in signals)
    embargo_xml = f"<embargoed>{embargoed.isoformat()}</embargoed>" if embargoed else ""
    note_xml = f"<edNote>{escape(ed_note)}</edNote>" if ed_note else ""
    subject_xml = "".join(f'<subject type="cpnat:abstract" qcode="{q}"/>' for q in subjects)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="{guid}" version="{version}"
    standard="NewsML-G2" standardversion="2.35" conformance="power" xml:lang="en">
  <catalogRef href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml"/>
  <itemMeta>
    <itemClass qcode="ninat:text"/>
    <provider qcode="nprov:MERIDIAN"/>
    <versionCreated>{version_created.isoformat()}</versionCreated>
    {embargo_xml}
    <pubStatus qcode="stat:{pub_status}"/>
    {note_xml}{signal_xml}
  </itemMeta>
  <contentMeta>
    <located><name>{escape(located)}</name></located>
    <creditline>{escape(credit)}</creditline>
    <language tag="en"/>
    {subject_xml}
    <headline>{escape(headline)}</headline>{f"<by>{escape(by)}</by>" if by else ""}
    <description role="drol:summary">Work on the crossing is due to take four years.</description>
  </contentMeta>
  <contentSet>
    <inlineXML contenttype="application/xhtml+xml">
      <html xmlns="http://www.w3.org/1999/xhtml"><body>{body}</body></html>
    </inlineXML>
  </contentSet>
</newsItem>""".encode()
