"""The re-integratieverslag (RIV): the dossier assembled in the order of Regeling procesgang art. 6.

- sections.py  the sections, in art. 6's order, and which document types each holds
- plan.py      what goes in (files per section, in date order), from the check's record of a case
- gaps.py      what UWV's RIV-toets would send back, built on the check's findings
- convert.py   every source as PDF (LibreOffice once per batch, cached by content hash)
- render.py    the pages drawn here: mails, text, sheets, images; fonts
- review.py    the AVG guard on the sources (listed for review, never shipped silently)
- cover.py     the voorblad and contents; inhoud.py the same as an editable Inhoud.docx
- assemble.py  one PDF with bookmarks and page numbers, split in parts under UWV's 10 MB
- build.py     one case's bundle folder, written whole
The service (plugin.services.riv) is what the CLI, the app and the check's reports call.
"""
