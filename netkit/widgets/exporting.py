"""Export the evidence from inside JupyterLab: the ``netkit export`` command behind a button.

A learner who never opens a terminal can still hand in their evidence. The panel offers what
is safe to offer (formats, contacts' names as initials); including contacts' private details
(``--no-redact``) stays a deliberate command-line choice.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import ipywidgets as w

from ..exceptions import NetkitError
from ..render import STYLE, esc, note
from ..store import Portfolio, workbook_root
from .base import StaticTwin
from .events import listen

__all__ = ["ExportPanel"]

STATIC = ("Export your evidence from JupyterLab with the Export my evidence button here, or "
          "from a terminal with: netkit export")


class ExportPanel:
    """Formats, initials for contacts, a button; says where the files went, or what to fix."""

    def __init__(self, portfolio: Portfolio | None = None, *,
                 out: str | os.PathLike[str] | None = None) -> None:
        if portfolio is None:
            from .. import open_portfolio

            portfolio = open_portfolio()
        self.portfolio = portfolio
        self.out = out
        self.twin = StaticTwin(type(self).__name__)
        self.html_format = w.Checkbox(value=True, description="HTML", indent=False)
        self.pdf_format = w.Checkbox(value=True, description="PDF (printed by Chromium)",
                                     indent=False)
        self.initials = w.Checkbox(value=False, indent=False,
                                   description="show contacts' names as initials")
        self.button = w.Button(description="Export my evidence", icon="download",
                               button_style="primary", layout=w.Layout(width="220px"))
        self.button.add_class("nk-export")
        self.status = w.HTML()
        self.status.add_class("nk-status")
        # attachments are never redacted: said before the button, kept up to date
        self.warning = w.HTML(_attachments_warning(portfolio))
        self.warning.add_class("nk-attachments-warning")
        self.button.on_click(lambda _: self.run())
        self.widget = w.VBox([
            w.HTML(self.twin.hide_rule + STYLE + "<b>Export my evidence</b>"),
            w.HBox([self.html_format, self.pdf_format]), self.initials,
            self.warning, self.button, self.status])
        listen(self, self.widget)
        self.widget.add_class("nk-form")
        self.widget.add_class("nk-form-exportpanel")
        self.result: Any = None

    def portfolio_changed(self, kind: str) -> None:
        """An attachment saved or deleted elsewhere: say again what will be copied."""
        if kind == "attachment":
            self.warning.value = _attachments_warning(self.portfolio)

    def formats(self) -> list[str]:
        """The formats ticked."""
        return [name for name, box in (("html", self.html_format), ("pdf", self.pdf_format))
                if box.value]

    def run(self) -> Any:
        """Export as ``netkit export`` would; return its result, or None after an error."""
        from ..export import export

        formats = self.formats()
        if not formats:
            self.status.value = _error("Tick HTML, PDF or both.")
            return None
        self.button.disabled = True
        self.status.value = note("Exporting: each notebook runs afresh against a private "
                                 "copy of your portfolio. This takes a minute or so.")
        try:
            result = export(self.portfolio, out=self.out, formats=formats,
                            pseudonymise=self.initials.value, progress=False)
        except NetkitError as exc:
            self.status.value = _error(str(exc))
            return None
        finally:
            self.button.disabled = False
        self.result = result
        self.status.value = _done(result.folder, [Path(f) for f in result.files],
                                  result.redaction, pdf="pdf" in formats) \
            + _attached(result.attachments)
        return result

    def _ipython_display_(self) -> None:
        self.twin.show(self.widget, STYLE + note(STATIC))


def _shown(path: Path) -> tuple[str, bool]:
    """``path`` relative to the workbook folder where it lies inside it, and whether it does."""
    try:
        return str(path.resolve().relative_to(workbook_root().resolve())), True
    except ValueError:
        return str(path), False


def _attachments_warning(portfolio: Portfolio) -> str:
    """The warning before an export that copies attachments ("" when it copies none)."""
    from ..export_attachments import not_redacted_warning, planned

    text = not_redacted_warning(planned(portfolio, redact=True))
    return (f'<p class="nk-partial" style="padding:3px 6px">&#9888; {esc(text)}</p>'
            if text else "")


def _attached(items: list[Any]) -> str:
    """What the export did with each attachment (export_attachments.AttachmentFile)."""
    if not items:
        return ""
    lines = "".join(f"<li><code>{esc(a.line())}</code></li>" for a in items)
    return (note("Attachments (never redacted, copied exactly as attached):")
            + f'<ul style="margin:0">{lines}</ul>')


def _error(message: str) -> str:
    return f'<p class="nk-missing" style="padding:3px 6px">{esc(message)}</p>'


def _done(folder: Path, files: list[Path], redaction: str, *, pdf: bool) -> str:
    shown, inside = _shown(folder)
    where = " (in JupyterLab's file browser)" if inside else ""
    hand_in = ("<code>evidence-pack.pdf</code> and the notebooks' PDFs" if pdf else
               "<code>evidence-pack.html</code> and the notebooks' HTML files")
    names = "".join(f"<li><code>{esc(f.name)}</code></li>" for f in files)
    return (f'<p class="nk-met" style="padding:3px 6px">&#10003; Exported to '
            f"<code>{esc(shown)}</code>{where}. Hand in {hand_in}.</p>"
            f'<ul style="margin:0">{names}</ul>' + note(f"Privacy: {redaction}"))
