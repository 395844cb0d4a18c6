"""IPTC ninjs 1.x, 2.x and 3.x documents: detect the version, validate, map to wire items.

The official IPTC JSON Schemas are read in place from the conformance folder (see
`common.conformance_dir`); they are CC BY 4.0 files we do not vendor. Where they are absent
(a production image built without them) documents are still mapped, but every result then
carries a `ninjs.schema-unavailable` warning and `SCHEMA_VALIDATION_AVAILABLE` is False, so
nobody mistakes an unvalidated ingest for a validated one.
"""

from __future__ import annotations

import json
import logging
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import exceptions as schema_exceptions
from jsonschema import validators
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource
from referencing.jsonschema import DRAFT202012, specification_with

from dateline.core.text import html_to_text, plain_paragraphs_to_html, sanitize_html

from .common import (
    byline_names,
    clean_text,
    conformance_dir,
    parse_datetime,
    pub_status_name,
    text_of_markup,
    to_qcode,
)
from .model import (
    JSON_MALFORMED,
    NINJS_NOT_OBJECT,
    NINJS_SCHEMA,
    NINJS_SCHEMA_UNAVAILABLE,
    NINJS_VERSION_UNKNOWN,
    PUB_STATUSES,
    ParsedWireItem,
    ParseResult,
    Subject,
    WireImage,
    WireParseError,
)
from .scrub import clean_document

FORMAT = "ninjs"
logger = logging.getLogger(__name__)

# Version -> schema file. The dev drafts are what IPTC's own test runner uses for its
# 1.x_dev and 2.x_dev folders.
SCHEMA_FILES: dict[str, str] = {
    **{v: f"ninjs-schema_{v}.json" for v in ("1.0", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6")},
    **{v: f"ninjs-schema_{v}.json" for v in ("2.0", "2.1", "2.2", "3.0", "3.1")},
    "1.x-dev": "ninjs-schema-dev_0.2_v1.5.json",
    "2.x-dev": "ninjs-schema-dev_0.1_v2.1.json",
}
LATEST_IN_SERIES = {"1": "1.6", "2": "2.2", "3": "3.1"}
DEV_DRAFTS = {"1": "1.x-dev", "2": "2.x-dev"}
_DRAFT_ONLY_KEYS = frozenset({"advices"})
_SCHEMA_URL = re.compile(r"ninjs-schema_(\d\.\d)\.json")

# Keys that only ninjs 3.x spells in camelCase; their presence settles the series.
_CAMEL_CASE_KEYS = frozenset(
    {
        "firstCreated", "versionCreated", "contentCreated", "pubStatus", "embargoedUntil",
        "representationType", "altIds", "edNote", "infoSources", "trustIndicators",
        "copyrightHolder", "copyrightNotice", "usageTerms", "rightsInfo", "digitalSourceType",
        "eventDetails", "plannedCoverage",
    }
)  # fmt: skip
# camelCase keys inside renditions, bodies and associations that only 3.x uses.
_CAMEL_CASE_NESTED_KEYS = frozenset(
    {
        "contentType", "sizeInBytes", "charCount", "wordCount", "aspectRatio", "videoCodec",
        "frameRate", "transportProtocol", "scanType", "contactInfo", "geoJSON", "startDate",
    }
)  # fmt: skip
_ARRAY_KEYS_2X = (
    "headlines", "bodies", "descriptions", "subjects", "renditions", "associations", "people",
    "places", "genres", "altids", "organisations", "events", "objects", "infosources",
    "trustindicators",
)  # fmt: skip
_STANDFIRST_ROLES = ("summary", "abstract", "standfirst", "teaser", "lead", "description")
_PICTURE_TYPES = frozenset({"picture", "graphic"})

# True once the IPTC schema files were found; None until the first ninjs document is read.
SCHEMA_VALIDATION_AVAILABLE: bool | None = None


def parse_ninjs(raw: bytes, *, version: str | None = None) -> ParseResult:
    """Every ninjs document in the input (one object, or an array of them) as a wire item.

    `version` pins the ninjs version ("1.4", "2.x-dev", or a series "3") when the source
    knows it; otherwise it is read from the document's `standard`/`$standard` declaration or,
    failing that, from which spelling of the fields it uses.
    """
    result = ParseResult(format=FORMAT)
    try:
        document = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        line = getattr(exc, "lineno", None)
        location = f"line {line}, column {exc.colno}" if line else ""  # type: ignore[attr-defined]
        message = getattr(exc, "msg", None) or str(exc)
        result.errors.append(WireParseError(JSON_MALFORMED, f"not valid JSON: {message}", location))
        return result
    # json decodes `"\ud800"` and `"\u0000"` without complaint; no stored text may hold them.
    document = clean_document(document)
    documents = list(enumerate(document)) if isinstance(document, list) else [(None, document)]
    for index, doc in documents:
        pointer = "" if index is None else f"/{index}"
        item, error = parse_ninjs_document(doc, version=version, pointer=pointer)
        if error is not None:
            result.errors.append(error)
        elif item is not None:
            result.items.append(item)
    if not schemas_available():
        result.warnings.append(
            WireParseError(
                NINJS_SCHEMA_UNAVAILABLE,
                "IPTC ninjs schema files not found; documents were mapped without validation",
            )
        )
    return result


def parse_ninjs_document(
    doc: Any, *, version: str | None = None, pointer: str = ""
) -> tuple[ParsedWireItem | None, WireParseError | None]:
    """One decoded ninjs object as a wire item, or the typed error that stops it."""
    if not isinstance(doc, dict):
        return None, WireParseError(NINJS_NOT_OBJECT, "a ninjs document is a JSON object", pointer)
    resolved = _version_for(doc, version)
    if resolved is None:
        return None, WireParseError(
            NINJS_VERSION_UNKNOWN, f"unknown ninjs version {version!r}", pointer
        )
    error = validate_ninjs(doc, resolved, pointer=pointer)
    if error is not None:
        return None, error
    if not isinstance(doc.get("uri"), str) or not doc["uri"].strip():
        # Only reachable without schemas: `uri` is the one field every ninjs version requires.
        return None, WireParseError(NINJS_SCHEMA, "required field 'uri' is missing", pointer)
    urgency = doc.get("urgency")
    if urgency is not None and not _is_whole_number(urgency):
        # 1.x and 2.0 type urgency as any number, but every version defines it as a rank
        # from 1 to 9: a fraction is a mistake however old the document.
        return None, WireParseError(
            NINJS_SCHEMA, f"field {pointer}/urgency: {urgency!r} is not a whole number",
            f"{pointer}/urgency",
        )  # fmt: skip
    status = pub_status_name(str(_get(doc, "pubstatus") or "usable"))
    if status not in PUB_STATUSES:
        return None, WireParseError(
            NINJS_SCHEMA, f"pubstatus {status!r} is not one of {sorted(PUB_STATUSES)}",
            f"{pointer}/{_key(doc, 'pubstatus')}",
        )  # fmt: skip
    return _to_item(doc, resolved, status, pointer), None


def _version_for(doc: dict[str, Any], version: str | None) -> str | None:
    """The schema version to validate with.

    A document that declares its schema is validated with it, whatever the source says;
    otherwise the source's version, where a bare series ("2", "1.x") means its latest (or
    its draft, for a document using what only the draft defines).
    """
    if not version:
        return detect_ninjs_version(doc)
    resolved = resolve_version(version)
    if resolved is None:
        return None
    declared = _declared_version(doc)
    if declared is not None:
        return declared
    series = version.strip().lower().removesuffix(".x")
    if series in DEV_DRAFTS and _DRAFT_ONLY_KEYS.intersection(doc):
        return DEV_DRAFTS[series]
    return resolved


def _is_whole_number(value: Any) -> bool:
    return not isinstance(value, bool) and isinstance(value, int | float) and value == int(value)


def resolve_version(version: str) -> str | None:
    version = version.strip().lower().replace("_", "-")
    if version in SCHEMA_FILES:
        return version
    return LATEST_IN_SERIES.get(version.split(".", 1)[0]) if version[:1] in "123" else None


def detect_ninjs_version(doc: dict[str, Any]) -> str:
    """The ninjs version a document claims, else the one its field spellings imply."""
    declared = _declared_version(doc)
    if declared is not None:
        return declared
    if _CAMEL_CASE_KEYS.intersection(doc) or _has_nested_camel_case(doc):
        series = "3"
    elif any(isinstance(doc.get(key), list) for key in _ARRAY_KEYS_2X):
        series = "2"
    else:
        series = "1"
    # Only the drafts define `advices`: a document using it is written to a draft.
    if series in DEV_DRAFTS and _DRAFT_ONLY_KEYS.intersection(doc):
        return DEV_DRAFTS[series]
    return LATEST_IN_SERIES[series]


def _declared_version(doc: dict[str, Any]) -> str | None:
    """The version the document's `standard` (2.x) or `$standard` (1.x) block names.

    The block's own spelling settles the series: 1.x has no `standard` key, so a `standard`
    block naming a 1.x schema is a 2.x document (IPTC's suite has such files as valid 2.x).
    """
    for key, series in (("standard", "2"), ("$standard", "1")):
        standard = doc.get(key)
        if not isinstance(standard, dict):
            continue
        schema = standard.get("schema")
        match = _SCHEMA_URL.search(schema) if isinstance(schema, str) else None
        version = match[1] if match and match[1] in SCHEMA_FILES else None
        if version is None and isinstance(standard.get("version"), str):
            version = resolve_version(standard["version"])
        if version is None:
            continue
        if key == "standard" and version.startswith("1"):
            return LATEST_IN_SERIES[series]
        return version
    return None


def _has_nested_camel_case(doc: dict[str, Any], budget: int = 2000) -> bool:
    """Whether any nested object uses a 3.x camelCase key (looks at `budget` nodes at most)."""
    stack: list[Any] = [doc]
    while stack and budget > 0:
        node = stack.pop()
        budget -= 1
        if isinstance(node, dict):
            if _CAMEL_CASE_NESTED_KEYS.intersection(node):
                return True
            stack.extend(v for v in node.values() if isinstance(v, dict | list))
        elif isinstance(node, list):
            stack.extend(v for v in node if isinstance(v, dict | list))
    return False


def validate_ninjs(doc: Any, version: str, *, pointer: str = "") -> WireParseError | None:
    """The `ninjs.schema` error for the first problem the IPTC schema finds, or None."""
    validator = _validator(SCHEMA_FILES[version]) if schemas_available() else None
    if validator is None:
        return None
    try:
        errors = list(validator.iter_errors(doc))
    except Exception as exc:  # a schema that cannot be applied must not crash ingest
        return WireParseError(NINJS_SCHEMA, f"schema {version} could not be applied: {exc}")
    if not errors:
        return None
    best = schema_exceptions.best_match(errors)
    where = pointer + "".join(
        "/" + str(part).replace("~", "~0").replace("/", "~1") for part in best.absolute_path
    )
    message = best.message if len(best.message) <= 300 else best.message[:297] + "..."
    field = where or "/"
    more = f" ({len(errors) - 1} more problems)" if len(errors) > 1 else ""
    return WireParseError(NINJS_SCHEMA, f"ninjs {version}: field {field}: {message}{more}", field)


def schemas_available() -> bool:
    """Whether the IPTC ninjs schema files can be read on this machine (checked once)."""
    global SCHEMA_VALIDATION_AVAILABLE
    if SCHEMA_VALIDATION_AVAILABLE is None:
        SCHEMA_VALIDATION_AVAILABLE = _schema_dir() is not None
        if not SCHEMA_VALIDATION_AVAILABLE:
            logger.warning(
                "IPTC ninjs schemas not found (set DATELINE_CONFORMANCE_DIR); "
                "ninjs documents will be mapped without schema validation"
            )
    return SCHEMA_VALIDATION_AVAILABLE


def _schema_dir() -> Path | None:
    root = conformance_dir()
    if root is None:
        return None
    folder = root / "ninjs" / "specification"
    return folder if (folder / SCHEMA_FILES["3.1"]).is_file() else None


def _refuse_retrieval(uri: str) -> Resource:
    # Schemas never reach the network: every $ref must resolve to a file read from disk.
    raise NoSuchResource(ref=uri)


@lru_cache(maxsize=1)
def _registry() -> tuple[Registry, dict[str, dict[str, Any]]]:
    folder = _schema_dir()
    contents: dict[str, dict[str, Any]] = {}
    resources: list[tuple[str, Resource]] = []
    if folder is not None:
        for path in sorted(folder.glob("*.json")):
            schema = json.loads(path.read_text(encoding="utf-8"))
            contents[path.name] = schema
            spec = specification_with(schema.get("$schema", ""), default=DRAFT202012)
            resource = Resource(contents=schema, specification=spec)
            uris = {f"http://www.iptc.org/std/ninjs/{path.name}"}
            if isinstance(schema.get("$id"), str):
                uris.add(schema["$id"].rstrip("#"))
            resources.extend((uri, resource) for uri in uris)
    registry = Registry(retrieve=_refuse_retrieval).with_resources(resources)  # type: ignore[call-arg]
    return registry, contents


@lru_cache(maxsize=32)
def _validator(schema_file: str) -> Any:
    registry, contents = _registry()
    schema = contents.get(schema_file)
    if schema is None:
        return None
    validator_class = validators.validator_for(schema)
    return validator_class(schema, registry=registry)


# Mapping --------------------------------------------------------------------------------------


def _key(doc: dict[str, Any], lower_name: str) -> str:
    """The key a document uses for a field, whichever case its version spells it in."""
    for key in doc:
        if key.lower() == lower_name:
            return key
    return lower_name


def _get(doc: dict[str, Any], lower_name: str) -> Any:
    for key, value in doc.items():
        if key.lower() == lower_name:
            return value
    return None


def _to_item(doc: dict[str, Any], version: str, status: str, pointer: str) -> ParsedWireItem:
    item_type = clean_text(doc.get("type")) or "text"
    images = _images(doc)
    return ParsedWireItem(
        format=FORMAT,
        agency_id=doc["uri"].strip(),
        version=_version(doc.get("version")),
        first_created=parse_datetime(_get(doc, "firstcreated")),
        version_created=parse_datetime(_get(doc, "versioncreated")),
        pub_status=status,  # type: ignore[arg-type]
        # 1.x and 2.x say `embargoed`, 3.x `embargoedUntil`; both mean every version.
        embargoed_until=parse_datetime(_get(doc, "embargoeduntil") or _get(doc, "embargoed")),
        urgency=_urgency(doc.get("urgency")),
        headline=_headline(doc),
        standfirst=_standfirst(doc),
        byline=byline_names(doc.get("by") or doc.get("byline")),
        dateline_place=clean_text(doc.get("located")),
        credit=clean_text(_get(doc, "copyrightholder")),
        language=clean_text(doc.get("language")),
        body_html=_body_html(doc),
        subjects=_subjects(doc),
        images=images,
        signals=_signals(doc),
        item_type=item_type,
        ed_note=clean_text(_get(doc, "ednote")),
        location=pointer or "/",
    )


def _version(value: Any) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    return str(value).strip() or None


def _urgency(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value)


def _role_value(entries: Any, roles: tuple[str, ...]) -> str:
    """The `value` of the first entry whose role matches, in order of preference."""
    if not isinstance(entries, list):
        return ""
    usable = [e for e in entries if isinstance(e, dict) and isinstance(e.get("value"), str)]
    for role in roles:
        for entry in usable:
            if str(entry.get("role", "")).lower().rsplit("/", 1)[-1] == role:
                return entry["value"]
    return ""


def _headline(doc: dict[str, Any]) -> str:
    # A headline is plain text; markup sent in one is read as markup, never printed.
    if isinstance(doc.get("headline"), str):
        return text_of_markup(doc["headline"])
    # 1.x pattern properties: headline_main, headline_short, ...
    for key in ("headline_main", *sorted(k for k in doc if k.startswith("headline_"))):
        if isinstance(doc.get(key), str):
            return text_of_markup(doc[key])
    headlines = doc.get("headlines")
    value = _role_value(headlines, ("main", "headline", ""))
    if not value and isinstance(headlines, list):
        value = next((h["value"] for h in headlines if isinstance(h, dict) and h.get("value")), "")
    return text_of_markup(value)


def _standfirst(doc: dict[str, Any]) -> str:
    # 1.x: description_text / description_html / any description_* pattern property.
    for key in ("description_text", "description_html"):
        if isinstance(doc.get(key), str):
            return html_to_text(doc[key])
    for key, value in doc.items():
        if key.startswith("description_") and isinstance(value, str):
            return html_to_text(value)
    descriptions = doc.get("descriptions")
    value = _role_value(descriptions, _STANDFIRST_ROLES)
    if not value and isinstance(descriptions, list):
        # A caption describes a picture, not a story; take it only for pictures.
        roles = ("caption",) if doc.get("type") in _PICTURE_TYPES else ()
        value = _role_value(descriptions, roles) or next(
            (
                d["value"]
                for d in descriptions
                if isinstance(d, dict) and isinstance(d.get("value"), str)
                and str(d.get("role", "")).lower() != "caption"
            ),
            "",
        )  # fmt: skip
    return html_to_text(value)


def _body_html(doc: dict[str, Any]) -> str:
    for key in ("body_html", "body_xhtml"):
        if isinstance(doc.get(key), str):
            return sanitize_html(doc[key])
    if isinstance(doc.get("body_text"), str):
        return sanitize_html(plain_paragraphs_to_html(doc["body_text"]))
    for key, value in doc.items():
        if key.startswith("body_") and isinstance(value, str):
            return sanitize_html(value if "<" in value else plain_paragraphs_to_html(value))
    bodies = [b for b in doc.get("bodies") or [] if isinstance(b, dict)]
    bodies = [b for b in bodies if isinstance(b.get("value"), str)]
    if not bodies:
        return ""

    def rank(body: dict[str, Any]) -> tuple[int, int]:
        kind = str(body.get("contenttype") or body.get("contentType") or "").lower()
        role = str(body.get("role", "")).lower()
        return (0 if "html" in kind else 1 if "nitf" in kind else 2, 0 if role == "main" else 1)

    best = min(bodies, key=rank)
    kind = str(best.get("contenttype") or best.get("contentType") or "").lower()
    value = best["value"]
    if "html" in kind or "xml" in kind or (not kind and "<" in value):
        return sanitize_html(value)
    return sanitize_html(plain_paragraphs_to_html(value))


def _subjects(doc: dict[str, Any]) -> tuple[Subject, ...]:
    subjects: list[Subject] = []
    for entry in doc.get("subjects") or doc.get("subject") or []:
        if not isinstance(entry, dict):
            continue
        name = clean_text(entry.get("name"))
        if "uri" in entry or "literal" in entry:
            code = to_qcode(clean_text(entry.get("uri")) or clean_text(entry.get("literal")))
        else:  # 1.x: {scheme, code}
            code = to_qcode(clean_text(entry.get("code")), clean_text(entry.get("scheme")))
        if code or name:
            subjects.append((code, name))
    return tuple(dict.fromkeys(subjects))


def _signals(doc: dict[str, Any]) -> tuple[str, ...]:
    """Provider signals (AFP `signals`, Superdesk `signal`, AP `editorialtypes`), normalised.

    ninjs core has no signal field; agencies add these extensions, and our life cycle needs
    to know an update or correction from a first version.
    """
    names: list[str] = []
    for key in ("signals", "signal"):
        for entry in doc.get(key) or []:
            if isinstance(entry, str):
                raw = entry
            elif isinstance(entry, dict):
                raw = str(entry.get("uri") or entry.get("qcode") or entry.get("code") or "")
            else:
                continue
            name = raw.rsplit("/", 1)[-1].split(":", 1)[-1].strip().lower()
            if name:
                names.append(name)
    for entry in doc.get("editorialtypes") or []:
        if isinstance(entry, str) and entry.strip():
            names.append(entry.strip().lower())
    return tuple(dict.fromkeys(names))


def _renditions(doc: dict[str, Any]) -> list[dict[str, Any]]:
    renditions = doc.get("renditions")
    if isinstance(renditions, dict):  # 1.x: a map keyed by rendition name
        return [dict(r, name=n) for n, r in renditions.items() if isinstance(r, dict)]
    return [r for r in renditions or [] if isinstance(r, dict)]


def _associations(doc: dict[str, Any]) -> list[dict[str, Any]]:
    associations = doc.get("associations")
    if isinstance(associations, dict):  # 1.x: a map keyed by association name
        return [a for a in associations.values() if isinstance(a, dict)]
    return [a for a in associations or [] if isinstance(a, dict)]


def _image_from(doc: dict[str, Any]) -> WireImage | None:
    candidates = [r for r in _renditions(doc) if isinstance(r.get("href"), str) and r["href"]]
    if not candidates:
        return None

    def width(rendition: dict[str, Any]) -> int:
        value = rendition.get("width")
        return int(value) if isinstance(value, int | float) else 0

    best = max(candidates, key=width)
    mime = clean_text(best.get("contenttype") or best.get("contentType") or best.get("mimetype"))
    return WireImage(
        url=best["href"].strip(),
        caption=_standfirst(doc) or _headline(doc),
        credit=clean_text(doc.get("by") or doc.get("byline") or _get(doc, "copyrightholder")),
        mime_type=mime,
        width=width(best) or None,
        height=int(best["height"]) if isinstance(best.get("height"), int | float) else None,
    )


def _images(doc: dict[str, Any]) -> tuple[WireImage, ...]:
    images: list[WireImage] = []
    if doc.get("type") in _PICTURE_TYPES and (own := _image_from(doc)):
        images.append(own)
    for association in _associations(doc):
        if association.get("type") in _PICTURE_TYPES and (image := _image_from(association)):
            images.append(image)
    return tuple(images)
