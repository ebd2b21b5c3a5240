"""Every list form, clicked as a learner clicks it, in real JupyterLab and Chromium.

For each list form of notebooks 02 and 04: save one record, pick "New", save a second,
change a field (or a weight slider) without saving, pick the first again. The form must
show the first record, the portfolio must hold both exactly as saved (one revision each:
nothing overwritten), and JupyterLab's log console must hold no error or warning. Then
the notebook is saved and reopened: the answers show as static HTML, with no widget error,
before any cell runs.

One kernel per notebook: each notebook (a scratch copy, so the repository's notebooks are
never written) is opened and run once, and its forms are tested in that one session.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from netkit.model import (
    Discussion,
    Need,
    Network,
    Record,
    Scores,
    Shortlist,
    ShortlistCriterion,
    Witness,
)
from netkit.store import Portfolio

from .conftest import (
    NETKIT_EXTENSION_LOG,
    VIEWPORT,
    Server,
    click_save,
    field,
    fill_field,
    form,
    log_console,
    open_notebook,
    pick,
    picked,
    press,
    run_all_cells,
    scratch_copy,
    scratch_folder,
    screenshot,
    tick,
)

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.timeout(600)]

UID = uuid.uuid4().hex[:6]
SEED_A, SEED_B = f"Seed Alpha {UID}", f"Seed Beta {UID}"


@dataclass
class Session:
    """One notebook, open and run in one page, for every test of a module part."""

    page: Any
    path: str
    folder: Path
    shots: Path

    def shot(self, form_: Any, name: str) -> None:
        """A picture of one form, for people to look at (``$NETKIT_E2E_SHOTS``)."""
        form_.screenshot(path=str(self.shots / f"{name}.png"))

    @contextlib.contextmanager
    def step(self, name: str) -> Iterator[None]:
        """Screenshot on failure; check the log console after the step."""
        try:
            yield
        except BaseException:
            with contextlib.suppress(Exception):
                screenshot(self.page, self.shots, f"FAILED-{name}")
            raise
        assert_no_log_errors(self.page)


def assert_no_log_errors(page: Any) -> None:
    entries = log_console(page)
    assert not entries, "JupyterLab's log console counts problems:\n" + "\n---\n".join(entries)


def stored(server: Server, cls: type[Record]) -> list[Any]:
    with Portfolio.open(server.portfolio, create=False) as portfolio:
        return portfolio.all(cls)


def revisions(server: Server, record: Record) -> int:
    with Portfolio.open(server.portfolio, create=False) as portfolio:
        return len(portfolio.history(record.KIND, record.key))


def only(records: list[Any], test: Callable[[Any], bool]) -> Any:
    found = [r for r in records if test(r)]
    assert len(found) == 1, f"{len(found)} records match, expected one: {found}"
    return found[0]


def seed(server: Server) -> None:
    """Two shortlisted networks (2.3 assesses only shortlisted ones), scored."""
    with Portfolio.open(server.portfolio) as portfolio:
        a = Network(name=SEED_A, id=f"seed-a-{UID}")
        b = Network(name=SEED_B, id=f"seed-b-{UID}")
        crit = ShortlistCriterion(name=f"Seed fit {UID}", id=f"seed-c-{UID}")
        portfolio.save_many([a, b, crit, Scores(grid={a.id: {crit.id: 4}, b.id: {crit.id: 2}}),
                             Shortlist(networks=[a.id, b.id])])


@contextlib.contextmanager
def notebook_session(browser: Any, server: Server, shots: Path, path: str
                     ) -> Iterator[Session]:
    from .conftest import UI_TIMEOUT_MS

    with scratch_folder() as folder:
        copy = scratch_copy(folder, path)
        context = browser.new_context(viewport=VIEWPORT)
        context.set_default_timeout(UI_TIMEOUT_MS)
        page = context.new_page()
        page.on("dialog", lambda dialog: dialog.accept())
        try:
            try:
                open_notebook(page, server, copy)
                run_all_cells(page, timeout_ms=180_000)
            except BaseException:
                with contextlib.suppress(Exception):
                    screenshot(page, shots, f"FAILED-run-{Path(path).stem}")
                    tracebacks = [t for t in page.locator(".jp-OutputArea-output")
                                  .all_inner_texts() if "Traceback" in t or "Error" in t]
                    print(f"outputs with errors: {tracebacks}\n"
                          f"server log ends:\n{server.log_tail(30)}")
                raise
            yield Session(page, copy, folder, shots)
        finally:
            context.close()


@pytest.fixture(scope="module")
def nb02(browser: Any, jupyter_server: Server, shots: Path) -> Iterator[Session]:
    seed(jupyter_server)
    with notebook_session(browser, jupyter_server, shots,
                          "notebooks/02-identify-networks.ipynb") as session:
        yield session


@pytest.fixture(scope="module")
def nb04(browser: Any, jupyter_server: Server, shots: Path) -> Iterator[Session]:
    with notebook_session(browser, jupyter_server, shots,
                          "notebooks/04-evidence.ipynb") as session:
        yield session


def expect_value(form_: Any, name: str, value: str) -> None:
    from playwright.sync_api import expect

    expect(field(form_, name)).to_have_value(value)


def save_and_reopen(session: Session, server: Server, step: str, *, saved: str,
                    shows: tuple[str, ...], shot: str) -> None:
    """Save the notebook, then reopen it from disk with no cell run: the saved file holds
    ``saved`` and no widget view; the reopened page shows ``shows`` as static answers, with
    no live form, no widget error and nothing in the log console."""
    from playwright.sync_api import expect

    page = session.page
    with session.step(step):
        page.locator(".jp-NotebookPanel .jp-Notebook").first.click(position={"x": 5, "y": 5})
        page.keyboard.press("Control+s")
        expect(page.locator(".jp-NotebookPanel-toolbar, .jp-Toolbar").first).to_be_visible()
        # Saved when the tab no longer shows the unsaved-changes dot.
        expect(page.locator(".jp-mod-current.jp-mod-dirty")).to_have_count(0, timeout=30_000)
    saved_file = (session.folder / Path(session.path).name).read_text()
    assert "application/vnd.jupyter.widget-view+json" not in saved_file
    assert saved in saved_file

    open_notebook(page, server, session.path)  # reopened from disk, no cell run
    panel = page.locator(".jp-NotebookPanel")
    expect(panel.locator(".nk-static").first).to_be_visible()
    for text in shows:
        expect(panel).to_contain_text(text)
    assert page.get_by_text("Error displaying widget").count() == 0
    assert page.get_by_text("model not found").count() == 0
    assert panel.locator(".nk-form").count() == 0  # no live form: the static answers
    panel.locator(".nk-static").first.scroll_into_view_if_needed()
    screenshot(page, session.shots, shot)
    assert_no_log_errors(page)


# -- notebook 02 ------------------------------------------------------------------------

def test_the_server_saves_notebooks_through_netkits_extension(jupyter_server: Server) -> None:
    log = "\n".join(p.read_text(errors="replace")
                    for p in jupyter_server.log.parent.glob("jupyter-lab-*.log"))
    assert NETKIT_EXTENSION_LOG in log


def test_needs_form_keeps_two_needs_apart(nb02: Session, jupyter_server: Server) -> None:
    first, second = f"Learn tachograph rules {UID}", f"Become chartered {UID}"
    with nb02.step("needs"):
        needs = form(nb02.page, "needsform")
        needs.scroll_into_view_if_needed()
        fill_field(needs, "text", first)
        press(needs, "priority", "high")
        click_save(needs)

        pick(needs, "New need or aspiration")
        expect_value(needs, "text", "")
        fill_field(needs, "text", second)
        press(needs, "horizon", "Future aspiration (one to three years)")
        press(needs, "priority", "low")
        click_save(needs)

        fill_field(needs, "text", "typed but never saved")  # an unsaved change
        pick(needs, first)
        expect_value(needs, "text", first)
        assert first in picked(needs)
        nb02.shot(needs, "02-needsform")

    saved = stored(jupyter_server, Need)
    a, b = only(saved, lambda n: n.text == first), only(saved, lambda n: n.text == second)
    assert (a.horizon, a.priority) == ("current need", "high")
    assert (b.horizon, b.priority) == ("future aspiration", "low")
    assert revisions(jupyter_server, a) == revisions(jupyter_server, b) == 1
    assert not [n for n in saved if n.text == "typed but never saved"]


def test_networks_form_keeps_two_networks_apart(nb02: Session, jupyter_server: Server
                                                ) -> None:
    first, second = f"Chartered Institute {UID}", f"Chamber of Commerce {UID}"
    with nb02.step("networks"):
        networks = form(nb02.page, "networksform")
        networks.scroll_into_view_if_needed()
        fill_field(networks, "name", first)
        pick(networks, "professional body", "kind")
        fill_field(networks, "yearly_cost", "245")
        benefit = networks.locator(".nk-benefit").first
        benefit.locator("textarea").fill("Branch events on compliance")
        tick(benefit, "N1 ")  # the current need the needs test saved
        click_save(networks)

        pick(networks, "New network")
        expect_value(networks, "name", "")
        fill_field(networks, "name", second)
        pick(networks, "local business group", "kind")
        fill_field(networks, "yearly_cost", "120")
        click_save(networks)

        fill_field(networks, "yearly_cost", "999")  # unsaved
        pick(networks, first)
        expect_value(networks, "name", first)
        expect_value(networks, "yearly_cost", "245")
        nb02.shot(networks, "02-networksform")

    saved = stored(jupyter_server, Network)
    a, b = only(saved, lambda n: n.name == first), only(saved, lambda n: n.name == second)
    assert (a.kind, a.yearly_cost) == ("professional body", 245)
    assert [x.text for x in a.benefits] == ["Branch events on compliance"]
    assert len(a.benefits[0].serves) == 1
    assert (b.kind, b.yearly_cost, b.benefits) == ("local business group", 120, [])
    assert revisions(jupyter_server, a) == revisions(jupyter_server, b) == 1


def test_criteria_form_keeps_two_criteria_apart(nb02: Session, jupyter_server: Server
                                                ) -> None:
    first, second = f"Fit with needs {UID}", f"Cost {UID}"
    with nb02.step("criteria"):
        criteria = form(nb02.page, "criteriaform")
        criteria.scroll_into_view_if_needed()
        fill_field(criteria, "name", first)
        fill_field(criteria, "weight", "5")
        click_save(criteria)

        pick(criteria, "New criterion")
        expect_value(criteria, "name", "")
        fill_field(criteria, "name", second)
        fill_field(criteria, "weight", "2")
        press(criteria, "direction", "less is better")
        click_save(criteria)

        # Move a weight slider of the shortlist form (arrives on the kernel's subshell
        # thread), then pick the first criterion (another thread's event).
        from playwright.sync_api import expect

        shortlist = form(nb02.page, "shortlistform")
        expect(shortlist.locator(".nk-weights, .nk-field-weights")).to_contain_text(second)
        slider = shortlist.locator(".nk-weight .noUi-handle").first
        slider.scroll_into_view_if_needed()
        slider.focus()
        slider.press("ArrowRight")
        criteria.scroll_into_view_if_needed()
        pick(criteria, first)
        expect_value(criteria, "name", first)
        expect_value(criteria, "weight", "5")
        nb02.shot(criteria, "02-criteriaform")

    saved = stored(jupyter_server, ShortlistCriterion)
    a, b = only(saved, lambda c: c.name == first), only(saved, lambda c: c.name == second)
    assert (a.weight, a.direction) == (5, "more is better")
    assert (b.weight, b.direction) == (2, "less is better")
    assert revisions(jupyter_server, a) == revisions(jupyter_server, b) == 1


def test_assessment_form_keeps_two_assessments_apart(nb02: Session, jupyter_server: Server
                                                     ) -> None:
    from playwright.sync_api import expect

    from netkit.model import Assessment

    with nb02.step("assessment"):
        assess = form(nb02.page, "assessmentform")
        assess.scroll_into_view_if_needed()
        for name, why, judgement in ((SEED_A, f"Worth it {UID}", "join"),
                                     (SEED_B, f"Too far away {UID}", "not now")):
            pick(assess, name, "network")
            expect_value(assess, "justification", "")  # a fresh assessment is on show
            item = assess.locator(".nk-item input[type=text]").first
            expect(item).to_have_value("")
            item.fill(f"Benefit of {name}")
            item.press("Tab")
            fill_field(assess, "criteria_used", "Fit with needs, Cost")
            press(assess, "judgement", judgement)
            fill_field(assess, "justification", why)
            click_save(assess)

        fill_field(assess, "justification", "unsaved second thoughts")
        pick(assess, SEED_A, "network")
        expect_value(assess, "justification", f"Worth it {UID}")
        assert SEED_A in picked(assess, "network")
        nb02.shot(assess, "02-assessmentform")

    saved = stored(jupyter_server, Assessment)
    a = only(saved, lambda x: x.network == f"seed-a-{UID}")
    b = only(saved, lambda x: x.network == f"seed-b-{UID}")
    assert (a.judgement, a.justification) == ("join", f"Worth it {UID}")
    assert (b.judgement, b.justification) == ("not now", f"Too far away {UID}")
    assert [(i.type, i.text) for i in a.items] == [("benefit", f"Benefit of {SEED_A}")]
    assert [(i.type, i.text) for i in b.items] == [("benefit", f"Benefit of {SEED_B}")]
    assert revisions(jupyter_server, a) == revisions(jupyter_server, b) == 1


def test_a_saved_and_reopened_notebook_shows_static_answers(nb02: Session,
                                                            jupyter_server: Server) -> None:
    save_and_reopen(nb02, jupyter_server, "reopen-02", saved=f"Chartered Institute {UID}",
                    shows=(f"Learn tachograph rules {UID}", f"Chartered Institute {UID}"),
                    shot="02-reopened")


# -- notebook 04 ------------------------------------------------------------------------

def test_witness_form_keeps_two_testimonies_apart(nb04: Session, jupyter_server: Server
                                                  ) -> None:
    first, second = f"Mark Ellis {UID}", f"Dana Okoro {UID}"
    with nb04.step("witness"):
        witness = form(nb04.page, "witnessform")
        witness.scroll_into_view_if_needed()
        fill_field(witness, "name", first)
        fill_field(witness, "statement", "Introduced our IT manager to a peer at CILT.")
        fill_field(witness, "date", "28/11/2026")
        tick(witness, "2.1 ", "criteria")
        tick(witness, "3.7 ", "criteria")
        click_save(witness)
        expect_value(witness, "date", "28 Nov 2026")

        pick(witness, "New witness testimony")
        expect_value(witness, "name", "")
        fill_field(witness, "name", second)
        fill_field(witness, "statement", "Ran the cross-site forum with me.")
        fill_field(witness, "date", "3 Nov 2025")
        tick(witness, "2.2 ", "criteria")
        click_save(witness)

        fill_field(witness, "statement", "unsaved")
        pick(witness, first)
        expect_value(witness, "name", first)
        expect_value(witness, "date", "28 Nov 2026")
        nb04.shot(witness, "04-witnessform")

    saved = stored(jupyter_server, Witness)
    a, b = only(saved, lambda x: x.name == first), only(saved, lambda x: x.name == second)
    assert (a.date, a.criteria) == ("2026-11-28", ["2.1", "3.7"])
    assert (b.date, b.criteria) == ("2025-11-03", ["2.2"])
    assert b.statement == "Ran the cross-site forum with me."
    assert revisions(jupyter_server, a) == revisions(jupyter_server, b) == 1


def test_discussion_form_keeps_two_discussions_apart(nb04: Session, jupyter_server: Server
                                                     ) -> None:
    first, second = f"Shortlisting criteria {UID}", f"Confidentiality {UID}"
    yesterday = dt.date.today() - dt.timedelta(days=1)
    with nb04.step("discussion"):
        talk = form(nb04.page, "discussionform")
        talk.scroll_into_view_if_needed()
        fill_field(talk, "date", yesterday.strftime("%d/%m/%Y"))
        fill_field(talk, "topics", first)
        tick(talk, "2.2 ", "criteria")
        click_save(talk)

        pick(talk, "New professional discussion")
        expect_value(talk, "topics", "")
        fill_field(talk, "topics", second)
        fill_field(talk, "date", "14 October 2025")
        tick(talk, "3.4 ", "criteria")
        click_save(talk)

        tick(talk, "1.1 ", "criteria")  # unsaved
        pick(talk, first)
        expect_value(talk, "topics", first)
        nb04.shot(talk, "04-discussionform")

    saved = stored(jupyter_server, Discussion)
    a, b = only(saved, lambda x: x.topics == first), only(saved, lambda x: x.topics == second)
    assert (a.date, a.criteria) == (yesterday.isoformat(), ["2.2"])
    assert (b.date, b.criteria) == ("2025-10-14", ["3.4"])
    assert revisions(jupyter_server, a) == revisions(jupyter_server, b) == 1


def test_the_log_console_check_sees_a_widget_error(nb04: Session) -> None:
    """The check above is not blind: an exception in a widget callback is counted."""
    from playwright.sync_api import expect

    page = nb04.page
    last = page.locator(".jp-NotebookPanel .jp-Cell").last
    last.scroll_into_view_if_needed()
    last.click()
    page.keyboard.press("Escape")
    page.keyboard.press("b")  # a new code cell below
    page.keyboard.press("Enter")
    page.keyboard.type("import ipywidgets as w\nboom = w.Button(description='Boom')\n"
                       "boom.on_click(lambda _b: 1 / 0)\nboom")
    page.keyboard.press("Shift+Enter")
    button = page.get_by_role("button", name="Boom")
    button.click()
    expect(page.locator(".jp-LogConsoleStatusItem")).to_contain_text(re.compile(r"\d"))
    entries = log_console(page)
    assert any("ZeroDivisionError" in e for e in entries), entries
