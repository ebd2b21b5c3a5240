"""The tutor's cohort view in a notebook: the heat map with filters by criterion, status and
learner. A thin view over :meth:`netkit.cohort.Cohort.filtered` and
:func:`netkit.cohort.heat_map_html`."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ..cohort import CRITERION_IDS, STATUSES, Cohort, heat_map_html, not_read_html

__all__ = ["CohortView"]

ALL = "all"


class CohortView:
    """Filters above the cohort's heat map; choosing one redraws the table at once."""

    def __init__(self, cohort: Cohort) -> None:
        self.cohort = cohort
        self.criterion = w.Dropdown(options=[ALL, *CRITERION_IDS], value=ALL,
                                    description="Criterion")
        self.status = w.Dropdown(options=[ALL, *STATUSES], value=ALL, description="Status")
        self.learner = w.Text(value="", description="Learner",
                              placeholder="part of a name")
        self.table = w.HTML()
        self.count = w.HTML()
        for control in (self.criterion, self.status, self.learner):
            control.observe(self._on_change, names="value")
        self.widget = w.VBox([w.HBox([self.criterion, self.status, self.learner]),
                              self.count, self.table, w.HTML(not_read_html(cohort))])
        self.refresh()

    def _on_change(self, _change: Any) -> None:
        self.refresh()

    def shown(self) -> Cohort:
        """The cohort as the filters narrow it."""
        return self.cohort.filtered(
            criterion=None if self.criterion.value == ALL else self.criterion.value,
            status=None if self.status.value == ALL else self.status.value,
            learner=self.learner.value.strip() or None)

    def refresh(self) -> Cohort:
        """Redraw the table for the filters' values; returns what it shows."""
        shown = self.shown()
        self.count.value = (f"<p>{len(shown.learners)} of {len(self.cohort.learners)} "
                            "learners shown.</p>")
        self.table.value = heat_map_html(shown)
        return shown

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        # The live filters in JupyterLab; the table as it stands wherever widgets do not run
        # (a saved notebook, an HTML export).
        bundle = dict(self.widget._repr_mimebundle_(**kwargs))
        bundle["text/html"] = heat_map_html(self.shown()) + not_read_html(self.cohort)
        return bundle
