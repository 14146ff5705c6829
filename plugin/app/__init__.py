"""The local app (`poortwachter serve`): server-rendered pages and a JSON API over the library.

No business rule lives here: a route validates input, calls one library function (through
the thin adapters in `services.py`) and returns its record as JSON or HTML.
"""
