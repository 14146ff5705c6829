"""The task panes as routes for the local app: /addin/word.html, /addin/outlook.html, their
static files, the commands page Office wants and a help page.

The pages hold no case data, so they load without the token (the app's guard must let
/addin/ through: `public_prefixes=("/addin/",)`); everything they show comes from the JSON
API, which needs the token. Each pane page carries a small JSON block with the document
types, their file-name labels and the milestone each type proves, taken from the library,
so no WVP rule is written twice in JavaScript.
"""

from __future__ import annotations

import json
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from plugin.core.doctypes import EVALUATION_TYPES
from plugin.core.doctypes import DOC_TYPES
from plugin.core.wvp_calendar import MILESTONES
from plugin.documents.generate import FILE_LABELS, available_docs
from plugin.resources import templates_dir

STATIC = Path(__file__).resolve().parent / "static"
PAGES = Path(__file__).resolve().parent / "pages"
# Served without the token: the pages must load before the pane has one, and hold no data.
PUBLIC_PREFIXES = ("/addin/",)
HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


def _templates(request: Request) -> Path:
    """The app's --templates folder when it has one, else the bundled templates."""
    settings = getattr(request.app.state, "settings", None)
    folder = getattr(settings, "templates", None)
    return Path(folder) if folder else templates_dir()


def pane_config(templates: Path) -> dict:
    """What a pane needs to know from the library: document types, file labels, milestones."""
    return {
        "choices": [{"type": doc, "title": DOC_TYPES[doc].title_nl, "title_en": DOC_TYPES[doc].title_en}
                    for doc in available_docs(templates)],
        "types": {doc: [t.title_nl, t.title_en] for doc, t in DOC_TYPES.items()},
        # The file-name convention of `generate`: <jjjj-mm-dd> <Document>.docx
        "labels": {doc: list(FILE_LABELS.get(doc, (t.title_nl, t.title_en))) for doc, t in DOC_TYPES.items()},
        "milestones": {m.doc_type: m.code for m in MILESTONES if m.doc_type},
        # Documents that count as the 6-weekly evaluation (Regeling procesgang art. 4; UWV's norm).
        "evaluation_types": list(EVALUATION_TYPES),
    }


def _page(name: str):
    async def endpoint(request: Request) -> Response:
        config = json.dumps(pane_config(_templates(request)), ensure_ascii=False)
        # Inside <script type="application/json">: no "</script>" can end the block early.
        config = config.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        top = (PAGES / "_top.html").read_text(encoding="utf-8").split("\n", 1)[1]   # without its comment
        html = (PAGES / name).read_text(encoding="utf-8").replace("{{TOP}}", top, 1).replace("{{CONFIG}}", config)
        return HTMLResponse(html, headers=HEADERS)
    return endpoint


def _file(name: str):
    async def endpoint(request: Request) -> Response:
        return FileResponse(PAGES / name, media_type="text/html; charset=utf-8", headers=HEADERS)
    return endpoint


routes = [
    Route("/addin/word.html", _page("word.html"), name="addin_word"),
    Route("/addin/outlook.html", _page("outlook.html"), name="addin_outlook"),
    Route("/addin/commands.html", _file("commands.html"), name="addin_commands"),
    Route("/addin/help", _file("help.html"), name="addin_help"),
    Mount("/addin/static", app=StaticFiles(directory=STATIC), name="addin_static"),
]
