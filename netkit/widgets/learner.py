"""The learner's details: name, employer, role, tutor, assessor (notebook 00)."""

from __future__ import annotations

import ipywidgets as w

from ..model import Learner
from ..render import esc, panel, stamper, table
from ..store import Portfolio
from .base import Form

__all__ = ["LearnerForm", "example_banner", "show_example_banner"]

_FIELDS = (("name", "Your name"), ("employer", "Employer"), ("role", "Your role"),
           ("tutor", "Tutor"), ("assessor", "Assessor"),
           # optional: from your centre's registration letter (the cover sheet shows them)
           ("centre", "Centre (optional)"),
           ("awarding_organisation", "Awarding organisation (optional)"),
           ("qualification", "Qualification (optional)"),
           ("registration_number", "Registration number (optional)"))


class LearnerForm(Form):
    """Who the portfolio belongs to; the evidence pack's cover sheet reads it."""

    title = "About you"
    intro = ("Your name and employer appear on every page of your exported evidence. "
             "Your tutor and assessor are named on the cover sheet, and so are your "
             "centre, awarding organisation, qualification and registration number if "
             "you give them.")

    def build(self) -> list[w.Widget]:
        return [self.add_field(name, label, w.Text(layout=w.Layout(width="340px")))
                for name, label in _FIELDS]

    def refresh(self) -> None:
        saved = self.portfolio.load(Learner) or Learner()
        for name, _ in _FIELDS:
            self.fields[name].value = getattr(saved, name)

    def collect(self) -> Learner:
        return Learner(**{name: self.fields[name].value for name, _ in _FIELDS})

    def static_html(self) -> str:
        saved = self.portfolio.load(Learner)
        if saved is None:
            return panel(self.title, "<p>Nothing saved yet.</p>")
        return panel(self.title, stamper(self.portfolio)(saved)
                     + table(["", ""], [(label, getattr(saved, name))
                                        for name, label in _FIELDS]))


def example_banner(portfolio: Portfolio) -> str:
    """The "EXAMPLE" banner for a notebook open on the fictional example learner."""
    learner = portfolio.load(Learner)
    who = f"{learner.name}, the fictional example learner" if learner and learner.name \
        else "the fictional example learner"
    # In an export the page stamp already says EXAMPLE; the learner's how-to and the path
    # of the private copy have no place in evidence.
    advice = "" if portfolio.is_export_copy else (
        f" (<code>{esc(portfolio.path)}</code>): browse it, try the forms, but do not hand "
        "it in. Your own portfolio is used when NETKIT_PORTFOLIO is not set to this file")
    return (
        '<div class="nk-example-banner" style="border:2px solid #b26a00;background:#fff4e0;'
        'color:#5c3700;padding:8px 12px;margin:4px 0;border-radius:4px">'
        '<b style="font-size:1.25em;letter-spacing:.08em">EXAMPLE</b> '
        f"- not learner evidence. This is the portfolio of {esc(who)}{advice}."
        "</div>")


def show_example_banner(portfolio: Portfolio) -> bool:
    """Display :func:`example_banner` in a notebook if ``portfolio`` is the example one.

    Returns whether it did. Outside IPython (the command line, scripts) it does nothing.
    """
    # In netkit's own export every page is already stamped EXAMPLE.
    if not portfolio.is_example or portfolio.is_export_copy:
        return False
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipykernel
        return False
    if get_ipython() is None:
        return False
    from IPython.display import HTML, display

    display(HTML(example_banner(portfolio)))  # type: ignore[no-untyped-call]
    return True
