"""Put a piece of text into one hidden part of a .docx, the way Word stores it.

`hide(data, place, text)` returns a copy of the .docx with `text` only in that place:
title (core property), comment, deletion (tracked), insertion (tracked), header, footer,
textbox, footnote, custom (custom property), alttext (image description).
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.sax.saxutils import escape, quoteattr

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PLACES = ("title", "comment", "deletion", "insertion", "header", "footer", "textbox", "footnote", "custom", "alttext")
_TYPES = {
    "comments": "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
    "header": "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
    "footer": "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
    "footnotes": "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
}
_CORE = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties '
         'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
         'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title></cp:coreProperties>')


def _story(root: str, body: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{root} xmlns:w="{W}">{body}</w:{root}>'


def _para(runs: str) -> str:
    return f"<w:p>{runs}</w:p>"


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _in_body(document: str, paragraph: str) -> str:
    index = document.rfind("<w:sectPr")
    index = index if index >= 0 else document.rfind("</w:body>")
    return document[:index] + paragraph + document[index:]


def _register(files: dict[str, bytes], part: str, kind: str) -> None:
    types = files["[Content_Types].xml"].decode()
    types = types.replace("</Types>", f'<Override PartName="/{part}" ContentType="{_TYPES[kind]}"/></Types>')
    files["[Content_Types].xml"] = types.encode()
    rels_name = "word/_rels/document.xml.rels"
    rels = files[rels_name].decode()
    rel = f'<Relationship Id="rIdLeak{kind}" Type="{R}/{kind}" Target="{part[len("word/"):]}"/>'
    files[rels_name] = rels.replace("</Relationships>", rel + "</Relationships>").encode()


def hide(data: bytes, place: str, text: str) -> bytes:
    """A copy of the .docx with text only in `place` (one of PLACES)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    document = files["word/document.xml"].decode("utf-8")
    if place == "title":
        core = files.get("docProps/core.xml", b"").decode("utf-8")
        if "<dc:title" in core:
            core = re.sub(r"<dc:title>.*?</dc:title>|<dc:title/>", f"<dc:title>{escape(text)}</dc:title>", core, flags=re.S)
        else:
            core = _CORE.format(escape(text))
        files["docProps/core.xml"] = core.encode()
    elif place == "comment":
        files["word/comments.xml"] = _story("comments", f'<w:comment w:id="7" w:author="Casemanager">'
                                                        f"{_para(_run(text))}</w:comment>").encode()
        _register(files, "word/comments.xml", "comments")
        document = _in_body(document, _para('<w:commentRangeStart w:id="7"/>' + _run("Zie opmerking.")
                                            + '<w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r>'))
    elif place == "deletion":
        document = _in_body(document, _para(f'<w:del w:id="8" w:author="HR" w:date="2026-01-05T10:00:00Z"><w:r>'
                                            f'<w:delText xml:space="preserve">{escape(text)}</w:delText></w:r></w:del>'))
    elif place == "insertion":
        document = _in_body(document, _para(f'<w:ins w:id="9" w:author="HR" w:date="2026-01-05T10:00:00Z">'
                                            f"{_run(text)}</w:ins>"))
    elif place in ("header", "footer"):
        part = f"word/{place}7.xml"
        files[part] = _story("hdr" if place == "header" else "ftr", _para(_run(text))).encode()
        _register(files, part, place)
    elif place == "footnote":
        files["word/footnotes.xml"] = _story("footnotes", f'<w:footnote w:id="1">{_para(_run(text))}</w:footnote>').encode()
        _register(files, "word/footnotes.xml", "footnotes")
    elif place == "textbox":
        shape = ('<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" style="width:200pt;height:40pt">'
                 f"<v:textbox><w:txbxContent>{_para(_run(text))}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>")
        document = _in_body(document, _para(shape))
    elif place == "custom":
        files["docProps/custom.xml"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties '
            'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Toelichting">'
            f"<vt:lpwstr>{escape(text)}</vt:lpwstr></property></Properties>").encode() if "docProps/custom.xml" not in files \
            else files["docProps/custom.xml"].replace(b"</Properties>", (
                '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="90" name="Toelichting">'
                f"<vt:lpwstr>{escape(text)}</vt:lpwstr></property></Properties>").encode())
    elif place == "alttext":
        drawing = ('<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/'
                   f'wordprocessingDrawing"><wp:docPr id="5" name="Foto" descr={quoteattr(text)}/></wp:inline>'
                   "</w:drawing></w:r>")
        document = _in_body(document, _para(drawing))
    else:
        raise ValueError(place)
    files["word/document.xml"] = document.encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()
