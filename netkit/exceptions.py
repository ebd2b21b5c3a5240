"""netkit's errors: one base class, each subclass carrying the values at fault.

Every message says what to do next; the command line prints it as one paragraph and
exits with status 2, without a traceback.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "ExportError",
    "ImportFormatError",
    "NetkitError",
    "NotAPortfolioError",
    "PortfolioNotEmptyError",
    "PortfolioUnavailableError",
    "SchemaVersionError",
    "ValidationError",
]


class NetkitError(Exception):
    """Base class of every error netkit raises on purpose."""


class ValidationError(NetkitError, ValueError):
    """An answer that cannot be saved as it is.

    ``errors`` lists every problem found as ``(field, message)`` pairs, so a form can show
    them all at once, each next to its field; ``field`` and ``message`` are the first.
    Build one for several problems with :meth:`from_errors`.
    """

    def __init__(self, field: str, message: str,
                 errors: list[tuple[str, str]] | None = None) -> None:
        self.errors: list[tuple[str, str]] = list(errors) if errors else [(field, message)]
        text = "; ".join(f"{f}: {m}" for f, m in self.errors)
        super().__init__(text)
        self.field = field
        self.message = message

    @classmethod
    def from_errors(cls, errors: list[tuple[str, str]]) -> ValidationError:
        """One error carrying every ``(field, message)`` problem (at least one)."""
        if not errors:
            raise ValueError("from_errors needs at least one (field, message) pair")
        field, message = errors[0]
        return cls(field, message, errors)


class SchemaVersionError(NetkitError):
    """The portfolio was written by a newer netkit than this one."""

    def __init__(self, path: Path, found: int, supported: int) -> None:
        super().__init__(
            f"{path} was written by a newer netkit (portfolio schema {found}; this netkit "
            f"reads up to {supported}). Upgrade netkit (pip install -U netkit, or run the "
            "README's first command again) before opening it. The file was not changed."
        )
        self.path = path
        self.found = found
        self.supported = supported


class NotAPortfolioError(NetkitError):
    """The file exists but is not a netkit portfolio."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"{path} is not a netkit portfolio ({reason}). Check the path given with "
            "--portfolio or NETKIT_PORTFOLIO; the file was not changed."
        )
        self.path = path
        self.reason = reason


class PortfolioUnavailableError(NetkitError):
    """The portfolio cannot be created or opened where it was asked for."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"cannot open the portfolio {path}: {reason}. Choose a folder you can write to "
            "with --portfolio PATH or the NETKIT_PORTFOLIO environment variable."
        )
        self.path = path
        self.reason = reason


class PortfolioNotEmptyError(NetkitError):
    """Loading would mix two learners' answers in one portfolio."""

    def __init__(self, path: Path, records: int) -> None:
        super().__init__(
            f"{path} already holds {records} saved answers. Loading another portfolio over it "
            "would mix two learners' work: add --replace to replace it (its history is kept "
            "in the dump you load, not in this file; run 'netkit dump --out backup.json' "
            "first to keep a copy), or choose another file with --portfolio."
        )
        self.path = path
        self.records = records


class ImportFormatError(NetkitError):
    """A file given to load or import is not in the expected format."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message


class ExportError(NetkitError):
    """Exporting evidence failed; the message names the notebook and cell."""
