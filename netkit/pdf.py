"""Exported HTML pages to PDF, with ONE headless Chromium for the whole export.

Starting Chromium is most of the cost of printing a page, so :class:`Printer` starts it
once (through Playwright, driving the system's Chromium: nothing is downloaded) and prints
every file in a page of its own, with JavaScript off and the network unreachable. Page size,
margins, running headers and page numbers come from each file's CSS ``@page`` rules.

playwright is imported inside :meth:`Printer.start`; pypdf (reading where references were
printed, :func:`ref_pages`) inside the function that uses it.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import time
from pathlib import Path
from types import TracebackType
from typing import Any

from .exceptions import ExportError, PrintError

__all__ = ["PDF_TIMEOUT", "PrintQueue", "Printer", "find_chromium", "print_html", "ref_pages"]

PDF_TIMEOUT = 180  # seconds for one file; a print that takes longer has hung
_CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
                   "chrome")
_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--disable-extensions", "--disable-default-apps"]


def find_chromium() -> str:
    """The Chromium (or Chrome) to print PDFs with: $NETKIT_CHROMIUM, else on the PATH."""
    chosen = os.environ.get("NETKIT_CHROMIUM")
    if chosen:
        if shutil.which(chosen):
            return str(shutil.which(chosen))
        raise ExportError(f"NETKIT_CHROMIUM is set to {chosen!r}, which is not a program "
                          "this computer can run. Fix or unset it.")
    for name in _CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise ExportError(
        "printing PDFs needs the Chromium browser, which is not installed. On Debian or "
        "Ubuntu run: sudo apt-get install chromium (on other systems install Chromium or "
        "Google Chrome, or set NETKIT_CHROMIUM to its path). Or export HTML only with "
        "--format html.")


_REF_DESTINATION = re.compile(r"/?ref-(E[1-9][0-9]*)")  # render.ref_anchor's names


def ref_pages(pdf: Path) -> dict[str, int]:
    """The page (from 1) of a printed file where each evidence reference's record is.

    Every reference in a static copy links to itself (:func:`netkit.render.stamp_html`),
    and Chromium writes each linked anchor into the PDF as a named destination with its
    page: reading those back is exact (a learner's answer citing "E7" is not the record
    E7) and takes milliseconds, where extracting every page's text took seconds.
    """
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    found: dict[str, int] = {}
    try:
        reader = PdfReader(pdf)
        for name, destination in reader.named_destinations.items():
            match = _REF_DESTINATION.fullmatch(str(name))
            page = reader.get_destination_page_number(destination) if match else None
            if match is not None and page is not None:
                found[match[1]] = page + 1
    except (OSError, PdfReadError) as exc:
        raise PrintError(pdf.name, f"its pages cannot be read back ({exc})") from None
    return found


class Printer:
    """One headless Chromium that prints HTML files to PDF; use ``async with``."""

    def __init__(self, chromium: str) -> None:
        self.chromium = chromium
        self._playwright: Any = None
        self._browser: Any = None
        self._context: Any = None

    async def start(self) -> None:
        """Start Chromium (once)."""
        from playwright.async_api import Error, async_playwright

        try:
            self._playwright = await async_playwright().start()
            self._browser = await self._playwright.chromium.launch(
                executable_path=self.chromium, args=_ARGS, headless=True,
                timeout=PDF_TIMEOUT * 1000)
            self._context = await self._browser.new_context(java_script_enabled=False,
                                                            offline=True)
        except Error as exc:
            await self.close()
            raise ExportError(f"cannot start Chromium ({self.chromium}): "
                              f"{_first_line(exc)}. Install it with: sudo apt-get install "
                              "chromium, or export HTML only with --format html.") from None

    async def print(self, source: Path, target: Path) -> None:
        """Print the HTML file ``source`` to the PDF file ``target``."""
        from playwright.async_api import Error

        page = await self._context.new_page()
        try:
            await page.goto(source.as_uri(), wait_until="load", timeout=PDF_TIMEOUT * 1000)
            # tagged: a structure tree and the page's <html lang> as /Lang, for screen
            # readers; outline: bookmarks from the headings (the <title> is /Title)
            await page.pdf(path=str(target), prefer_css_page_size=True,
                           print_background=True, tagged=True, outline=True)
        except Error as exc:
            raise PrintError(target.name, _first_line(exc)) from None
        finally:
            await page.close()
        if not target.is_file() or target.stat().st_size == 0:
            raise PrintError(target.name, "it wrote an empty file")

    async def close(self) -> None:
        """Stop Chromium; safe to call twice and after a failed start."""
        browser, playwright = self._browser, self._playwright
        self._browser = self._playwright = self._context = None
        # Either may have stopped already: Ctrl-C in a terminal reaches Chromium too.
        with contextlib.suppress(Exception):
            if browser is not None:
                await browser.close()
        with contextlib.suppress(Exception):
            if playwright is not None:
                await playwright.stop()

    async def __aenter__(self) -> Printer:
        await self.start()
        return self

    async def __aexit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self.close()


class PrintQueue:
    """Prints files as they are handed in, while Chromium starts in the background.

    ``seconds`` is the time spent printing, summed over files. Use ``async with``; leaving
    it cancels what is still printing and stops Chromium.
    """

    def __init__(self, chromium: str) -> None:
        self.printer = Printer(chromium)
        self.seconds = 0.0
        self._started: asyncio.Future[None] | None = None
        self._jobs: list[asyncio.Future[None]] = []

    def add(self, source: Path, target: Path) -> None:
        """Print ``source`` to ``target`` as soon as Chromium is ready."""
        if self._started is None:
            self._started = asyncio.ensure_future(self.printer.start())
        started = self._started

        async def job() -> None:
            await started
            begun = time.perf_counter()
            await self.printer.print(source, target)
            self.seconds += time.perf_counter() - begun

        self._jobs.append(asyncio.ensure_future(job()))

    async def finish(self) -> None:
        """Wait for every print; the first failure is raised."""
        if self._jobs:
            await asyncio.gather(*self._jobs)

    async def __aenter__(self) -> PrintQueue:
        self._started = asyncio.ensure_future(self.printer.start())
        return self

    async def __aexit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        pending = [*self._jobs, *([self._started] if self._started else [])]
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        await self.printer.close()


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "message", "") or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def print_html(html: str, target: Path, chromium: str | None = None) -> None:
    """Print one HTML document to the PDF file ``target`` (a command's single document,
    such as the assessment decision record), with the same Chromium and settings as an
    export. Works from a notebook too: Chromium is driven from a thread of its own."""
    import concurrent.futures
    import tempfile

    executable = chromium or find_chromium()
    with tempfile.TemporaryDirectory(prefix="netkit-pdf-") as tmp:
        source = Path(tmp) / f"{target.stem}.html"
        source.write_text(html, encoding="utf-8")

        async def run() -> None:
            async with Printer(executable) as printer:
                await printer.print(source, target)

        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, run()).result()
