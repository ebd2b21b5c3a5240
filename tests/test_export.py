"""``netkit export``: HTML and PDF evidence that is self-contained, private by default and safe.

The example learner is exported a few times in all (module-scoped fixtures): once with the
defaults to HTML and PDF, once through the command line with ``--no-redact
--pseudonymise``, and a few small exports of a throw-away workbook for the error paths.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import hashlib
import html
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, NamedTuple

import nbformat
import pytest

from netkit.cli import load_example
from netkit.exceptions import ExportError
from netkit.export import ExportResult, NotebookFailedError, export
from netkit.model import Discussion, Learner, Witness
from netkit.pack import EXAMPLE_STAMP
from netkit.store import Portfolio

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
EMAIL = "sam.whitfield@example.org"  # the example learner's contact
PHONE = "0113 496 0123"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
STATEMENT = "Priya rang our supplier and shared the branch survey with us."

Run = Any  # conftest.Run: code, out, err


class Done(NamedTuple):
    """A finished ``python -m netkit`` run."""

    code: int
    out: str
    err: str


def words(text: str) -> str:
    return " ".join(text.split())


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                          text=True, check=True, timeout=60)
    return done.stdout


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example learner, with a contact's details and markup typed into answers."""
    path = tmp_path_factory.mktemp("example") / "portfolio.sqlite"
    with Portfolio.open(path) as portfolio:
        load_example(portfolio)
        portfolio.save(Witness(
            id="w-test", name="Dana Kerr", role="Transport planner", relationship="Colleague",
            date="2025-10-01", criteria=["3.3"],
            statement=f"{SCRIPT} {STATEMENT} Contact: {EMAIL}, {PHONE}."))
        portfolio.save(Discussion(id="d-test", date="2025-11-04", topics=IMG,
                                  criteria=["3.2"], notes="Typed as an answer."))
        learner = portfolio.load(Learner)
        assert learner is not None
        learner.role = IMG
        portfolio.save(learner)
        assert EMAIL in json.dumps(portfolio.dump())
    return path


@pytest.fixture(scope="module")
def default_export(example: Path, tmp_path_factory: pytest.TempPathFactory) -> ExportResult:
    """Every workbook notebook and the pack, HTML and PDF, default privacy."""
    out = tmp_path_factory.mktemp("default") / "export"
    return export(example, out=out, formats=("html", "pdf"), root=REPO, progress=False)


def html_files(result: ExportResult) -> list[Path]:
    return [p for p in result.files if p.suffix == ".html"]


def pdf_files(result: ExportResult) -> list[Path]:
    """The PDFs netkit printed (not the learner's attachments, copied as they are)."""
    return [p for p in result.files if p.suffix == ".pdf" and p.parent == result.folder]


def relative(result: ExportResult) -> set[str]:
    """Every file the export wrote, as its path in the export folder."""
    return {p.relative_to(result.folder).as_posix() for p in result.files}


def test_export_writes_html_pdf_pack_and_manifest(default_export: ExportResult) -> None:
    names = {p.name for p in default_export.files}
    stems = [Path(n).stem for n in default_export.notebooks]
    assert "00-start-here" in stems and "04-evidence" in stems
    for stem in [*stems, "evidence-pack"]:
        assert {f"{stem}.html", f"{stem}.pdf"} <= names
    assert "manifest.json" in names
    on_disk = {p.relative_to(default_export.folder).as_posix()
               for p in default_export.folder.rglob("*") if p.is_file()}
    assert on_disk == relative(default_export)
    # the example learner's attachments, copied as attached
    assert {n for n in on_disk if n.startswith("attachments/")} == {
        "attachments/E1-witness-statement-mark-ellis-signed.pdf",
        "attachments/E2-professional-discussion-2025-11-03.pdf"}


# -- private by default ---------------------------------------------------------------------

def test_default_html_and_pdf_leave_out_contacts_details(default_export: ExportResult) -> None:
    for path in html_files(default_export):
        text = html.unescape(path.read_text("utf-8"))
        assert EMAIL not in text, path.name
        assert PHONE not in text and PHONE.replace(" ", "") not in text, path.name
        assert "linkedin.com/in/" not in text, path.name
    for path in pdf_files(default_export):
        text = pdf_text(path)
        assert EMAIL not in text and PHONE not in words(text), path.name
    evidence = html.unescape(
        (default_export.folder / "04-evidence.html").read_text("utf-8"))
    assert "Contact: [e-mail removed], [phone removed]." in evidence
    assert "Joanne Pryce" not in evidence  # a confidential contact
    assert "Privacy of this export:" in evidence


def test_no_redact_includes_them_after_a_warning(no_redact: tuple[Run, Path]) -> None:
    run, out = no_redact
    assert run.code == 0, run.err
    assert "Warning: --no-redact" in run.err and "personal data" in words(run.err)
    page = html.unescape((out / "04-evidence.html").read_text("utf-8"))
    assert EMAIL in page and PHONE in page
    assert EMAIL in pdf_text(out / "04-evidence.pdf")
    # --pseudonymise: the contact mentioned in the discussion notes shows as initials.
    assert "with S.W. at the CILT branch" in words(page)
    assert "Sam Whitfield" not in page
    assert "Privacy: not redacted" in words(run.out)


# -- self-contained, readable, safe ----------------------------------------------------------

class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.scripts += tag == "script"
        self.urls += [value or "" for name, value in attrs
                      if name in {"src", "href", "srcset", "action", "poster", "data"}]


def test_every_src_and_href_is_local(default_export: ExportResult) -> None:
    for path in html_files(default_export):
        text = path.read_text("utf-8")
        parser = _Links()
        parser.feed(text)
        assert parser.scripts == 0, f"{path.name} has a <script>"
        css_urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", text)
        for url in [*parser.urls, *css_urls]:
            assert not re.match(r"^\s*([a-z][a-z0-9+.-]*:|//)", url, re.IGNORECASE) \
                or url.startswith("data:"), f"{path.name} refers to {url[:80]}"
        # no MathJax and no require.js (CDN scripts); the class netkit's HTML carries
        # for a notebook's MathJax to skip it ("mathjax_ignore") is no script
        code = re.sub(r'\bclass="[^"]*"', "", text).lower()
        assert "mathjax" not in code and "require.js" not in code
        assert "Content-Security-Policy" in text


def with_browser(job: Callable[[Any], None]) -> None:
    """Run ``job(browser)`` with headless Debian Chromium, in a thread of its own.

    Playwright's sync API will not start in a thread where an event loop runs, as it does
    while the e2e tests' session browser is open.
    """
    if not Path(CHROMIUM).exists():
        pytest.skip("no chromium (sudo apt-get install chromium)")

    def run() -> None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"],
                headless=True)
            try:
                job(browser)
            finally:
                browser.close()

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(run).result()


def test_typed_markup_shows_as_text_and_runs_nothing(default_export: ExportResult) -> None:
    def check(browser: Any) -> None:
        for path in html_files(default_export):
            context = browser.new_context()
            dialogs: list[str] = []
            requests: list[str] = []
            page = context.new_page()
            page.on("dialog", lambda d, seen=dialogs: (seen.append(d.message), d.dismiss()))
            page.on("request", lambda r, seen=requests: seen.append(r.url))
            page.goto(path.as_uri(), wait_until="load")
            page.wait_for_timeout(300)
            body = page.inner_text("body")
            context.close()
            assert dialogs == [], f"{path.name} ran a script: {dialogs}"
            assert all(u.startswith(("file:", "data:")) for u in requests), requests
            if path.stem in {"04-evidence", "evidence-pack"}:
                assert SCRIPT in body and IMG in body, path.name

    with_browser(check)


def test_readable_with_javascript_off(default_export: ExportResult) -> None:
    expected = {
        "00-start-here": ["Priya Shah", "Northgate Logistics Ltd (fictional)"],
        "02-identify-networks": ["Chartered Institute of Logistics and Transport (CILT UK)"],
        "04-evidence": ["Mark Ellis (fictional)", STATEMENT,
                        "The criteria I used to shortlist networks and their weights",
                        "Name (typed by the learner): Priya Shah"],
        "evidence-pack": ["Priya Shah", "J/506/1949", "Mark Ellis (fictional)", STATEMENT,
                          "Assessor signature"],
    }

    def check(browser: Any) -> None:
        context = browser.new_context(java_script_enabled=False)
        try:
            for path in html_files(default_export):
                page = context.new_page()
                page.goto(path.as_uri(), wait_until="load")
                body = words(page.inner_text("body"))
                for text in expected.get(path.stem, []):
                    assert text in body, f"{path.name} does not show {text!r} without JS"
                page.close()
        finally:
            context.close()

    with_browser(check)


def test_typed_markup_is_text_in_the_pdf(default_export: ExportResult) -> None:
    for stem in ("04-evidence", "evidence-pack"):
        text = words(pdf_text(default_export.folder / f"{stem}.pdf"))
        assert SCRIPT in text and IMG in text, stem


def test_every_pdf_page_is_stamped_headed_and_numbered(default_export: ExportResult) -> None:
    for path in pdf_files(default_export):
        pages = pdf_text(path).split("\f")
        if not pages[-1].strip():
            pages.pop()
        assert pages, path.name
        for number, page in enumerate(pages, start=1):
            text = words(page)
            assert EXAMPLE_STAMP in text, f"{path.name} page {number} has no stamp"
            assert "Priya Shah - J/506/1949" in text, f"{path.name} page {number}"
            assert f"Page {number} of {len(pages)}" in text, f"{path.name} page {number}"


def test_manifest_has_the_sha256_of_every_file(default_export: ExportResult) -> None:
    manifest = json.loads(default_export.manifest.read_text("utf-8"))
    assert manifest["unit"] == "J/506/1949" and manifest["example"] is True
    assert manifest["learner"] == "Priya Shah"
    written = relative(default_export) - {"manifest.json"}
    assert set(manifest["files"]) == written
    for name, entry in manifest["files"].items():
        data = (default_export.folder / name).read_bytes()
        assert entry == {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}


def test_jupyterlabs_own_html_export_shows_answers_as_static_text(
        example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """File > Save and Export Notebook As > HTML: nbconvert's lab template on the saved file.

    JupyterLab saves no widget state by default ("Save Widget State Automatically" is off),
    so each form shows its static text/html. That route does not redact.
    """
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    monkeypatch.setenv("NETKIT_PORTFOLIO", str(example))
    path = REPO / "notebooks" / "04-evidence.ipynb"
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, kernel_name="python3", store_widget_state=False,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    page, _ = HTMLExporter().from_notebook_node(nb)
    static = re.sub(r"<script\b.*?</script>", " ", page, flags=re.DOTALL)
    text = words(html.unescape(re.sub(r"<[^>]+>", " ", static)))
    for answer in ("Mark Ellis (fictional)", STATEMENT, "Name (typed by the learner): "
                   "Priya Shah", "The criteria I used to shortlist networks"):
        assert answer in text
    assert EMAIL in text  # no privacy step on this route: the README says so


# -- failures leave earlier outputs in place -------------------------------------------------

@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A throw-away workbook: the start notebook, and a notebook whose third cell fails."""
    root = tmp_path_factory.mktemp("workbook")
    (root / "notebooks").mkdir()
    shutil.copy(REPO / "notebooks" / "00-start-here.ipynb", root / "notebooks")
    cells = [nbformat.v4.new_markdown_cell("# Broken"),
             nbformat.v4.new_code_cell("portfolio_path = None",
                                       metadata={"tags": ["parameters"]}),
             nbformat.v4.new_code_cell("raise ValueError('deliberately broken')")]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), root / "notebooks" / "01-broken.ipynb")
    return root


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_failing_notebook_is_named_and_earlier_outputs_stay(example: Path, workbook: Path,
                                                              tmp_path: Path) -> None:
    out = tmp_path / "exports" / "today"
    export(example, out=out, formats=("html",), notebooks=["00"], root=workbook,
           progress=False)
    before = snapshot(out)
    assert "00-start-here.html" in before
    with pytest.raises(NotebookFailedError) as failed:
        export(example, out=out, formats=("html",), root=workbook, progress=False)
    assert (failed.value.notebook, failed.value.cell) == ("01-broken.ipynb", 3)
    assert "ValueError: deliberately broken" in str(failed.value)
    assert snapshot(out) == before
    assert [p.name for p in out.parent.iterdir()] == ["today"]  # no staging folder left


@pytest.mark.parametrize("kernels", [1, 2])
def test_notebooks_sharing_a_kernel_run_as_on_their_own(
        example: Path, workbook: Path, tmp_path: Path, kernels: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A kernel runs several notebooks, its names cleared in between: a notebook never sees
    the one before's variables, and a failure names the learner's own cell number."""
    monkeypatch.setattr(os, "cpu_count", lambda: kernels)
    workbook = shutil.copytree(workbook, tmp_path / "workbook")
    # The larger notebook runs first in a kernel: 03 before 05 when they share one.
    (workbook / "notebooks" / "03-leaky.ipynb").write_text(json.dumps({
        "nbformat": 4, "nbformat_minor": 5, "metadata": {},
        "cells": [{"cell_type": "markdown", "id": "m", "metadata": {}, "source": "x" * 5000},
                  {"cell_type": "code", "id": "a", "metadata": {}, "outputs": [],
                   "execution_count": None, "source": "leftover = 'from 03'"}]}))
    (workbook / "notebooks" / "05-checks.ipynb").write_text(json.dumps({
        "nbformat": 4, "nbformat_minor": 5, "metadata": {},
        "cells": [{"cell_type": "markdown", "id": "m", "metadata": {}, "source": "# Checks"},
                  {"cell_type": "code", "id": "b", "metadata": {}, "outputs": [],
                   "execution_count": None,
                   "source": "assert 'leftover' not in dir(), 'state leaked'\n"
                             "raise ValueError('second cell fails')"}]}))
    with pytest.raises(NotebookFailedError) as failed:
        export(example, out=tmp_path / "out", formats=("html",), root=workbook,
               notebooks=["01", "03", "05"], progress=False)
    # 01-broken fails first in order; run alone, the others still meet their own errors
    assert failed.value.notebook == "01-broken.ipynb"
    with pytest.raises(NotebookFailedError) as failed:
        export(example, out=tmp_path / "out", formats=("html",), root=workbook,
               notebooks=["03", "05"], progress=False)
    assert (failed.value.notebook, failed.value.cell) == ("05-checks.ipynb", 2)
    assert "ValueError: second cell fails" in str(failed.value)  # not "state leaked"


# -- the command line ------------------------------------------------------------------------

@pytest.fixture
def cli(run_cli: Callable[..., Run], example: Path, workbook: Path,
        monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    """``netkit export ...`` in the throw-away workbook, on the example portfolio."""
    monkeypatch.chdir(workbook)
    return lambda *args, **kw: run_cli("export", "--portfolio", str(example), *args, **kw)


@pytest.fixture(scope="module")
def no_redact(example: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Run, Path]:
    """``netkit export --no-redact --pseudonymise`` of notebook 04, run as a real command."""
    out = tmp_path_factory.mktemp("open") / "export"
    done = subprocess.run(
        [sys.executable, "-m", "netkit", "export", "--portfolio", str(example), "--out",
         str(out), "--notebooks", "04", "--no-redact", "--pseudonymise"],
        capture_output=True, text=True, cwd=REPO, timeout=300, check=False,
        env={**os.environ, "NETKIT_ACTOR": "tester"})
    return Done(done.returncode, done.stdout, done.stderr), out


ATTACHMENTS_WARNING = "Warning: Attachments are not redacted"


def assert_one_paragraph_error(run: Run, *phrases: str) -> None:
    assert run.code == 2, (run.out, run.err)
    assert "Traceback" not in run.err
    message = run.err.strip()
    # The example learner's attachments are announced before the export runs (a warning,
    # never redacted); the error follows it.
    if message.startswith(ATTACHMENTS_WARNING):
        message = message[message.index("netkit export: "):]
    assert message.startswith("netkit export: ") and "\n\n" not in message
    for phrase in phrases:
        assert phrase in words(message), message


def test_cli_writes_to_exports_today_in_the_workbook(cli: Callable[..., Run],
                                                     workbook: Path) -> None:
    run = cli("--format", "html", "--notebooks", "00-start-here")
    assert run.code == 0, run.err
    folder = workbook / "exports" / dt.date.today().isoformat()
    assert sorted(p.name for p in folder.iterdir()) == [  # the example's agreement too
        "00-start-here.html", "agreement-1.html", "attachments", "evidence-pack.html",
        "manifest.json"]
    assert str(folder) in run.out and "Privacy: contacts' e-mail addresses" in words(run.out)
    # No progress bars when stderr is not a terminal: only the warning that the example's
    # two attachments are copied as attached, then their list on the output.
    assert run.err.startswith(ATTACHMENTS_WARNING) and "\n\n" not in run.err.strip()
    assert "E1 witness-statement-mark-ellis-signed.pdf" in words(run.err)
    assert "Attachments (never redacted):" in run.out


@pytest.mark.parametrize(("args", "phrases"), [
    (("--format", "docx"), ["--format: docx is not a format", "html, pdf"]),
    (("--notebooks", "99-nothing"), ["'99-nothing' is not a notebook", "00-start-here.ipynb"]),
    (("--out", "/proc/netkit-cannot-write-here"), ["cannot write to /proc"]),
])
def test_cli_errors_are_one_paragraph(cli: Callable[..., Run], args: tuple[str, ...],
                                      phrases: list[str]) -> None:
    assert_one_paragraph_error(cli("--notebooks", "00", *args), *phrases)


def test_cli_says_how_to_install_chromium(cli: Callable[..., Run], tmp_path: Path) -> None:
    run = cli("--format", "pdf", env={"PATH": str(tmp_path), "NETKIT_CHROMIUM": None})
    assert_one_paragraph_error(run, "sudo apt-get install chromium", "--format html")


def test_cli_names_the_failing_notebook_and_cell(cli: Callable[..., Run]) -> None:
    run = cli("--format", "html")
    assert_one_paragraph_error(run, "01-broken.ipynb failed at cell 3",
                               "ValueError: deliberately broken")


def test_cli_refuses_a_missing_portfolio(run_cli: Callable[..., Run], tmp_path: Path) -> None:
    run = run_cli("export", "--portfolio", str(tmp_path / "none.sqlite"), "--format", "html")
    assert_one_paragraph_error(run, "no portfolio")


def test_export_error_is_a_netkit_error() -> None:
    assert issubclass(NotebookFailedError, ExportError)


def test_netkit_exports_names_the_default_folder(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from netkit.export import default_out

    day = dt.date(2026, 11, 23)
    assert default_out(tmp_path, day) == tmp_path / "exports" / "2026-11-23"
    monkeypatch.setenv("NETKIT_EXPORTS", str(tmp_path / "shared"))
    assert default_out(tmp_path, day) == tmp_path / "shared" / "2026-11-23"


# -- pages an assessor reads -----------------------------------------------------------------

LEARNER_ONLY_TEXT = ("Re-run this cell", "Tick the formats", "Export my evidence",
                     "press Save", "Press Save", "and Save.")


def visible_text(page: str) -> str:
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.DOTALL)
    return words(html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_no_learner_only_instructions_or_controls_reach_an_export(
        default_export: ExportResult) -> None:
    """Cells tagged learner-only (and the export panel) are left out of HTML and PDF."""
    dropped: list[str] = []
    for stem in (Path(n).stem for n in default_export.notebooks):
        nb = nbformat.read(REPO / "notebooks" / f"{stem}.ipynb", as_version=4)
        for cell in nb.cells:
            if "learner-only" in cell.metadata.get("tags", []) and cell.cell_type == "markdown":
                first = re.split(r"(?<=[.:])\s", cell.source.strip().lstrip("#").strip())[0]
                dropped.append(words(re.sub(r"[*`]", "", first)))
    assert len(dropped) >= 8  # the generators tag them
    for path in default_export.files:
        if path.suffix not in {".html", ".pdf"}:
            continue
        text = visible_text(path.read_text("utf-8")) if path.suffix == ".html" \
            else words(pdf_text(path))
        for phrase in [*LEARNER_ONLY_TEXT, *dropped]:
            assert phrase not in text, f"{path.name} shows {phrase!r}"


def layout_pages(path: Path) -> list[list[str]]:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True, timeout=60)
    return [page.splitlines() for page in done.stdout.split("\f") if page.strip()]


_ROW = re.compile(r"^\s*[123]\.[1-7] \S.*\s(missing|partial|met)(\s|$)")
_HEAD = re.compile(r"\bCriterion\s+(Status|NOS)\s")


def test_a_table_split_over_pages_repeats_its_header(default_export: ExportResult) -> None:
    """Progress tables and the coverage grid: every page with rows shows the header first."""
    continued = 0
    for path in pdf_files(default_export):
        pages = layout_pages(path)
        with_rows = []
        for number, lines in enumerate(pages, start=1):
            rows = [n for n, line in enumerate(lines) if _ROW.search(line)]
            if not rows:
                continue
            heads = [n for n, line in enumerate(lines) if _HEAD.search(line)]
            assert heads and heads[0] < rows[0], \
                f"{path.name} page {number}: table rows without their header"
            with_rows.append(number)
        continued += sum(b == a + 1 for a, b in itertools.pairwise(with_rows))
    assert continued >= 2  # tables did run over pages (00's progress, the pack's grid)


PAGE_W, PAGE_H = 595.28, 841.89  # A4 in points
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_SIDE = 17 / 25.4 * 72, 16 / 25.4 * 72, 13 / 25.4 * 72


def test_no_table_runs_past_the_page_margin(default_export: ExportResult) -> None:
    for path in pdf_files(default_export):
        done = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                              text=True, check=True, timeout=60)
        for page, body in enumerate(done.stdout.split("<page ")[1:], start=1):
            for y_min, x_max, word in re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" '
                                                 r'xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<',
                                                 body):
                if MARGIN_TOP <= float(y_min) <= PAGE_H - MARGIN_BOTTOM:  # not the headers
                    assert float(x_max) <= PAGE_W - MARGIN_SIDE + 1, \
                        f"{path.name} page {page}: {word!r} runs past the right margin"


def page_fill(path: Path, tmp: Path) -> list[float]:
    """How far down its printable area each page is used (0 empty, 1 full), from images."""
    import numpy as np
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "30", "-gray", "-png", str(path), str(tmp / "p")],
                   check=True, timeout=120)
    fills = []
    for png in sorted(tmp.glob("p-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
        pixels = np.asarray(Image.open(png).convert("L"))
        top = int(len(pixels) * MARGIN_TOP / PAGE_H)
        bottom = int(len(pixels) * (PAGE_H - MARGIN_BOTTOM) / PAGE_H)
        inked = np.flatnonzero(pixels[top:bottom].min(axis=1) < 200)
        fills.append((int(inked[-1]) if inked.size else 0) / (bottom - top))
        png.unlink()
    return fills


DELIBERATE_BREAKS = ("Coverage of the assessment criteria", "Assessor sign-off")
CRITERION_SECTION = re.compile(r"\b[123]\.[1-7] [A-Z][a-z]")


def test_no_page_is_left_half_empty(default_export: ExportResult, tmp_path: Path) -> None:
    """Every page but the last is used at least 60% of the way down, unless a new section
    deliberately starts on the next page (the pack's coverage grid and sign-off)."""
    for path in pdf_files(default_export):
        fills = page_fill(path, tmp_path)
        pages = [words(p) for p in pdf_text(path).split("\f") if p.strip()]
        assert len(fills) == len(pages)
        for number, fill in enumerate(fills[:-1], start=1):
            if any(pages[number].find(h) != -1 and pages[number].find(h) < 200
                   for h in DELIBERATE_BREAKS):
                continue
            # A criterion's section (its heading kept with the criterion's panel) that does
            # not fit the rest of a page starts the next one: a page may end early for it,
            # but never less than half used.
            least = 0.45 if CRITERION_SECTION.search(pages[number][:200]) else 0.6
            assert fill >= least, f"{path.name} page {number} is only {fill:.0%} filled"


_OVERFLOW = """() => [...document.querySelectorAll('table')].flatMap(table => {
  const box = table.closest('.nk-panel, .jp-OutputArea-output, section, body');
  const inner = box.getBoundingClientRect().right
                - parseFloat(getComputedStyle(box).paddingRight);
  const over = Math.round(table.getBoundingClientRect().right - inner);
  return over > 1 ? [`${table.innerText.slice(0, 60)} (${over} px over)`] : [];
})"""


def test_no_table_runs_past_its_panel_in_print(default_export: ExportResult) -> None:
    """Laid out as printed on A4 (the PDF's width), every table fits inside its box."""
    content = round((PAGE_W - 2 * MARGIN_SIDE) * 96 / 72)  # CSS px of the printed width

    def check(browser: Any) -> None:
        page = browser.new_page(viewport={"width": content, "height": 1100})
        page.emulate_media(media="print")
        try:
            for path in html_files(default_export):
                page.goto(path.as_uri(), wait_until="load")
                over = page.evaluate(_OVERFLOW)
                assert over == [], f"{path.name}: {over}"
        finally:
            page.close()

    with_browser(check)
