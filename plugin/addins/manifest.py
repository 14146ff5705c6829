"""The XML manifests that tell Word and Outlook where our task panes live.

One manifest per host, both for the local server's https URL (Office loads add-in pages over
https only). Word gets a TaskPaneApp, Outlook a MailApp for messages in read mode. Both add
a "Poortwachter" button on the Home ribbon (VersionOverrides) and keep the classic settings
for clients without add-in commands. Element order follows Microsoft's manifest schema
(offappmanifest 1.1): a different order makes Office refuse the manifest.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from lxml import etree
from lxml.builder import ElementMaker

import plugin
from plugin.errors import PoortwachterError

NS_APP = "http://schemas.microsoft.com/office/appforoffice/1.1"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
NS_BT = "http://schemas.microsoft.com/office/officeappbasictypes/1.0"
NS_TASKPANE_OV = "http://schemas.microsoft.com/office/taskpaneappversionoverrides"
NS_MAIL_OV = "http://schemas.microsoft.com/office/mailappversionoverrides"
XSI_TYPE = f"{{{NS_XSI}}}type"

# Fixed ids: Office knows an add-in by its Id, so a new manifest for another port replaces
# the old one instead of adding a second Poortwachter.
WORD_ID = "5b0c3a52-8c1e-4f57-9b7a-2f1d6e0c9a11"
OUTLOOK_ID = "9e4d7f10-3b6a-4c2e-8d55-61a0b7c3e922"
DEFAULT_URL = "https://localhost:8765"  # the port `poortwachter serve` uses by default (serve_cmd.DEFAULT_PORT)
# Requirement sets: what the pane cannot work without. Newer calls (attachment content,
# Mailbox 1.8; the message as a file, Mailbox 1.14) are detected at run time instead.
WORD_API = "1.3"      # body.search, insertFileFromBase64 and custom document properties
MAILBOX_API = "1.3"   # item.body.getAsync and add-in commands

TEXT = {
    # At most 80 characters: the unified manifest's description.short (Microsoft's converter cuts longer ones).
    "description": ("Re-integratiedossiers (Wet verbetering poortwachter) in Word en Outlook.",
                    "Re-integration dossiers (Dutch Gatekeeper Improvement Act) in Word and Outlook."),
    "group": ("Poortwachter", "Poortwachter"),
    "button": ("Poortwachter", "Poortwachter"),
    "word_tip": ("Nieuw document, controle op ontbrekende onderdelen en diagnosetermen, opslaan in het dossier.",
                 "New document, check for missing parts and diagnosis terms, save into the dossier."),
    "mail_tip": ("Bij welke casus hoort dit bericht, wat bewijst het, en bewaar het in het dossier.",
                 "Which case this message belongs to, what it proves, and save it into the dossier."),
}


class ManifestError(PoortwachterError):
    """The URL given for the manifest cannot be used by Office."""


def base_url(url: str | None) -> str:
    """https://host:port without a trailing slash; Office only loads https pages."""
    url = (url or DEFAULT_URL).strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise ManifestError(f"{url!r} is geen https-adres; Office laadt invoegtoepassingen alleen via https "
                            f"(bijvoorbeeld {DEFAULT_URL}, met `poortwachter serve --https`)")
    if parts.path or parts.query or parts.fragment:
        raise ManifestError(f"{url!r}: geef alleen het adres van de server, zonder pad (bijvoorbeeld {DEFAULT_URL})")
    return url


def office_version(version: str = plugin.__version__) -> str:
    """Office wants n.n.n.n; '0.1.0' becomes '0.1.0.0'."""
    parts = [p for p in version.split(".") if p.isdigit()][:4]
    return ".".join(parts + ["0"] * (4 - len(parts)))


def word_manifest(url: str | None = None) -> bytes:
    """The Word add-in (TaskPaneApp) for the server at url."""
    base = base_url(url)
    A = ElementMaker(namespace=NS_APP, nsmap={None: NS_APP, "xsi": NS_XSI, "bt": NS_BT})
    root = A.OfficeApp({XSI_TYPE: "TaskPaneApp"})
    _common(A, root, WORD_ID, base, icon=32, high=64)
    root.append(A.Hosts(A.Host(Name="Document")))
    root.append(A.Requirements(A.Sets(A.Set(Name="WordApi", MinVersion=WORD_API), DefaultMinVersion="1.1")))
    root.append(A.DefaultSettings(A.SourceLocation(DefaultValue=f"{base}/addin/word.html")))
    root.append(A.Permissions("ReadWriteDocument"))
    O = ElementMaker(namespace=NS_TASKPANE_OV, nsmap={None: NS_TASKPANE_OV})
    overrides = O.VersionOverrides({XSI_TYPE: "VersionOverridesV1_0"})
    group = O.Group(O.Label(resid="Group.Label"), _icon(O), _button(O, "Word.Tip"), id="Poortwachter.Group")
    form = O.DesktopFormFactor(O.FunctionFile(resid="Commands.Url"),
                               O.ExtensionPoint(O.OfficeTab(group, id="TabHome"), {XSI_TYPE: "PrimaryCommandSurface"}))
    overrides.append(O.Hosts(O.Host(form, {XSI_TYPE: "Document"})))
    overrides.append(_resources(O, base, "word.html", "Word.Tip", TEXT["word_tip"]))
    root.append(overrides)
    return _serialise(root)


def outlook_manifest(url: str | None = None) -> bytes:
    """The Outlook add-in (MailApp, messages in read mode) for the server at url."""
    base = base_url(url)
    A = ElementMaker(namespace=NS_APP, nsmap={None: NS_APP, "xsi": NS_XSI, "bt": NS_BT})
    root = A.OfficeApp({XSI_TYPE: "MailApp"})
    _common(A, root, OUTLOOK_ID, base, icon=64, high=128)
    root.append(A.Hosts(A.Host(Name="Mailbox")))
    root.append(A.Requirements(A.Sets(A.Set(Name="Mailbox", MinVersion=MAILBOX_API))))
    root.append(A.FormSettings(A.Form(A.DesktopSettings(A.SourceLocation(DefaultValue=f"{base}/addin/outlook.html"),
                                                        A.RequestedHeight("450")), {XSI_TYPE: "ItemRead"})))
    root.append(A.Permissions("ReadItem"))
    root.append(A.Rule(A.Rule({XSI_TYPE: "ItemIs"}, ItemType="Message", FormType="Read"),
                       {XSI_TYPE: "RuleCollection"}, Mode="Or"))
    root.append(A.DisableEntityHighlighting("false"))
    O = ElementMaker(namespace=NS_MAIL_OV, nsmap={None: NS_MAIL_OV})
    B = ElementMaker(namespace=NS_BT)
    overrides = O.VersionOverrides({XSI_TYPE: "VersionOverridesV1_0"})
    overrides.append(O.Requirements(B.Sets(B.Set(Name="Mailbox"), DefaultMinVersion=MAILBOX_API)))
    group = O.Group(O.Label(resid="Group.Label"), _button(O, "Mail.Tip"), id="Poortwachter.Group")
    form = O.DesktopFormFactor(O.FunctionFile(resid="Commands.Url"),
                               O.ExtensionPoint(O.OfficeTab(group, id="TabDefault"), {XSI_TYPE: "MessageReadCommandSurface"}))
    overrides.append(O.Hosts(O.Host(form, {XSI_TYPE: "MailHost"})))
    overrides.append(_resources(O, base, "outlook.html", "Mail.Tip", TEXT["mail_tip"]))
    root.append(overrides)
    return _serialise(root)


def _common(A, root, app_id: str, base: str, icon: int, high: int) -> None:
    """The elements every manifest starts with, in schema order."""
    root.append(A.Id(app_id))
    root.append(A.Version(office_version()))
    root.append(A.ProviderName("Poortwachter"))
    root.append(A.DefaultLocale("nl-NL"))
    root.append(_localised(A.DisplayName, A.Override, "Poortwachter", "Poortwachter"))
    root.append(_localised(A.Description, A.Override, *TEXT["description"]))
    root.append(A.IconUrl(DefaultValue=f"{base}/addin/static/icon-{icon}.png"))
    root.append(A.HighResolutionIconUrl(DefaultValue=f"{base}/addin/static/icon-{high}.png"))
    root.append(A.SupportUrl(DefaultValue=f"{base}/addin/help"))


def _localised(make, override, dutch: str, english: str):
    return make(override(Locale="en-US", Value=english), DefaultValue=dutch)


def _icon(O):
    B = ElementMaker(namespace=NS_BT)
    return O.Icon(*(B.Image(size=str(s), resid=f"Icon.{s}") for s in (16, 32, 80)))


def _button(O, tip: str):
    action = O.Action(O.SourceLocation(resid="Taskpane.Url"), {XSI_TYPE: "ShowTaskpane"})
    return O.Control(O.Label(resid="Button.Label"),
                     O.Supertip(O.Title(resid="Button.Label"), O.Description(resid=tip)),
                     _icon(O), action, {XSI_TYPE: "Button"}, id="Poortwachter.OpenPane")


def _resources(O, base: str, page: str, tip_id: str, tip: tuple[str, str]):
    B = ElementMaker(namespace=NS_BT)

    def string(sid: str, text: tuple[str, str]):
        return B.String(B.Override(Locale="en-US", Value=text[1]), id=sid, DefaultValue=text[0])

    return O.Resources(
        B.Images(*(B.Image(id=f"Icon.{s}", DefaultValue=f"{base}/addin/static/icon-{s}.png") for s in (16, 32, 80))),
        B.Urls(B.Url(id="Commands.Url", DefaultValue=f"{base}/addin/commands.html"),
               B.Url(id="Taskpane.Url", DefaultValue=f"{base}/addin/{page}")),
        B.ShortStrings(string("Group.Label", TEXT["group"]), string("Button.Label", TEXT["button"])),
        B.LongStrings(string(tip_id, tip)),
    )


def _serialise(root) -> bytes:
    # VersionOverrides declares its own default namespace, as in Microsoft's samples.
    etree.cleanup_namespaces(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True, pretty_print=True)
