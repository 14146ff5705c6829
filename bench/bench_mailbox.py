"""Mailbox scan throughput: scan_mailbox against a naive baseline, on the same generated mail.

    python bench/bench_mailbox.py                      # 20,000-message Maildir, 2,000 over IMAP
    python bench/bench_mailbox.py --count 200 --imap-count 100
    python bench/bench_mailbox.py --no-imap

The generated mailbox looks like a casemanager's: mostly unrelated mail (plain, HTML with
quoted-printable, some with a PDF or Word attachment), about 1 in 100 messages about one of 40
cases (case number or full name in subject or body, some with a report attached).

Baseline ("naive"): read or download every message whole, parse it fully with the email
package (every part decoded, attachments too), look for the case terms in subject and text,
and read + classify the matches exactly like the scan does. Ours: scan_mailbox (headers and a
search first, whole messages only for candidates). Both must find the same evidence.
IMAP runs against a Dovecot started on 127.0.0.1 (tests/imap_server.py), without a full-text
index, in both search modes (server SEARCH TEXT, and "local": first 16 KB matched here); it is
skipped when Dovecot is not installed. The IMAP count is smaller by default (2,000) to keep
the run short; MB columns show what crossed the wire. On loopback the network is free, so the
saving in transfer is the number that matters for a remote server.
"""

from __future__ import annotations

import argparse
import base64
import email
import email.policy
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from plugin.recognize.classify import classify  # noqa: E402
from plugin.core.terms import phrase_pattern  # noqa: E402
from plugin.mail.mailboxes.folder import FolderMailbox  # noqa: E402
from plugin.mail.mailboxes.scan import CaseKey, scan_mailbox  # noqa: E402
from plugin.readers import parts  # noqa: E402
from plugin.readers import read_bytes  # noqa: E402

FIRST = ["Fatima", "Pieter", "Sarah", "Johan", "Anouk", "Mehmet", "Lotte", "Daan", "Emma", "Sem", "Noor", "Bram",
         "Sanne", "Ruben", "Iris", "Thijs", "Femke", "Jesse", "Eva", "Lucas"]
LAST = ["el Amrani", "de Vries", "Thompson", "Bakker", "Visser", "Yilmaz", "Jansen", "de Jong", "Smit", "Mulder",
        "Bos", "Vos", "Peters", "Hendriks", "van Dijk", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Kok"]
TOPICS = ["Overleg planning", "Nieuwsbrief", "Factuur", "Vergadering teamleiders", "Rooster", "Uitnodiging webinar",
          "Personeelsuitje", "Update ICT", "Vakantieplanning", "Offerte", "Herinnering", "Notulen MT"]
DOCS = ["Verslag evaluatiegesprek", "Voortgangsrapportage 2e spoor", "Plan van aanpak", "Probleemanalyse",
        "Eerstejaarsevaluatie", "Trajectplan"]
FILLER = ("Hierbij stuur ik de stukken voor het overleg van volgende week. Graag ontvang ik voor vrijdag jullie "
          "reactie, zodat we de planning kunnen afronden. ") * 6


def make_cases(count: int = 40) -> list[CaseKey]:
    rng = random.Random(7)
    return [CaseKey(f"2025-{100 + i}", f"{rng.choice(FIRST)} {rng.choice(LAST)} {chr(65 + i % 26)}x", "")
            for i in range(count)]


def _blobs() -> dict[str, str]:
    from docx import Document
    import io

    pdf = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + os.urandom(30_000) + b"\n%%EOF\n")
    doc = Document()
    doc.add_heading("Voortgangsrapportage 2e spoor", 1)
    doc.add_paragraph("Datum: 06-03-2026")
    raw = io.BytesIO()
    doc.save(raw)
    return {name: base64.encodebytes(data).decode() for name, data in (("pdf", pdf), ("docx", raw.getvalue()))}


def render(i: int, rng: random.Random, cases: list[CaseKey], blobs: dict[str, str]) -> bytes:
    day = 1 + i % 28
    head = (f"From: Afzender {i % 97} <afzender{i % 97}@example.nl>\r\nTo: casemanager@example.nl\r\n"
            f"Date: Mon, {day:02d} Dec 2025 {8 + i % 10:02d}:{i % 60:02d}:00 +0100\r\n"
            f"Message-ID: <bench-{i}@example.nl>\r\nMIME-Version: 1.0\r\n")
    roll = rng.random()
    related = roll < 0.01
    if related:
        case = rng.choice(cases)
        doc = rng.choice(DOCS)
        subject = f"{doc} {case.id}" if rng.random() < 0.5 else f"{doc} {case.name}"
        body = f"Beste Ellen,\r\n\r\nBijgaand het stuk over {case.name}.\r\nDatum gesprek: {day:02d}-12-2025\r\n"
    else:
        subject = f"{rng.choice(TOPICS)} week {i % 52}"
        body = FILLER.replace(". ", ".\r\n")
    kind = rng.random()
    if kind < 0.70:
        return (head + f"Subject: {subject}\r\nContent-Type: text/plain; charset=utf-8\r\n"
                "Content-Transfer-Encoding: 8bit\r\n\r\n" + body).encode()
    if kind < 0.85:
        html = "<html><body><p>" + body.replace("\r\n", "<br>=\r\n") + "</p></body></html>"
        return (head + f"Subject: {subject}\r\nContent-Type: text/html; charset=utf-8\r\n"
                "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + html.replace("=\r\n", "\r\n")).encode()
    name, ctype = (("Rapportage.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
                   if rng.random() < 0.5 else ("Scan.pdf", "application/pdf"))
    blob = blobs["docx" if name.endswith("docx") else "pdf"]
    return (head + f"Subject: {subject}\r\nContent-Type: multipart/mixed; boundary=\"b{i}\"\r\n\r\n"
            f"--b{i}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n"
            f"--b{i}\r\nContent-Type: {ctype}\r\nContent-Disposition: attachment; filename=\"{name}\"\r\n"
            f"Content-Transfer-Encoding: base64\r\n\r\n{blob}\r\n--b{i}--\r\n").encode()


def generate(path: Path, count: int, cases: list[CaseKey], seed: int = 1) -> Path:
    """A Maildir with `count` messages, written directly (no mailbox library: fast)."""
    rng, blobs = random.Random(seed), _blobs()
    for sub in ("cur", "new", "tmp"):
        (path / sub).mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (path / "cur" / f"{1_700_000_000 + i}.M{i}P1.bench:2,S").write_bytes(render(i, rng, cases, blobs))
    return path


def evidence_of(raw: bytes, folder: str, msg_id: str, cases: list[CaseKey]) -> set[tuple]:
    """What the scan reports for one candidate message, as comparable tuples."""
    item = read_bytes("bericht.eml", raw)
    text = f"{item.mail.subject if item.mail else ''}\n{item.text}"
    found = set()
    for case in cases:
        if case.tie(text):
            for label, part in parts(item, "mail"):
                result = classify(part)
                if result.type:
                    found.add((case.id, result.type, label, folder, msg_id))
    return found


def naive(messages, cases: list[CaseKey]) -> set[tuple]:
    """Parse every message fully with the email package, then read and classify the matches."""
    pattern = phrase_pattern([t for c in cases for t in (c.id, c.name)])
    found = set()
    for folder, msg_id, raw in messages:
        message = email.message_from_bytes(raw, policy=email.policy.default)
        texts = [str(message["Subject"] or "")]
        for part in message.walk():
            if not part.is_multipart():
                content = part.get_content()
                if isinstance(content, str) and not part.is_attachment():
                    texts.append(content)
        if pattern.search("\n".join(texts)):
            found |= evidence_of(raw, folder, msg_id, cases)
    return found


def ours(mailbox, cases: list[CaseKey], state=None, uri: str = "") -> set[tuple]:
    result = scan_mailbox(mailbox, cases, state=state, uri=uri)
    return {(e.case_id, e.doc_type, e.evidence, e.folder, e.message_id) for items in result.values() for e in items}


def timed(call):
    start = time.perf_counter()
    value = call()
    return value, time.perf_counter() - start


def bench_maildir(path: Path, count: int, cases: list[CaseKey]) -> dict:
    def read_all():
        for file in sorted((path / "cur").iterdir()):
            yield "INBOX", file.name.split(":")[0], file.read_bytes()
    base, base_s = timed(lambda: naive(read_all(), cases))
    mine, mine_s = timed(lambda: ours(FolderMailbox(path), cases))
    assert mine == base, f"scan and baseline disagree: {sorted(mine ^ base)[:5]}"
    row = {"backend": "maildir", "messages": count, "evidence": len(mine), "naive_s": base_s, "scan_s": mine_s}
    return {**row, **rescan(lambda state: ours(FolderMailbox(path), cases, state, f"folder:{path}"), mine,
                            path.parent / "state-maildir.sqlite")}


def rescan(scan, expected: set[tuple], state_file: Path) -> dict:
    """The first scan with a scan state (storing what it finds) and a re-scan of the unchanged mailbox."""
    from plugin.mail.mailboxes.state import MailState

    state = MailState(state_file)
    try:
        first, first_s = timed(lambda: scan(state))
        again, again_s = timed(lambda: scan(state))
    finally:
        state.close()
    assert first == expected and again == expected, "a scan with the state found something else"
    return {"first_s": first_s, "rescan_s": again_s}


def _count_bytes(box) -> list[int]:
    """Count the message bytes an ImapMailbox downloads (FETCH results)."""
    total, fetch = [0], box.client.fetch

    def counting(*args, **kwargs):
        result = fetch(*args, **kwargs)
        total[0] += sum(len(v) for data in result.values() for v in data.values() if isinstance(v, bytes))
        return result
    box.client.fetch = counting
    return total


def bench_imap(count: int, cases: list[CaseKey]) -> list[dict] | None:
    from imap_server import dovecot_available, start_dovecot, stop_dovecot

    from plugin.mail.mailboxes.imap import ImapMailbox
    from plugin.mail.mailboxes.profiles import Profile

    if not dovecot_available():
        return None
    server = start_dovecot()
    try:
        generate(server.maildir, count, cases, seed=2)
        server.chown()
        os.environ["POORTWACHTER_IMAP_PASSWORD"] = server.password
        profile = Profile("bench", "imap", {"host": server.host, "port": server.port, "username": server.user})
        ImapMailbox(profile).close()  # let Dovecot index the new Maildir before timing

        downloaded = [0]

        def download_all():
            box = ImapMailbox(profile)
            client = box.client
            client.select_folder("INBOX", readonly=True)
            uids = client.search("ALL")
            for start in range(0, len(uids), 100):
                for uid, data in client.fetch(uids[start:start + 100], ["BODY.PEEK[]"]).items():
                    downloaded[0] += len(data[b"BODY[]"])
                    yield "INBOX", str(uid), data[b"BODY[]"]
            box.close()
        base, base_s = timed(lambda: naive(download_all(), cases))
        rows = []
        for mode in ("server", "local"):
            settings = {**profile.settings, "search": mode}
            box = ImapMailbox(Profile("bench", "imap", settings))
            counted = _count_bytes(box)
            mine, mine_s = timed(lambda: ours(box, cases))
            box.close()
            assert mine == base, f"scan ({mode}) and baseline disagree over IMAP: {sorted(mine ^ base)[:5]}"

            def with_state(state, settings=settings):
                box = ImapMailbox(Profile("bench", "imap", settings))
                try:
                    return ours(box, cases, state, f"imap://{server.host}/{mode}")
                finally:
                    box.close()
            rows.append({"backend": f"imap/{mode}", "messages": count, "evidence": len(mine), "naive_s": base_s,
                         "scan_s": mine_s, "naive_mb": downloaded[0] / 1e6, "scan_mb": counted[0] / 1e6,
                         **rescan(with_state, mine, server.maildir.parent / f"state-{mode}.sqlite")})
        return rows
    finally:
        stop_dovecot(server)


def main(argv: list[str] | None = None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=20_000, help="messages in the Maildir")
    parser.add_argument("--imap-count", type=int, default=2_000, help="messages over IMAP (Dovecot)")
    parser.add_argument("--no-imap", action="store_true")
    args = parser.parse_args(argv)
    cases = make_cases()
    work = Path(tempfile.mkdtemp(prefix="poortwachter-bench-"))
    rows = []
    try:
        _, gen_s = timed(lambda: generate(work / "Maildir", args.count, cases))
        print(f"generated {args.count} messages in {gen_s:.1f} s")
        rows.append(bench_maildir(work / "Maildir", args.count, cases))
        if not args.no_imap:
            imap_rows = bench_imap(args.imap_count, cases)
            if imap_rows is None:
                print("imap: Dovecot not installed, skipped")
            rows += imap_rows or []
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{'backend':12} {'messages':>8} {'evidence':>8} {'naive msg/s':>12} {'scan msg/s':>11} {'speed-up':>8}"
          f" {'naive MB':>9} {'scan MB':>8}")
    for row in rows:
        naive_rate, scan_rate = row["messages"] / row["naive_s"], row["messages"] / row["scan_s"]
        row.update(naive_rate=naive_rate, scan_rate=scan_rate, ratio=scan_rate / naive_rate)
        transfer = f" {row['naive_mb']:9.2f} {row['scan_mb']:8.2f}" if "naive_mb" in row else ""
        print(f"{row['backend']:12} {row['messages']:8} {row['evidence']:8} {naive_rate:12.0f} {scan_rate:11.0f} "
              f"{row['ratio']:7.1f}x{transfer}")
    print(f"\nRe-scan of the unchanged mailbox with the scan state (only new messages are searched and fetched):")
    print(f"{'backend':12} {'messages':>8} {'first s':>9} {'re-scan s':>10} {'speed-up':>9}")
    for row in rows:
        row.update(rescan_ratio=row["first_s"] / row["rescan_s"] if row["rescan_s"] else float("inf"))
        print(f"{row['backend']:12} {row['messages']:8} {row['first_s']:9.2f} {row['rescan_s']:10.3f} "
              f"{row['rescan_ratio']:8.1f}x")
    return rows


if __name__ == "__main__":
    main()
