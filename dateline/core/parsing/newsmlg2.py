"""IPTC NewsML-G2 `newsItem` documents and `newsMessage` batches, read with lxml.

Only news items become wire items. Package, concept, knowledge, planning and catalog items,
and the partial listings (fragments) of the NewsML-G2 guidelines, are skipped with a typed
reason: they are well-formed G2, just not copy we publish.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path
from typing import Any

from lxml import etree

from dateline.core.text import plain_paragraphs_to_html, sanitize_html

from .common import (
    byline_names,
    clean_text,
    conformance_dir,
    parse_datetime,
    pub_status_name,
    signal_name,
    text_of_markup,
    to_qcode,
)
from .model import (
    ITEM_INVALID,
    NEWSML_FRAGMENT,
    NEWSML_NO_GUID,
    NEWSML_NOT_NEWS_ITEM,
    NEWSML_NOT_NEWSML,
    NEWSML_SCHEMA,
    PUB_STATUSES,
    ParsedWireItem,
    ParseResult,
    Subject,
    WireImage,
    WireParseError,
)
from .xmlsafe import local_name, parse_xml_strictly

FORMAT = "newsml-g2"
NAR = "http://iptc.org/std/nar/2006-10-01/"
NITF = "http://iptc.org/std/NITF/2006-10-18/"
XHTML = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NS = {"g2": NAR}

NON_NEWS_ITEMS = frozenset(
    {"packageItem", "conceptItem", "knowledgeItem", "planningItem", "catalogItem", "catalog"}
)
FRAGMENTS = frozenset(
    {"contentMeta", "contentSet", "itemMeta", "groupSet", "inlineXML", "itemSet", "rightsInfo"}
)
# NITF block names that have an HTML twin; the rest keep their text through the sanitizer.
_NITF_TO_HTML = {"hl1": "h2", "hl2": "h3", "block": "div", "media-caption": "figcaption"}


def parse_newsml_g2(raw: bytes, *, schema: Path | None = None) -> ParseResult:
    """Every newsItem of a NewsML-G2 document (a newsItem or a newsMessage) as a wire item.

    With `schema` (an XSD, e.g. from `newsml_schema_path()`), the document must also be valid
    against it, else it gives one `newsml.schema` error. Off by default: agencies send many
    G2 versions and extensions, and a readable item is worth more than a strict one.
    """
    result = ParseResult(format=FORMAT)
    root, error = parse_xml_strictly(raw)
    if error is not None:
        result.errors.append(error)
        return result
    assert root is not None
    name = local_name(root)
    namespace = etree.QName(root).namespace
    if name in FRAGMENTS:
        # The guidelines' partial listings (often without the G2 namespace): a part of an
        # item is well-formed but carries no whole item to ingest.
        result.skipped.append(
            WireParseError(
                NEWSML_FRAGMENT, f"<{name}> is a part of an item, not an item", f"/{name}"
            )
        )
        return result
    if namespace != NAR:
        message = f"root element <{name}> is not in the NewsML-G2 namespace {NAR}"
        result.errors.append(WireParseError(NEWSML_NOT_NEWSML, message, f"/{name}"))
        return result
    if schema is not None:
        invalid = _schema_error(root, schema)
        if invalid is not None:
            result.errors.append(invalid)
            return result
    if name == "newsItem":
        _add_news_item(result, root, f"/{name}")
    elif name == "newsMessage":
        items = root.xpath("g2:itemSet/*", namespaces=NS)
        for position, child in enumerate(items, start=1):
            child_name = local_name(child)
            location = f"/newsMessage/itemSet/*[{position}]"
            if child_name == "newsItem":
                _add_news_item(result, child, location)
            elif child_name:
                guid = child.get("guid")
                what = f"<{child_name}> {guid}" if guid else f"<{child_name}>"
                result.skipped.append(
                    WireParseError(NEWSML_NOT_NEWS_ITEM, f"{what} is not a news item", location)
                )
    else:
        result.skipped.append(
            WireParseError(NEWSML_NOT_NEWS_ITEM, f"<{name}> is not a news item", f"/{name}")
        )
    return result


def newsml_schema_path(version: str = "2.35") -> Path | None:
    """The IPTC XSD for a NewsML-G2 version from the conformance folder, if this machine has it."""
    root = conformance_dir()
    if root is None:
        return None
    folder = root / "newsml-g2" / "schema_versions"
    for name in (f"G2-multi-schema-{version}.xsd", f"NewsML-G2_{version}-spec-All-Power.xsd"):
        if (folder / name).is_file():
            return folder / name
    return None


@lru_cache(maxsize=16)
def _xml_schema(path: Path) -> etree.XMLSchema:
    # Schema files are ours, but their imports still must not reach the network.
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    return etree.XMLSchema(etree.parse(str(path), parser))


def _schema_error(root: etree._Element, schema: Path) -> WireParseError | None:
    try:
        xml_schema = _xml_schema(Path(schema))
    except (OSError, etree.XMLSchemaParseError, etree.XMLSyntaxError) as exc:
        return WireParseError(NEWSML_SCHEMA, f"schema {schema} could not be loaded: {exc}")
    if xml_schema.validate(root.getroottree()):
        return None
    first = xml_schema.error_log[0] if xml_schema.error_log else None
    if first is None:
        return WireParseError(NEWSML_SCHEMA, "the document is not valid NewsML-G2")
    return WireParseError(
        NEWSML_SCHEMA,
        f"not valid against {Path(schema).name}: {first.message}",
        f"line {first.line}" + (f", {first.path}" if first.path else ""),
    )


def _add_news_item(result: ParseResult, element: etree._Element, location: str) -> None:
    try:
        item = news_item_to_wire_item(element, location=location)
    except _ItemError as exc:
        result.errors.append(WireParseError(exc.code, exc.message, location))
    except Exception as exc:  # one odd item in a newsMessage must not lose the others
        result.errors.append(
            WireParseError(ITEM_INVALID, f"news item could not be read: {exc!r}", location)
        )
    else:
        result.items.append(item)


class _ItemError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _first(element: etree._Element | None, path: str) -> Any:
    if element is None:
        return None
    found = element.xpath(path, namespaces=NS)
    return found[0] if found else None


def _text(element: etree._Element | None) -> str:
    return clean_text("".join(element.itertext())) if element is not None else ""


def _name(element: etree._Element | None, language: str = "") -> str:
    """A concept's name in the item's language when given, else the first name, else ""."""
    if element is None:
        return ""
    names = element.xpath("g2:name", namespaces=NS)
    if language:
        for name in names:
            if (name.get(XML_LANG) or "").lower() == language.lower():
                return _text(name)
    return _text(names[0]) if names else ""


def news_item_to_wire_item(item: etree._Element, *, location: str = "") -> ParsedWireItem:
    guid = clean_text(item.get("guid"))
    if not guid:
        raise _ItemError(NEWSML_NO_GUID, "newsItem has no guid attribute")
    meta = _first(item, "g2:itemMeta")
    content = _first(item, "g2:contentMeta")
    language = clean_text(_attr(content, "g2:language/@tag")) or clean_text(item.get(XML_LANG))

    pub_status = pub_status_name(_attr(meta, "g2:pubStatus/@qcode") or "usable")
    if pub_status not in PUB_STATUSES:
        raise _ItemError(ITEM_INVALID, f"pubStatus {pub_status!r} is not usable/withheld/canceled")
    signals = tuple(
        dict.fromkeys(
            signal_name(q) for q in _values(meta, "g2:signal/@qcode | g2:signal/@uri") if q
        )
    )
    nitf = _first(item, "g2:contentSet/g2:inlineXML//*[local-name()='nitf']")
    body_html = _body_html(item)

    located = _first(content, "g2:located") if content is not None else None
    dateline = _text(_first(content, "g2:dateline")) if content is not None else ""
    place = _name(located, language)
    if not place and nitf is not None:
        place = _text(_first(nitf, ".//*[local-name()='dateline']/*[local-name()='location']"))
    if not place and dateline:
        # "MOSCOW, Monday (Reuters)": the place is what the agency put before the comma.
        place = dateline.split(",", 1)[0].strip()
    if not dateline and nitf is not None:
        dateline = _text(_first(nitf, ".//*[local-name()='dateline']"))

    headline = _headline(content) or text_of_markup(_text(_first(nitf, ".//*[local-name()='hl1']")))
    byline = ", ".join(byline_names(_text(by)) for by in _elements(content, "g2:by") if _text(by))
    if not byline and nitf is not None:
        byline = byline_names(
            _text(_first(nitf, ".//*[local-name()='body.head']/*[local-name()='byline']"))
        )
    standfirst = _standfirst(content)
    if not standfirst and nitf is not None:
        standfirst = _text(_first(nitf, ".//*[local-name()='abstract']"))

    item_class = _attr(meta, "g2:itemClass/@qcode")
    return ParsedWireItem(
        format=FORMAT,
        agency_id=guid,
        version=clean_text(item.get("version")) or None,
        first_created=parse_datetime(_text(_first(meta, "g2:firstCreated"))),
        version_created=parse_datetime(_text(_first(meta, "g2:versionCreated"))),
        pub_status=pub_status,  # type: ignore[arg-type]
        embargoed_until=parse_datetime(_text(_first(meta, "g2:embargoed"))),
        urgency=_int(_text(_first(content, "g2:urgency"))),
        headline=headline,
        standfirst=standfirst,
        byline=byline,
        dateline=dateline,
        dateline_place=place,
        dateline_date=parse_datetime(_text(_first(content, "g2:contentCreated"))),
        credit=_credit(item, content),
        language=language,
        body_html=body_html,
        subjects=_subjects(content, language),
        images=_images(item, content),
        link=_link(meta),
        signals=signals,
        item_type=item_class.split(":", 1)[-1] if item_class else "text",
        ed_note=" ".join(_text(note) for note in _elements(meta, "g2:edNote")),
        location=location,
    )


def _elements(element: etree._Element | None, path: str) -> list[etree._Element]:
    return element.xpath(path, namespaces=NS) if element is not None else []


def _values(element: etree._Element | None, path: str) -> list[str]:
    return [str(v) for v in element.xpath(path, namespaces=NS)] if element is not None else []


def _attr(element: etree._Element | None, path: str) -> str:
    values = _values(element, path)
    return values[0].strip() if values else ""


def _int(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def _headline(content: etree._Element | None) -> str:
    # Escaped markup in a headline is text to XML; read as markup, it is never printed.
    headlines = _elements(content, "g2:headline")
    for headline in headlines:
        role = headline.get("role") or ""
        if not role or role.endswith(":main") or role == "main":
            return text_of_markup(_text(headline))
    return text_of_markup(_text(headlines[0])) if headlines else ""


def _standfirst(content: etree._Element | None) -> str:
    descriptions = _elements(content, "g2:description")
    for wanted in ("summary", "abstract", ""):
        for description in descriptions:
            role = (description.get("role") or "").rsplit(":", 1)[-1]
            if role == wanted:
                return _text(description)
    return ""


def _credit(item: etree._Element, content: etree._Element | None) -> str:
    creditline = _text(_first(content, "g2:creditline")) if content is not None else ""
    if creditline:
        return creditline
    holder = _first(item, "g2:rightsInfo/g2:copyrightHolder")
    return _name(holder) or clean_text(holder.get("literal") if holder is not None else "")


def _subjects(content: etree._Element | None, language: str) -> tuple[Subject, ...]:
    subjects: list[Subject] = []
    for subject in _elements(content, "g2:subject"):
        code = to_qcode(subject.get("qcode") or subject.get("uri") or subject.get("literal") or "")
        name = _name(subject, language)
        if code or name:
            subjects.append((code, name))
    return tuple(dict.fromkeys(subjects))


def _link(meta: etree._Element | None) -> str:
    for link in _elements(meta, "g2:link"):
        rel = link.get("rel") or ""
        if rel.endswith(("canonical", "self")) and link.get("href"):
            return link.get("href", "").strip()
    return ""


def _images(item: etree._Element, content: etree._Element | None) -> tuple[WireImage, ...]:
    """Renditions of a picture item (`remoteContent`), the largest first."""
    images: list[WireImage] = []
    caption = _standfirst(content) or _headline(content)
    credit = _credit(item, content)
    for remote in item.xpath("g2:contentSet/g2:remoteContent", namespaces=NS):
        href = (remote.get("href") or "").strip()
        mime = remote.get("contenttype") or ""
        if href and (mime.startswith("image/") or remote.get("rendition", "").startswith("rnd:")):
            if mime and not mime.startswith("image/"):
                continue
            images.append(
                WireImage(
                    url=href,
                    caption=caption,
                    credit=credit,
                    mime_type=mime,
                    width=_int(remote.get("width") or ""),
                    height=_int(remote.get("height") or ""),
                )
            )
    images.sort(key=lambda image: -(image.width or 0))
    return tuple(images)


def _body_html(item: etree._Element) -> str:
    """The copy of the item: inline NITF or XHTML, or plain text in `inlineData`."""
    for inline in item.xpath("g2:contentSet/g2:inlineXML", namespaces=NS):
        for element in inline:
            if not isinstance(element.tag, str):
                continue
            namespace = etree.QName(element).namespace
            name = local_name(element)
            if name == "nitf" or namespace == NITF:
                found = element.xpath(".//*[local-name()='body.content']")
                return _serialize_children(found[0]) if found else ""
            if namespace == XHTML or name == "html":
                found = element.xpath(".//*[local-name()='body']")
                return _serialize_children(found[0] if found else element)
            return _serialize_children(inline)
    for inline in item.xpath("g2:contentSet/g2:inlineData", namespaces=NS):
        text = "".join(inline.itertext())
        if "html" in (inline.get("contenttype") or ""):
            return sanitize_html(text)
        return sanitize_html(plain_paragraphs_to_html(text))
    return ""


def _serialize_children(parent: etree._Element) -> str:
    """HTML for the children of an element, namespaces dropped, NITF tags renamed, sanitized."""
    holder = copy.deepcopy(parent)
    for element in holder.iter():
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element).localname
        element.tag = _NITF_TO_HTML.get(name, name)
        for attribute in list(element.attrib):
            if attribute.startswith("{"):
                del element.attrib[attribute]
    etree.cleanup_namespaces(holder)
    parts = [holder.text or ""]
    parts.extend(etree.tostring(child, encoding="unicode", method="html") for child in holder)
    return sanitize_html("".join(parts))
