"""The learner's details: name, employer, role, tutor, assessor (notebook 00)."""

from __future__ import annotations

import ipywidgets as w

from ..model import Learner
from ..render import panel, table
from .base import Form

__all__ = ["LearnerForm"]

_FIELDS = (("name", "Your name"), ("employer", "Employer"), ("role", "Your role"),
           ("tutor", "Tutor"), ("assessor", "Assessor"))


class LearnerForm(Form):
    """Who the portfolio belongs to; the evidence pack's cover sheet reads it."""

    title = "About you"
    intro = ("Your name and employer appear on every page of your exported evidence. "
             "Your tutor and assessor are named on the cover sheet.")

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
        return panel(self.title, table(["", ""], [(label, getattr(saved, name))
                                                   for name, label in _FIELDS]))
