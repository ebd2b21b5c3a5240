"""Every export writes each confidentiality agreement (3.4, 3.5) as a document of its own:
``agreement-<n>.html`` and ``.pdf``, in the manifest, linked from the evidence pack and from
notebook 03, redacted like everything else and passed through the export's final check.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from netkit import export as exporting
from netkit.cli import load_example
from netkit.exceptions import ExportError
from netkit.export import ExportResult, export
from netkit.lo3 import Agreement
from netkit.store import Portfolio

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
TITLE = "Confidentiality agreement: Benchmarking in the CILT Yorkshire group"
EMAIL = "sam.whitfield@example.org"  # the example learner's contact, a party to the agreement


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True, timeout=60)
    return " ".join(done.stdout.split())


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("agreement-example") / "portfolio.sqlite"
    with Portfolio.open(path) as portfolio:
        load_example(portfolio)
        assert len(portfolio.all(Agreement)) == 1
    return path


@pytest.fixture(scope="module")
def default_export(example: Path, tmp_path_factory: pytest.TempPathFactory) -> ExportResult:
    """Notebook 03 and the pack, HTML and PDF, default privacy."""
    out = tmp_path_factory.mktemp("agreement-default") / "export"
    return export(example, out=out, formats=("html", "pdf"), notebooks=["03"], root=REPO,
                  progress=False)


def test_the_agreement_is_a_pdf_document_with_signature_blocks(
        default_export: ExportResult) -> None:
    text = pdf_text(default_export.folder / "agreement-1.pdf")
    assert TITLE in text
    assert "between Priya Shah, Gareth Hughes (fictional) and Sam Whitfield" in text
    for heading in ("2. What may be shared", "5. Legal and regulatory basis",
                    "6. Guidelines for the exchange of information and resources",
                    "8. Agreed and signed"):
        assert heading in text
    assert text.count("Signature") == 3  # one block for each of the three parties
    assert "Agreed on 4 Nov 2025 (as recorded)" in text  # the learner's date
    assert "EXAMPLE - not learner evidence" in text and "Page 1 of" in text
    assert EMAIL not in text


def test_the_manifest_lists_both_files_with_their_sha256(default_export: ExportResult
                                                         ) -> None:
    manifest = json.loads(default_export.manifest.read_text("utf-8"))
    for name in ("agreement-1.html", "agreement-1.pdf"):
        data = (default_export.folder / name).read_bytes()
        assert manifest["files"][name] == {"sha256": hashlib.sha256(data).hexdigest(),
                                           "bytes": len(data)}
    assert {p.name for p in default_export.files} >= {"agreement-1.html", "agreement-1.pdf"}


def test_the_pack_and_notebook_03_point_to_it(default_export: ExportResult) -> None:
    folder = default_export.folder
    pack = (folder / "evidence-pack.html").read_text("utf-8")
    assert '<a href="agreement-1.html">agreement-1.html</a>' in pack
    assert "Benchmarking in the CILT Yorkshire group</b> (confirmed by the other party)" \
        in pack
    assert "agreement-1.pdf" in pdf_text(folder / "evidence-pack.pdf")  # named in print
    notebook = (folder / "03-maintain-networks.html").read_text("utf-8")
    assert '<a href="agreement-1.html">agreement-1.html</a>' in notebook
    printed = pdf_text(folder / "03-maintain-networks.pdf")
    assert "as a document of its own, to print and sign: agreement-1.pdf" in printed
    assert "print and sign: agreement-1.html" not in printed  # the link is screen-only


def test_a_pseudonymised_export_shows_the_other_parties_by_initials(
        example: Path, tmp_path: Path) -> None:
    result = export(example, out=tmp_path / "export", formats=("html",), notebooks=["00"],
                    root=REPO, progress=False, pseudonymise=True)
    page = (result.folder / "agreement-1.html").read_text("utf-8")
    assert "between <b>Priya Shah</b>, <b>G.H.</b> and <b>S.W.</b>" in page
    for name in ("Gareth", "Hughes", "Whitfield"):
        assert name not in page
    assert not (result.folder / "agreement-1.pdf").exists()  # HTML only was asked for


def test_the_final_leak_check_reads_the_agreement(example: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    real = exporting.agreement_document

    def leaky(*args: Any, **kwargs: Any) -> str:
        return real(*args, **kwargs).replace("</body>", f"{EMAIL}</body>")

    monkeypatch.setattr(exporting, "agreement_document", leaky)
    out = tmp_path / "export"
    with pytest.raises(ExportError, match=r"agreement-1\.html would show a contact's e-mail"):
        export(example, out=out, formats=("html",), notebooks=["00"], root=REPO,
               progress=False)
    assert not out.exists()
