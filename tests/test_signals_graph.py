"""The signals through graph:PROFILE at the HTTP level (respx): the HTML body goes as HTML, our
headers go along, and the copy in Sent Items settles a run that was cut off."""

from __future__ import annotations

import json

from signals_fixtures import ANNA, AS_OF, BERT, WEEK, signals_workbook
from test_mailout_graph import SEND, SENT_ITEMS, TENANT, entra  # noqa: F401 - the Entra ID fixture

from plugin.cli import main
from plugin.mail.mailout.ledger import Ledger


def setup_profiles(folder, monkeypatch):
    workbook = signals_workbook(folder)
    profiles = folder / "profielen.toml"
    profiles.write_text(profiles.read_text(encoding="utf-8") +
                        f'\n[m365]\nkind = "graph"\ntenant_id = "{TENANT}"\nclient_id = "app-id"\n'
                        'mailbox = "dossiers@bureau.example"\n', encoding="utf-8")
    monkeypatch.setenv("POORTWACHTER_M365_CLIENT_SECRET", "s3cret")
    return workbook, profiles


def signals(workbook, profiles):
    return main(["signals", str(workbook), "--via", "graph:m365", "--profiles", str(profiles),
                 "--as-of", AS_OF.isoformat()])


def test_graph_sends_the_html_signal(tmp_path, monkeypatch, entra, capsys):  # noqa: F811
    workbook, profiles = setup_profiles(tmp_path, monkeypatch)
    send = entra.post(SEND).respond(202)
    assert signals(workbook, profiles) == 1                      # Chris has no address
    assert send.call_count == 2
    by = {}
    for call in send.calls:
        message = json.loads(call.request.content)["message"]
        by[message["toRecipients"][0]["emailAddress"]["address"]] = message
    assert set(by) == {ANNA, BERT}
    anna = by[ANNA]
    assert anna["body"]["contentType"] == "HTML" and "<td>Probleemanalyse</td>" in anna["body"]["content"]
    headers = {h["name"]: h["value"] for h in anna["internetMessageHeaders"]}
    assert headers == {"X-Poortwachter-Casemanager": ANNA, "X-Poortwachter-Week": WEEK}
    assert anna["attachments"] == []


def test_a_cut_off_graph_run_is_settled_by_sent_items(tmp_path, monkeypatch, entra, capsys):  # noqa: F811
    workbook, profiles = setup_profiles(tmp_path, monkeypatch)
    send = entra.post(SEND).respond(202)
    signals(workbook, profiles)
    assert send.call_count == 2
    ledger = Ledger(workbook.with_name("casussen.signals.sqlite"))
    entry = ledger.get(ANNA, WEEK, "mail")
    ledger._db.execute("UPDATE messages SET state='sending' WHERE case_id=?", (ANNA,))   # as a killed run leaves it
    ledger.close()
    entra.get(SENT_ITEMS).respond(200, json={"value": [{"id": "x"}]})
    signals(workbook, profiles)
    assert send.call_count == 2                                  # nothing sent again
    assert "teruggevonden na een afgebroken run" in capsys.readouterr().out
    ledger = Ledger(workbook.with_name("casussen.signals.sqlite"), readonly=True)
    assert ledger.get(ANNA, WEEK, "mail").state == "sent" and ledger.get(ANNA, WEEK, "mail").message_id == entry.message_id
    ledger.close()
