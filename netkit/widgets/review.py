"""The assessor's review of a learner's export (notebooks/assessor/review.ipynb).

:func:`open_review` verifies the export folder against its manifest and opens the
ASSESSOR's own portfolio (never the learner's). :class:`Review` then shows, per
criterion, the evidence as the pack's coverage grid lists it with links to the exported
files (:meth:`Review.criterion`), and the forms: :class:`DecisionForm` (met / not yet met,
VACSR, feedback, the learner's response), :class:`SignoffForm` per learning outcome,
:class:`IQAForm` and :class:`PlanForm`. Every form is a :class:`~netkit.widgets.base.Form`:
``save()`` validates through :mod:`netkit.assess` and writes the assessor's portfolio; its
static twin keeps the decisions in the saved notebook.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import ipywidgets as w

from ..assess import (
    DECISION_OUTCOMES,
    IQA_OUTCOMES,
    QUALITIES,
    AssessmentPlan,
    CriterionDecision,
    IQASample,
    OutcomeSignoff,
    PlanItem,
    check_reviewable,
    decisions_for,
    earlier_decision,
    plan_key,
    resolve_assessor_path,
    review_export,
)
from ..criteria import CRITERIA
from ..exceptions import ExportManifestError
from ..grid import PACK_FILE, GridRow, pack_grid
from ..guide import Html
from ..manifest import Verification
from ..model import Record
from ..render import STYLE, esc, html_table, note, panel, show_date
from ..store import Portfolio
from .base import DateField, Form, TickList

__all__ = ["REVIEW_ENV", "DecisionForm", "IQAForm", "PlanForm", "Review", "SignoffForm",
           "open_review"]

REVIEW_ENV = "NETKIT_REVIEW"
_WIDE = w.Layout(width="520px")
_OUTCOME_OPTIONS = [("(not decided yet)", ""), *[(o, o) for o in DECISION_OUTCOMES]]
_IQA_OPTIONS = [("(choose)", ""), *[(o, o) for o in IQA_OUTCOMES]]


def _today() -> str:
    return dt.date.today().isoformat()


def _href(folder: Path, target: str) -> str:
    """A link the notebook can open: ``target`` (relative to the export folder) made
    relative to the notebook's folder, where JupyterLab resolves links."""
    path, _, anchor = target.partition("#")
    full = (folder / path).resolve()
    try:
        shown = os.path.relpath(full, Path.cwd())
    except ValueError:  # another drive (Windows)
        shown = str(full)
    return shown.replace(os.sep, "/") + (f"#{anchor}" if anchor else "")


class Review:
    """One export under review, and the assessor's portfolio the decisions go to."""

    def __init__(self, portfolio: Portfolio, checked: Verification) -> None:
        self.portfolio = portfolio
        self.checked = checked
        self.manifest = checked.manifest
        self.folder = checked.manifest.folder
        self.grid = pack_grid(self.folder) if checked.ok else {}
        self.forms: dict[str, Form] = {}

    # -- what every form of this review shares ------------------------------------------
    @property
    def learner(self) -> str:
        """The learner whose export this is (from its manifest)."""
        return self.manifest.learner or "(learner not named)"

    @property
    def export(self) -> str:
        """The SHA-256 of the export's manifest.json: the export every decision names."""
        return self.manifest.digest

    def problems(self) -> list[tuple[str, str]]:
        """Why nothing may be saved on this export ([] when it matched its manifest)."""
        return check_reviewable(self.checked)

    def assessor_name(self) -> str:
        """The name the assessor typed last (a new decision starts with it)."""
        named = [d for d in self.portfolio.all(CriterionDecision) if d.assessor]
        return max(named, key=lambda d: d.decided_on).assessor if named else ""

    # -- what the notebook displays --------------------------------------------------------
    def summary_html(self) -> str:
        """Whose export, when, and whether every file matches its manifest."""
        m = self.manifest
        facts = [("Learner", self.learner), ("Exported", show_date(m.date) or "-"),
                 ("Folder", str(self.folder)),
                 ("Manifest SHA-256", m.digest),
                 ("Assessor's portfolio", str(self.portfolio.path))]
        parts = [html_table(["", ""], [(esc(k), esc(v)) for k, v in facts])]
        if self.checked.ok:
            parts.append(f'<p class="nk-met nk-verified" style="padding:3px 6px"><b>Verified:'
                         f"</b> {esc(self.checked.summary())} the export's manifest.json.</p>")
        else:
            parts.append(f'<p class="nk-missing nk-verified" style="padding:3px 6px"><b>Does '
                         f"not match its manifest.json:</b> {esc(self.checked.summary())}. "
                         "No decision can be saved on it: ask the learner for the export "
                         "exactly as netkit wrote it.</p>")
        if m.example:
            parts.append('<p class="nk-partial"><b>EXAMPLE - not learner evidence:</b> '
                         "this export is of the fictional example learner.</p>")
        if self.checked.ok and not self.grid:
            parts.append(note(f"This export has no {PACK_FILE}: open evidence-pack.pdf for "
                              "the coverage grid."))
        return panel("The export under review", "".join(parts))

    def files_html(self) -> str:
        """Every file of the export, linked."""
        rows = [(f'<a href="{esc(_href(self.folder, name))}">{esc(name)}</a>', esc(sha[:12]))
                for name, sha in self.manifest.files.items()]
        return panel("Files in the export", html_table(["File", "SHA-256 (start)"], rows))

    def files(self) -> Html:
        """Every file of the export, linked (displays in the notebook)."""
        return Html(self.files_html())

    def decisions(self) -> Html:
        """Every decision on this export so far (displays in the notebook)."""
        return Html(self.decisions_html())

    def evidence_html(self, criterion_id: str) -> str:
        """The criterion's row of the pack's coverage grid, with links to the files."""
        c = next(c for c in CRITERIA if c.id == criterion_id)
        row: GridRow | None = self.grid.get(criterion_id)
        head = f"{c.id} {c.text}"
        if row is None:
            return panel(head, "<p>Not in this export's coverage grid: see the exported "
                               "files.</p>")
        facts = [(esc(name), esc(text)) for name, text in row.cells.items()
                 if name not in ("Criterion", "Evidence") and text]
        items = "".join(f"<li>{esc(i)}</li>" for i in row.items) or "<li>none listed</li>"
        links = "".join(f'<li><a href="{esc(_href(self.folder, href))}">{esc(label)}</a>'
                        "</li>" for label, href in row.links)
        return panel(head, STYLE
                     + f'<div class="nk-evidence-{c.id.replace(".", "-")}">'
                     + f"<p><b>Evidence listed in the pack:</b></p><ul>{items}</ul>"
                     + (f"<p><b>Where it is:</b></p><ul>{links}</ul>" if links else "")
                     + ("<p><b>Evidence references:</b></p><ul>"
                        + "".join(f"<li>{esc(r)}</li>" for r in row.refs) + "</ul>"
                        if row.refs else "")
                     + html_table(["", ""], facts) + self._earlier_html(criterion_id)
                     + "</div>")

    def _earlier_html(self, criterion_id: str) -> str:
        """The decision on the same criterion of this learner's earlier export, if any."""
        before = earlier_decision(self.portfolio, self.learner, self.export, criterion_id)
        if before is None:
            return ""
        said = f" - {before.feedback}" if before.feedback else ""
        response = (f" Learner's response: {before.response}" if before.response else "")
        return (f'<p class="nk-earlier"><b>Your earlier decision</b> (export of '
                f"{esc(show_date(before.export_date) or '?')}, decided "
                f"{esc(show_date(before.decided_on))}): "
                f"{esc((before.outcome + said).rstrip('.'))}.{esc(response)}</p>")

    def criterion(self, criterion_id: str) -> DecisionForm:
        """The evidence for one criterion, then its decision form (display it)."""
        from IPython.display import HTML, display

        display(HTML(self.evidence_html(criterion_id)))  # type: ignore[no-untyped-call]
        form = DecisionForm(self, criterion_id)
        self.forms[criterion_id] = form
        return form

    def signoff(self, outcome: int) -> SignoffForm:
        """The sign-off form of one learning outcome."""
        form = SignoffForm(self, outcome)
        self.forms[f"lo{outcome}"] = form
        return form

    def iqa(self) -> IQAForm:
        """The internal quality assurance form."""
        return IQAForm(self)

    def plan(self) -> PlanForm:
        """The assessment plan agreed with the learner."""
        return PlanForm(self)

    def decisions_html(self) -> str:
        """Every decision on this export so far, in the unit's order."""
        decided = decisions_for(self.portfolio, self.export)
        rows = [(esc(c.id), esc(decided[c.id].outcome) if c.id in decided else "-",
                 esc(decided[c.id].feedback) if c.id in decided else "")
                for c in CRITERIA]
        return panel("Decisions on this export", html_table(
            ["Criterion", "Decision", "Feedback"], rows) + note(
            "Write the assessment decision record for the learner with: netkit feedback "
            "--out decision-record (HTML, PDF and the .json the learner loads)."))

    def _ipython_display_(self) -> None:
        from IPython.display import HTML, display

        display(HTML(self.summary_html()))  # type: ignore[no-untyped-call]


def open_review(export_dir: str | os.PathLike[str] | None = None,
                assessor_portfolio: str | os.PathLike[str] | None = None) -> Review:
    """Verify the export in ``export_dir`` (default $NETKIT_REVIEW) and open the assessor's
    portfolio (``assessor_portfolio``, else $NETKIT_ASSESSOR_PORTFOLIO, else
    ``assessor-portfolio.sqlite`` in the current folder)."""
    chosen = export_dir or os.environ.get(REVIEW_ENV)
    if not chosen:
        raise ExportManifestError(
            Path("(no folder given)"), f"set export_dir in the first cell, or the "
                                       f"{REVIEW_ENV} environment variable, to the folder "
                                       "the learner handed in")
    portfolio = Portfolio.open(resolve_assessor_path(assessor_portfolio), via="notebook")
    try:
        checked = review_export(portfolio, chosen)
    except BaseException:
        portfolio.close()
        raise
    return Review(portfolio, checked)


class _ReviewForm(Form):
    """A form of one review: its records name the export under review."""

    def __init__(self, review: Review) -> None:
        self.review = review
        super().__init__(review.portfolio)

    def judged(self) -> dict[str, Any]:
        """The fields every record about the export carries."""
        m = self.review.manifest
        return {"learner": self.review.learner, "export": m.digest, "export_date": m.date}

    def checks(self, record: Record) -> list[tuple[str, str]]:
        return self.review.problems()


class DecisionForm(_ReviewForm):
    """The assessor's decision on one criterion of the export."""

    intro = ("Met only when the evidence is valid, authentic, current, sufficient and "
             "reliable. Say what the learner did well, and for not yet met what to do.")

    def __init__(self, review: Review, criterion_id: str) -> None:
        self.criterion_id = criterion_id
        self.title = f"Your decision on {criterion_id}"  # type: ignore[misc]
        super().__init__(review)
        self.widget.add_class(f"nk-decision-{criterion_id.replace('.', '-')}")

    def build(self) -> list[w.Widget]:
        return [
            self.add_field("outcome", "Decision", w.ToggleButtons(
                options=_OUTCOME_OPTIONS, style={"button_width": "140px"})),
            self.add_field("qualities", "The evidence is", TickList(
                [(q, q) for q in QUALITIES], width="520px")),
            self.add_field("feedback", "Feedback to the learner", w.Textarea(
                layout=w.Layout(width="520px", height="90px"))),
            self.add_field("response", "Learner's response", w.Textarea(
                layout=w.Layout(width="520px", height="58px"),
                placeholder="later: what the learner said or did about the feedback")),
            self.add_field("assessor", "Assessor (your name)", w.Text(layout=_WIDE)),
            self.add_field("decided_on", "Date", DateField(self)),
        ]

    def saved(self) -> CriterionDecision | None:
        """The decision saved for this criterion of this export, or None."""
        key = CriterionDecision(export=self.review.export, criterion=self.criterion_id).key
        return self.portfolio.load(CriterionDecision, key)

    def refresh(self) -> None:
        saved = self.saved()
        with self._hold():
            self.fields["outcome"].value = saved.outcome if saved else ""
            self.fields["qualities"].value = saved.qualities if saved else ()
            self.fields["feedback"].value = saved.feedback if saved else ""
            self.fields["response"].value = saved.response if saved else ""
            self.fields["assessor"].value = (saved.assessor if saved
                                             else self.review.assessor_name())
            self.fields["decided_on"].value = saved.decided_on if saved else _today()

    def collect(self) -> CriterionDecision:
        decision = CriterionDecision(
            **self.judged(), criterion=self.criterion_id,
            outcome=self.fields["outcome"].value or "",
            feedback=self.fields["feedback"].value, response=self.fields["response"].value,
            assessor=self.fields["assessor"].value,
            decided_on=self.fields["decided_on"].value)
        ticked = set(self.fields["qualities"].value)
        for quality in QUALITIES:
            setattr(decision, quality, quality in ticked)
        return decision

    def static_html(self) -> str:
        saved = self.saved()
        if saved is None:
            return panel(self.title, "<p>Not decided yet.</p>")
        rows = [("Decision", saved.outcome),
                ("The evidence is", ", ".join(saved.qualities) or "none confirmed"),
                ("Feedback", saved.feedback or "-"),
                ("Learner's response", saved.response or "-"),
                ("Assessor, date", f"{saved.assessor}, {show_date(saved.decided_on)}")]
        return panel(self.title, html_table(["", ""], [(esc(k), esc(v)) for k, v in rows]))


class SignoffForm(_ReviewForm):
    """The sign-off of one learning outcome: the assessor's typed name and the date."""

    intro = "Sign off once every criterion of this learning outcome is decided met."

    def __init__(self, review: Review, outcome: int) -> None:
        self.outcome = outcome
        self.title = f"Sign-off: learning outcome {outcome}"  # type: ignore[misc]
        super().__init__(review)
        self.widget.add_class(f"nk-signoff-lo{outcome}")

    def build(self) -> list[w.Widget]:
        return [
            self.add_field("assessor", "Assessor (your name)", w.Text(layout=_WIDE)),
            self.add_field("signed_on", "Date", DateField(self)),
            self.add_field("comments", "Comments", w.Textarea(
                layout=w.Layout(width="520px", height="58px"))),
        ]

    def saved(self) -> OutcomeSignoff | None:
        """The sign-off saved for this outcome of this export, or None."""
        key = OutcomeSignoff(export=self.review.export, outcome=self.outcome).key
        return self.portfolio.load(OutcomeSignoff, key)

    def refresh(self) -> None:
        saved = self.saved()
        with self._hold():
            self.fields["assessor"].value = (saved.assessor if saved
                                             else self.review.assessor_name())
            self.fields["signed_on"].value = saved.signed_on if saved else _today()
            self.fields["comments"].value = saved.comments if saved else ""

    def collect(self) -> OutcomeSignoff:
        return OutcomeSignoff(**self.judged(), outcome=self.outcome,
                              assessor=self.fields["assessor"].value,
                              signed_on=self.fields["signed_on"].value,
                              comments=self.fields["comments"].value)

    def static_html(self) -> str:
        saved = self.saved()
        if saved is None:
            return panel(self.title, "<p>Not signed off yet.</p>")
        return panel(self.title, f"<p>Signed off by <b>{esc(saved.assessor)}</b> on "
                                 f"{esc(show_date(saved.signed_on))}.</p>"
                     + (f"<p>{esc(saved.comments)}</p>" if saved.comments else ""))


class IQAForm(_ReviewForm):
    """Internal quality assurance: whether this assessment was sampled, by whom, when."""

    title = "Internal quality assurance (IQA)"
    intro = "For the internal quality assurer: sampled or not, by whom, when, the outcome."

    def build(self) -> list[w.Widget]:
        return [
            self.add_field("sampled", "Sampled", w.Checkbox(indent=False)),
            self.add_field("iqa", "By whom", w.Text(layout=_WIDE)),
            self.add_field("sampled_on", "When", DateField(self)),
            self.add_field("outcome", "Outcome", w.Dropdown(options=_IQA_OPTIONS)),
            self.add_field("comments", "Comments", w.Textarea(
                layout=w.Layout(width="520px", height="58px"))),
        ]

    def saved(self) -> IQASample | None:
        """The IQA record of this export, or None."""
        return self.portfolio.load(IQASample, IQASample(export=self.review.export).key)

    def refresh(self) -> None:
        saved = self.saved() or IQASample()
        with self._hold():
            for name in ("sampled", "iqa", "sampled_on", "outcome", "comments"):
                self.fields[name].value = getattr(saved, name)

    def collect(self) -> IQASample:
        return IQASample(**self.judged(), **{
            name: self.fields[name].value
            for name in ("sampled", "iqa", "sampled_on", "outcome", "comments")})

    def static_html(self) -> str:
        saved = self.saved()
        if saved is None or not saved.sampled:
            return panel(self.title, "<p>Not sampled.</p>"
                         + (f"<p>{esc(saved.comments)}</p>" if saved and saved.comments
                            else ""))
        rows = [("Sampled by", saved.iqa), ("When", show_date(saved.sampled_on)),
                ("Outcome", saved.outcome), ("Comments", saved.comments or "-")]
        return panel(self.title, html_table(["", ""], [(esc(k), esc(v)) for k, v in rows]))


class PlanForm(_ReviewForm):
    """The assessment plan: planned methods and dates per criterion, agreed with the
    learner. It belongs to the learner, not to one export."""

    title = "Assessment plan"
    intro = ("Per criterion, the methods you plan (observation, professional discussion, "
             "witness testimony, product evidence, reflective account, questioning...) and "
             "when; tick once agreed with the learner.")

    def build(self) -> list[w.Widget]:
        self.rows: dict[str, tuple[w.Text, DateField]] = {}
        lines = []
        for c in CRITERIA:
            methods = w.Text(layout=w.Layout(width="340px"))
            methods.add_class(f"nk-plan-methods-{c.id.replace('.', '-')}")
            when = DateField(self)
            when.add_class(f"nk-plan-date-{c.id.replace('.', '-')}")
            self.rows[c.id] = (methods, when)
            lines.append(w.HBox([w.HTML(f"<b>{esc(c.id)}</b>",
                                        layout=w.Layout(width="40px")), methods, when.widget]))
        box = w.VBox(lines)
        return [self.add_field("items", "Methods and dates", box),
                self.add_field("agreed", "Agreed with the learner", w.Checkbox(indent=False)),
                self.add_field("agreed_on", "Agreed on", DateField(self))]

    def saved(self) -> AssessmentPlan | None:
        """The plan saved for this learner, or None."""
        return self.portfolio.load(AssessmentPlan, plan_key(self.review.learner))

    def refresh(self) -> None:
        saved = self.saved() or AssessmentPlan()
        planned = {i.criterion: i for i in saved.items}
        with self._hold():
            for cid, (methods, when) in self.rows.items():
                item = planned.get(cid, PlanItem())
                methods.value = item.methods
                when.value = item.planned_on
            self.fields["agreed"].value = saved.agreed
            self.fields["agreed_on"].value = saved.agreed_on

    def collect(self) -> AssessmentPlan:
        items = [PlanItem(criterion=cid, methods=methods.value, planned_on=when.value)
                 for cid, (methods, when) in self.rows.items()]
        return AssessmentPlan(learner=self.review.learner, items=items,
                              agreed=self.fields["agreed"].value,
                              agreed_on=self.fields["agreed_on"].value)

    def checks(self, record: Record) -> list[tuple[str, str]]:
        return []  # a plan is the learner's, made before any export: no export check

    def static_html(self) -> str:
        saved = self.saved()
        if saved is None or not saved.items:
            return panel(self.title, "<p>No plan saved yet.</p>")
        rows = [(esc(i.criterion), esc(i.methods), esc(show_date(i.planned_on)))
                for i in saved.items]
        agreed = (f"Agreed with the learner on {show_date(saved.agreed_on)}." if saved.agreed
                  else "Not yet agreed with the learner.")
        return panel(self.title, html_table(["Criterion", "Methods", "Planned"], rows)
                     + f"<p>{esc(agreed)}</p>")

