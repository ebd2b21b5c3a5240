"""netkit's errors: one base class, each subclass carrying the values at fault.

Every message says what to do next; the command line prints it as one paragraph and
exits with status 2, without a traceback.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "AmbiguousNameError",
    "AttachmentError",
    "AttachmentNotFoundError",
    "AttachmentTooLargeError",
    "AttachmentTypeError",
    "AttachmentUnreadableError",
    "CalendarWriteError",
    "ConfirmationRequiredError",
    "DiskFullError",
    "DumpVersionError",
    "ErasureIncompleteError",
    "ExportDestinationError",
    "ExportError",
    "ImportFormatError",
    "NetkitError",
    "NoLearnersReadError",
    "NotAPortfolioError",
    "OutputFormatError",
    "OutputWriteError",
    "PortfolioLockedError",
    "PortfolioNotEmptyError",
    "PortfolioNotFoundError",
    "PortfolioUnavailableError",
    "PrintError",
    "RecordNotFoundError",
    "RecordsValidationError",
    "ResourceMissingError",
    "SchemaVersionError",
    "UnknownCriterionError",
    "UnknownSessionError",
    "UnknownTableError",
    "ValidationError",
    "WitnessNotFoundError",
    "WorkbookFolderError",
    "WorkshopError",
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


class RecordsValidationError(ValidationError):
    """Records saved together (``Portfolio.save_many``) that cannot be saved as they are.

    ``records`` lists ``(kind, key, errors)`` for each record at fault; ``errors`` holds
    every problem of them all, in the same order, as for a single record.
    """

    def __init__(self, records: list[tuple[str, str, list[tuple[str, str]]]]) -> None:
        errors = [error for _, _, found in records for error in found]
        if not errors:
            raise ValueError("RecordsValidationError needs at least one problem")
        super().__init__(errors[0][0], errors[0][1], errors)
        if len(records) > 1:
            self.args = ("; ".join(f"{kind} {key!r}: {f}: {m}" for kind, key, found in records
                                   for f, m in found),)
        self.records = records


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


class PortfolioNotFoundError(PortfolioUnavailableError):
    """A command that only reads was pointed at a portfolio that does not exist yet."""

    def __init__(self, path: Path) -> None:
        NetkitError.__init__(
            self,
            f"there is no portfolio at {path} yet. Start one with 'netkit init --learner "
            "\"Your Name\"' (or try the fictional example with 'netkit example'), or point "
            "to yours with --portfolio PATH or the NETKIT_PORTFOLIO environment variable. "
            "Nothing was created."
        )
        self.path = path
        self.reason = "there is no portfolio there yet"


class PortfolioLockedError(NetkitError):
    """Another program held the portfolio's lock for longer than netkit waits."""

    def __init__(self, path: Path, seconds: float) -> None:
        super().__init__(
            f"the portfolio {path} is locked: another program has been saving to it for "
            f"more than {seconds:g} seconds (a notebook's kernel, another 'netkit' command, "
            "or a program that copies or syncs the file). Close that program, or shut down "
            "the kernels of the workbook notebooks (Kernel > Shut Down Kernel), then try "
            "again. Nothing was changed."
        )
        self.path = path
        self.seconds = seconds


class PortfolioNotEmptyError(NetkitError):
    """Loading would mix two learners' answers in one portfolio, or overwrite history."""

    def __init__(self, path: Path, records: int, deleted: int = 0,
                 revisions: int = 0) -> None:
        if records:
            held = f"already holds {records} saved answers"
        else:
            held = (f"already holds the history of {deleted} deleted answers "
                    f"({revisions} saved versions; deleting can be undone, so it is work "
                    "too)")
        super().__init__(
            f"{path} {held}. Loading another portfolio over it would mix two learners' "
            "work: add --replace to replace it (its history is kept in the dump you load, "
            "not in this file; run 'netkit dump --out backup.json' first to keep a copy), "
            "or choose another file with --portfolio."
        )
        self.path = path
        self.records = records
        self.deleted = deleted
        self.revisions = revisions


class ImportFormatError(NetkitError):
    """A file given to load or import is not in the expected format."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message


class DumpVersionError(ImportFormatError):
    """A dump whose ``schema`` or ``version`` is newer than this netkit reads, or invalid."""

    def __init__(self, source: str, field: str, found: object, supported: int) -> None:
        if isinstance(found, int) and not isinstance(found, bool) and found > supported:
            message = (f"its {field} {found} is newer than this netkit reads (up to "
                       f"{supported}): upgrade netkit (pip install -U netkit, or run the "
                       "README's first command again), then load it again.")
        else:
            message = (f"its {field} {found!r} is not valid (a whole number from 1 to "
                       f"{supported}). Load a file written by 'netkit dump'.")
        super().__init__(source, message + " The portfolio was not changed.")
        self.field = field
        self.found = found
        self.supported = supported


class UnknownCriterionError(NetkitError, KeyError):
    """A criterion id that is not one of this unit's (1.1 to 3.7), or not in a form."""

    def __init__(self, criterion_id: str, message: str) -> None:
        super().__init__(message)
        self.criterion_id = criterion_id
        self.message = message

    def __str__(self) -> str:  # KeyError would quote the message
        return self.message


class RecordNotFoundError(NetkitError, KeyError):
    """No saved record (or revision) to delete, bring back or restore."""

    def __init__(self, kind: str, key: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.key = key
        self.message = message

    def __str__(self) -> str:  # KeyError would quote the message
        return self.message


class OutputWriteError(NetkitError):
    """A file netkit was asked to write (``--out``) cannot be written."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"cannot write {path}: {reason}. Choose a folder you can write to "
                         "with --out.")
        self.path = path
        self.reason = reason


class ExportError(NetkitError):
    """Exporting evidence failed; the message names the notebook and cell."""


class ResourceMissingError(NetkitError):
    """A file netkit ships (notebook, example learner, template) is not installed."""

    def __init__(self, package: str, name: str) -> None:
        where = f"{package}/{name}" if name else package
        super().__init__(f"netkit's own file {where} is missing, so this installation of "
                         "netkit is incomplete. Install it again: run ./start-workbook.sh "
                         "in the workbook folder, or pip install --force-reinstall netkit.")
        self.package = package
        self.name = name


class WorkbookFolderError(NetkitError):
    """``netkit workbook DIR``: the notebooks cannot be copied into that folder."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"cannot copy the workbook notebooks into {path}: {reason}. Choose "
                         "a folder you can write to: netkit workbook FOLDER.")
        self.path = path
        self.reason = reason


class ExportDestinationError(ExportError):
    """The folder an export is to go to (``--out``) cannot take it."""

    def __init__(self, path: Path, reason: str,
                 advice: str = "Choose a folder you can write to with --out.") -> None:
        super().__init__(f"cannot write to {path}: {reason}. Nothing was written there and "
                         f"any earlier export was left as it was. {advice}")
        self.path = path
        self.reason = reason


class DiskFullError(ExportDestinationError):
    """The disk an export is to go to has no room for it (``needed`` 0: found full)."""

    def __init__(self, path: Path, free: int, needed: int) -> None:
        room = f"{free / 1e6:.1f} MB free" + (
            f", the export needs about {needed / 1e6:.0f} MB" if needed else "")
        super().__init__(path, f"the disk is full ({room})", "Free some space on that "
                         "disk, or choose another folder with --out.")
        self.free = free
        self.needed = needed


class PrintError(ExportError):
    """Chromium could not print an exported page to PDF."""

    def __init__(self, document: str, reason: str) -> None:
        super().__init__(f"Chromium could not print {document}: {reason}. Try again, or "
                         "export HTML only with --format html.")
        self.document = document
        self.reason = reason


class AmbiguousNameError(NetkitError, LookupError):
    """A name given to find one record (``netkit forget NAME``) fits several."""

    def __init__(self, kind: str, name: str, matches: list[tuple[str, str]]) -> None:
        listed = "; ".join(f"{key} ({label})" for key, label in matches)
        super().__init__(f"{len(matches)} saved {kind}s are called {name!r}: {listed}. "
                         "Give the key of the one you mean instead of the name. Nothing "
                         "was changed.")
        self.kind = kind
        self.name = name
        self.matches = matches


class ConfirmationRequiredError(NetkitError):
    """Something that cannot be undone was asked for without a terminal to confirm it."""

    def __init__(self, action: str, flag: str = "--yes") -> None:
        super().__init__(f"{action} cannot be undone, and there is no terminal to ask you "
                         f"to confirm it. Run it in a terminal, or add {flag} if you are "
                         "sure. Nothing was changed.")
        self.action = action
        self.flag = flag


class ErasureIncompleteError(NetkitError):
    """Erased records are gone from the portfolio, but their bytes may linger in its files."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"the records are removed from {path}, but SQLite could not yet "
                         f"wipe the file's journal ({reason}): until then their bytes may "
                         "remain in it. Close the other programs using the portfolio (the "
                         "workbook's notebook kernels: Kernel > Shut Down Kernel), then run "
                         "'netkit forget --compact'.")
        self.path = path
        self.reason = reason


class UnknownTableError(NetkitError, KeyError):
    """``nk.table(name)`` for a name that is no kind of record."""

    def __init__(self, name: str, known: list[str]) -> None:
        self.message = (f"there is no table called {name!r}. Choose one of: "
                        f"{', '.join(known)}.")
        super().__init__(self.message)
        self.name = name
        self.known = known

    def __str__(self) -> str:  # KeyError would quote the message
        return self.message


class CalendarWriteError(OutputWriteError):
    """The follow-ups calendar file (``netkit followups --ics FILE``) cannot be written."""

    def __init__(self, path: Path, reason: str) -> None:
        NetkitError.__init__(self, f"cannot write the calendar file {path}: {reason}. "
                                   "Choose a file in a folder you can write to.")
        self.path = path
        self.reason = reason


class AttachmentError(NetkitError):
    """A file given to ``netkit attach`` (or the attach form) cannot be kept as evidence.

    Nothing is stored when it is raised. ``path`` is the file, ``reason`` what is wrong.
    """

    def __init__(self, path: Path, reason: str, advice: str) -> None:
        super().__init__(f"cannot attach {path.name}: {reason}. {advice} Nothing was "
                         "stored.")
        self.path = path
        self.reason = reason


class AttachmentNotFoundError(AttachmentError):
    """The file to attach does not exist (or is a folder)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, f"there is no file at {path}",
                         "Check the path (a relative path starts from the current folder).")


class AttachmentUnreadableError(AttachmentError):
    """The file to attach exists but cannot be read, or is damaged."""


class AttachmentTooLargeError(AttachmentError):
    """The file to attach is bigger than netkit keeps (``size`` and ``limit`` in bytes)."""

    def __init__(self, path: Path, size: int, limit: int) -> None:
        super().__init__(path, f"it is {size / 1_000_000:.1f} MB, over the limit of "
                               f"{limit / 1_000_000:.0f} MB",
                         "Attach a smaller copy (a PDF printed at a lower quality, or the "
                         "pages that are evidence), or show the original to your assessor.")
        self.size = size
        self.limit = limit


class AttachmentTypeError(AttachmentError):
    """The file is not of a kind netkit keeps, or its content is not what its name says."""

    def __init__(self, path: Path, reason: str, allowed: str) -> None:
        super().__init__(path, reason, f"Attach a {allowed} file (save or print it as one "
                                       "of these first).")
        self.allowed = allowed



# -- the assessor's side: export manifests, decisions and feedback (netkit/assess.py) ------
__all__ += [
    "ExportChangedError",
    "ExportManifestError",
    "FeedbackExportError",
    "FeedbackLearnerError",
    "NoDecisionsError",
    "ReviewChoiceError",
]


class ExportManifestError(NetkitError):
    """A folder with no readable ``manifest.json``: not an export netkit wrote."""

    def __init__(self, folder: Path, reason: str) -> None:
        super().__init__(f"{folder} is not an export netkit can check: {reason}. Give the "
                         "folder 'netkit export' wrote (it holds manifest.json beside the "
                         "HTML and PDF files), exactly as the learner handed it in.")
        self.folder = folder
        self.reason = reason


class ExportChangedError(NetkitError):
    """An export's files differ from its manifest (``changed``, ``missing``, ``added``)."""

    def __init__(self, folder: Path, changed: list[str], missing: list[str],
                 added: list[str], advice: str = "") -> None:
        parts = [f"{label}: {', '.join(names)}" for label, names in
                 (("changed", changed), ("missing", missing), ("added", added)) if names]
        super().__init__(
            f"the export in {folder} does not match its manifest.json ({'; '.join(parts)}). "
            + (advice or "Its files were changed after netkit wrote them: ask the learner "
                         "for the export as 'netkit export' wrote it."))
        self.folder = folder
        self.changed = changed
        self.missing = missing
        self.added = added


class FeedbackLearnerError(NetkitError):
    """Assessor feedback written for another learner than the portfolio's."""

    def __init__(self, path: Path, feedback_for: str, learner: str) -> None:
        super().__init__(
            f"{path} holds the assessor's decisions for {feedback_for!r}, but this portfolio "
            f"is {learner or '(no learner named yet)'!r}. Nothing was loaded. Load feedback "
            "only into the portfolio of the learner it was written for (--portfolio PATH).")
        self.path = path
        self.feedback_for = feedback_for
        self.learner = learner


class FeedbackExportError(NetkitError):
    """Decisions for an export whose files have changed since the assessor judged it."""

    def __init__(self, folder: Path, judged: str, found: str, reason: str) -> None:
        super().__init__(
            f"the assessor's decisions are for the export with manifest {judged[:12]}, but "
            f"the export in {folder} {reason}"
            + (f" (manifest {found[:12] or 'none'})" if found != judged else "")
            + ". Nothing was "
            "saved. Decisions stand only for the files the assessor judged: hand in that "
            "export unchanged, or ask the assessor to review the new one.")
        self.folder = folder
        self.judged = judged
        self.found = found
        self.reason = reason


class NoDecisionsError(NetkitError):
    """``netkit feedback --out``: the assessor's portfolio holds no decision to write."""

    def __init__(self, path: Path, learner: str = "") -> None:
        who = f" for {learner!r}" if learner else ""
        super().__init__(
            f"the assessor's portfolio {path} holds no decision{who} yet. Make the decisions "
            "in notebooks/assessor/review.ipynb first (or give the assessor's portfolio with "
            "--assessor-portfolio PATH).")
        self.path = path
        self.learner = learner


class ReviewChoiceError(NetkitError):
    """The assessor's portfolio holds decisions for several learners: say which."""

    def __init__(self, path: Path, learners: list[str]) -> None:
        super().__init__(
            f"the assessor's portfolio {path} holds decisions for {len(learners)} learners "
            f"({', '.join(learners)}): name one with --learner NAME, or give their export "
            "folder with --export DIR.")
        self.path = path
        self.learners = learners


class WorkshopError(NetkitError):
    """``netkit workshop``: no workbook notebooks here, or no notebook by that name."""


class WitnessNotFoundError(RecordNotFoundError):
    """``netkit witness-statement KEY``: no saved witness testimony has that name or key.

    ``known`` lists the saved testimonies' names, to choose from.
    """

    def __init__(self, name: str, known: list[str], *, deleted: bool = False) -> None:
        if deleted:
            reason = (f"the witness testimony {name!r} was deleted. Bring it back with "
                      "Undo delete in notebook 04 first")
        else:
            reason = f"there is no witness testimony called {name!r} (nor with that key)"
        choices = (f"Saved testimonies: {', '.join(known)}." if known else
                   "No testimony is saved yet: record one in notebook 04 first.")
        super().__init__("witness", name, f"{reason}. {choices} Give the witness's name "
                                          "(in quotes if it has spaces) or its key.")
        self.known = known
        self.deleted = deleted


class OutputFormatError(NetkitError):
    """``--out FILE`` names a kind of file netkit cannot write there (``allowed``)."""

    def __init__(self, path: Path, allowed: tuple[str, ...]) -> None:
        super().__init__(f"cannot tell what to write to {path}: give a file name ending "
                         f"in {' or '.join(allowed)}.")
        self.path = path
        self.allowed = allowed


class NoLearnersReadError(NetkitError):
    """``netkit cohort``: none of the paths given held a learner's portfolio that could be
    read (``not_read``: how many paths gave none; each is listed with its reason)."""

    def __init__(self, paths: list[str], not_read: int) -> None:
        super().__init__(
            f"no learner's portfolio could be read from {', '.join(paths)} ({not_read} "
            "not read, each listed above with the reason). Give portfolio files "
            "(portfolio.sqlite), dumps written by 'netkit dump', folders holding them, or "
            "patterns in quotes such as '/home/*/portfolio/portfolio.sqlite'.")
        self.paths = paths
        self.not_read = not_read


class UnknownSessionError(NetkitError, KeyError):
    """A workshop session number that is not one of the tutors' guides (``known``)."""

    def __init__(self, number: str, known: list[int]) -> None:
        self.message = (f"there is no workshop session {number!r}: the tutors' guides are "
                        f"sessions {', '.join(str(n) for n in known)}.")
        super().__init__(self.message)
        self.number = number
        self.known = known

    def __str__(self) -> str:  # KeyError would quote the message
        return self.message
