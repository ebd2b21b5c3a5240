"""Forms driven from two threads, as ipykernel 7 drives them: widget value changes arrive
on a subshell thread, button clicks on the main thread."""

from __future__ import annotations

import threading

from netkit.model import Need
from netkit.store import Portfolio
from netkit.widgets import NeedsForm


def on_thread(action: object, *, wait: float | None = None) -> threading.Thread:
    """Run ``action`` on a new thread; join it (up to ``wait`` seconds)."""
    failures: list[BaseException] = []

    def run() -> None:
        try:
            action()  # type: ignore[operator]
        except BaseException as exc:  # re-raised on the test's thread
            failures.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(wait)
    thread.failures = failures  # type: ignore[attr-defined]
    return thread


def two_needs(portfolio: Portfolio) -> tuple[Need, Need]:
    return (portfolio.save(Need(text="Keep up with compliance rules", priority="high")),
            portfolio.save(Need(text="Become a chartered member", horizon="future aspiration",
                                priority="low")))


def test_a_pick_on_another_thread_shows_the_picked_record(portfolio: Portfolio) -> None:
    first, _ = two_needs(portfolio)
    form = NeedsForm(portfolio)
    thread = on_thread(lambda: setattr(form.picker, "value", first.id), wait=10)
    assert not thread.failures, thread.failures  # type: ignore[attr-defined]
    assert form.current == first.id
    assert form.fields["text"].value == first.text
    assert form.fields["priority"].value == "high"


def test_a_pick_made_while_the_form_fills_itself_is_not_lost(portfolio: Portfolio) -> None:
    """The race of the issue: the main thread is busy in select() (after a save) when the
    learner's pick arrives on the subshell thread. The pick must wait, then count; it used
    to be taken for the form's own change and dropped (the next Save then overwrote the
    record still on show)."""
    first, second = two_needs(portfolio)
    form = NeedsForm(portfolio)
    form.select(second.id)
    with form._hold():  # the main thread is filling the form
        picker = on_thread(lambda: setattr(form.picker, "value", first.id), wait=0.5)
        assert picker.is_alive(), "the pick did not wait for the form to finish filling"
    picker.join(10)
    assert not picker.is_alive()
    assert not picker.failures, picker.failures  # type: ignore[attr-defined]
    assert form.current == first.id
    assert form.fields["text"].value == first.text

    # Save now changes the picked record, and only it.
    form.fields["text"].value = "Keep up with compliance and safety rules"
    form.save()
    assert portfolio.load(Need, first.id).text == "Keep up with compliance and safety rules"
    assert portfolio.load(Need, second.id) == second


def test_saves_and_picks_on_two_threads_keep_every_record_apart(portfolio: Portfolio) -> None:
    """Main thread saves new needs while another thread keeps picking: every save writes
    exactly the record the form showed when Save was pressed."""
    first, second = two_needs(portfolio)
    form = NeedsForm(portfolio)
    stop = threading.Event()

    def keep_picking() -> None:
        while not stop.is_set():
            for key in (first.id, second.id, ""):
                form.picker.value = key

    picker = on_thread(keep_picking, wait=0)
    try:
        for n in range(20):
            with form.lock:  # one click: pick New, type, Save, as the browser would
                form.select("")
                form.fields["text"].value = f"Need number {n}"
                saved = form.save()
            assert saved.text == f"Need number {n}"
    finally:
        stop.set()
        picker.join(10)
    assert not picker.failures, picker.failures  # type: ignore[attr-defined]
    texts = sorted(n.text for n in portfolio.all(Need))
    assert texts == sorted([first.text, second.text, *(f"Need number {n}" for n in range(20))])
    assert portfolio.load(Need, first.id) == first
    assert portfolio.load(Need, second.id) == second
