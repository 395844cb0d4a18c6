"""Reading untrusted XML without letting it reach the file system, the network or memory.

lxml is configured so that nothing is ever fetched or expanded; on top of that a document
that declares a DOCTYPE or entities is refused before and after parsing, because wire formats
(NewsML-G2, NITF inside it) never need them and every XML bomb (billion laughs, XXE) does.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from lxml import etree

from .model import XML_DTD_FORBIDDEN, XML_ENTITIES_FORBIDDEN, XML_MALFORMED, WireParseError

_DOCTYPE = re.compile(r"<!DOCTYPE\b", re.IGNORECASE)
_ENTITY = re.compile(
    r"""<!ENTITY\s+(?P<parameter>%\s+)?(?P<name>[^\s"'>]+)\s+
        (?:(?P<external>SYSTEM|PUBLIC)\b|(?P<quote>["'])(?P<value>.*?)(?P=quote))""",
    re.IGNORECASE | re.DOTALL | re.VERBOSE,
)
_FIRST_ELEMENT = re.compile(r"<[A-Za-z_]")
# Character references (&#38;, &#x26;) are harmless in an entity value; named references make
# one entity expand into others, which is how billion-laughs bombs grow.
_NAMED_REFERENCE = re.compile(r"[&%][A-Za-z_][\w.-]*;")


@dataclass(frozen=True, slots=True)
class EntityDeclaration:
    name: str
    parameter: bool
    external: bool
    value: str

    @property
    def refers_to_other_entities(self) -> bool:
        return bool(_NAMED_REFERENCE.search(self.value))


@dataclass(frozen=True, slots=True)
class Prolog:
    """What the document declares before its first element."""

    has_doctype: bool
    entities: tuple[EntityDeclaration, ...]


def decode_head(raw: bytes) -> str:
    """Decode enough of the document to read its prolog, whatever its byte encoding."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if raw.startswith(bom):
            return raw[len(bom) :].decode(encoding, errors="replace")
    if raw[:4] == b"<\x00?\x00":
        return raw.decode("utf-16-le", errors="replace")
    if raw[:4] == b"\x00<\x00?":
        return raw.decode("utf-16-be", errors="replace")
    # Every other encoding a feed may declare is ASCII-compatible for the markup of a prolog.
    return raw.decode("latin-1")


def read_prolog(raw: bytes) -> Prolog:
    """The DOCTYPE and entity declarations that come before the document's first element."""
    text = decode_head(raw)
    doctype = _DOCTYPE.search(text)
    if doctype is None:
        return Prolog(has_doctype=False, entities=())
    # The internal subset ends at the first "]>"; elements only start after it.
    subset_end = text.find("]>", doctype.end())
    first_element = _FIRST_ELEMENT.search(text, doctype.end())
    if first_element is not None and (subset_end == -1 or first_element.start() < subset_end):
        end = first_element.start()
    else:
        end = subset_end if subset_end != -1 else len(text)
    prolog = text[doctype.start() : end]
    entities = tuple(
        EntityDeclaration(
            name=match["name"],
            parameter=bool(match["parameter"]),
            external=bool(match["external"]),
            value=match["value"] or "",
        )
        for match in _ENTITY.finditer(prolog)
    )
    if not entities and "<!ENTITY" in prolog.upper():
        # An entity declaration we could not read is treated as the worst kind.
        entities = (EntityDeclaration(name="?", parameter=False, external=True, value=""),)
    return Prolog(has_doctype=True, entities=entities)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _refuse_declarations(has_doctype: bool, entity_names: list[str]) -> WireParseError | None:
    if entity_names:
        return WireParseError(
            XML_ENTITIES_FORBIDDEN,
            "the document declares entities (" + ", ".join(entity_names[:5]) + "); "
            "wire XML may not declare entities, so none were expanded",
            "/DOCTYPE",
        )
    if has_doctype:
        return WireParseError(
            XML_DTD_FORBIDDEN,
            "the document has a DOCTYPE; wire XML may not carry or reference a DTD",
            "/DOCTYPE",
        )
    return None


def parse_xml_strictly(raw: bytes) -> tuple[etree._Element | None, WireParseError | None]:
    """Parse a wire XML document, refusing DTDs and entities; the root or a typed error."""
    prolog = read_prolog(raw)
    refused = _refuse_declarations(prolog.has_doctype, [e.name for e in prolog.entities])
    if refused is not None:
        return None, refused
    try:
        root = etree.fromstring(raw, _parser())
    except etree.XMLSyntaxError as exc:
        line, column = (exc.position or (0, 0))[:2]
        location = f"line {line}, column {column}" if line else ""
        return None, WireParseError(XML_MALFORMED, f"not well-formed XML: {exc.msg}", location)
    if root is None:
        return None, WireParseError(XML_MALFORMED, "the document has no root element")
    # Second line of defence for encodings the prolog scan could not read.
    docinfo = root.getroottree().docinfo
    dtd = docinfo.internalDTD
    names = [entity.name for entity in dtd.iterentities()] if dtd is not None else []
    refused = _refuse_declarations(bool(docinfo.doctype), names)
    if refused is not None:
        return None, refused
    return root, None


def hostile_entity_declarations(raw: bytes) -> list[str]:
    """Entity declarations that could read files, reach the network or expand without bound.

    Feeds in the wild declare harmless entities (`<!ENTITY id "tag:example.com,">`) and refer
    to the XHTML character entity sets, and feedparser only keeps simple ones, so RSS and Atom
    refuse only the general entities that are external or built from other entities.
    """
    return [
        entity.name
        for entity in read_prolog(raw).entities
        if not entity.parameter and (entity.external or entity.refers_to_other_entities)
    ]


def local_name(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return etree.QName(tag).localname
