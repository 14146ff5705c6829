"""The task panes' scripts against Microsoft's own types for Office (@types/office-js), with
TypeScript's checkJs (strict, no output): a misspelt Office call, a wrong argument or a value
that may be missing fails here, before a user's Word or Outlook finds it."""

from __future__ import annotations

import json
from pathlib import Path

from addins.node_tools import NODE, npx

STATIC = Path(__file__).resolve().parents[2] / "plugin" / "addins" / "static"


def test_every_pane_script_is_checked():
    config = json.loads((NODE / "tsconfig.json").read_text(encoding="utf-8"))
    checked = {(NODE / f).resolve() for f in config["files"]}
    assert checked == set(STATIC.glob("*.js"))
    options = config["compilerOptions"]
    assert options["checkJs"] and options["strict"] and options["noEmit"] and options["types"] == ["office-js"]


def test_pane_scripts_type_check_against_office_js():
    result = npx("tsc", "-p", "tsconfig.json")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_check_finds_a_wrong_office_call(tmp_path):
    """The same settings catch what they are for (so the test above can fail)."""
    wrong = tmp_path / "wrong.js"
    wrong.write_text('"use strict";\n'
                     'Office.context.mailbox.item.body.getAsync("text", 5);\n'
                     'Word.run(function (ctx) { ctx.document.body.insertFileFromBase64("x", "Middle"); return ctx.sync(); });\n'
                     'PW.nextDeadline(null);\n', encoding="utf-8")
    config = tmp_path / "tsconfig.json"
    config.write_text(json.dumps({"extends": str(NODE / "tsconfig.json"),
                                  "files": [str(STATIC / "common.js"), str(wrong)]}), encoding="utf-8")
    result = npx("tsc", "-p", str(config))
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "wrong.js(2," in out and "wrong.js(3," in out and "wrong.js(4," in out, out
    assert "common.js" not in out, out
