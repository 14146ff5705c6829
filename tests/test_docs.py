"""The README documents every command, document type, rule kind and workbook column."""

from pathlib import Path

import pytest

from plugin.commands import REGISTRY
from plugin.core.doctypes import DOC_TYPES
from plugin.check.rules import KIND_FIELDS
from plugin.workbook.schema import SHEETS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(REGISTRY))
def test_every_command_is_in_the_readme(command):
    assert f"poortwachter {command}" in README


@pytest.mark.parametrize("doc_type", sorted(DOC_TYPES))
def test_every_document_type_is_in_the_readme(doc_type):
    assert f"`{doc_type}`" in README


@pytest.mark.parametrize("kind", sorted(KIND_FIELDS))
def test_every_rule_kind_is_in_the_readme(kind):
    assert f"`{kind}`" in README


@pytest.mark.parametrize("column", [(s.name, c.header) for s in SHEETS for c in s.columns])
def test_every_workbook_column_is_in_the_readme(column):
    sheet, header = column
    assert f"`{header}`" in README, f"{sheet}: {header}"


def test_readme_opens_with_the_two_commands():
    commands = [line.strip() for line in README.splitlines()[:12] if line.startswith("    ")]
    assert commands[0].endswith("poortwachter generate examples/casussen.xlsx --out output/")
    assert commands[1] == "bash tests/run.sh"
    assert "tests/run.sh" in (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text()
