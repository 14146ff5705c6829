"""The manifests, checked structurally against the order and rules of Microsoft's schema."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from lxml import etree

from plugin.addins.icons import SIZES, render_icon
from plugin.addins.manifest import ManifestError, outlook_manifest, word_manifest
from plugin.cli import main

APP = "http://schemas.microsoft.com/office/appforoffice/1.1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
BT = "http://schemas.microsoft.com/office/officeappbasictypes/1.0"
TASKPANE_OV = "http://schemas.microsoft.com/office/taskpaneappversionoverrides"
MAIL_OV = "http://schemas.microsoft.com/office/mailappversionoverrides"
URL = "https://localhost:9443"

# offappmanifest 1.1: the base sequence, then the part each xsi:type adds. (name, required)
BASE = [("Id", True), ("AlternateId", False), ("Version", True), ("ProviderName", True), ("DefaultLocale", True),
        ("DisplayName", True), ("Description", True), ("IconUrl", False), ("HighResolutionIconUrl", False),
        ("SupportUrl", False), ("AppDomains", False), ("Hosts", False), ("Requirements", False)]
TASKPANE = BASE + [("DefaultSettings", True), ("Permissions", True), ("Dictionary", False),
                   ("VersionOverrides", False)]
MAIL = BASE + [("FormSettings", False), ("Permissions", False), ("Rule", True), ("DisableEntityHighlighting", False),
               ("VersionOverrides", False)]


def local(el) -> str:
    return etree.QName(el).localname


def assert_schema_order(root, sequence):
    names = [local(c) for c in root if isinstance(c.tag, str)]
    order = [n for n, _ in sequence]
    assert all(n in order for n in names), names
    positions = [order.index(n) for n in names]
    assert positions == sorted(positions), names
    assert len(set(names)) == len(names)
    for name, required in sequence:
        assert not required or name in names, f"{name} missing"


def parse(data: bytes):
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'")
    return etree.fromstring(data)


def test_word_manifest_is_a_taskpane_app_in_schema_order():
    root = parse(word_manifest(URL))
    assert root.tag == f"{{{APP}}}OfficeApp"
    assert root.get(f"{{{XSI}}}type") == "TaskPaneApp"
    assert_schema_order(root, TASKPANE)
    ns = {"o": APP, "ov": TASKPANE_OV, "bt": BT}
    assert root.xpath("o:Hosts/o:Host/@Name", namespaces=ns) == ["Document"]
    assert root.xpath("o:Requirements/o:Sets/o:Set[@Name='WordApi']/@MinVersion", namespaces=ns) == ["1.3"]
    assert root.xpath("o:DefaultSettings/o:SourceLocation/@DefaultValue", namespaces=ns) == [f"{URL}/addin/word.html"]
    assert root.findtext(f"{{{APP}}}Permissions") == "ReadWriteDocument"
    overrides = root.find(f"{{{TASKPANE_OV}}}VersionOverrides")
    assert overrides.get(f"{{{XSI}}}type") == "VersionOverridesV1_0"
    assert [local(c) for c in overrides] == ["Hosts", "Resources"]
    form = overrides.find(f"{{{TASKPANE_OV}}}Hosts/{{{TASKPANE_OV}}}Host/{{{TASKPANE_OV}}}DesktopFormFactor")
    assert [local(c) for c in form] == ["FunctionFile", "ExtensionPoint"]
    assert form[1].get(f"{{{XSI}}}type") == "PrimaryCommandSurface"
    control = form.find(f".//{{{TASKPANE_OV}}}Control")
    assert [local(c) for c in control] == ["Label", "Supertip", "Icon", "Action"]
    assert control.find(f"{{{TASKPANE_OV}}}Action").get(f"{{{XSI}}}type") == "ShowTaskpane"
    assert_resources_resolve(overrides, TASKPANE_OV)


def test_outlook_manifest_is_a_mail_app_for_messages_in_read_mode():
    root = parse(outlook_manifest(URL))
    assert root.tag == f"{{{APP}}}OfficeApp"
    assert root.get(f"{{{XSI}}}type") == "MailApp"
    assert_schema_order(root, MAIL)
    ns = {"o": APP, "ov": MAIL_OV, "bt": BT}
    assert root.xpath("o:Hosts/o:Host/@Name", namespaces=ns) == ["Mailbox"]
    assert root.xpath("o:Requirements/o:Sets/o:Set[@Name='Mailbox']/@MinVersion", namespaces=ns) == ["1.3"]
    form = root.find(f"{{{APP}}}FormSettings/{{{APP}}}Form")
    assert form.get(f"{{{XSI}}}type") == "ItemRead"
    assert form.xpath("o:DesktopSettings/o:SourceLocation/@DefaultValue", namespaces=ns) == [f"{URL}/addin/outlook.html"]
    rule = root.find(f"{{{APP}}}Rule")
    assert rule.get(f"{{{XSI}}}type") == "RuleCollection"
    inner = rule.find(f"{{{APP}}}Rule")
    assert (inner.get(f"{{{XSI}}}type"), inner.get("ItemType"), inner.get("FormType")) == ("ItemIs", "Message", "Read")
    assert root.findtext(f"{{{APP}}}Permissions") == "ReadItem"
    overrides = root.find(f"{{{MAIL_OV}}}VersionOverrides")
    assert overrides.get(f"{{{XSI}}}type") == "VersionOverridesV1_0"
    assert [local(c) for c in overrides] == ["Requirements", "Hosts", "Resources"]
    assert overrides.xpath("ov:Requirements/bt:Sets/@DefaultMinVersion", namespaces=ns) == ["1.3"]
    assert overrides.xpath("ov:Requirements/bt:Sets/bt:Set/@Name", namespaces=ns) == ["Mailbox"]
    host = overrides.find(f"{{{MAIL_OV}}}Hosts/{{{MAIL_OV}}}Host")
    assert host.get(f"{{{XSI}}}type") == "MailHost"
    point = host.find(f"{{{MAIL_OV}}}DesktopFormFactor/{{{MAIL_OV}}}ExtensionPoint")
    assert point.get(f"{{{XSI}}}type") == "MessageReadCommandSurface"
    assert point.find(f"{{{MAIL_OV}}}OfficeTab").get("id") == "TabDefault"
    assert_resources_resolve(overrides, MAIL_OV)


def assert_resources_resolve(overrides, ns_ov):
    """Every resid points at a resource of the right kind, and every URL is https on our server."""
    resources = overrides.find(f"{{{ns_ov}}}Resources")
    assert [local(c) for c in resources] == ["Images", "Urls", "ShortStrings", "LongStrings"]
    ids = {local(group): {el.get("id") for el in group} for group in resources}
    for el in overrides.iter():
        resid = el.get("resid") if isinstance(el.tag, str) else None
        if not resid:
            continue
        kind = {"Image": "Images", "FunctionFile": "Urls", "SourceLocation": "Urls", "Description": "LongStrings"}
        assert resid in ids[kind.get(local(el), "ShortStrings")], (local(el), resid)
    for el in resources.iter():
        if isinstance(el.tag, str) and el.get("DefaultValue", "").startswith("http"):
            assert el.get("DefaultValue").startswith(f"{URL}/addin/")
    for s in resources.iter(f"{{{BT}}}String"):
        limit = 125 if local(s.getparent()) == "ShortStrings" else 250
        assert len(s.get("DefaultValue")) <= limit
        assert s.find(f"{{{BT}}}Override").get("Locale") == "en-US"


@pytest.mark.parametrize("make", [word_manifest, outlook_manifest])
def test_every_url_is_https_on_the_given_server(make):
    root = parse(make(URL))
    urls = [v for el in root.iter() if isinstance(el.tag, str) for v in el.attrib.values() if "://" in v
            and not v.startswith("http://schemas") and not v.startswith("http://www.w3.org")]
    assert urls and all(u.startswith(f"{URL}/addin/") for u in urls)


@pytest.mark.parametrize("url", ["http://localhost:8765", "localhost:8765", "https://localhost:8765/addin", ""])
def test_non_https_or_path_urls_are_refused_in_words(url):
    if url == "":
        assert b"https://localhost:8765/addin/word.html" in word_manifest(url)  # empty means the default
        return
    with pytest.raises(ManifestError, match="https|pad"):
        word_manifest(url)


def test_icons_served_are_the_ones_the_code_draws():
    import plugin.addins

    STATIC = Path(plugin.addins.__file__).parent / "static"
    for size in SIZES:
        data = (STATIC / f"icon-{size}.png").read_bytes()
        assert data == render_icon(size), f"icon-{size}.png is stale: run python -m plugin.addins.icons"
        assert data[16:24] == size.to_bytes(4, "big") * 2


def test_command_writes_manifest_and_refuses_to_overwrite(tmp_path, capsys):
    out = tmp_path / "poortwachter-word.xml"
    assert main(["addin", "manifest", "--word", "--out", str(out), "--url", URL]) == 0
    assert parse(out.read_bytes()).get(f"{{{XSI}}}type") == "TaskPaneApp"
    assert main(["addin", "manifest", "--outlook", "--out", str(out), "--url", URL]) == 2
    assert "bestaat al" in capsys.readouterr().err
    assert parse(out.read_bytes()).get(f"{{{XSI}}}type") == "TaskPaneApp"
    assert main(["addin", "manifest", "--outlook", "--out", str(out), "--url", URL, "--force"]) == 0
    assert parse(out.read_bytes()).get(f"{{{XSI}}}type") == "MailApp"


def test_command_prints_manifest_and_rejects_http(capsys):
    assert main(["addin", "manifest", "--outlook", "--url", URL]) == 0
    assert parse(capsys.readouterr().out.encode()).get(f"{{{XSI}}}type") == "MailApp"
    assert main(["addin", "manifest", "--word", "--url", "http://127.0.0.1:8000"]) == 2
    assert "https" in capsys.readouterr().err


def test_certs_command_prints_the_trust_commands(tmp_path, capsys):
    assert main(["addin", "certs", "--dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    cert = tmp_path / "poortwachter-localhost.crt"
    assert cert.is_file() and "nieuw gemaakt" in out
    assert f'certutil -user -addstore Root "{cert}"' in out
    assert "security add-trusted-cert" in out and "update-ca-certificates" in out
    assert main(["addin", "certs", "--dir", str(tmp_path)]) == 0
    assert "bestaat al en is geldig" in capsys.readouterr().out


@pytest.mark.parametrize("folder", ["certs", "Mijn certificaten"])
def test_certs_command_names_its_folder_in_the_serve_command(tmp_path, capsys, folder):
    """`addin certs --dir X` then `serve --https` without `--certs X` would make a second, untrusted certificate."""
    import shlex

    from plugin.cli import build_parser

    target = tmp_path / folder
    assert main(["addin", "certs", "--dir", str(target)]) == 0
    line = next(l for l in capsys.readouterr().out.splitlines() if "poortwachter serve" in l)
    words = shlex.split(line.split(": ", 1)[1])
    assert words[:2] == ["poortwachter", "serve"]
    args = build_parser().parse_args(words[1:])
    assert args.https and args.certs == target


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the default folder follows XDG_CONFIG_HOME on Linux")
def test_certs_command_in_the_default_folder_prints_plain_serve(tmp_path, capsys, monkeypatch):
    """Where serve looks by itself: no --certs needed."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert main(["addin", "certs"]) == 0
    out = capsys.readouterr().out
    assert (tmp_path / "poortwachter" / "certs" / "poortwachter-localhost.crt").is_file()
    assert "Start daarna de server met: poortwachter serve WERKMAP --https\n" in out


def test_default_url_is_where_serve_listens_by_default():
    from urllib.parse import urlsplit

    from plugin.addins.manifest import DEFAULT_URL
    from plugin.commands.serve_cmd import DEFAULT_PORT

    assert urlsplit(DEFAULT_URL).port == DEFAULT_PORT


def test_addin_without_a_subcommand_shows_help_and_exits_2(capsys):
    assert main(["addin"]) == 2
    assert "manifest" in capsys.readouterr().err
