"""Custom document properties (File > Properties > Custom in Word).

Every generated document carries Casusnummer, Documenttype, Documentdatum, Sjabloon and
Poortwachter-versie, so the checker recognises it later whatever its file name.
"""

from __future__ import annotations

import re
import zipfile
from xml.sax.saxutils import escape

from lxml import etree

CUSTOM_PART = "docProps/custom.xml"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"

PROPERTY_NAMES = ("Casusnummer", "Documenttype", "Documentdatum", "Sjabloon", "Poortwachter-versie")


def read_properties(data: bytes) -> dict[str, str]:
    """Name -> text value of every custom property in a custom.xml part."""
    try:
        root = etree.fromstring(data)
    except etree.XMLSyntaxError:
        return {}
    result = {}
    for prop in root.findall(f"{{{_NS}}}property"):
        value = next(iter(prop), None)
        if prop.get("name"):
            result[prop.get("name")] = (value.text or "") if value is not None else ""
    return result


def read_docx_properties(path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        try:
            return read_properties(archive.read(CUSTOM_PART))
        except KeyError:
            return {}


class CustomProperties:
    """Prepared once per template: the parts to change so the properties can be written fast."""

    def __init__(self, kept: list[str], content_types: bytes, rels: bytes):
        self._kept = kept                  # properties of the template that are not ours, as XML
        self._content_types = content_types
        self._rels = rels
        self._numbered: str | None = None                   # the kept ones, numbered
        self._kept_texts: list[tuple[str, str]] | None = None   # and their text for the AVG guard

    @classmethod
    def from_members(cls, members: dict[str, bytes]) -> "CustomProperties":
        kept = []
        if CUSTOM_PART in members:
            root = etree.fromstring(members[CUSTOM_PART])
            for prop in root.findall(f"{{{_NS}}}property"):
                if prop.get("name") not in PROPERTY_NAMES:
                    kept.append(etree.tostring(prop, encoding="unicode"))
        types = members["[Content_Types].xml"].decode("utf-8")
        if "/docProps/custom.xml" not in types:
            types = types.replace("</Types>", f'<Override PartName="/docProps/custom.xml" ContentType="{CONTENT_TYPE}"/></Types>')
        rels = members.get("_rels/.rels", b"").decode("utf-8")
        if REL_TYPE not in rels:
            rels = rels.replace("</Relationships>", f'<Relationship Id="rIdPoortwachter" Type="{REL_TYPE}" '
                                                    f'Target="docProps/custom.xml"/></Relationships>')
        return cls(kept, types.encode("utf-8"), rels.encode("utf-8"))

    def part(self, properties: dict[str, str]) -> bytes:
        if self._numbered is None:
            self._numbered = "".join(re.sub(r'pid="\d+"', f'pid="{pid}"', item, count=1)
                                     for pid, item in enumerate(self._kept, start=2))
        ours = "".join(f'<property fmtid="{_FMTID}" pid="{pid}" name="{escape(name, {chr(34): "&quot;"})}">'
                       f"<vt:lpwstr>{escape(str(value))}</vt:lpwstr></property>"
                       for pid, (name, value) in enumerate(properties.items(), start=len(self._kept) + 2))
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="{_NS}" xmlns:vt="{_VT}">'
                + self._numbered + ours + "</Properties>").encode("utf-8")

    def texts(self, properties: dict[str, str], part: bytes) -> list[tuple[str, str]]:
        """What docx_text.custom_properties reads from `part` (made by part(properties)), for the
        AVG guard, without parsing it when every name and value is printable text (no line ends,
        control characters or other characters an XML parser would change or refuse)."""
        from plugin.documents.docx_text import custom_properties, custom_property_label

        values = [(name, str(value)) for name, value in properties.items()]
        if not all(name.isprintable() and value.isprintable() for name, value in values):
            return custom_properties(part)
        if self._kept_texts is None:
            self._kept_texts = custom_properties(self.part({}))
        return self._kept_texts + [(custom_property_label(name), value.strip()) for name, value in values
                                   if value.strip()]

    def apply(self, members: list[tuple[zipfile.ZipInfo, bytes]], properties: dict[str, str]):
        """The template's zip members with content types, relationships and custom.xml updated."""
        result = []
        seen_custom = False
        for info, data in members:
            if info.filename == "[Content_Types].xml":
                data = self._content_types
            elif info.filename == "_rels/.rels":
                data = self._rels
            elif info.filename == CUSTOM_PART:
                data, seen_custom = self.part(properties), True
            result.append((info, data))
        if not seen_custom:
            result.append((zipfile.ZipInfo(CUSTOM_PART, date_time=(2020, 1, 1, 0, 0, 0)), self.part(properties)))
        return result
