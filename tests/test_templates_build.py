"""templates/_build.py still reproduces the committed default templates.

Compared part by part (the XML inside the .docx), so a different zlib cannot fail it while
any edit to a template that the build script does not know about does.
"""

import importlib.util
import zipfile
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


def _load_builder():
    spec = importlib.util.spec_from_file_location("templates_build", TEMPLATES / "_build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BUILD = _load_builder()


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("lang", ("nl", "en"))
@pytest.mark.parametrize("name", sorted(BUILD.BUILDERS))
def test_build_script_reproduces_committed_template(tmp_path, lang, name):
    built = tmp_path / f"{name}.docx"
    BUILD.BUILDERS[name](lang).save(built)
    committed = _parts(TEMPLATES / lang / f"{name}.docx")
    fresh = _parts(built)
    assert sorted(fresh) == sorted(committed)
    changed = [part for part in fresh if fresh[part] != committed[part]]
    assert not changed, f"templates/{lang}/{name}.docx differs from `python templates/_build.py` in {changed}"
