"""Microsoft's own reading of our manifests: office-addin-manifest-converter (npm) turns each XML
manifest into the unified JSON manifest, offline. It must convert both without an error or a
warning, and what it read must be our add-in: its id, its pages, its icons, its requirements."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from addins.node_tools import npx
from plugin.addins.manifest import MAILBOX_API, OUTLOOK_ID, WORD_API, WORD_ID, outlook_manifest, word_manifest

URL = "https://localhost:9443"


def convert(tmp_path, name: str, xml: bytes) -> tuple[dict, str]:
    source = tmp_path / f"{name}.xml"
    source.write_bytes(xml)
    out = tmp_path / name
    # -v: the converter reports its errors and warnings only when verbose; it exits 0 either way.
    result = npx("office-addin-manifest-converter", "convert", str(source), "-o", str(out), "-v")
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    manifest = out / "manifest.json"
    return (json.loads(manifest.read_text(encoding="utf-8")) if manifest.exists() else {}), log


def urls(data) -> list[str]:
    """Every URL anywhere in the converted manifest."""
    if isinstance(data, dict):
        return [u for v in data.values() for u in urls(v)]
    if isinstance(data, list):
        return [u for v in data for u in urls(v)]
    return [data] if isinstance(data, str) and data.startswith(("http://", "https://")) else []


def pages(manifest: dict) -> set[str]:
    return {r["code"]["page"] for e in manifest["extensions"] for r in e["runtimes"]}


def capabilities(manifest: dict) -> set[tuple[str, str]]:
    return {(c["name"], c["minVersion"]) for e in manifest["extensions"] for c in e["requirements"]["capabilities"]}


def clean(log: str) -> None:
    assert "Convert is complete" in log, log
    assert "ERROR" not in log and "WARNING" not in log, log


def test_word_manifest_converts(tmp_path):
    manifest, log = convert(tmp_path, "word", word_manifest(URL))
    clean(log)
    assert manifest["id"] == WORD_ID
    assert manifest["validDomains"] == [URL]
    assert pages(manifest) == {f"{URL}/addin/commands.html", f"{URL}/addin/word.html"}
    assert capabilities(manifest) == {("WordApi", WORD_API)}
    assert {s for e in manifest["extensions"] for s in e["requirements"]["scopes"]} == {"document"}
    tabs = [t for e in manifest["extensions"] for r in e["ribbons"] for t in r["tabs"]]
    assert [t["builtInTabId"] for t in tabs] == ["TabHome"]
    assert manifest["localizationInfo"]["defaultLanguageTag"].lower() == "nl-nl"
    assert {u for u in urls(manifest) if urlsplit(u).hostname == "localhost"} \
        >= {f"{URL}/addin/static/icon-{s}.png" for s in (16, 32, 80)}
    assert all(u == URL or u.startswith(URL + "/") for u in urls(manifest) if urlsplit(u).hostname == "localhost")


def test_outlook_manifest_converts(tmp_path):
    manifest, log = convert(tmp_path, "outlook", outlook_manifest(URL))
    clean(log)
    assert manifest["id"] == OUTLOOK_ID
    assert manifest["validDomains"] == [URL]
    assert pages(manifest) == {f"{URL}/addin/commands.html", f"{URL}/addin/outlook.html"}
    assert capabilities(manifest) == {("Mailbox", MAILBOX_API)}
    assert {s for e in manifest["extensions"] for s in e["requirements"]["scopes"]} == {"mail"}
    contexts = {c for e in manifest["extensions"] for r in e["ribbons"] for c in r["contexts"]}
    assert contexts == {"mailRead"}   # read mode only: the manifest's ItemIs rule
    assert [p["name"] for p in manifest["authorization"]["permissions"]["resourceSpecific"]] == ["MailboxItem.Read.User"]
    assert all(u == URL or u.startswith(URL + "/") for u in urls(manifest) if urlsplit(u).hostname == "localhost")


@pytest.mark.parametrize("name", ["word", "outlook"])
def test_english_texts_survive_the_conversion(tmp_path, name):
    xml = word_manifest(URL) if name == "word" else outlook_manifest(URL)
    convert(tmp_path, name, xml)
    english = json.loads((tmp_path / name / "en-us.json").read_text(encoding="utf-8"))
    assert english["description.short"].startswith("Re-integration dossiers")
    assert "TRUNCATED" not in json.dumps(english)


def test_the_converter_reports_a_broken_manifest(tmp_path):
    """What `clean` looks for is what the converter says when it cannot read a manifest."""
    manifest, log = convert(tmp_path, "broken", b"<?xml version='1.0'?><OfficeApp/>")
    assert manifest == {}
    assert "ERROR" in log
