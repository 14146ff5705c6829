"""The task panes as routes for the local app: /addin/word.html, /addin/outlook.html, their
static files, the commands page Office wants and a help page.

The pages hold no case data, so they load without the token (the app's guard must let
/addin/ through: `public_prefixes=("/addin/",)`); everything they show comes from the JSON
API, which needs the token. Each pane page carries a small JSON block with the document
types, their file-name labels and the milestone each type proves, taken from the library,
so no WVP rule is written twice in JavaScript.

The pages are rendered with Jinja (autoescape, like the app's pages) and carry the app's
Content-Security-Policy, with the three changes an Office add-in needs (`pane_csp`).
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from plugin.app.security import PAGE_HEADERS
from plugin.core.doctypes import DOC_TYPES, EVALUATION_TYPES
from plugin.core.verdict import STATUSES as VERDICT_STATUSES
from plugin.core.words import PANE_WORDS, word
from plugin.core.wvp_calendar import MILESTONES
from plugin.documents.generate import FILE_LABELS, available_docs
from plugin.resources import templates_dir

STATIC = Path(__file__).resolve().parent / "static"
PAGES = Path(__file__).resolve().parent / "pages"
# Microsoft requires add-ins to load office.js from its CDN; office.js then loads its other
# files (host scripts, strings, its error page) from the same folder.
OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js"
OFFICE_ORIGIN = "https://appsforoffice.microsoft.com"
# Served without the token: the pages must load before the pane has one, and hold no data.
PUBLIC_PREFIXES = ("/addin/",)
PANES = {"word.html": ("common.js", "word.js"), "outlook.html": ("common.js", "eml.js", "outlook.js")}

templates = Jinja2Templates(env=jinja2.Environment(loader=jinja2.FileSystemLoader(str(PAGES)), autoescape=True,
                                                   undefined=jinja2.StrictUndefined))


def _directives(policy: str) -> dict[str, str]:
    pairs = (part.strip().split(None, 1) for part in policy.split(";") if part.strip())
    return {pair[0]: (pair[1] if len(pair) > 1 else "") for pair in pairs}


def pane_csp(app_policy: str | None = None) -> str:
    """The app's page policy with what an add-in needs, and nothing more:

    - script-src: office.js and the files it loads from Microsoft's CDN;
    - frame-src: office.js shows its own error page (AgaveErrorUX) from that CDN in a frame;
    - frame-ancestors: Office frames the pane (Office on the web, new Outlook). Microsoft
      publishes no list of the pages that do (Word on the web sits in each tenant's own
      SharePoint domain), so any https page may; office.js itself blanks a pane that a
      plain web page frames, and outside Office the pane offers no action.
    Everything else (connect-src, img-src, form-action, base-uri, ...) is the app's own, so
    office.js's telemetry to other Microsoft hosts is blocked, as the README promises.
    """
    if app_policy is None:
        app_policy = dict(PAGE_HEADERS)[b"content-security-policy"].decode("ascii")
    policy = _directives(app_policy)
    self_only = policy.get("script-src") or policy.get("default-src") or "'self'"
    policy["script-src"] = f"{self_only} {OFFICE_ORIGIN}"
    policy["frame-src"] = OFFICE_ORIGIN
    policy["frame-ancestors"] = "'self' https:"
    return "; ".join(f"{name} {value}".strip() for name, value in policy.items())


HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
           "Content-Security-Policy": pane_csp()}


def _templates(request: Request) -> Path:
    """The app's --templates folder when it has one, else the bundled templates."""
    settings = getattr(request.app.state, "settings", None)
    folder = getattr(settings, "templates", None)
    return Path(folder) if folder else templates_dir()


def pane_config(templates_folder: Path, pane: str = "word") -> dict:
    """What a pane needs to know from the library: document types, file labels, milestones, and
    every word it shows (pane: 'word' or 'outlook')."""
    return {
        "choices": [{"type": doc, "title": DOC_TYPES[doc].title_nl, "title_en": DOC_TYPES[doc].title_en}
                    for doc in available_docs(templates_folder)],
        "types": {doc: [t.title_nl, t.title_en] for doc, t in DOC_TYPES.items()},
        # The file-name convention of `generate`: <jjjj-mm-dd> <Document>.docx
        "labels": {doc: list(FILE_LABELS.get(doc, (t.title_nl, t.title_en))) for doc, t in DOC_TYPES.items()},
        "milestones": {m.doc_type: m.code for m in MILESTONES if m.doc_type},
        # Documents that count as the 6-weekly evaluation (Regeling procesgang art. 4; UWV's norm).
        "evaluation_types": list(EVALUATION_TYPES),
        # Every word the pane shows, from the one catalogue (plugin.core.words): its own, and those
        # of a verdict, so a pane says what the app says.
        "words": {lang: {**PANE_WORDS[pane][lang], **pane_words(lang)} for lang in ("nl", "en")},
    }


def pane_words(lang: str) -> dict[str, str]:
    """Status, item state and count words as the panes use them (the count words without their number)."""
    found = {f"status_{s}": word(f"status_{s}", lang) for s in VERDICT_STATUSES}
    found.update({f"state_{s}": word(f"item_{s}", lang) for s in ("late", "soon", "open")})
    for kind, key in (("error", "n_errors"), ("warning", "n_warnings")):
        found[f"count_{kind}"] = word(key, lang, n=1).replace("1 ", "", 1)
        found[f"count_{kind}s"] = word(key, lang, n=2).replace("2 ", "", 1)
    found["late_count"] = word("n_late", lang, n=0).replace("0", "{n}", 1)
    found["evaluation"] = word("evaluation", lang)
    return found


def _page(name: str):
    async def endpoint(request: Request) -> Response:
        context = {"office_js": OFFICE_JS}
        if name in PANES:
            context.update(config=pane_config(_templates(request), name.split(".")[0]), scripts=PANES[name])
        return templates.TemplateResponse(request, name, context, headers=HEADERS)
    return endpoint


routes = [
    Route("/addin/word.html", _page("word.html"), name="addin_word"),
    Route("/addin/outlook.html", _page("outlook.html"), name="addin_outlook"),
    Route("/addin/commands.html", _page("commands.html"), name="addin_commands"),
    Route("/addin/help", _page("help.html"), name="addin_help"),
    Mount("/addin/static", app=StaticFiles(directory=STATIC), name="addin_static"),
]

# What `serve` adds to the app (plugin.app.server.create_app's extensions): these routes, and the
# prefix served without the token.
EXTENSION = (routes, PUBLIC_PREFIXES)
