"""The few error classes Newsdesk raises, each with a one-line message a person can act on."""

from __future__ import annotations

from .messages import Message


class NewsdeskError(Exception):
    """Base of every error the app reports to the user without a traceback.

    `NewsdeskError.said(template, **params)` keeps the English template and its values apart (a
    `Message`), so that an interface in another language can say the same sentence.
    """

    message: Message | None = None

    @classmethod
    def said(cls, template: str, **params: object) -> NewsdeskError:
        message = Message(template, params)
        error = cls(str(message))
        error.message = message
        return error

    @property
    def template(self) -> str:
        return self.message.template if self.message is not None else ""

    @property
    def params(self) -> dict[str, object]:
        return dict(self.message.params) if self.message is not None else {}


class BadInput(NewsdeskError):
    """A page file that cannot be read as page text (missing, binary, undecodable, empty)."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class EditError(NewsdeskError):
    """An editing operation that does not make sense on the page as it is (unknown item, bad line)."""


class StoreError(NewsdeskError):
    """The project file cannot be opened, read or written."""
