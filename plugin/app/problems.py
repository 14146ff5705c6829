"""Errors as HTTP: the app's own (AppError: a status and a message) and the project's, mapped by class.

The services raise the project's errors (plugin.errors); only this table knows their status.
"""

from __future__ import annotations

from plugin.errors import Conflict, NotFound, PoortwachterError, Refused, UsageError


class AppError(Exception):
    def __init__(self, status: int, message: str, **details):
        super().__init__(message)
        self.status = status
        self.message = message
        self.details = details

    def to_json(self) -> dict:
        return {"error": self.message, "status": self.status, **self.details}


# The most specific class first: NotFound is a UsageError, OutputExists a Conflict.
STATUS = ((NotFound, 404), (UsageError, 400), (Refused, 403), (Conflict, 409), (PoortwachterError, 422))


def as_app_error(exc: PoortwachterError) -> AppError:
    status = next(code for cls, code in STATUS if isinstance(exc, cls))
    path = getattr(exc, "path", None)
    return AppError(status, str(exc), **({"path": path} if path else {}))
