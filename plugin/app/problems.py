"""The one error type of the app's services: an HTTP status and a message in the user's words."""

from __future__ import annotations


class AppError(Exception):
    def __init__(self, status: int, message: str, **details):
        super().__init__(message)
        self.status = status
        self.message = message
        self.details = details

    def to_json(self) -> dict:
        return {"error": self.message, "status": self.status, **self.details}
