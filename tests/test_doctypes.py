"""A document type is one record (plugin.core.doctypes): every table the program reads is built from it."""

import re

from plugin.core.doctypes import DOC_TYPES, EVALUATION_TYPES, proof_of
from plugin.core.timeline import SHORT
from plugin.core.wvp_calendar import DEFS, MILESTONES
from plugin.documents.generate import BUILTIN_DOCS, DATE_COLUMN, FILE_LABELS, GENERATE_WHEN, PERIODIC_DOCS
from plugin.documents.minimum_content import PARTS
from plugin.recognize.classify import TYPE_KEYWORDS
from plugin.recognize.statements import TYPE_MILESTONE
from plugin.workbook.schema import CASES


def test_every_record_names_only_things_that_exist():
    columns = {c.key for c in CASES.columns}
    for doc in DOC_TYPES.values():
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", doc.id), doc.id
        assert doc.milestone is None or doc.milestone in DEFS, doc.id
        assert doc.date_column is None or doc.date_column in columns, doc.id
        assert doc.generate_when is None or doc.generate_when in GENERATE_WHEN, doc.id
        for pattern in doc.keywords:
            re.compile(pattern)


def test_one_type_proves_each_milestone():
    proved = [d.milestone for d in DOC_TYPES.values() if d.milestone]
    assert len(proved) == len(set(proved))
    assert {m.code: m.doc_type for m in MILESTONES} == {code: proof_of(code) for code in DEFS}


def test_match_ranks_give_one_order():
    ranks = [d.match_rank for d in DOC_TYPES.values() if d.keywords]
    assert len(ranks) == len(set(ranks))


# ((table, what it must be for the record), ...): the tables other modules read, from the record.
TABLES = [
    (BUILTIN_DOCS, ("probleemanalyse", "plan-van-aanpak", "trajectplan", "evaluatie", "eindrapportage")),
    (PERIODIC_DOCS, ("maandrapportage",)),
    (EVALUATION_TYPES, ("evaluatie", "bijstelling-plan-van-aanpak", "voortgangsrapportage", "eerstejaarsevaluatie",
                        "eindevaluatie", "maandrapportage")),
    (DATE_COLUMN["trajectplan"], "start_2e_spoor"),
    (FILE_LABELS["trajectplan"], ("Trajectplan", "Second-track plan")),
    (SHORT["start_2e_spoor"], "2e spoor"),
    (SHORT["einde_wachttijd"], "Einde"),
    (TYPE_MILESTONE["voortgangsrapportage"], "evaluaties"),
    (TYPE_MILESTONE["trajectplan"], "start_2e_spoor"),
    ([p.id for p in PARTS["eindevaluatie"]], [p.id for p in PARTS["evaluatie"]]),
    (TYPE_KEYWORDS[0][0], "eerstejaarsevaluatie"),
    (TYPE_KEYWORDS[-1][0], "plan-van-aanpak"),
]


def test_tables_come_from_the_record():
    for table, expected in TABLES:
        assert table == expected
