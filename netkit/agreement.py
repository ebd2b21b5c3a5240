"""A confidentiality agreement (criteria 3.4 and 3.5) as a formatted document for both
parties to read and sign: :func:`agreement_html` (a fragment, for notebooks) and
:func:`agreement_document` (a complete page to save, print or send). Everything the
learner typed is escaped.

Every export writes each agreement as a document of its own, ``agreement-<n>.html`` and
``.pdf`` (:func:`agreement_files` numbers them); the evidence pack and notebook 03 link
to them (:func:`file_note`). An export renders them from its redacted copy of the
portfolio, so the other party's name and details follow the export's privacy.
"""

from __future__ import annotations

from .lo3 import GUIDELINES, Agreement
from .model import Contact, Learner, Network, Records
from .render import esc, listed, show_date

__all__ = ["AGREEMENT_CSS", "agreement_document", "agreement_files", "agreement_html",
           "file_note"]

AGREEMENT_CSS = """
.nk-agreement { font-family: Georgia, 'Times New Roman', 'Liberation Serif', serif;
  color: #1f2430; max-width: 760px; border: 1px solid #c8ccd2; padding: 18px 26px;
  margin: 8px 0; line-height: 1.45; break-inside: auto; }
.nk-agreement :is(h1, h3) { text-align: center; margin: 0 0 4px 0; font-size: 1.35em; }
.nk-agreement .nk-sub { text-align: center; color: #596270; margin: 0 0 12px 0; }
.nk-agreement :is(h2, h4) { font-size: 1.1em; margin: 14px 0 4px 0;
  border-bottom: 1px solid #e1e4e8;
  break-after: avoid; page-break-after: avoid; }
.nk-agreement table { border-collapse: collapse; width: 100%; }
.nk-agreement td, .nk-agreement th { border: 1px solid #c8ccd2; padding: 4px 8px;
  vertical-align: top; text-align: left !important; }
.nk-agreement th { background: #f3f5f8; font-weight: 600; }
.nk-agreement .nk-missing { color: #b00020; font-style: italic; }
.nk-agreement .nk-signatures { display: flex; flex-wrap: wrap; gap: 14px 28px; }
.nk-agreement .nk-signature { box-sizing: border-box; flex: 0 1 calc(50% - 14px);
  min-width: 180px; border: 1px solid #8b929c; padding: 8px 12px;
  break-inside: avoid; page-break-inside: avoid; }
.nk-agreement .nk-signature p { margin: 2px 0 6px 0; }
.nk-agreement .nk-signature .nk-role { color: #596270; }
.nk-agreement .nk-signature .nk-line { border-bottom: 1px solid #1f2430; height: 2.4em;
  margin: 0 0 2px 0; }
.nk-agreement .nk-signature .nk-label { font-size: .85em; color: #596270; margin: 0 0 8px 0; }
.nk-agreement-file { font-size: .92em; margin: 2px 0 14px 0; }
.nk-agreement-file .nk-print-only { display: none; }
@media print {
  .nk-agreement-file .nk-screen-only { display: none; }
  .nk-agreement-file .nk-print-only { display: inline; }
}
body.nk-agreement-page { max-width: 50rem; margin: 0 auto; padding: 0 1.2rem 2rem; }
body.nk-agreement-page .nk-agreement { border: none; padding: 0; max-width: none;
  font-size: 1.02em; }
@media print { body.nk-agreement-page { max-width: none; padding: 0; } }
"""

FILE_STEM = "agreement-{number}"  # the name of each agreement's own file in an export


def _or_missing(text: str, what: str) -> str:
    return esc(text) if text else f'<span class="nk-missing">{esc(what)} not yet agreed</span>'


def _items(items: list[str], what: str) -> str:
    if not items:
        return f'<p class="nk-missing">{esc(what)}: none written.</p>'
    return "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>"


def _signature(name: str, where: str, agreed: str) -> str:
    """A signature block for one party: name, role, the date recorded, lines to sign."""
    recorded = (f"Agreed on {esc(show_date(agreed))} (as recorded)" if agreed
                else "Date agreed not yet recorded")
    return (f"<div class='nk-signature'><p><b>{esc(name)}</b>"
            + (f"<br><span class='nk-role'>{esc(where)}</span>" if where else "")
            + f"</p><p class='nk-role'>{recorded}</p>"
            "<div class='nk-line'></div><p class='nk-label'>Signature</p>"
            "<div class='nk-line'></div><p class='nk-label'>Date</p></div>")


def agreement_html(records: Records, agreement: Agreement, *, level: int = 3) -> str:
    """The agreement as a document fragment (styles included), for both parties; its
    title is a heading of ``level`` (3 in a notebook, 1 as a page of its own), its
    sections one level below."""
    learner = records.load(Learner)
    network = records.load(Network, agreement.network)
    members = [records.load(Contact, k) for k in agreement.members]
    parties = [(learner.name if learner and learner.name else "The learner",
                ", ".join(x for x in ((learner.role, learner.employer) if learner else ())
                          if x), agreement.learner_agreed)]
    parties += [(m.name, ", ".join(x for x in (m.role, m.organisation) if x),
                 agreement.members_agreed) for m in members if m is not None]
    guideline_rows = "".join(
        f"<tr><th style='width:34%'>{esc(label)}</th>"
        f"<td>{_or_missing(getattr(agreement, name), label)}</td></tr>"
        for name, label in GUIDELINES.items())
    confirmation = (f"<p><b>The other party's confirmation:</b> {esc(agreement.confirmation)}"
                    f"</p>" if agreement.confirmation else
                    '<p class="nk-missing">The other party\'s confirmation (an e-mail or '
                    "minutes) is not yet recorded.</p>")
    sub = level + 1  # the sections' headings
    duration = _or_missing(agreement.duration, "Duration")
    review = _or_missing(show_date(agreement.review_date), "Review date")
    breach = _or_missing(agreement.on_breach, "What happens on a breach")
    return (
        f"<style>{AGREEMENT_CSS}</style><div class='nk-agreement'>"
        f"<h{level}>Confidentiality agreement: {esc(agreement.title)}</h{level}>"
        f"<p class='nk-sub'>{esc(network.name if network else agreement.network)} &middot; "
        f"drawn up {esc(show_date(agreement.date))}</p>"
        f"<h{sub}>1. The parties</h{sub}><p>This agreement is between "
        + listed([f"<b>{esc(name)}</b>" for name, _where, _agreed in parties])
        + ". It sets the boundaries of confidentiality for what they exchange, and the "
        "guidelines for exchanging information and resources.</p>"
        f"<h{sub}>2. What may be shared</h{sub}>"
        + _items(agreement.may_share, "What may be shared")
        + f"<h{sub}>3. What may not be shared</h{sub}>"
        + _items(agreement.may_not, "What may not be shared")
        + f"<h{sub}>4. What may be shared only on conditions</h{sub}>"
        + (_items(agreement.conditional, "Conditional") if agreement.conditional
           else "<p>Nothing beyond the lists above.</p>")
        + f"<h{sub}>5. Legal and regulatory basis</h{sub}>"
        f"<p>{esc(agreement.legal_basis)}</p>"
        f"<h{sub}>6. Guidelines for the exchange of information and resources</h{sub}>"
        f"<table>{guideline_rows}</table>"
        f"<h{sub}>7. Duration, review and breach</h{sub}><table>"
        f"<tr><th style='width:34%'>Duration</th><td>{duration}</td></tr>"
        f"<tr><th>Review date</th><td>{review}</td></tr>"
        f"<tr><th>If the agreement is breached</th><td>{breach}</td></tr>"
        f"</table><h{sub}>8. Agreed and signed</h{sub}>"
        "<p>Each party signs to confirm they agree to keep to this agreement.</p>"
        "<div class='nk-signatures'>"
        + "".join(_signature(name, where, agreed) for name, where, agreed in parties)
        + f"</div>{confirmation}</div>")


def agreement_document(records: Records, agreement: Agreement, *, head: str = "",
                       top: str = "") -> str:
    """The agreement as a complete HTML page, to print and sign or to send.

    ``head`` is more ``<head>`` content and ``top`` goes above the agreement: an export
    adds its security policy, running headers and banner (:mod:`netkit.pack`). What
    ``top`` has after the banner (its ``<header>``), such as a handout's introduction, is
    part of the page's main content, with the agreement.
    """
    banner, closed, intro = top.rpartition("</header>")
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>Confidentiality agreement: {esc(agreement.title)}</title>{head}</head>"
            f"<body class='nk-agreement-page'>{banner}{closed}"
            f"<main>{intro}{agreement_html(records, agreement, level=1)}</main>"
            "</body></html>\n")


def agreement_files(records: Records) -> list[tuple[str, Agreement]]:
    """Each agreement with the stem of its own file in an export: ``agreement-1``, ..."""
    return [(FILE_STEM.format(number=n), a)
            for n, a in enumerate(records.all(Agreement), start=1)]


def file_note(stem: str) -> str:
    """Where an export holds the agreement as a document of its own: the HTML file on
    screen, the PDF's name in print (a link inside a PDF would point into the export's
    temporary folder)."""
    return ("<p class='nk-agreement-file'>This agreement as a document of its own, to "
            f"print and sign: <span class='nk-screen-only'><a href='{esc(stem)}.html'>"
            f"{esc(stem)}.html</a></span>"
            f"<span class='nk-print-only'>{esc(stem)}.pdf</span>.</p>")
