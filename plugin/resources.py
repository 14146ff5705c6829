"""Find the bundled defaults (templates/, checks/, mailbox/) from a git checkout or a wheel.

A wheel carries them inside the package as plugin/_data/<name>; a checkout (and an
editable install) has them at the top of the repository.
"""

from __future__ import annotations

from pathlib import Path

from plugin.errors import MissingResource

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise MissingResource(f"de map '{name}' van Poortwachter is niet gevonden (installatie onvolledig?)")


def templates_dir() -> Path:
    return data_dir("templates")


def checks_dir() -> Path:
    return data_dir("checks")


def mailbox_dir() -> Path:
    return data_dir("mailbox")
