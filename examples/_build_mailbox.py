"""Writes examples/mailbox/: a Maildir with mail for the cases in examples/casussen.xlsx.

Run `python examples/_build_mailbox.py` to rebuild it; the output is byte-for-byte the same
every time (fixed file names, Message-IDs, MIME boundaries and document timestamps).
examples/mailbox/README.md says which message is evidence for what; keep it in step.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import io
import shutil
import sys
import zipfile
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

OUT = Path(__file__).resolve().parent / "mailbox"
CM = "Ellen de Wit <e.dewit@casemanagement.example>"
FIXED = dt.datetime(2026, 1, 1, 12, 0, 0)


def message(number: int, when: dt.datetime, sender: str, to: str, subject: str, body: str,
            cte: str = "8bit", html: bool = False) -> EmailMessage:
    msg = EmailMessage(policy=SMTP)
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = email.utils.format_datetime(when.replace(tzinfo=dt.timezone(dt.timedelta(hours=1))))
    msg["Message-ID"] = f"<voorbeeld-{number:02d}@poortwachter.example>"
    if html:
        msg.set_content(body, subtype="html", cte=cte)
    else:
        msg.set_content(body, cte=cte)
    return msg


def attach(msg: EmailMessage, number: int, name: str, data: bytes, maintype: str, subtype: str) -> None:
    msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    msg.set_boundary(f"=_poortwachter_voorbeeld_{number:02d}")


def docx_bytes(paragraphs: list[str]) -> bytes:
    from docx import Document

    document = Document()
    document.core_properties.created = document.core_properties.modified = FIXED
    document.core_properties.author = "WerkSame"
    for i, text in enumerate(paragraphs):
        document.add_heading(text, level=1) if i == 0 else document.add_paragraph(text)
    raw = io.BytesIO()
    document.save(raw)
    return _fixed_zip(raw.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same bytes on every run: zip entries with one fixed timestamp."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def pdf_bytes(lines: list[str]) -> bytes:
    """A one-page PDF with a real text layer (Helvetica, ASCII text), written by hand."""
    stream = "BT /F1 11 Tf 72 770 Td 15 TL\n" + "".join(
        f"({line.replace(chr(92), '').replace('(', '[').replace(')', ']')}) '\n" for line in lines) + "ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        "/Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        f"<< /Length {len(stream.encode('latin-1'))} >>\nstream\n{stream}\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def messages() -> list[tuple[str, str, EmailMessage]]:
    """(folder, 'cur' or 'new', message) for every example message."""
    D = dt.datetime
    found = []

    def add(folder, box, msg):
        found.append((folder, box, msg))

    add("", "cur", message(1, D(2025, 10, 27, 9, 12), "Ans Mulder <a.mulder@hetanker.example>", CM,
        "Verslag evaluatiegesprek 2025-002 P. de Vries",
        "Beste Ellen,\n\nHierbij het verslag van de 6-wekelijkse evaluatie.\n\nDatum gesprek: 24-10-2025\n"
        "Aanwezig: P. de Vries, A. Mulder, E. de Wit\nVoortgang: opbouw naar 10 uur per week in aangepaste dagdiensten.\n"
        "Afspraken: verder opbouwen; volgende evaluatie 5 december 2025.\n\nMet vriendelijke groet,\nAns Mulder\n"))
    report = message(2, D(2026, 3, 9, 14, 30), "Linda Bos <l.bos@werksame.example>", CM,
                     "Stand van zaken traject Fatima el Amrani",
                     "Beste Ellen,\n\nBijgaand de rapportage over de afgelopen periode in het traject van "
                     "Fatima el Amrani. Graag bespreken we die bij het volgende overleg.\n\nHartelijke groet,\n"
                     "Linda Bos\nWerkSame re-integratie\n")
    attach(report, 2, "Voortgangsrapportage 2e spoor 2026-03-06.docx", docx_bytes([
        "Voortgangsrapportage 2e spoor", "Casusnummer: 2025-001", "Werknemer: Fatima el Amrani",
        "Datum: 06-03-2026", "Activiteiten: twee sollicitaties verstuurd, een sollicitatiegesprek gevoerd.",
        "Afspraken: netwerkgesprekken uitbreiden; volgende rapportage 17 april 2026."]),
        "application", "vnd.openxmlformats-officedocument.wordprocessingml.document")
    add("", "cur", report)
    add("", "cur", message(3, D(2026, 6, 30, 8, 5), "UWV <noreply@uwv.example>", "hr@northwind.example",
        "Bevestiging ziekmelding langdurig verzuim (42e week)",
        "Geachte heer, mevrouw,\n\nWij hebben uw ziekmelding bij langdurig verzuim ontvangen voor:\n"
        "Werknemer: Sarah Thompson\nWerkgever: Northwind Logistics B.V.\nDatum ontvangst melding: 29-06-2026\n\n"
        "De werknemer ontvangt van ons een brief over de WIA-aanvraag.\n\nMet vriendelijke groet,\nUWV\n",
        cte="base64"))
    add("Thompson 2025-003", "cur", message(4, D(2026, 1, 19, 10, 0), "Tom Baker <t.baker@northwind.example>",
        "James O'Neill <j.oneill@casemanagement.example>", "Notes of our review meeting",
        "Hi James,\n\nPlease find the notes of our review meeting below.\n\nMeeting date: 16-01-2026\n"
        "Present: S. Thompson, T. Baker, J. O'Neill\nProgress: 4 hours a day, own tasks with fewer calls.\n"
        "Agreed: build up to 5 hours a day.\n\nKind regards,\nTom\n"))
    plan = message(5, D(2025, 3, 21, 16, 45), "Ilse Kramer <i.kramer@zuidwaarde.example>", CM,
                   "Getekend plan van aanpak",
                   "Beste Ellen,\n\nBijgaand het door beide partijen getekende plan van aanpak van Johan Bakker.\n\n"
                   "Groet,\nIlse Kramer\nGemeente Zuidwaarde\n")
    attach(plan, 5, "Plan van aanpak J. Bakker.pdf", pdf_bytes([
        "Plan van aanpak", "Casusnummer: 2025-004", "Werknemer: Johan Bakker", "Datum: 20-03-2025",
        "Doel: terugkeer in aangepast eigen werk in de wijk.", "Evaluatie: elke zes weken; casemanager E. de Wit."]),
        "application", "pdf")
    add("", "cur", plan)
    add("", "cur", message(6, D(2025, 11, 14, 7, 0), "Verzuimnieuws <nieuwsbrief@verzuimnieuws.example>", CM,
        "Nieuwsbrief Verzuim & Re-integratie - november 2025",
        "In deze nieuwsbrief: wat verandert er in 2026 aan de WIA, tips voor het plan van aanpak en een "
        "webinar over de eerstejaarsevaluatie.\n\nAfmelden kan onderaan deze mail.\n", cte="quoted-printable"))
    add("", "new", message(7, D(2026, 9, 1, 11, 20), "Rob Oost <rob@itoost.example>", CM,
        "Hersteld: Mehmet Yilmaz",
        "Hoi Ellen,\n\nMehmet Yilmaz is per 31 augustus 2026 volledig hersteld en werkt weer volledig.\n\nRob\n"))
    add("", "cur", message(8, D(2026, 5, 20, 13, 0), "Ans Mulder <a.mulder@hetanker.example>", CM,
        "Verslag eerstejaarsevaluatie Pieter de Vries",
        "<html><body><p>Beste Ellen,</p><p>Hierbij het verslag van de eerstejaarsevaluatie met "
        "Pieter de Vries.</p><p>Datum gesprek: 18-05-2026<br>Aanwezig: P. de Vries, A. Mulder</p>"
        "<p>Conclusie: terugkeer in het eigen werk lukt deels; aangepast werk 12 uur per week.</p>"
        "<p>Groet,<br>Ans</p></body></html>\n", cte="quoted-printable", html=True))
    add("", "cur", message(9, D(2026, 11, 3, 9, 45), "Dr. S. Verhoeven <s.verhoeven@arbodienst.example>", CM,
        "Probleemanalyse Anouk Visser",
        "Beste mevrouw De Wit,\n\nHierbij de probleemanalyse van Anouk Visser, Kapsalon Visser.\n\n"
        "Datum spreekuur: 2 november 2026\nBelastbaarheid: kan 2 uur per dag staand werken; armen niet "
        "langdurig boven schouderhoogte.\nPrognose: herstel binnen 3 maanden verwacht.\n\n"
        "Met vriendelijke groet,\nDr. S. Verhoeven, bedrijfsarts\n"))
    add("", "cur", message(10, D(2026, 2, 2, 8, 30), "Boekhouding <facturen@kantoorartikelen.example>", CM,
        "Factuur 2025-0012",
        "Geachte klant,\n\nBijgaand factuur 2025-0012 voor de bestelde ordners.\n\nMet vriendelijke groet,\n"
        "Kantoorartikelen BV\n"))
    add("Sent", "cur", message(11, D(2025, 12, 16, 17, 10), CM, "Marco Jansen <hr@jansen-zn.example>",
        "Verslag eerstejaarsevaluatie 2025-001",
        "Beste Marco,\n\nHierbij het verslag van de eerstejaarsevaluatie van gisteren.\n\nDatum gesprek: 15-12-2025\n"
        "Conclusie: terugkeer in het eigen werk is niet haalbaar; het arbeidsdeskundig onderzoek volgt op 22 december, "
        "daarna start het 2e spoor.\n\nGroet,\nEllen de Wit\n"))
    return found


def build(out: Path = OUT) -> None:
    readme = (out / "README.md").read_bytes() if (out / "README.md").exists() else None
    if out.exists():
        shutil.rmtree(out)
    for folder in ("", ".Sent", ".Thompson 2025-003"):
        for sub in ("cur", "new", "tmp"):
            (out / folder / sub).mkdir(parents=True, exist_ok=True)
        (out / folder / "tmp" / ".gitkeep").write_bytes(b"")
    for folder, box, msg in messages():
        number = int(msg["Message-ID"].split("-")[1].split("@")[0])
        stamp = int(email.utils.parsedate_to_datetime(msg["Date"]).timestamp())
        name = f"{stamp}.M{number}P1.poortwachter" + ("!2,S" if box == "cur" else "")  # "!" not ":": Windows-safe
        target = out / (f".{folder}" if folder else "") / box / name
        target.write_bytes(msg.as_bytes(policy=SMTP))
    for folder in ("", ".Sent", ".Thompson 2025-003"):
        for sub in ("cur", "new"):
            if not any((out / folder / sub).iterdir()):
                (out / folder / sub / ".gitkeep").write_bytes(b"")
    if readme is not None:
        (out / "README.md").write_bytes(readme)


if __name__ == "__main__":
    build()
