"""Every word a user reads outside a rule's own text: one catalogue, Dutch and English.

The CLI, the reports, the app's pages and the task panes (through their config) read these
words, so one status has one name everywhere ("binnenkort", never also "binnen 2 weken").
Pure data: no file is read. A test holds both languages to the same keys.
"""

from __future__ import annotations

# The case verdict (plugin.core.verdict): its status, where it comes from, and the items.
_VERDICT = {
    "nl": {
        "status_late": "te laat", "status_soon": "binnenkort", "status_ok": "op schema", "status_closed": "afgesloten",
        "status_unknown": "onbekend", "status_workbook_error": "fout in werkmap",
        "not_in_workbook": "niet in de werkmap",
        "basis_dossier": "Op basis van het dossier: documenten en mail.",
        "basis_workbook": "Alleen op basis van de werkmap: er zijn geen dossiers of mailboxen opgegeven.",
        "item_late": "te laat", "item_soon": "binnenkort", "item_open": "open",
        "n_late": "{n} te laat", "n_errors": ("{n} fout", "{n} fouten"),
        "n_warnings": ("{n} waarschuwing", "{n} waarschuwingen"),
        "evaluation": "Evaluatie", "no_items": "Niets open.", "findings_short": "Bevindingen",
        "open_items": "Open en te laat", "counts_title": "Telling",
        "closed_because_recovered": "hersteld", "closed_because_ended": "wachttijd voorbij",
        "sent_note": ("{n} bericht verzonden; het logboek hieronder toont het.",
                      "{n} berichten verzonden; het logboek hieronder toont ze."),
    },
    "en": {
        "status_late": "late", "status_soon": "due soon", "status_ok": "on track", "status_closed": "closed",
        "status_unknown": "unknown", "status_workbook_error": "workbook error",
        "not_in_workbook": "not in the workbook",
        "basis_dossier": "Based on the dossier: documents and mail.",
        "basis_workbook": "Based on the workbook alone: no dossiers or mailboxes were given.",
        "item_late": "late", "item_soon": "due soon", "item_open": "open",
        "n_late": "{n} late", "n_errors": ("{n} error", "{n} errors"),
        "n_warnings": ("{n} warning", "{n} warnings"),
        "evaluation": "Evaluation", "no_items": "Nothing open.", "findings_short": "Findings",
        "open_items": "Open and late", "counts_title": "Count",
        "closed_because_recovered": "recovered", "closed_because_ended": "waiting time over",
        "sent_note": ("{n} message sent; the ledger below shows it.", "{n} messages sent; the ledger below shows them."),
    },
}

# The 104-week picture of a case (plugin.core.timeline; drawn by the app and the docx report).
_TIMELINE = {
    "nl": {"timeline_title": "Tijdlijn van 104 weken", "timeline_done_late": "te laat gedaan",
           "timeline_end": "Einde wachttijd", "timeline_document": "document in het dossier",
           "timeline_error": "fout: te laat of ontbreekt", "timeline_warning": "waarschuwing",
           "timeline_evaluations": "evaluaties (uiterlijk elke 6 weken)", "timeline_today": "vandaag, week {week}",
           "timeline_key": "Afkortingen"},
    "en": {"timeline_title": "Timeline of 104 weeks", "timeline_done_late": "done late",
           "timeline_end": "End of the waiting time", "timeline_document": "document in the dossier",
           "timeline_error": "error: late or missing", "timeline_warning": "warning",
           "timeline_evaluations": "evaluations (at least every 6 weeks)", "timeline_today": "today, week {week}",
           "timeline_key": "Abbreviations"},
}

# A milestone's state in the calendar (plugin.core.wvp_calendar.Milestone.status).
_MILESTONE = {
    "nl": {"done": "gedaan", "done_late": "gedaan (te laat)", "overdue": "te laat", "due_soon": "binnenkort",
           "open": "open", "not_applicable": "vervalt", "not_tracked": "niet bijgehouden"},
    "en": {"done": "done", "done_late": "done (late)", "overdue": "overdue", "due_soon": "due soon",
           "open": "open", "not_applicable": "not applicable", "not_tracked": "not tracked"},
}

SEVERITY = {"nl": {"error": "fout", "warning": "waarschuwing", "info": "info"},
            "en": {"error": "error", "warning": "warning", "info": "info"}}

# What happened to one mail of the mail-out (plugin.mail.mailout.run.MailStatus) and its ledger row.
MAIL_STATUS = {
    "nl": {"sent": "verzonden", "would_send": "zou gaan", "skipped": "overgeslagen", "failed": "mislukt",
           "refused": "geweigerd", "unknown": "onbekend", "planned": "gepland", "sending": "bezig",
           "in_outbox": "in outbox"},
    "en": {"sent": "sent", "would_send": "would send", "skipped": "skipped", "failed": "failed",
           "refused": "refused", "unknown": "unknown", "planned": "planned", "sending": "sending",
           "in_outbox": "in outbox"},
}

_APP = {
    "nl": {
        "app": "Poortwachter", "cases": "Casussen", "check": "Dossiercheck", "mailout": "Mail-out",
        "case": "Casus", "employee": "Werknemer", "employer": "Werkgever", "casemanager": "Casemanager",
        "week": "Week", "status": "Status", "next": "Volgende mijlpaal", "due": "Uiterlijk", "done": "Gedaan",
        "all": "alle", "filter": "Filter", "search": "Zoek naam of casus", "workbook": "Werkmap",
        "as_of": "Peildatum", "late": "te laat", "soon": "binnenkort", "ok": "op schema", "closed": "afgesloten",
        "blocked": "fout in werkmap", "problems_title": "Problemen in de werkmap",
        "problems_intro": "Herstel deze in Excel en sla op; deze pagina leest de werkmap dan opnieuw.",
        "no_cases": "Geen casussen op het blad Casussen.", "shown": "getoond",
        "timeline": "Tijdlijn (104 weken)", "calendar": "WVP-kalender", "milestone": "Mijlpaal",
        "party": "Wie", "basis": "Grondslag", "evaluations": "Evaluaties (uiterlijk elke 6 weken)",
        "after": "Na", "held": "Gehouden", "findings": "Bevindingen van de dossiercheck", "no_findings": "Geen bevindingen.",
        "documents": "Documenten in het dossier", "no_folder": "Geen dossiermap gevonden voor deze casus.",
        "no_dossiers": "De app is gestart zonder dossiermap (--dossiers).", "path": "Bestand", "type": "Type",
        "date": "Datum", "evidence": "Herkend via", "generate": "Document maken", "document": "Document",
        "language": "Taal", "lang_case": "zoals de casus", "force": "Bestaand document overschrijven",
        "make": "Maken en downloaden", "rule": "Regel", "severity": "Ernst", "finding": "Bevinding", "fix": "Herstel",
        "error": "fout", "warning": "waarschuwing", "info": "info", "start_check": "Controle starten",
        "check_intro": "Controleert elke dossiermap tegen de WVP-termijnen, zoals UWV bij de RIV-toets doet.",
        "running": "Bezig", "files_read": "bestanden gelezen uit", "folders": "mappen",
        "download": "Downloaden", "summary": "Overzicht", "errors": "fouten", "warnings": "waarschuwingen",
        "in_order": "in orde", "month": "Maand", "preview": "Voorbeeld", "send": "Versturen…",
        "confirm_title": "Echt versturen?", "confirm_yes": "Ja, verstuur", "cancel": "Annuleren",
        "via": "Via", "recipient": "Aan", "subject": "Onderwerp", "attachments": "Bijlagen", "reason": "Toelichting",
        "history": "Logboek (eerder verzonden)", "no_history": "Nog niets verzonden.", "state": "Status",
        "sent_at": "Verzonden op", "dossier": "Dossiermap", "first_sick_day": "Eerste ziektedag",
        "notes": "Let op", "back": "Terug naar de casussen", "made": "Gemaakt en opgeslagen:",
        "mail_intro": "Per actieve casus de rapportage van de maand naar de werkgever, precies één keer.",
        "would_send": "zou gaan", "sent": "verzonden", "skipped": "overgeslagen", "failed": "mislukt",
        "refused": "geweigerd", "unknown": "onbekend", "planned": "gepland", "sending": "bezig",
        "confirm_text": "Dit verstuurt {n} bericht(en) via {via}. Elk bericht gaat één keer, alleen naar de werkgever van de eigen casus.",
        "nothing_to_send": "Er is deze maand niets te versturen.", "result": "Resultaat",
        "english": "English", "dutch": "Nederlands", "open_case": "Open casus", "elapsed": "s",
        "workbook_error": "De werkmap is niet te lezen",
        "generated": "Al gemaakt (uitvoermap)",
        "with_errors": "casussen met fouten", "with_warnings": "met alleen waarschuwingen",
        "loose_files": "Bestanden buiten een casusmap (niet gecontroleerd; zet ze in de map van hun casus)",
    },
    "en": {
        "app": "Poortwachter", "cases": "Cases", "check": "Dossier check", "mailout": "Mail-out",
        "case": "Case", "employee": "Employee", "employer": "Employer", "casemanager": "Case manager",
        "week": "Week", "status": "Status", "next": "Next milestone", "due": "Due", "done": "Done",
        "all": "all", "filter": "Filter", "search": "Search name or case", "workbook": "Workbook",
        "as_of": "As of", "late": "late", "soon": "due soon", "ok": "on track", "closed": "closed",
        "blocked": "workbook error", "problems_title": "Problems in the workbook",
        "problems_intro": "Fix them in Excel and save; this page then reads the workbook again.",
        "no_cases": "No cases on the sheet Casussen.", "shown": "shown",
        "timeline": "Timeline (104 weeks)", "calendar": "WVP calendar", "milestone": "Milestone",
        "party": "Who", "basis": "Basis", "evaluations": "Evaluations (at least every 6 weeks)",
        "after": "After", "held": "Held", "findings": "Findings of the dossier check", "no_findings": "No findings.",
        "documents": "Documents in the dossier", "no_folder": "No dossier folder found for this case.",
        "no_dossiers": "The app was started without a dossier folder (--dossiers).", "path": "File", "type": "Type",
        "date": "Date", "evidence": "Recognised by", "generate": "Make a document", "document": "Document",
        "language": "Language", "lang_case": "as the case", "force": "Overwrite an existing document",
        "make": "Make and download", "rule": "Rule", "severity": "Severity", "finding": "Finding", "fix": "Fix",
        "error": "error", "warning": "warning", "info": "info", "start_check": "Start the check",
        "check_intro": "Checks every dossier folder against the WVP deadlines, as UWV does in the RIV assessment.",
        "running": "Running", "files_read": "files read from", "folders": "folders",
        "download": "Download", "summary": "Overview", "errors": "errors", "warnings": "warnings",
        "in_order": "in order", "month": "Month", "preview": "Preview", "send": "Send…",
        "confirm_title": "Really send?", "confirm_yes": "Yes, send", "cancel": "Cancel",
        "via": "Via", "recipient": "To", "subject": "Subject", "attachments": "Attachments", "reason": "Note",
        "history": "Ledger (sent before)", "no_history": "Nothing sent yet.", "state": "State",
        "sent_at": "Sent at", "dossier": "Dossier folder", "first_sick_day": "First sick day",
        "notes": "Note", "back": "Back to the cases", "made": "Made and saved:",
        "mail_intro": "Each active case's report of the month to its employer, exactly once.",
        "would_send": "would send", "sent": "sent", "skipped": "skipped", "failed": "failed",
        "refused": "refused", "unknown": "unknown", "planned": "planned", "sending": "sending",
        "confirm_text": "This sends {n} message(s) via {via}. Each goes once, only to the employer of its own case.",
        "nothing_to_send": "Nothing to send this month.", "result": "Result",
        "english": "English", "dutch": "Nederlands", "open_case": "Open case", "elapsed": "s",
        "workbook_error": "The workbook cannot be read",
        "generated": "Already made (output folder)",
        "with_errors": "cases with errors", "with_warnings": "with warnings only",
        "loose_files": "Files outside a case folder (not checked; move them into their case's folder)",
    },
}



def _merge(*tables: dict) -> dict[str, dict[str, str]]:
    return {lang: {k: v for table in tables for k, v in table[lang].items()} for lang in ("nl", "en")}


WORDS = _merge(_APP, _VERDICT, _TIMELINE)
MILESTONE_STATUS = _MILESTONE
LANGUAGES = ("nl", "en")


def words(lang: str) -> dict[str, str]:
    """All words in one language (Dutch for anything but 'en'); a counted phrase as its plural."""
    table = WORDS["en" if lang == "en" else "nl"]
    return {k: v[1] if isinstance(v, tuple) else v for k, v in table.items()}


def word(key: str, lang: str = "nl", **values) -> str:
    """One word or phrase, with {placeholders} filled in; a counted phrase by its n (1 fout, 2 fouten)."""
    text = WORDS["en" if lang == "en" else "nl"][key]
    if isinstance(text, tuple):
        text = text[0] if values.get("n") == 1 else text[1]
    return text.format(**values) if values else text
