"""Redaction and the leak check over whole files: MBs of HTML with embedded images.

No timing is asserted (pytest's timeout is the only bound); the inputs are built to trip a
pattern that backtracks or a loop that is quadratic, which would not finish in time.
"""

from __future__ import annotations

import base64
import random

from netkit.redact import EMAIL_REMOVED, PHONE_REMOVED, find_leaks, scrub_text

VALUES = {
    "email": {f"person{i}.name@example{i}.org" for i in range(40)},
    "phone": {f"07700 9{i:05d}" for i in range(40)},
    "profile_url": {f"https://www.linkedin.com/in/person-{i}-example" for i in range(40)},
    "name": {f"Person{i} Name" for i in range(40)},
}
ROW = ("<tr><td>2.1</td><td>Met the branch chair at the 28/11/2026 event, cost £1,250.00 "
       "(12%), 09:30–11:00, criteria 2.1 2.2; we met at the conference.</td>"
       "<td style='width: 12px'>3</td></tr>\n")
# Shapes that make a careless pattern try every start against every end.
TRAPS = ["a dot " * 2000, "x" * 20000, "1 " * 5000, "@" * 5000, "(" * 5000,
         "a." * 5000, "%41" * 3000, "&#64;" * 2000, "a at " * 2000, "0-" * 5000,
         "é" * 5000, "e\u0301" * 3000]


def page(extra: str = "") -> str:
    rng = random.Random(7)
    image = base64.b64encode(rng.randbytes(2_600_000)).decode()
    rows = ROW * 9000
    return (f'<html><body><img src="data:image/png;base64,{image}">{rows}'
            f'<p>{"".join(TRAPS)}</p><p>{extra}</p></body></html>')


def test_the_leak_check_reads_all_of_a_5_mb_page() -> None:
    clean = page()
    assert len(clean) > 5_000_000
    assert find_leaks("big.html", clean, VALUES, names=True) == []
    # the last thing on the page, typed in a shape only normalisation sees
    leaky = page("person39 dot name at example39 dot org, 07700/900/039")
    assert [leak.what for leak in find_leaks("big.html", leaky, VALUES)] == [
        "a contact's e-mail address", "a contact's phone number"]


def test_the_leak_check_copes_with_an_image_it_cannot_skip() -> None:
    # base64 with no data: prefix to recognise it by is read as text, in one pass
    blob = base64.b64encode(random.Random(3).randbytes(3_000_000)).decode()
    assert find_leaks("blob.html", blob, VALUES) == []


def test_scrubbing_a_megabyte_of_answers_keeps_them_and_finds_the_last_detail() -> None:
    text = (ROW * 6000) + "".join(TRAPS)
    assert len(text) > 1_000_000
    assert scrub_text(text, values=VALUES) == text
    tail = " Reach person3 dot name at example3 dot org or 0770 090 0003."
    assert scrub_text(text + tail, values=VALUES) == \
        f"{text} Reach {EMAIL_REMOVED} or {PHONE_REMOVED}."
