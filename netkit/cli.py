"""The ``netkit`` command: start a portfolio, check progress, dump, load, example data, export.

Sub-commands, their options and the JSON they print are a contract: extend them, never
rename or drop them. A learner's mistake gets one paragraph on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ._version import __version__
from .exceptions import (
    ConfirmationRequiredError,
    ImportFormatError,
    NetkitError,
    OutputWriteError,
)
from .model import LEARNER_REGISTRATION, RECORD_TYPES, Learner
from .store import Portfolio

__all__ = ["example_path", "load_example", "main"]

EXIT_USAGE = 2


def example_path() -> Path:
    """The fictional example learner shipped with netkit (the workbook's ``data/``)."""
    from .resources import example_learner

    return example_learner()


def load_example(portfolio: Portfolio, *, replace: bool = False,
                 source: Path | None = None) -> int:
    """Load the fictional example learner (or the example file ``source``, such as
    ``data/example-partial.json``) into ``portfolio``, marked as example data."""
    source = source or example_path()
    data = _read_json(source)
    if not isinstance(data, dict) or data.get("format") != "netkit-example":
        raise ImportFormatError(str(source), "not a netkit example file.")
    records = []
    for n, item in enumerate(data.get("records", [])):
        cls = RECORD_TYPES.get(item.get("kind", "")) if isinstance(item, dict) else None
        if cls is None or not isinstance(item.get("data"), dict):
            raise ImportFormatError(str(source), f"records[{n}]: unknown kind or no data.")
        records.append(cls.from_dict(item["data"]))
    attached = _example_attachments(data, str(source), {(r.KIND, r.key) for r in records})
    records += [record for record, _ in attached]
    by_key = {(r.KIND, r.key): r for r in records}
    cites = [(by_key[(c["kind"], c["key"])], c["field"], c["attachment"])
             for c in data.get("cite", [])]
    # One transaction: the example arrives whole (its attached documents, and the records
    # citing them by the references they get), or the portfolio stays as it was.
    return len(portfolio.load_records(records, meta={"example": "true"}, replace=replace,
                                      documents=[d for _, d in attached], cites=cites))


def _example_attachments(data: dict[str, Any], source: str, keys: set[tuple[str, str]]
                         ) -> list[tuple[Any, Any]]:
    """An example file's attached documents (``attachments``: the record's data and the
    file as base64), each read and checked as ``netkit attach`` would, and its ``cite``
    list checked: all before anything is written."""
    import base64
    import binascii

    from .attachments import Attachment, read_document
    from .exceptions import AttachmentError

    out = []
    for n, item in enumerate(data.get("attachments", [])):
        try:
            record = Attachment.from_dict(item["data"])
            document = read_document(Path(record.filename), filename=record.filename,
                                     data=base64.b64decode(item["content"], validate=True))
        except (KeyError, TypeError, binascii.Error, AttachmentError) as exc:
            raise ImportFormatError(source, f"attachments[{n}]: not an attached file "
                                            f"({exc}).") from None
        if document.sha256 != record.sha256:
            raise ImportFormatError(source, f"attachments[{n}]: the file does not match "
                                            "its SHA-256.")
        out.append((record, document))
    held = {record.id for record, _ in out}
    for n, cite in enumerate(data.get("cite", [])):
        if not (isinstance(cite, dict) and (cite.get("kind"), cite.get("key")) in keys
                and cite.get("attachment") in held and isinstance(cite.get("field"), str)):
            raise ImportFormatError(source, f"cite[{n}]: names no record and attachment "
                                            "of this file.")
    return out


def _read_json(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ImportFormatError(str(path), "no such file. Check the path.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFormatError(str(path), f"cannot read it ({exc}).") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(
            str(path), f"line {exc.lineno}, column {exc.colno}: not valid JSON "
                       f"({exc.msg}). Load a file written by 'netkit dump'.") from None


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):  # e.g. the "folder" is a file: no tmp to remove
            tmp.unlink(missing_ok=True)
        raise OutputWriteError(path, exc.strerror or str(exc)) from None


def _open(args: argparse.Namespace, *, create: bool = True, read_only: bool = False
          ) -> Portfolio:
    """The portfolio; ``read_only`` for commands that only read: never created or written."""
    return Portfolio.open(args.portfolio, create=create, via="cli", read_only=read_only)


def cmd_init(args: argparse.Namespace) -> int:
    with _open(args) as portfolio:
        learner = portfolio.load(Learner) or Learner()
        learner.name = args.learner
        for name in ("employer", "role", "tutor", "assessor", *LEARNER_REGISTRATION):
            if getattr(args, name) is not None:
                setattr(learner, name, getattr(args, name))
        portfolio.save(learner)
        print(f"Portfolio for {learner.name}: {portfolio.path}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    # Here, not at the top: the criteria's counting is what only status needs.
    from .coverage import MET_MEANS, coverage, status_json
    from .declaration import declaration_standing

    with _open(args, read_only=True) as portfolio:
        if args.json:
            print(json.dumps(status_json(portfolio), indent=2, ensure_ascii=False))
            return 0
        learner = portfolio.load(Learner)
        who = learner.name if learner else "(no learner yet: run 'netkit init')"
        flag = "  [EXAMPLE - not learner evidence]" if portfolio.is_example else ""
        print(f"{who}{flag}\n{portfolio.path}\n")
        # what "met" means, indented under its first line so no line starts with an id
        print(textwrap.fill(f"Status: {MET_MEANS}.", width=88, subsequent_indent="  ",
                            break_long_words=False, break_on_hyphens=False) + "\n")
        for row in coverage(portfolio):
            print(row.line())
            if row.assessor:  # the assessor's loaded decision, beside netkit's status
                print(f"      {row.assessor.line()}")
            more = row.guidance[1:]  # the first is the line's next step
            for line in more[:3]:
                print(f"      {line}")
            if len(more) > 3:
                print(f"      (+{len(more) - 3} more: netkit status --json)")
        print(f"\n{_paragraph(declaration_standing(portfolio).line())}")
    return 0


def cmd_dump(args: argparse.Namespace) -> int:
    with _open(args, read_only=True) as portfolio:
        text = json.dumps(portfolio.dump(), indent=2, ensure_ascii=False, sort_keys=True)
    if args.out:
        _write_atomically(Path(args.out), text + "\n")
        print(f"Wrote {args.out}", file=sys.stderr)
    else:
        print(text)
    return 0


def cmd_load(args: argparse.Namespace) -> int:
    data = _read_json(Path(args.file))
    with _open(args) as portfolio:
        count = portfolio.load_dump(data, replace=args.replace, source=args.file)
        print(f"Loaded {count} records from {args.file} into {portfolio.path}")
    return 0


def cmd_example(args: argparse.Namespace) -> int:
    from .resources import data_file

    source = data_file("example-partial.json") if args.partial else None
    who = "example learner who is behind" if args.partial else "example learner"
    with _open(args) as portfolio:
        count = load_example(portfolio, replace=args.replace, source=source)
        print(f"Loaded the fictional {who} ({count} records) into "
              f"{portfolio.path}. It is marked as example data, not learner evidence.")
    return 0


NO_REDACT_WARNING = (
    "Warning: --no-redact includes your contacts' e-mail addresses, phone numbers and "
    "profile links, and the records you flagged confidential. These are other people's "
    "personal data: share the export only with your assessor, and only if you need to.")


def cmd_import(args: argparse.Namespace) -> int:
    from .importers import csv_columns, guess_field, import_contacts

    path = Path(args.file)
    mapping: dict[str, str | None] | None = None
    if args.map:
        chosen = {}
        for item in args.map:
            column, sep, fld = item.partition("=")
            if not sep:
                raise ImportFormatError(str(path), f"--map {item!r}: write it as "
                                                   "COLUMN=FIELD, such as --map 'Mail=email'.")
            chosen[column.strip()] = fld.strip() or None
        try:
            columns = csv_columns(path.read_bytes(), path.name)
        except OSError as exc:
            raise ImportFormatError(str(path), f"cannot read it ({exc.strerror or exc})."
                                    ) from None
        mapping = {c: guess_field(c) for c in columns}
        mapping.update(chosen)
    with _open(args) as portfolio:
        report = import_contacts(portfolio, path, format=args.format, mapping=mapping,
                                 dry_run=args.dry_run)
        where = "nothing saved (--dry-run)" if args.dry_run else f"into {portfolio.path}"
    print(f"{path.name} ({report.format}), {where}: {report.counts()}"
          + (":" if report.skipped else "."))
    for skipped in report.skipped:
        print(f"  {skipped}")
    if report.unchanged:
        print(f"{len(report.unchanged)} already in your contacts with nothing new (left as "
              "they are).")
    return 0


def cmd_forget(args: argparse.Namespace) -> int:
    if args.attachment is not None and args.contact is not None:
        print("netkit forget: name a contact or give --attachment REF, not both.",
              file=sys.stderr)
        return EXIT_USAGE
    kind = "contact" if args.attachment is None else "attachment"
    if args.contact is None and args.attachment is None and not args.compact:
        print("netkit forget: name the contact to forget (its name or key), or give "
              "--compact.", file=sys.stderr)
        return EXIT_USAGE
    with _open(args, create=False) as portfolio:
        if args.contact is None and args.attachment is None:
            portfolio.compact()
            print(f"Wiped deleted data from {portfolio.path} and its journal.")
            return 0
        key = (portfolio.find_key("contact", args.contact) if kind == "contact"
               else _attachment_key(portfolio, args.attachment))
        plan = portfolio.forget_plan(kind, key)
        print(f"Forgetting erases for good, from {portfolio.path}:")
        for line in plan.lines():
            print(f"  - {line}")
        print("It cannot be undone. Copies made before (dumps, exports) are not changed.")
        if not args.yes:
            if not sys.stdin.isatty():
                raise ConfirmationRequiredError(f"forgetting the {kind} {plan.label}")
            answer = input("Type yes to forget them for good: ")
            if answer.strip().casefold() not in ("yes", "y"):
                print("Nothing was changed.")
                return 1
        done = portfolio.forget(kind, key)
    left = "them" if kind == "contact" else "it or its file"
    print(f"Forgot the {kind} {done.label}: nothing of {left} is left in the portfolio file.")
    return 0


def _attachment_key(portfolio: Portfolio, ref: str) -> str:
    """The key of the attachment with evidence reference ``ref`` (deleted ones too)."""
    from .exceptions import RecordNotFoundError

    found = portfolio.by_ref(ref.strip().upper(), include_deleted=True)
    if found is None or found.kind != "attachment":
        raise RecordNotFoundError("attachment", ref, f"there is no attachment {ref!r}: give "
                                                     "the reference netkit printed when it "
                                                     "was attached, such as E14. Nothing was "
                                                     "changed.")
    return found.key


def cmd_workbook(args: argparse.Namespace) -> int:
    from .resources import copy_review_notebook, copy_workbook

    if getattr(args, "assessor", False):  # the assessor's folder: the review notebook only
        done = copy_review_notebook(Path(args.folder).expanduser())
        for name in done.copied:
            print(f"Copied {name} into {done.folder}")
        for name in done.kept:
            print(f"Kept your own {name} in {done.folder} (not replaced)")
        print(f"Open it with: NETKIT_REVIEW=EXPORT-FOLDER jupyter lab "
              f"{done.folder / 'review.ipynb'}")
        return 0
    done = copy_workbook(Path(args.folder).expanduser())
    if done.copied:
        print(f"Copied into {done.folder}:")
        for name in done.copied:
            print(f"  {name}")
    if done.kept:
        print(f"Kept your own copies in {done.folder} (not replaced):")
        for name in done.kept:
            print(f"  {name}")
    first = min(done.copied + done.kept, default="")
    print(f"Open the workbook with: jupyter lab {done.folder / first}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .export import export

    formats = [f for f in args.format.split(",") if f.strip()]
    if args.tutor:
        return _export_tutor(args, formats)
    if args.no_redact:
        print(_paragraph(NO_REDACT_WARNING), file=sys.stderr)
    with _open(args, read_only=True) as portfolio:
        result = export(portfolio, out=args.out, formats=formats, notebooks=args.notebooks,
                        redact=not args.no_redact, pseudonymise=args.pseudonymise,
                        progress=sys.stderr.isatty(),  # bars in a terminal, not in logs
                        # once the options are checked, before anything is written
                        warn=lambda text: print(_paragraph(f"Warning: {text}"),
                                                file=sys.stderr))
    print(f"Exported {len(result.notebooks)} notebooks and the evidence pack to "
          f"{result.folder}:")
    for path in result.files:
        print(f"  {path.relative_to(result.folder)}")
    print(_paragraph(f"Privacy: {result.redaction}"))
    if result.attachments:
        print("Attachments (never redacted):")
        for entry in result.attachments:
            print(f"  {entry.line()}")
    return 0


def _export_tutor(args: argparse.Namespace, formats: list[str]) -> int:
    """``netkit export --tutor``: the tutors' guides and handouts, on the example learner
    unless ``--portfolio`` names one (netkit.tutor_export)."""
    from .exceptions import ExportError
    from .tutor_export import export_tutor

    others = [flag for flag, given in (("--notebooks", args.notebooks),
                                       ("--no-redact", args.no_redact),
                                       ("--pseudonymise", args.pseudonymise)) if given]
    if others:
        raise ExportError(f"--tutor exports every tutors' notebook, redacted, and takes no "
                          f"{' or '.join(others)}: leave {'them' if len(others) > 1 else 'it'}"
                          " out.")
    result = export_tutor(args.portfolio, out=args.out, formats=formats,
                          progress=sys.stderr.isatty())
    print(f"Exported {len(result.notebooks)} tutors' notebooks and the handouts to "
          f"{result.folder}:")
    for path in result.files:
        print(f"  {path.relative_to(result.folder)}")
    print(_paragraph(f"Privacy: {result.redaction}"))
    return 0


def cmd_followups(args: argparse.Namespace) -> int:
    from .coverage import counted
    from .followups import overdue, save_calendar, tracker_lines
    from .model import FollowUp

    with _open(args, read_only=True) as portfolio:
        items = portfolio.all(FollowUp)
        if args.json:
            late = {f.id for f in overdue(items)}
            print(json.dumps([{**f.to_dict(), "overdue": f.id in late} for f in items],
                             indent=2, ensure_ascii=False))
        else:
            late_count = len(overdue(items))
            print(f"{counted(len(items), 'follow-ups', 'follow-up')}, {late_count} overdue "
                  "(criterion 1.5)")
            for line in tracker_lines(items):
                print(f"  {line}")
        if args.ics:
            count = save_calendar(portfolio, args.ics)
            print(f"Wrote {counted(count, 'open follow-ups', 'open follow-up')} to "
                  f"{args.ics} (import it into your calendar)", file=sys.stderr)
    return 0


def cmd_workshop(args: argparse.Namespace) -> int:
    from .workshop import run, workshop

    plan = workshop(notebook=args.notebook, port=args.port, browser=not args.no_browser)
    print(f"Workshop mode: the workbook's forms without code, at {plan.url} (this computer "
          "only). Answers go to the same portfolio as in JupyterLab. Stop with Ctrl-C.",
          flush=True)
    run(plan)
    return 0  # pragma: no cover - run() does not return


def cmd_witness_statement(args: argparse.Namespace) -> int:
    from .witness import find_witness, write_statement

    with _open(args, read_only=True) as portfolio:
        witness = find_witness(portfolio, args.key)
        path = write_statement(portfolio, witness, Path(args.out) if args.out else None)
    print(f"Wrote the witness statement of {witness.name} to {path}")
    print(_paragraph("Give it to the witness to read, correct, sign and date. Then attach "
                     "the signed copy (netkit attach FILE) and give the reference it prints "
                     "as the testimony's signed copy in notebook 04."))
    return 0


def cmd_cohort(args: argparse.Namespace) -> int:
    from .cohort import cohort_html, read_cohort
    from .exceptions import NoLearnersReadError

    cohort = read_cohort(args.paths)
    print(cohort.text())
    if args.csv:
        _write_atomically(Path(args.csv), cohort.csv())
        print(f"Wrote {args.csv}", file=sys.stderr)
    if args.html:
        _write_atomically(Path(args.html), cohort_html(cohort))
        print(f"Wrote {args.html}", file=sys.stderr)
    if not cohort.learners:
        raise NoLearnersReadError(list(args.paths), len(cohort.not_read))
    return 0


def cmd_feedback(args: argparse.Namespace) -> int:
    if args.action == "load":
        return _feedback_load(args)
    if args.file is not None:
        print(f"netkit feedback: {args.file!r}: to load a feedback file, run "
              "'netkit feedback load FILE'; to write one, 'netkit feedback --out FILE'.",
              file=sys.stderr)
        return EXIT_USAGE
    from .assess import feedback_document, resolve_assessor_path
    from .exceptions import NoDecisionsError
    from .feedback import check_judged_export, write_feedback
    from .manifest import verify_export

    path = resolve_assessor_path(args.assessor_portfolio)
    if not path.is_file():
        raise NoDecisionsError(path)
    export = None
    if args.export:
        checked = verify_export(args.export)
        if not checked.ok:
            raise checked.error()
        export = checked.manifest.digest
    with Portfolio.open(path, via="cli", read_only=True) as assessor:
        doc = feedback_document(assessor, path, learner=args.learner, export=export)
    met = sum(d.outcome == "met" for d in doc.decisions)
    print(f"{doc.learner}: {len(doc.decisions)} decisions ({met} met, "
          f"{len(doc.decisions) - met} not yet met) on the export of {doc.export_date} "
          f"(manifest {doc.export[:12]}), by {doc.assessor}")
    for d in doc.decisions:
        print(f"  {d.criterion}  {d.outcome}" + (f" - {d.feedback}" if d.feedback else ""))
    if not args.out:
        return 0
    note = check_judged_export(doc)
    if note:
        print(_paragraph(f"Note: {note}"), file=sys.stderr)
    for written in write_feedback(doc, args.out):
        print(f"Wrote {written}")
    print(_paragraph("Give the learner the .json file: 'netkit feedback load FILE' shows "
                     "your decisions beside each criterion in their notebooks and in "
                     "'netkit status'."))
    return 0


def _feedback_load(args: argparse.Namespace) -> int:
    from .feedback import load_feedback

    if args.file is None:
        print("netkit feedback load: name the feedback file (.json) your assessor gave "
              "you: netkit feedback load FILE.", file=sys.stderr)
        return EXIT_USAGE
    with _open(args, create=False) as portfolio:
        loaded = load_feedback(portfolio, args.file, export_dir=args.export)
        where = portfolio.path
    met = sum(d.outcome == "met" for d in loaded.decisions)
    checked = (f"checked against the export in {loaded.checked}" if loaded.checked else
               "the export folder was not found here to check again (give it with "
               "--export DIR)")
    print(_paragraph(f"Loaded {len(loaded.decisions)} decisions by {loaded.assessor} "
                     f"({met} met, {len(loaded.decisions) - met} not yet met) on your export "
                     f"of {loaded.export_date} into {where}; {checked}. 'netkit status' "
                     "shows them beside each criterion."))
    return 0


def _feedback_args(p: argparse.ArgumentParser) -> None:
    """``netkit feedback``'s arguments: write the decision record, or load it."""
    p.add_argument("action", nargs="?", choices=["load"],
                   help="load: store a feedback file in the learner's portfolio")
    p.add_argument("file", nargs="?", metavar="FILE", help="the feedback file to load")
    p.add_argument("--out", metavar="FILE",
                   help="write the decision record to FILE (.html, .pdf, .json, or a name "
                        "without extension for all three)")
    p.add_argument("--assessor-portfolio", metavar="PATH",
                   help="the assessor's own portfolio (default: $NETKIT_ASSESSOR_PORTFOLIO, "
                        "else assessor-portfolio.sqlite in the current folder)")
    p.add_argument("--learner", metavar="NAME",
                   help="whose decisions to write, when the assessor's portfolio holds "
                        "several learners")
    p.add_argument("--export", metavar="DIR",
                   help="the export folder judged: with --out, write the decisions on this "
                        "export (checked first); with load, check the feedback against it "
                        "(default: exports/<date>/ where you exported)")


def cmd_attach(args: argparse.Namespace) -> int:
    from .attachments import split_criteria

    with _open(args, create=False) as portfolio:
        record, ref = portfolio.attach(args.file, title=args.title, date=args.date,
                                       criteria=split_criteria(args.criteria or ""),
                                       confidential=args.confidential)
    print(f"Attached {record.summary(ref)}")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from .manifest import verify_export

    checked = verify_export(args.folder)
    if checked.ok:
        print(f"{checked.manifest.folder}: {checked.summary()}")
        return 0
    print(f"{checked.manifest.folder} does not match its manifest.json (written by 'netkit "
          "export'):", file=sys.stderr)
    for label, names in (("changed", checked.changed), ("missing", checked.missing),
                         ("added", checked.added)):
        for name in names:
            print(f"  {label}: {name}", file=sys.stderr)
    print(_paragraph("Its files were changed after netkit wrote them: ask for the export "
                     "as 'netkit export' wrote it."), file=sys.stderr)
    return EXIT_USAGE


def _attach_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE",
                   help="the document: PDF, PNG/JPEG/GIF/WebP image, e-mail (.eml, .msg), "
                        "Word (.docx, .doc), OpenDocument (.odt) or text (.txt, .md), up "
                        "to 20 MB")
    p.add_argument("--criteria", metavar="LIST",
                   help="the criteria it evidences, e.g. 3.4,3.5")
    p.add_argument("--title", metavar="TEXT", help="its title (default: the file's name)")
    p.add_argument("--date", metavar="DATE",
                   help="the document's date, e.g. 28/11/2026 (default: today)")
    p.add_argument("--confidential", action="store_true",
                   help="keep it out of exports: the assessor sees the original")


def _paragraph(text: str) -> str:
    """``text`` wrapped at 88 columns, never breaking a word: a path stays whole."""
    return textwrap.fill(text, width=88, break_long_words=False, break_on_hyphens=False)


def build_parser() -> argparse.ArgumentParser:  # noqa: PLR0915 - a block per sub-command
    """The argument parser; ``--help`` works on every sub-command."""
    where = ("portfolio file (default: $NETKIT_PORTFOLIO, else portfolio/portfolio.sqlite "
             "in the workbook folder)")
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: a --portfolio given before the sub-command is not reset by this default.
    common.add_argument("--portfolio", metavar="PATH", default=argparse.SUPPRESS, help=where)
    parser = argparse.ArgumentParser(
        prog="netkit",
        description="The workbook for QCF unit J/506/1949 'Develop and Maintain "
                    "Professional Networks'.")
    parser.add_argument("--portfolio", metavar="PATH", default=None, help=where)
    parser.add_argument("--version", action="version", version=f"netkit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, func: Callable[[argparse.Namespace], int], text: str
            ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=text, description=text)
        p.set_defaults(func=func)
        return p

    p = add("init", cmd_init, "Start (or update) the learner's portfolio.")
    p.add_argument("--learner", required=True, metavar="NAME", help="learner's full name")
    for name in ("employer", "role", "tutor", "assessor"):
        p.add_argument(f"--{name}", metavar="TEXT", help=f"learner's {name}")
    _registration_args(p)
    p = add("status", cmd_status,
            "Show progress against every assessment criterion 1.1-3.7.")
    p.add_argument("--json", action="store_true", help="print JSON (see README)")
    p = add("dump", cmd_dump, "Write the whole portfolio, with its history, as JSON.")
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    p = add("load", cmd_load, "Load a portfolio dump written by 'netkit dump'.")
    p.add_argument("file", metavar="FILE", help="the JSON file to load")
    p.add_argument("--replace", action="store_true",
                   help="replace a portfolio that already holds answers")
    p = add("example", cmd_example,
            "Load the fictional example learner (marked as example data).")
    p.add_argument("--replace", action="store_true",
                   help="replace a portfolio that already holds answers")
    p.add_argument("--partial", action="store_true",
                   help="load the second, partial example learner instead (Jordan Blake: "
                        "learning outcome 2 partly done, 3 barely started)")
    p = add("import", cmd_import,
            "Import contacts from LinkedIn's Connections.csv, a vCard file (.vcf) or any "
            "CSV file. Importing again adds nobody twice; the report says what was "
            "imported, updated and skipped (and why).")
    p.add_argument("what", choices=["contacts"], help="what to import: contacts")
    p.add_argument("file", metavar="FILE", help="the file to import")
    p.add_argument("--format", choices=["auto", "linkedin", "vcard", "csv"], default="auto",
                   help="the file's format (default: auto, from its content and name)")
    p.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                   help="CSV: the contact field a column holds (name, first_name, "
                        "last_name, organisation, role, email, phone, profile_url, notes, "
                        "networks, how_met, met_on, interests, offers, needs, last_contact, "
                        "confidential), or COLUMN= to leave it out; repeat for each column "
                        "the headers do not name")
    p.add_argument("--dry-run", action="store_true",
                   help="report what would be imported without saving anything")
    p = add("forget", cmd_forget,
            "Erase a contact for good: from every record that names them and from the "
            "history, leaving no bytes of them in the portfolio file. Asks first.")
    p.add_argument("contact", nargs="?", metavar="NAME-OR-KEY",
                   help="the contact's name (as saved now or before) or key")
    p.add_argument("--yes", action="store_true",
                   help="do not ask for confirmation (for scripts)")
    p.add_argument("--compact", action="store_true",
                   help="only wipe deleted data from the file and its journal (to finish "
                        "an erasure another program held up)")
    p.add_argument("--attachment", metavar="REF",
                   help="erase an attached document instead, by its reference (E14): its "
                        "file, its saved versions and the citations of it")
    p = add("workbook", cmd_workbook,
            "Copy the workbook notebooks into FOLDER/notebooks (default: the current "
            "folder), keeping any you already have.")
    p.add_argument("folder", nargs="?", default=".", metavar="FOLDER",
                   help="the folder to make a workbook folder (default: the current one)")
    p.add_argument("--assessor", action="store_true",
                   help="for an assessor: copy only the review notebook (review.ipynb) into "
                        "FOLDER, the folder you review exports in")
    p = add("export", cmd_export,
            "Export the workbook's notebooks and the evidence pack for your assessor, as "
            "HTML and PDF (private by default: contacts' details are left out).")
    p.add_argument("--format", default="html,pdf", metavar="LIST",
                   help="html, pdf or html,pdf (default: html,pdf); PDF needs Chromium")
    p.add_argument("--out", metavar="DIR",
                   help="folder to write to (default: exports/<today>/ in the workbook "
                        "folder); same-named files there are replaced")
    p.add_argument("--notebooks", nargs="+", metavar="NAME",
                   help="only these notebooks (file names, or the start of them, e.g. 00 "
                        "04-evidence); default: all")
    p.add_argument("--no-redact", action="store_true",
                   help="include contacts' e-mails, phones, profile links and records "
                        "flagged confidential")
    p.add_argument("--pseudonymise", action="store_true",
                   help="show contacts' names as initials")
    p.add_argument("--tutor", action="store_true",
                   help="for tutors: export the workshop guides and the cohort view "
                        "(notebooks/tutor/) and the handouts, on the example learner unless "
                        "--portfolio is given, to exports/tutor-<today>/")
    p = add("followups", cmd_followups,
            "List your follow-ups (criterion 1.5), overdue ones first; --ics saves the open "
            "ones as a calendar file.")
    p.add_argument("--ics", metavar="FILE",
                   help="write the open follow-ups to FILE as an iCalendar (.ics) file")
    p.add_argument("--json", action="store_true", help="print JSON instead of lines")
    p = add("workshop", cmd_workshop,
            "Open the workbook in workshop mode: the notebooks' forms and charts in the "
            "browser, with no code shown (Voila). Answers go to the same portfolio.")
    p.add_argument("notebook", nargs="?", metavar="NOTEBOOK",
                   help="open only this notebook: its number or name, e.g. 02 (default: "
                        "the list of notebooks)")
    p.add_argument("--port", type=int, help="port to serve on (default: 8866)")
    p.add_argument("--no-browser", action="store_true", help="do not open a browser")
    _witness_statement_args(add(
        "witness-statement", cmd_witness_statement,
        "Write a witness testimony as a statement for the witness to read, correct, sign "
        "and date, with a briefing on what it is for and how their details are used."))
    p = add("cohort", cmd_cohort,
            "For tutors: many learners' progress side by side (learner x criterion: met, "
            "partial or missing, and the assessor's decision where feedback was loaded), "
            "their last activity and what each needs next. Reads portfolio files, dumps, "
            "folders and patterns, read-only; a file that cannot be read is listed with "
            "the reason.")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="a portfolio file, a dump ('netkit dump'), a folder (searched for "
                        "portfolio.sqlite files) or a pattern in quotes, such as "
                        "'/home/*/portfolio/portfolio.sqlite'")
    p.add_argument("--csv", metavar="FILE", help="also write the table to FILE as CSV")
    p.add_argument("--html", metavar="FILE",
                   help="also write a self-contained HTML page with a heat map to FILE")
    _feedback_args(add(
        "feedback", cmd_feedback,
        "The assessor's decisions. 'netkit feedback --out FILE' (the assessor) writes them "
        "as an assessment decision record: FILE.html, .pdf or .json by its extension, or "
        "all three; 'netkit feedback load FILE' (the learner) loads the .json into the "
        "portfolio, beside each criterion in 'netkit status'."))
    _attach_args(add(
        "attach", cmd_attach,
        "Keep a workplace document in the portfolio as evidence (with its SHA-256) and "
        "print its evidence reference (E14), for any record to cite."))
    p = add("verify", cmd_verify,
            "Check an export folder against its manifest.json: every file there, "
            "unchanged, nothing added.")
    p.add_argument("folder", metavar="DIR", help="the folder 'netkit export' wrote")
    return parser


def _registration_args(p: argparse.ArgumentParser) -> None:
    """``netkit init``'s optional registration details, for the pack's cover sheet."""
    for name in LEARNER_REGISTRATION:
        p.add_argument(f"--{name.replace('_', '-')}", metavar="TEXT",
                       help=f"learner's {name.replace('_', ' ')} (cover sheet)")


def _witness_statement_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("key", metavar="KEY", help="the witness's name (in quotes if it has "
                                              "spaces) or the testimony's key")
    p.add_argument("--out", metavar="FILE",
                   help="the file to write: .html or .pdf (PDF needs Chromium); default "
                        "witness-<name>.html in the current folder")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except NetkitError as exc:
        print(_paragraph(f"netkit {args.command}: {exc}"), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `netkit status | head`: the reader left; not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
