"""The few error classes Newsdesk raises, each with a one-line message a person can act on."""


class NewsdeskError(Exception):
    """Base of every error the app reports to the user without a traceback."""


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
