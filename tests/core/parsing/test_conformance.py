"""The public conformance material, read in place from the shared folder.

ninjs: IPTC's own test suite with the schema its runner uses for each folder.
NewsML-G2: IPTC's unit-test files (schema-checked) and the guideline examples (read by
XPath and compared). feedparser: its whole well-formed, ill-formed, entity and encoding
corpus never crashes, and our items agree with feedparser's own parse.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from dateline.core.parsing import ERROR_CODES, parse_wire
from dateline.core.text import html_to_text

NAR = {"g2": "http://iptc.org/std/nar/2006-10-01/"}
# IPTC's runner maps its dev folders to the dev drafts of the schema.
DEV_SCHEMAS = {
    "ninjs-schema-dev_0.2_v1.5.json": "1.x-dev",
    "ninjs-schema-dev_0.1_v2.1.json": "2.x-dev",
}


def ninjs_labels(conformance: Path) -> list[dict]:
    labels = json.loads((conformance / "ninjs" / "labels.json").read_text())["test_suite"]
    return [label for label in labels if label["expected"] in {"pass", "fail"}]


def schema_version(label: dict) -> str:
    name = label["schema"].rsplit("/", 1)[-1]
    return DEV_SCHEMAS.get(name) or name.removeprefix("ninjs-schema_").removesuffix(".json")


def test_every_ninjs_should_pass_document_parses_without_error(conformance):
    failures = []
    for label in ninjs_labels(conformance):
        if label["expected"] != "pass":
            continue
        raw = (conformance / "ninjs" / label["path"]).read_bytes()
        result = parse_wire(raw, "ninjs", ninjs_version=schema_version(label))
        if result.errors or len(result.items) != 1:
            failures.append((label["path"], result.errors))
    assert not failures


def test_every_ninjs_should_fail_document_is_rejected_naming_the_field(conformance):
    wrong = []
    for label in ninjs_labels(conformance):
        if label["expected"] != "fail":
            continue
        raw = (conformance / "ninjs" / label["path"]).read_bytes()
        result = parse_wire(raw, "ninjs", ninjs_version=schema_version(label))
        # Five of IPTC's should_fail files are not even JSON; those are json.malformed.
        expected = "ninjs.schema" if label["json_parses"] else "json.malformed"
        if result.items or result.error_codes != [expected] or not result.errors[0].location:
            wrong.append((label["path"], result.errors))
    assert not wrong


def test_ninjs_documents_that_declare_their_version_validate_without_being_told(conformance):
    """Auto-detection agrees with IPTC's folder for every document with a `standard` block."""
    wrong = []
    for label in ninjs_labels(conformance):
        if not label["json_parses"]:
            continue
        document = json.loads((conformance / "ninjs" / label["path"]).read_bytes())
        if not isinstance(document, dict):
            continue
        standard = document.get("standard") or document.get("$standard")
        if not (isinstance(standard, dict) and standard.get("version") == schema_version(label)):
            continue
        result = parse_wire((conformance / "ninjs" / label["path"]).read_bytes(), "ninjs")
        if bool(result.items) != (label["expected"] == "pass"):
            wrong.append(label["path"])
    assert not wrong


# Valid under ninjs 1.2 and later, invalid only under the 1.0 or 1.1 schema of their folder,
# and declaring no version: nothing in the document can tell them from IPTC's valid 1.2
# files (1.2/should_pass/003_type_component is the same document). A source that pins the
# version refuses them (the test above); a document alone cannot be judged more strictly.
ONLY_THEIR_FOLDER_TELLS = {
    "test_suite/1.0/should_fail/014_type_component.json",
    "test_suite/1.0/should_fail/016_infosource.json",
    "test_suite/1.1/should_fail/001_type_component.json",
    "test_suite/1.1/should_fail/002_infosource.json",
}


def folder_series(label: dict) -> str:
    """The series a source would name for IPTC's folder: "1" for 1.0 ... 1.x_dev."""
    return label["path"].split("/")[1][0]


@pytest.mark.parametrize("told", ["nothing", "series"])
def test_every_ninjs_document_is_judged_as_labelled_when_not_told_the_exact_version(
    conformance, told
):
    """As ingest meets them: the version from the document's declaration, else from its
    spelling (or only the series, from the source). Released and draft folders alike."""
    wrong = []
    judged = {"pass": 0, "fail": 0}
    for label in ninjs_labels(conformance):
        raw = (conformance / "ninjs" / label["path"]).read_bytes()
        version = folder_series(label) if told == "series" else None
        result = parse_wire(raw, "ninjs", ninjs_version=version)
        if label["path"] in ONLY_THEIR_FOLDER_TELLS:
            continue
        judged[label["expected"]] += 1
        if label["expected"] == "pass" and (result.errors or len(result.items) != 1):
            wrong.append((label["path"], result.errors))
        if label["expected"] == "fail":
            expected = "ninjs.schema" if label["json_parses"] else "json.malformed"
            if result.items or result.error_codes != [expected] or not result.errors[0].location:
                wrong.append((label["path"], result.errors))
    assert not wrong
    assert judged == {"pass": 158, "fail": 70 - len(ONLY_THEIR_FOLDER_TELLS)}


def test_a_declared_schema_wins_over_the_version_a_source_pins(conformance):
    """2.0/should_pass/003 declares its schema in a 2.x `standard` block."""
    raw = (conformance / "ninjs" / "test_suite/2.0/should_pass/003_schema_only.json").read_bytes()

    assert parse_wire(raw, "ninjs").ok
    assert parse_wire(raw, "ninjs", ninjs_version="1.3").ok


def test_a_fractional_urgency_is_refused_naming_the_field():
    result = parse_wire(b'{"uri": "urn:test:u", "urgency": 0.1}', "ninjs")

    assert result.error_codes == ["ninjs.schema"]
    assert result.errors[0].location == "/urgency"


def test_every_valid_ninjs_agency_example_parses_with_a_uri(conformance):
    examples = json.loads((conformance / "ninjs" / "labels.json").read_text())["examples"]
    for example in examples:
        if not example["valid_measured"] or example["schema_version"] is None:
            continue
        raw = (conformance / "ninjs" / example["path"]).read_bytes()
        result = parse_wire(raw, "ninjs", ninjs_version=example["schema_version"])
        assert result.ok, (example["path"], result.errors)
        assert result.items[0].agency_id


def newsml_labels(conformance: Path) -> list[dict]:
    return json.loads((conformance / "newsml-g2" / "unit_test_labels.json").read_text())["files"]


def test_newsml_unit_test_files_pass_or_fail_schema_checking_as_labelled(conformance):
    wrong = []
    for label in newsml_labels(conformance):
        path = conformance / "newsml-g2" / label["path"]
        schema = conformance / "newsml-g2" / label["schema"]
        result = parse_wire(path.read_bytes(), "newsml-g2", newsml_schema=schema)
        if label["expected"] == "pass" and result.errors:
            wrong.append((label["path"], result.errors))
        if label["expected"] == "fail" and result.error_codes != ["newsml.schema"]:
            wrong.append((label["path"], result.errors))
    assert not wrong


def test_every_newsml_unit_test_file_is_read_without_schema_as_an_item_or_a_skip(conformance):
    for label in newsml_labels(conformance):
        result = parse_wire((conformance / "newsml-g2" / label["path"]).read_bytes(), "newsml-g2")
        root = etree.parse(str(conformance / "newsml-g2" / label["path"])).getroot()
        if etree.QName(root).localname == "newsItem" and label["expected"] == "pass":
            assert len(result.items) == 1, (label["path"], result.errors)
        else:
            assert result.items or result.skipped, (label["path"], result.errors)


def xpath_text(item: etree._Element, path: str) -> str:
    elements = item.xpath(path, namespaces=NAR)
    return " ".join(" ".join("".join(e.itertext()).split()) for e in elements)


def test_newsml_examples_agree_with_an_xpath_read_of_the_file(conformance):
    """Each guideline newsItem: headline, dateline, subjects and body text as XPath reads them."""
    checked = 0
    for path in sorted((conformance / "newsml-g2" / "examples").glob("*.xml")):
        result = parse_wire(path.read_bytes(), "auto")
        assert set(result.error_codes) <= ERROR_CODES
        tree = etree.parse(str(path))
        news_items = tree.xpath("//g2:newsItem", namespaces=NAR)
        assert len(result.items) == len(news_items), (path.name, result.errors)
        for item, element in zip(result.items, news_items, strict=True):
            checked += 1
            assert item.agency_id == element.get("guid")
            assert item.headline == xpath_text(element, "g2:contentMeta/g2:headline[1]")
            assert item.dateline == xpath_text(element, "g2:contentMeta/g2:dateline") or (
                not element.xpath("g2:contentMeta/g2:dateline", namespaces=NAR)
            )
            qcodes = element.xpath("g2:contentMeta/g2:subject/@qcode", namespaces=NAR)
            codes = [code for code, _ in item.subjects]
            assert [code for code in codes if code in qcodes] == list(dict.fromkeys(qcodes))
            paragraphs = element.xpath(
                ".//*[local-name()='body.content']//*[local-name()='p']", namespaces=NAR
            )
            for paragraph in paragraphs:
                assert " ".join("".join(paragraph.itertext()).split()) in html_to_text(
                    item.body_html
                )
    assert checked >= 8


FEED_SUITES = ("wellformed", "illformed", "entities", "encoding")


def feed_manifest(conformance: Path) -> list[dict]:
    lines = (conformance / "feedparser" / "manifest.jsonl").read_text().splitlines()
    return [row for row in map(json.loads, lines) if row["suite"] in FEED_SUITES]


@pytest.mark.parametrize("suite", FEED_SUITES)
def test_every_feedparser_feed_parses_without_raising(conformance, suite):
    rows = [row for row in feed_manifest(conformance) if row["suite"] == suite]
    assert rows
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        for row in rows:
            result = parse_wire((conformance / "feedparser" / row["path"]).read_bytes(), "rss")
            assert set(result.error_codes) <= ERROR_CODES, row["path"]
            if suite == "wellformed" and not row["bozo_expected"]:
                assert result.ok, (row["path"], result.errors)


def test_feed_items_agree_with_feedparsers_own_parse_for_a_sample(conformance):
    rows = [row for row in feed_manifest(conformance) if row["suite"] == "wellformed"]
    sample = rows[::25]
    compared = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        for row in sample:
            raw = (conformance / "feedparser" / row["path"]).read_bytes()
            theirs = feedparser.parse(raw)
            ours = parse_wire(raw, "rss")
            by_location = {item.location: item for item in ours.items}
            for index, entry in enumerate(theirs.entries):
                item = by_location.get(f"entries[{index}]")
                if item is None:
                    continue
                compared += 1
                assert item.headline == html_to_text(entry.get("title", ""))
                if entry.get("id"):
                    assert item.agency_id == entry["id"].strip() or " " in entry["id"]
                if entry.get("link"):
                    assert item.link == entry["link"].strip()
    assert compared >= 5


def test_feeds_with_an_http_content_type_decode_as_feedparser_decodes_them(conformance):
    """RFC 7303: the Content-Type's charset overrides the XML declaration, and a text/*
    type without one means us-ascii. feedparser's own test feeds carry the header."""
    rows = [
        row
        for row in feed_manifest(conformance)
        if {k.lower() for k in row["http_headers"] or {}} & {"content-type"}
    ]
    assert len(rows) >= 30
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        for row in rows:
            content_type = {k.lower(): v for k, v in row["http_headers"].items()}["content-type"]
            raw = (conformance / "feedparser" / row["path"]).read_bytes()
            theirs = feedparser.parse(raw, response_headers={"content-type": content_type})
            ours = parse_wire(raw, "rss", content_type=content_type)
            assert set(ours.error_codes) <= ERROR_CODES, row["path"]
            headlines = [html_to_text(entry.get("title", "")) for entry in theirs.entries]
            assert [item.headline for item in ours.items] == headlines[: len(ours.items)]
