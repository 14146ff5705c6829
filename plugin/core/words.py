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

# The CLI's own lines (plugin/commands).
_CLI = {
    "nl": {"cases_as_of": "Casussen op {date}", "inspect_case": "Casus", "none": "geen",
           "inspect_candidates": "Kandidaten (alleen achternaam): {cases}", "inspect_document": "Document",
           "not_recognised": "niet herkend", "inspect_missing": "ontbreekt: {part}",
           "inspect_terms": "Medische termen (niet voor de werkgever): {terms}",
           "inspect_no_terms": "Geen medische termen gevonden.",
           "cal_first_day": "Eerste ziektedag {date}; op {as_of} is het week {week}.", "cal_still_sick": "nog ziek",
           "cal_periods": "Verzuimperiodes: ", "cal_milestone": "Mijlpaal", "cal_due": "Uiterlijk", "cal_done": "Gedaan",
           "cal_reason": " (reden: {reason})", "cal_evaluations": "Evaluaties (uiterlijk elke 6 weken):",
           "cal_gap_held": "na {after}: uiterlijk {due}, gehouden {done} — {state}",
           "cal_gap_open": "na {after}: volgende uiterlijk {due} — {state}"},
    "en": {"cases_as_of": "Cases as of {date}", "inspect_case": "Case", "none": "none",
           "inspect_candidates": "Candidates (surname only): {cases}", "inspect_document": "Document",
           "not_recognised": "not recognised", "inspect_missing": "missing: {part}",
           "inspect_terms": "Medical terms (not for the employer): {terms}",
           "inspect_no_terms": "No medical terms found.",
           "cal_first_day": "First day of sickness {date}; on {as_of} it is week {week}.", "cal_still_sick": "still sick",
           "cal_periods": "Sick periods: ", "cal_milestone": "Milestone", "cal_due": "Due", "cal_done": "Done",
           "cal_reason": " (reason: {reason})", "cal_evaluations": "Evaluations (at least every 6 weeks):",
           "cal_gap_held": "after {after}: due {due}, held {done} — {state}",
           "cal_gap_open": "after {after}: next due {due} — {state}"},
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

# What a finding of the dossier check says (plugin/check): sentences with their values filled in.
_FINDINGS = {
    "nl": {
        "f_undated": "{types} aanwezig maar zonder datum; tijdigheid (uiterlijk {due}) niet te controleren.",
        "f_late": "{types} te laat: gedateerd {date}, uiterlijk was {due} {what}.",
        "f_missing": "{types} ontbreekt; uiterlijk {due} {what}.",
        "f_not_yet": "{types} nog niet in het dossier; uiterlijk {due} {what}.",
        "f_not_yet_soon": "{types} nog niet in het dossier; nodig zodra mogelijk, uiterlijk {due} {what}.",
        "f_weeks_after": "({weeks} weken na {label} van {date})",
        "f_weeks_after_late": "({weeks} weken na de uiterste datum van de {label}, {date}; die was te laat ({late}) en "
                              "geeft geen uitstel)",
        "f_sooner": "({fact} {date}{said}{grace})",
        "f_sooner_said": ", volgens {source}",
        "f_sooner_grace": "; zodra mogelijk, uiterlijk {weeks} weken daarna (praktijk)",
        "f_own_work_ruled_out": "terugkeer in de eigen organisatie niet in zicht sinds",
        "f_eval_gap": "Geen evaluatie tussen {start} en {end}: de volgende was uiterlijk {due} nodig ({span} zonder "
                      "evaluatie).",
        "f_eval_none_since": "Geen evaluatie meer sinds {start}; de volgende was uiterlijk {due} nodig.",
        "f_eval_next": "Volgende evaluatie uiterlijk {due} (laatste: {start}).",
        "f_needed_before": "{types} ontbreekt; nodig vóór {label} ({date}).",
        "f_only_after": "{types} pas op {date}, na {label} ({reference}).",
        "f_too_old": "{types} van {date} is ouder dan {months} maanden op {reference} (niet vóór {limit}).",
        "f_second_track": "{types} ontbreekt, terwijl de werknemer in het 2e spoor zit{since}",
        "f_second_track_since": " (sinds {date}).",
        "f_workbook_date": "Werkmap: '{column}' = {date}, maar het dossier heeft geen {type} rond die datum.",
        "f_workbook_eval": "Werkmap: evaluatie van {date} (blad Evaluaties, rij {row}) heeft geen verslag in het dossier.",
        "f_unreadable": "Niet leesbaar: {problem}.",
        "f_unrecognised": "Niet herkend als dossierdocument (naam en inhoud zeggen niet wat het is).",
        "f_no_folder": "Geen dossiermap gevonden (op kolom 'Dossiermap' of casusnummer in de mapnaam).",
        "f_first_day_unusable": "Eerste ziektedag onbruikbaar in de werkmap (zie de fout daar); termijnen niet gecontroleerd.",
        "f_first_day_unknown": "Eerste ziektedag onbekend: geen rij in de werkmap en geen document noemt hem; termijnen "
                               "niet gecontroleerd.",
        "f_before_first_day": "{n} document(en) gedateerd vóór de eerste ziektedag ({date}) tellen niet mee; klopt de "
                              "eerste ziektedag?",
        "f_new_waiting_time": "Nieuwe wachttijd vanaf {start} (hersteld na {ended}, 4 weken of meer): de klok begon "
                              "opnieuw bij week 1; {n} document(en) van vóór die datum tellen niet voor deze periode.",
        "f_reason_softens": " Vastgelegde reden voor de afwijking{where}, geschreven door {by}: \u201c{reason}\u201d "
                            "(art. 5 Regeling procesgang; UWV beoordeelt of die deugdelijk is).",
        "f_reason_context": " Genoemde reden{where}: \u201c{reason}\u201d. Dit is een wettelijke termijn ({basis}): een "
                            "reden verandert de ernst niet.",
        "by_werkgever": "de werkgever", "by_werknemer": "de werknemer", "by_beide": "werkgever en werknemer samen",
        "by_onbekend": "onbekend",
        "f_uwv_first_day": "UWV-brief '{path}' noemt eerste ziektedag {letter}, de werkmap {workbook}; alle termijnen "
                           "hangen van deze datum af.",
        "f_uwv_date": "UWV-brief '{path}' noemt voor de {name} {letter}, de werkmap ('{column}') {workbook}.",
        "f_uwv_refused_extension": " UWV heeft de verlenging afgewezen.",
        "f_extension_without_decision": "Werkmap: wachttijd verlengd met {weeks} weken, maar de beslissing van UWV staat "
                                        "niet in het dossier of de mailbox (gezocht: brieven en mails van UWV over "
                                        "verlenging van de wachttijd). Alleen UWV verlengt (art. 24 lid 1 WIA): de termijnen "
                                        "zijn zonder verlenging berekend.{refused}",
        "f_sanction_no_end": " (de brief noemt geen einde: ten hoogste 52 weken na het einde van de wachttijd, art. 25 lid "
                             "9 WIA)",
        "f_sanction_shortened": " Bekort door '{path}'.",
        "f_sanction": "UWV heeft een loonsanctie opgelegd ('{path}', {date}): loondoorbetaling tot {end}{how}.{short} "
                      "Evaluaties en het 2e spoor lopen door tot dan; herstel de tekortkoming die UWV noemt en vraag "
                      "daarna om bekorting (zie ook de andere bevindingen).",
        "f_uwv_extension_differs": "UWV-brief '{path}' verlengt de wachttijd met {stated} weken, de werkmap ('Verlenging "
                                   "wachttijd (weken)') met {weeks}; de check volgt de brief.",
        "f_uwv_sanction_end_differs": "UWV-brief '{path}' noemt als einde van de loonsanctie {stated}, de werkmap ('Einde "
                                      "loonsanctie') {recorded}; de check volgt de brief.",
        "and": " en ", "looked_for": "gezocht naar {what}", "now": "nu",
        "f_parts_not_found_anywhere": "Niet gevonden: {parts} (in alle {n} documenten van de casus {searched}).",
        "f_parts_not_found": "{name} '{path}' ({date}): niet gevonden: {parts} ({searched}).",
        "f_adjust_looked": "gezocht: een '{types}' of de zin dat het plan van aanpak is bijgesteld, in de documenten vanaf "
                           "{date}",
        "f_adjusted_late": "Plan van aanpak pas op {date} bijgesteld, na {event} '{path}' van {event_date}; uiterlijk {due}.",
        "f_not_adjusted": "Geen bijstelling van het plan van aanpak na {event} '{path}' van {event_date} (uiterlijk {due}; "
                          "{looked}).",
        "f_track_gap": "2e spoor niet doorlopend: geen verslag ({names}, ...) tussen {start} en {end} ({span}; hooguit "
                       "{weeks} weken).",
    },
    "en": {
        "f_undated": "{types} present but undated; cannot check it was on time (due {due}).",
        "f_late": "{types} late: dated {date}, due {due} {what}.",
        "f_missing": "{types} missing; due {due} {what}.",
        "f_not_yet": "{types} not in the dossier yet; due {due} {what}.",
        "f_not_yet_soon": "{types} not in the dossier yet; needed as soon as possible, by {due} {what}.",
        "f_weeks_after": "({weeks} weeks after the {label} of {date})",
        "f_weeks_after_late": "({weeks} weeks after the {label}'s due date, {date}; it was late ({late}) and buys no "
                              "time)",
        "f_sooner": "({fact} {date}{said}{grace})",
        "f_sooner_said": ", according to {source}",
        "f_sooner_grace": "; as soon as possible, at the latest {weeks} weeks later (practice)",
        "f_own_work_ruled_out": "return in the own organisation not in view since",
        "f_eval_gap": "No evaluation between {start} and {end}: the next one was due by {due} ({span} without one).",
        "f_eval_none_since": "No evaluation since {start}; the next was due by {due}.",
        "f_eval_next": "Next evaluation due by {due} (last: {start}).",
        "f_needed_before": "{types} missing; needed before the {label} ({date}).",
        "f_only_after": "{types} only on {date}, after the {label} ({reference}).",
        "f_too_old": "{types} of {date} is older than {months} months on {reference} (not before {limit}).",
        "f_second_track": "{types} missing while the employee is in the second track{since}",
        "f_second_track_since": ".",
        "f_workbook_date": "Workbook: '{column}' = {date}, but the dossier has no {type} around that date.",
        "f_workbook_eval": "Workbook: evaluation of {date} (sheet Evaluaties, row {row}) has no minutes in the dossier.",
        "f_unreadable": "Unreadable: {problem}.",
        "f_unrecognised": "Not recognised as a dossier document (neither name nor content says what it is).",
        "f_no_folder": "No dossier folder found (by column 'Dossiermap' or the case number in the folder name).",
        "f_first_day_unusable": "First day of sickness unusable in the workbook (see the error there); deadlines not "
                                "checked.",
        "f_first_day_unknown": "First day of sickness unknown: no workbook row and no document states it; deadlines not "
                               "checked.",
        "f_before_first_day": "{n} document(s) dated before the first day of sickness ({date}) do not count; is the "
                              "first day of sickness right?",
        "f_new_waiting_time": "New waiting time from {start} (recovered after {ended}, 4 weeks or more): the clock "
                              "restarted at week 1; {n} document(s) dated before it do not count for this period.",
        "f_reason_softens": " Recorded reason for the deviation{where}, written by {by}: \u201c{reason}\u201d (art. 5 "
                            "Regeling procesgang; UWV judges whether it holds).",
        "f_reason_context": " Reason given{where}: \u201c{reason}\u201d. This is a statutory deadline ({basis}): a reason "
                            "does not change its severity.",
        "by_werkgever": "the employer", "by_werknemer": "the employee", "by_beide": "employer and employee together",
        "by_onbekend": "unknown",
        "f_uwv_first_day": "UWV letter '{path}' gives first day of sickness {letter}, the workbook {workbook}; every "
                           "deadline depends on this date.",
        "f_uwv_date": "UWV letter '{path}' gives {letter} for the {name}, the workbook ('{column}') {workbook}.",
        "f_uwv_refused_extension": " UWV refused the extension.",
        "f_extension_without_decision": "Workbook: waiting time extended by {weeks} weeks, but UWV's decision is not in "
                                        "the dossier or a mailbox (looked for: UWV letters and mails on extending the "
                                        "waiting time). Only UWV extends it (art. 24(1) WIA): the deadlines are computed "
                                        "without the extension.{refused}",
        "f_sanction_no_end": " (the letter states no end: at most 52 weeks after the waiting time, art. 25(9) WIA)",
        "f_sanction_shortened": " Shortened by '{path}'.",
        "f_sanction": "UWV imposed a wage sanction ('{path}', {date}): wages are paid until {end}{how}.{short} "
                      "Evaluations and the second track go on until then; repair what UWV names and then ask for the "
                      "sanction to be shortened (see the other findings too).",
        "f_uwv_extension_differs": "UWV letter '{path}' extends the waiting time by {stated} weeks, the workbook by "
                                   "{weeks}; the check follows the letter.",
        "f_uwv_sanction_end_differs": "UWV letter '{path}' ends the wage sanction on {stated}, the workbook on "
                                      "{recorded}; the check follows the letter.",
        "and": " and ", "looked_for": "looked for {what}", "now": "now",
        "f_parts_not_found_anywhere": "Not found: {parts} (in all {n} documents of the case, {searched}).",
        "f_parts_not_found": "{name} '{path}' ({date}): not found: {parts} ({searched}).",
        "f_adjust_looked": "looked for: a '{types}' or a sentence that the plan of action was adjusted, in the documents "
                           "from {date}",
        "f_adjusted_late": "Plan of action only adjusted on {date}, after {event} '{path}' of {event_date}; due {due}.",
        "f_not_adjusted": "No adjustment of the plan of action after {event} '{path}' of {event_date} (due {due}; "
                          "{looked}).",
        "f_track_gap": "Second track not continuous: no record ({names}, ...) between {start} and {end} ({span}; at "
                       "most {weeks} weeks).",
    },
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


# The re-integratieverslag (plugin/riv): its cover, contents, gaps and the surfaces that build it.
_RIV = {
    "nl": {
        "riv": "Re-integratieverslag", "riv_build": "Re-integratieverslag maken",
        "riv_cover_title": "Re-integratieverslag", "riv_cover_sub": "Wet WIA art. 25 lid 3; Regeling procesgang art. 6",
        "riv_contents": "Inhoud", "riv_section": "Onderdeel", "riv_document": "Document", "riv_date": "Datum",
        "riv_page": "Pagina", "riv_part": "Deel", "riv_file": "Bestand",
        "riv_page_of": "pagina {n} van {total}", "riv_none": "geen document",
        "riv_case": "Casusnummer", "riv_employee": "Werknemer", "riv_employer": "Werkgever",
        "riv_job": "Functie", "riv_hours": "Contracturen per week", "riv_first_sick_day": "Eerste ziektedag",
        "riv_periods": "Verzuimperiodes", "riv_until_now": "heden", "riv_casemanager": "Casemanager",
        "riv_physician": "Bedrijfsarts", "riv_expert": "Arbeidsdeskundige", "riv_bureau": "Re-integratiebureau",
        "riv_track": "Spoor", "riv_due": "Uiterlijk gereed (week 91)", "riv_wia": "WIA-aanvraag (uiterlijk week 93)",
        "riv_made_on": "Samengesteld op", "riv_complete": "compleet",
        "riv_n_gaps": ("{n} hiaat", "{n} hiaten"), "riv_line": "RIV: {state}",
        "riv_gaps_title": "Hiaten (wat UWV bij de RIV-toets zou terugvragen)",
        "riv_no_gaps": "Geen hiaten gevonden: het verslag bevat elk onderdeel dat de Regeling vraagt.",
        "riv_review_title": "Nog te controleren vóór verzenden (AVG)",
        "riv_review_intro": ("In deze stukken vond de AVG-controle mogelijk medische gegevens. Ze zijn opgenomen zoals ze "
                             "zijn; lees ze na voordat het verslag naar de werkgever gaat (alleen de werknemer deelt "
                             "medische gegevens met UWV). Zie 'poortwachter inspect BESTAND' voor de woorden."),
        "riv_review_item": "{path} (pagina {first}-{last})",
        "riv_review_gap": "Controleren (AVG): '{path}' bevat mogelijk medische gegevens; het is opgenomen zoals het is, lees het na vóór verzenden",
        "riv_unreadable_gap": "Niet opgenomen: '{path}' kon niet worden omgezet naar PDF ({why})",
        "riv_receipt": "Afschrift ontvangen door de werknemer (Wet WIA art. 25 lid 3): datum ............  handtekening ..................",
        "riv_notes": "Toelichting van de casemanager",
        "riv_practice": "praktijk",
        "riv_late": "Het re-integratieverslag is na de termijn samengesteld: uiterlijk {due} (week 91, Wet WIA art. 25 lid 3)",
        "riv_no_row": "Administratieve gegevens ontbreken: de casus staat niet in de werkmap",
        "riv_no_job": "De functie van de werknemer ontbreekt (werkmap, kolom 'Functie')",
        "riv_section_missing": "Ontbreekt: {section} (geen document in de dossiermap)",
        "riv_only_in_mailbox": "Alleen in de mailbox, niet in de dossiermap: {reference}; bewaar het bericht in de dossiermap om het op te nemen",
        "riv_mail_from": "Van", "riv_mail_to": "Aan", "riv_mail_date": "Datum", "riv_mail_subject": "Onderwerp",
        "riv_mail_attachments": "Bijlagen (volgen na dit bericht)", "riv_mail_title": "E-mailbericht",
        "riv_sheet": "Blad", "riv_rows_cut": "nog {n} rijen niet getoond",
        "riv_exists": "bestaat al: {path} (gebruik --force om te vervangen)",
        "riv_job_done": "Klaar", "riv_building": "Bezig met samenstellen",
        "riv_filter": "Week 91 nabij en RIV met hiaten", "riv_col": "RIV",
        "riv_step_check": "dossier controleren", "riv_step_convert": "documenten omzetten",
        "riv_step_assemble": "PDF samenstellen", "riv_step_write": "wegschrijven",
        "riv_force": "Bestaand verslag vervangen", "riv_within": "binnen {n} weken of voorbij",
        "riv_intro": ("Stelt het dossier samen als re-integratieverslag: één PDF in de volgorde van de Regeling "
                      "procesgang art. 6, met voorblad, inhoud, bladwijzers en paginanummers, plus Inhoud.docx "
                      "en de hiatenlijst."),
        "riv_files": "Bestanden", "riv_gaps_short": "Hiaten",
        "riv_part_too_big": ("'{name}' is {mb} MB, meer dan de 10 MB die UWV aanneemt: één pagina is al zo groot; "
                             "scan die pagina opnieuw met een lagere resolutie"),
    },
    "en": {
        "riv": "Re-integration report", "riv_build": "Make the re-integration report",
        "riv_cover_title": "Re-integration report (re-integratieverslag)",
        "riv_cover_sub": "Wet WIA art. 25(3); Regeling procesgang art. 6",
        "riv_contents": "Contents", "riv_section": "Section", "riv_document": "Document", "riv_date": "Date",
        "riv_page": "Page", "riv_part": "Part", "riv_file": "File",
        "riv_page_of": "page {n} of {total}", "riv_none": "no document",
        "riv_case": "Case number", "riv_employee": "Employee", "riv_employer": "Employer",
        "riv_job": "Job", "riv_hours": "Contract hours per week", "riv_first_sick_day": "First sick day",
        "riv_periods": "Sick periods", "riv_until_now": "now", "riv_casemanager": "Case manager",
        "riv_physician": "Occupational physician", "riv_expert": "Labour expert", "riv_bureau": "Re-integration bureau",
        "riv_track": "Track", "riv_due": "Due (week 91)", "riv_wia": "WIA application (by week 93)",
        "riv_made_on": "Compiled on", "riv_complete": "complete",
        "riv_n_gaps": ("{n} gap", "{n} gaps"), "riv_line": "RIV: {state}",
        "riv_gaps_title": "Gaps (what UWV's RIV assessment would ask back)",
        "riv_no_gaps": "No gaps found: the report holds every part the Regeling asks for.",
        "riv_review_title": "To check before sending (GDPR)",
        "riv_review_intro": ("In these papers the privacy check found possible medical data. They are included as they "
                             "are; read them before the report goes to the employer (only the employee shares medical "
                             "data with UWV). 'poortwachter inspect FILE' shows the words."),
        "riv_review_item": "{path} (page {first}-{last})",
        "riv_review_gap": "Check (GDPR): '{path}' may hold medical data; it is included as it is, read it before sending",
        "riv_unreadable_gap": "Not included: '{path}' could not be converted to PDF ({why})",
        "riv_receipt": "Copy received by the employee (Wet WIA art. 25(3)): date ............  signature ..................",
        "riv_notes": "Notes of the case manager",
        "riv_practice": "practice",
        "riv_late": "The re-integration report is compiled after its deadline: due {due} (week 91, Wet WIA art. 25(3))",
        "riv_no_row": "Administrative data missing: the case is not in the workbook",
        "riv_no_job": "The employee's job is missing (workbook, column 'Functie')",
        "riv_section_missing": "Missing: {section} (no document in the dossier folder)",
        "riv_only_in_mailbox": "Only in the mailbox, not in the dossier folder: {reference}; save the message into the dossier folder to include it",
        "riv_mail_from": "From", "riv_mail_to": "To", "riv_mail_date": "Date", "riv_mail_subject": "Subject",
        "riv_mail_attachments": "Attachments (follow this message)", "riv_mail_title": "E-mail message",
        "riv_sheet": "Sheet", "riv_rows_cut": "{n} more rows not shown",
        "riv_exists": "exists already: {path} (use --force to replace it)",
        "riv_job_done": "Done", "riv_building": "Compiling",
        "riv_filter": "Week 91 near and RIV with gaps", "riv_col": "RIV",
        "riv_step_check": "checking the dossier", "riv_step_convert": "converting documents",
        "riv_step_assemble": "assembling the PDF", "riv_step_write": "writing",
        "riv_force": "Replace an existing report", "riv_within": "within {n} weeks or passed",
        "riv_intro": ("Assembles the dossier as the re-integration report: one PDF in the order of Regeling "
                      "procesgang art. 6, with cover, contents, bookmarks and page numbers, plus Inhoud.docx and "
                      "the gap list."),
        "riv_files": "Files", "riv_gaps_short": "Gaps",
        "riv_part_too_big": ("'{name}' is {mb} MB, over the 10 MB UWV accepts: a single page is that big; scan that "
                             "page again at a lower resolution"),
    },
}


# The deadline signals, the calendar (.ics) and scheduled runs (plugin.signals, plugin.schedule).
_SIGNALS = {
    "nl": {
        "signals": "Termijnsignalen", "signal_today": "vandaag",
        "signal_workbook_error": "De rij van deze casus in de werkmap heeft een fout: de termijnen zijn niet berekend.",
        "signals_intro": "Per casemanager één mail per week: wat te laat is en wat de komende weken verloopt, "
                         "per casus op datum. Eerst een voorbeeld; versturen vraagt om bevestiging.",
        "signals_weeks": "Komende weken", "signals_to": "Casemanager", "signals_cases": "Casussen",
        "signals_items": "Te laat / komend", "signals_text": "Tekst van het signaal",
        "signals_no_address": "Zonder adres (krijgt geen signaal)", "signals_calendar": "Agenda (.ics)",
        "signals_calendar_intro": "Elke WVP-mijlpaal als afspraak in Outlook of Google Agenda; opnieuw importeren "
                                  "werkt de afspraken bij.",
        "signals_confirm": "Ja, verstuur de signalen van deze week",
        "signals_confirm_text": "Dit verstuurt {n} signaal/signalen via {via}; elke casemanager krijgt er deze week "
                                "hoogstens één, alleen op het eigen adres.",
        "signals_nothing": "Er is deze week niets (meer) te versturen.",
        "signals_history": "Logboek (signalen)", "last_runs": "Automatische runs", "no_runs": "Nog geen automatische run.",
        "last_run": "laatste run: {when}, {what}", "run_kind_signals": "termijnsignalen", "run_kind_mailout": "mail-out",
        "run_skipped_already": "al gedraaid na {when}", "run_failed": "fout: {error}",
        "ics_made_by": "Poortwachter, WVP-kalender (stand van {day}).",
        "ics_due": "Uiterlijk {day} (week {week}).", "ics_lapsed": "Vervalt: {why}.", "ics_done_short": "gedaan",
        "ics_done": "Gedaan op {day}.", "ics_next_evaluation": "Volgende evaluatie",
        "ics_evaluation_after": "Uiterlijk 6 weken (ziekteweken) na {day}.",
        "ics_evaluation_basis": "Regeling procesgang art. 4 (regelmatig evalueren); de 6 weken zijn UWV-praktijk",
        "ics_no_next_evaluation": "Geen volgende evaluatie meer nodig (hersteld of wachttijd voorbij).",
        "ics_no_casemanager": "zonder casemanager",
    },
    "en": {
        "signals": "Deadline signals", "signal_today": "today",
        "signal_workbook_error": "This case's workbook row has an error: its deadlines were not computed.",
        "signals_intro": "One mail a week per case manager: what is late and what falls due in the coming weeks, "
                         "per case by date. A preview first; sending asks for a confirmation.",
        "signals_weeks": "Coming weeks", "signals_to": "Case manager", "signals_cases": "Cases",
        "signals_items": "Late / coming", "signals_text": "Text of the signal",
        "signals_no_address": "Without an address (gets no signal)", "signals_calendar": "Calendar (.ics)",
        "signals_calendar_intro": "Every WVP milestone as an entry in Outlook or Google Calendar; importing again "
                                  "updates the entries.",
        "signals_confirm": "Yes, send this week's signals",
        "signals_confirm_text": "This sends {n} signal(s) via {via}; each case manager gets at most one this week, "
                                "only at their own address.",
        "signals_nothing": "Nothing (more) to send this week.",
        "signals_history": "Ledger (signals)", "last_runs": "Scheduled runs", "no_runs": "No scheduled run yet.",
        "last_run": "last run: {when}, {what}", "run_kind_signals": "deadline signals", "run_kind_mailout": "mail-out",
        "run_skipped_already": "already ran after {when}", "run_failed": "error: {error}",
        "ics_made_by": "Poortwachter, WVP calendar (as of {day}).",
        "ics_due": "Due {day} (week {week}).", "ics_lapsed": "Lapsed: {why}.", "ics_done_short": "done",
        "ics_done": "Done on {day}.", "ics_next_evaluation": "Next evaluation",
        "ics_evaluation_after": "At most 6 weeks (of sickness) after {day}.",
        "ics_evaluation_basis": "Regeling procesgang art. 4 (regular evaluation); the 6 weeks are UWV practice",
        "ics_no_next_evaluation": "No further evaluation needed (recovered or waiting time over).",
        "ics_no_casemanager": "without case manager",
    },
}


# The check's reports (plugin/check/reporters: table, docx, xlsx), pieces of the check's findings
# (plugin/check/case_view) and the RIV's own lines (plugin/riv, the riv command). Column heads and
# plain words come from _APP where the app says the same ("case", "rule", "in_order", ...); these
# are the words only a report says. Its totals are always plural ("1 casussen"), as they always were.
_REPORT = {
    "nl": {
        "report_table_title": "Dossiercheck {root} — peildatum {date}",
        "report_counts": "{errors}F {warnings}W {info}i",
        "report_documents": "Documenten",
        "report_total": "{cases} casussen, {errors} fouten, {warnings} waarschuwingen.",
        "report_title": "Dossiercheck re-integratiedossiers",
        "report_intro": "Peildatum {date}. Gecontroleerd: {root}. Getoetst aan de termijnen van de Wet verbetering "
                        "poortwachter zoals UWV ze bij de RIV-toets hanteert.",
        "report_summary_only": "Dit rapport toont alleen het overzicht van {cases} casussen: per casus de "
                               "bevindingen en documenten staan in het rapport als xlsx of json (--format xlsx).",
        "report_case_line": "Eerste ziektedag: {date}; week op de peildatum: {week}; dossiermap: {folder}; "
                            "{documents} documenten gelezen.",
        "report_no_medical": "Dit rapport bevat geen medische gegevens; het noemt alleen documenten, datums en "
                             "termijnen.",
        "report_light": "{n} casussen {label}", "report_light_errors": "met fouten",
        "report_errors": "Fouten", "report_warnings": "Waarschuwingen", "report_info": "Info",
        "report_main_finding": "Belangrijkste bevinding", "report_riv": "RIV", "report_why": "Waarom",
        "report_files": "Bestanden", "report_path": "Pad", "report_evidence": "Herkend via",
        "report_sheet_title": "Dossiercheck per {date}",
        "report_long": "{cases} casussen: de bevindingen en documenten van alle casussen staan op de bladen Bevindingen "
                       "en Documenten (kolom Casus), niet op een blad per casus.",
        "reason_left_out": "[reden weggelaten: medische term]",
        "span_weeks": "{weeks} weken", "span_days": ("{weeks} weken en {n} dag", "{weeks} weken en {n} dagen"),
        "riv_part_of": "deel {n} van {count}",
        "riv_none_due": "Geen casus waarvan week 91 binnen die termijn valt.",
        "riv_office": "LibreOffice: {converted} omgezet, {cached} uit de cache, {seconds:.1f} s",
    },
    "en": {
        "report_table_title": "Dossier check {root} — as of {date}",
        "report_counts": "{errors}E {warnings}W {info}i",
        "report_documents": "Documents",
        "report_total": "{cases} cases, {errors} errors, {warnings} warnings.",
        "report_title": "Re-integration dossier check",
        "report_intro": "As of {date}. Checked: {root}. Tested against the deadlines of the Wet verbetering "
                        "poortwachter as UWV applies them in the RIV assessment.",
        "report_summary_only": "This report shows the overview of {cases} cases only: each case's findings and "
                               "documents are in the xlsx or json report (--format xlsx).",
        "report_case_line": "First sick day: {date}; week as of: {week}; folder: {folder}; {documents} documents read.",
        "report_no_medical": "This report holds no medical data; it names documents, dates and deadlines only.",
        "report_light": "{n} cases {label}", "report_light_errors": "with errors",
        "report_errors": "Errors", "report_warnings": "Warnings", "report_info": "Info",
        "report_main_finding": "Main finding", "report_riv": "RIV", "report_why": "Why",
        "report_files": "Files", "report_path": "Path", "report_evidence": "Evidence",
        "report_sheet_title": "Dossier check as of {date}",
        "report_long": "{cases} cases: the findings and documents of all cases are on the sheets Findings and "
                       "Documents (column Case), not on a sheet per case.",
        "reason_left_out": "[reason left out: medical term]",
        "span_weeks": "{weeks} weeks", "span_days": ("{weeks} weeks and {n} day", "{weeks} weeks and {n} days"),
        "riv_part_of": "part {n} of {count}",
        "riv_none_due": "No case whose week 91 falls within that time.",
        "riv_office": "LibreOffice: {converted} converted, {cached} from the cache, {seconds:.1f} s",
    },
}


def _merge(*tables: dict) -> dict[str, dict[str, str]]:
    return {lang: {k: v for table in tables for k, v in table[lang].items()} for lang in ("nl", "en")}


# The task panes' own words (plugin/addins: sent in each pane's config): both panes.
_PANE_COMMON = {
    "nl": {
        "connect_title": "Verbinden met Poortwachter",
        "connect_intro": ("Start Poortwachter op deze computer met “poortwachter serve WERKMAP --https”. Het venster "
                          "toont een link met ?token=; plak die link (of alleen het token erin) hieronder. Dit "
                          "taakvenster onthoudt het op deze computer tot de server een nieuw token krijgt."),
        "connect_label": "Token",
        "connect_button": "Verbinden",
        "connect_wrong": "Dit token klopt niet (of de server is opnieuw gestart met een nieuw token).",
        "connect_offline": "Poortwachter is niet bereikbaar. Draait “poortwachter serve --https” op deze computer?",
        "connected": "Verbonden",
        "disconnect": "Verbinding vergeten",
        "outside_title": "Dit venster hoort in Word of Outlook",
        "no_office": ("Poortwachter werkt hier alleen als taakvenster in Word of Outlook: daar leest en schrijft het "
                      "je document of bericht. In een gewone browser kan dit venster niets doen en verbindt het niet."),
        "no_office_js": ("Microsofts office.js kon niet worden geladen (geen internet, of geblokkeerd). Word en "
                         "Outlook laden het van appsforoffice.microsoft.com; zonder office.js werkt dit venster niet."),
        "outside_help": ("Installeer de invoegtoepassing in Word of Outlook (README, hoofdstuk “Word en Outlook "
                         "(add-ins)”). De app zelf open je met de link die “poortwachter serve” toont."),
        "case_label": "Casus",
        "choose_case": "— kies een casus —",
        "busy": "Bezig…",
        "error_prefix": "Fout: ",
        "unknown": "onbekend",
        "none": "geen",
        "week": "week",
        "count_info": "opmerking",
        "count_infos": "opmerkingen",
        "count_none": "geen bevindingen",
        "deadlines_none": "Geen open termijnen.",
        "deadlines_open": "Open termijnen ({n})",
    },
    "en": {
        "connect_title": "Connect to Poortwachter",
        "connect_intro": ("Start Poortwachter on this computer with “poortwachter serve WORKBOOK --https”. Its window"
                          " shows a link with ?token=; paste that link (or just the token in it) below. This pane "
                          "keeps it on this computer until the server gets a new token."),
        "connect_label": "Token",
        "connect_button": "Connect",
        "connect_wrong": "This token is not right (or the server restarted with a new token).",
        "connect_offline": "Poortwachter cannot be reached. Is “poortwachter serve --https” running on this computer?",
        "connected": "Connected",
        "disconnect": "Forget connection",
        "outside_title": "This pane belongs in Word or Outlook",
        "no_office": ("Poortwachter works here only as a task pane in Word or Outlook, where it reads and writes your"
                      " document or message. In a plain browser this pane can do nothing and does not connect."),
        "no_office_js": ("Microsoft's office.js could not be loaded (no internet, or blocked). Word and Outlook load "
                         "it from appsforoffice.microsoft.com; without office.js this pane does not work."),
        "outside_help": ("Install the add-in in Word or Outlook (README, section “Word en Outlook (add-ins)”). Open "
                         "the app itself with the link “poortwachter serve” shows."),
        "case_label": "Case",
        "choose_case": "— choose a case —",
        "busy": "Working…",
        "error_prefix": "Error: ",
        "unknown": "unknown",
        "none": "none",
        "week": "week",
        "count_info": "note",
        "count_infos": "notes",
        "count_none": "no findings",
        "deadlines_none": "No open deadlines.",
        "deadlines_open": "Open deadlines ({n})",
    },
}

# The Word pane.
_PANE_WORD = {
    "nl": {
        "tab_new": "Nieuw document",
        "tab_check": "Controleren",
        "tab_save": "Opslaan",
        "new_title": "Nieuw document",
        "new_intro": ("Poortwachter maakt het document uit de werkmap (zoals “poortwachter generate”) en zet het in "
                      "dit Word-document, zodat je het hier afmaakt."),
        "doctype_label": "Document",
        "location_label": "Waar in dit document",
        "loc_end": "Aan het eind",
        "loc_start": "Aan het begin",
        "loc_replace": "In plaats van de huidige inhoud",
        "generate": "Maken en invoegen",
        "generate_force": "Opnieuw maken (bestand in de uitvoermap vervangen)",
        "inserted": "Ingevoegd: {name}. Het staat ook in de uitvoermap.",
        "pick_case": "Kies eerst een casus.",
        "check_title": "Controleer dit document",
        "fact_type": "Soort",
        "fact_date": "Datum",
        "fact_language": "Taal",
        "terms_title": "Diagnosetermen (AVG)",
        "terms_none": "Geen diagnosetermen gevonden.",
        "terms_some": ("Een werkgever mag geen diagnose lezen. Klik op een term om hem in het document te selecteren "
                       "en beschrijf in plaats daarvan de functionele beperkingen."),
        "missing_title": "Verplichte onderdelen",
        "missing_none": "Alle verplichte onderdelen lijken aanwezig.",
        "missing_unknown": ("Onbekende soort document: kies een document met een herkenbare kop (bijvoorbeeld “Plan "
                            "van aanpak”)."),
        "recheck": "Opnieuw controleren",
        "checked_at": "Gecontroleerd om {time}",
        "cal_due": "{milestone}: uiterlijk {due}",
        "cal_done": ", gedaan op {done}",
        "cal_doc": "; dit document is van {date}",
        "cal_late": " — na de uiterste datum",
        "cal_eval": "Evaluatie na {after}: uiterlijk {due}",
        "cal_no_case": "Kies een casus om de datum met de WVP-kalender te vergelijken.",
        "cal_none": "Voor deze soort document staat geen vaste WVP-termijn in de kalender.",
        "lang_nl": "Nederlands",
        "lang_en": "Engels",
        "save_title": "Opslaan in dossier",
        "save_intro": ("Bewaart dit document (.docx) in de dossiermap van de casus, met de documenteigenschappen "
                       "Casusnummer, Documenttype en Documentdatum. Een bestaand bestand wordt nooit overschreven."),
        "save_name": "Bestandsnaam",
        "save_button": "Opslaan in dossier",
        "saved": "Opgeslagen: {path}",
        "save_reading": "Document lezen…",
        "case_week": "week {week}",
        "next_label": "volgende: {milestone} uiterlijk {due}",
    },
    "en": {
        "tab_new": "New document",
        "tab_check": "Check",
        "tab_save": "Save",
        "new_title": "New document",
        "new_intro": ("Poortwachter makes the document from the workbook (as “poortwachter generate” does) and puts "
                      "it into this Word document, so you finish it here."),
        "doctype_label": "Document",
        "location_label": "Where in this document",
        "loc_end": "At the end",
        "loc_start": "At the start",
        "loc_replace": "Instead of the current content",
        "generate": "Make and insert",
        "generate_force": "Make again (replace the file in the output folder)",
        "inserted": "Inserted: {name}. It is in the output folder too.",
        "pick_case": "Choose a case first.",
        "check_title": "Check this document",
        "fact_type": "Kind",
        "fact_date": "Date",
        "fact_language": "Language",
        "terms_title": "Diagnosis terms (GDPR)",
        "terms_none": "No diagnosis terms found.",
        "terms_some": ("An employer may not read a diagnosis. Click a term to select it in the document and describe "
                       "the functional limitations instead."),
        "missing_title": "Required parts",
        "missing_none": "All required parts seem present.",
        "missing_unknown": "Unknown kind of document: give it a recognisable heading (for example “Plan of action”).",
        "recheck": "Check again",
        "checked_at": "Checked at {time}",
        "cal_due": "{milestone}: due {due}",
        "cal_done": ", done on {done}",
        "cal_doc": "; this document is dated {date}",
        "cal_late": " — after the due date",
        "cal_eval": "Evaluation after {after}: due {due}",
        "cal_no_case": "Choose a case to compare the date with the WVP calendar.",
        "cal_none": "This kind of document has no fixed WVP deadline in the calendar.",
        "lang_nl": "Dutch",
        "lang_en": "English",
        "save_title": "Save into the dossier",
        "save_intro": ("Saves this document (.docx) into the case's dossier folder, with the document properties "
                       "Casusnummer, Documenttype and Documentdatum. An existing file is never overwritten."),
        "save_name": "File name",
        "save_button": "Save into the dossier",
        "saved": "Saved: {path}",
        "save_reading": "Reading the document…",
        "case_week": "week {week}",
        "next_label": "next: {milestone} due {due}",
    },
}

# The Outlook pane.
_PANE_OUTLOOK = {
    "nl": {
        "case_title": "Casus",
        "case_pick": "Kies de casus zelf",
        "reading": "Bericht lezen…",
        "tied_casusnummer": "Gekoppeld op het casusnummer in het onderwerp of de tekst.",
        "tied_naam": "Gekoppeld op de naam van de werknemer in het onderwerp of de tekst.",
        "tied_map": "Gekoppeld op de map waarin het bericht staat.",
        "tied_other": "Gekoppeld: {how}.",
        "untied": "Niet gekoppeld: geen casusnummer of naam uit de werkmap gevonden.",
        "evidence_title": "Wat dit bericht bewijst",
        "evidence_none": "Geen WVP-document herkend in dit bericht of de bijlagen.",
        "evidence_message": "het bericht",
        "effect_done": "{milestone}: bevestigd op {date}",
        "effect_due": " (uiterlijk {due})",
        "effect_late": "na de uiterste datum",
        "effect_in_time": "op tijd",
        "effect_none": "geen vaste WVP-termijn",
        "save_title": "Bewaar in dossier",
        "save_message": "Het bericht zelf (.eml)",
        "save_button": "Bewaar in dossier",
        "save_nothing": "Kies wat je wilt bewaren.",
        "save_pick_case": "Kies eerst de casus.",
        "saved": "Bewaard: {path}",
        "save_rebuilt": ("Deze Outlook-versie geeft het originele bericht niet; Poortwachter bewaart het opnieuw "
                         "opgebouwd uit afzender, ontvangers, datum, onderwerp, tekst en bijlagen."),
        "attachment_big": "te groot om mee te sturen ({size} MB)",
        "attachment_skipped": "niet te lezen in deze Outlook-versie",
        "deadlines_title": "Volgende termijnen",
        "deadlines_no_case": "Kies eerst de casus.",
        "mail_label": "E-mail",
        "attachment_label": "Bijlage",
    },
    "en": {
        "case_title": "Case",
        "case_pick": "Choose the case yourself",
        "reading": "Reading the message…",
        "tied_casusnummer": "Tied by the case number in the subject or text.",
        "tied_naam": "Tied by the employee's name in the subject or text.",
        "tied_map": "Tied by the folder the message is in.",
        "tied_other": "Tied: {how}.",
        "untied": "Not tied: no case number or name from the workbook found.",
        "evidence_title": "What this message proves",
        "evidence_none": "No WVP document recognised in this message or its attachments.",
        "evidence_message": "the message",
        "effect_done": "{milestone}: confirmed on {date}",
        "effect_due": " (due {due})",
        "effect_late": "after the due date",
        "effect_in_time": "in time",
        "effect_none": "no fixed WVP deadline",
        "save_title": "Save into the dossier",
        "save_message": "The message itself (.eml)",
        "save_button": "Save into the dossier",
        "save_nothing": "Choose what to save.",
        "save_pick_case": "Choose the case first.",
        "saved": "Saved: {path}",
        "save_rebuilt": ("This Outlook version does not give the original message; Poortwachter saves it rebuilt from"
                         " sender, recipients, date, subject, text and attachments."),
        "attachment_big": "too large to send ({size} MB)",
        "attachment_skipped": "cannot be read in this Outlook version",
        "deadlines_title": "Next deadlines",
        "deadlines_no_case": "Choose the case first.",
        "mail_label": "E-mail",
        "attachment_label": "Attachment",
    },
}

PANE_WORDS = {"word": _merge(_PANE_COMMON, _PANE_WORD), "outlook": _merge(_PANE_COMMON, _PANE_OUTLOOK)}

WORDS = _merge(_APP, _VERDICT, _TIMELINE, _FINDINGS, _CLI, _SIGNALS, _RIV, _REPORT)
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
