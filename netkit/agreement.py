"""A confidentiality agreement (criteria 3.4 and 3.5) as a formatted document for both
parties to read and sign: :func:`agreement_html` (a fragment, for notebooks) and
:func:`agreement_document` (a complete page to save, print or send). Everything the
learner typed is escaped.
"""

from __future__ import annotations

from .lo3 import GUIDELINES, Agreement
from .model import Contact, Learner, Network, Records
from .render import esc, show_date

__all__ = ["AGREEMENT_CSS", "agreement_document", "agreement_html"]

AGREEMENT_CSS = """
.nk-agreement { font-family: Georgia, 'Times New Roman', serif; color: #1f2430;
  max-width: 760px; border: 1px solid #c8ccd2; padding: 18px 26px; margin: 8px 0;
  line-height: 1.45; break-inside: auto; }
.nk-agreement h3 { text-align: center; margin: 0 0 4px 0; font-size: 1.35em; }
.nk-agreement .nk-sub { text-align: center; color: #596270; margin: 0 0 12px 0; }
.nk-agreement h4 { margin: 14px 0 4px 0; border-bottom: 1px solid #e1e4e8; }
.nk-agreement table { border-collapse: collapse; width: 100%; }
.nk-agreement td, .nk-agreement th { border: 1px solid #c8ccd2; padding: 4px 8px;
  vertical-align: top; text-align: left !important; }
.nk-agreement .nk-sign td { height: 46px; }
.nk-agreement .nk-missing { color: #b00020; font-style: italic; }
"""


def _or_missing(text: str, what: str) -> str:
    return esc(text) if text else f'<span class="nk-missing">{esc(what)} not yet agreed</span>'


def _items(items: list[str], what: str) -> str:
    if not items:
        return f'<p class="nk-missing">{esc(what)}: none written.</p>'
    return "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>"


def agreement_html(records: Records, agreement: Agreement) -> str:
    """The agreement as a document fragment (styles included), for both parties."""
    learner = records.load(Learner)
    network = records.load(Network, agreement.network)
    members = [records.load(Contact, k) for k in agreement.members]
    parties = [(learner.name if learner else "The learner",
                ", ".join(x for x in ((learner.role, learner.employer) if learner else ())
                          if x), agreement.learner_agreed)]
    parties += [(m.name, ", ".join(x for x in (m.role, m.organisation) if x),
                 agreement.members_agreed) for m in members if m is not None]
    party_rows = "".join(f"<tr><td><b>{esc(name)}</b><br>{esc(where)}</td>"
                         f"<td>{esc(show_date(agreed)) or '&nbsp;'}</td><td></td></tr>"
                         for name, where, agreed in parties)
    guideline_rows = "".join(
        f"<tr><th style='width:34%'>{esc(label)}</th>"
        f"<td>{_or_missing(getattr(agreement, name), label)}</td></tr>"
        for name, label in GUIDELINES.items())
    confirmation = (f"<p><b>The other party's confirmation:</b> {esc(agreement.confirmation)}"
                    f"</p>" if agreement.confirmation else
                    '<p class="nk-missing">The other party\'s confirmation (an e-mail or '
                    "minutes) is not yet recorded.</p>")
    duration = _or_missing(agreement.duration, "Duration")
    review = _or_missing(show_date(agreement.review_date), "Review date")
    breach = _or_missing(agreement.on_breach, "What happens on a breach")
    return (
        f"<style>{AGREEMENT_CSS}</style><div class='nk-agreement'>"
        f"<h3>Confidentiality agreement: {esc(agreement.title)}</h3>"
        f"<p class='nk-sub'>{esc(network.name if network else agreement.network)} &middot; "
        f"drawn up {esc(show_date(agreement.date))}</p>"
        "<h4>1. The parties</h4><p>This agreement is between "
        + " and ".join(f"<b>{esc(name)}</b>" for name, _where, _agreed in parties)
        + ".</p>"
        "<h4>2. What may be shared</h4>" + _items(agreement.may_share, "What may be shared")
        + "<h4>3. What may not be shared</h4>"
        + _items(agreement.may_not, "What may not be shared")
        + "<h4>4. What may be shared only on conditions</h4>"
        + (_items(agreement.conditional, "Conditional") if agreement.conditional
           else "<p>Nothing beyond the lists above.</p>")
        + f"<h4>5. Legal and regulatory basis</h4><p>{esc(agreement.legal_basis)}</p>"
        "<h4>6. Guidelines for the exchange of information and resources</h4>"
        f"<table>{guideline_rows}</table>"
        "<h4>7. Duration, review and breach</h4><table>"
        f"<tr><th style='width:34%'>Duration</th><td>{duration}</td></tr>"
        f"<tr><th>Review date</th><td>{review}</td></tr>"
        f"<tr><th>If the agreement is breached</th><td>{breach}</td></tr>"
        "</table><h4>8. Agreed and signed</h4>"
        "<table class='nk-sign'><tr><th>Party</th><th>Date agreed</th><th>Signature</th>"
        f"</tr>{party_rows}</table>{confirmation}</div>")


def agreement_document(records: Records, agreement: Agreement) -> str:
    """The agreement as a complete HTML page, to print and sign or to send."""
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>Confidentiality agreement: {esc(agreement.title)}</title></head>"
            f"<body>{agreement_html(records, agreement)}</body></html>")
