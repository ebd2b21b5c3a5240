"""Notebook 03's forms and views: saved answers read back, every problem shown at its
field, choices kept current, static answers escaped, the agreement as a document."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from netkit import charts
from netkit.exceptions import ValidationError
from netkit.lo3 import (
    Action,
    Agreement,
    Interaction,
    Introduction,
    MutualBenefit,
    Offers,
    Promotion,
    Review,
    Support,
)
from netkit.model import Contact, Learner, Need, Network
from netkit.store import Portfolio
from netkit.widgets import (
    ActionForm,
    AgreementForm,
    Agreements,
    InteractionForm,
    IntroductionForm,
    LiveChart,
    MutualBenefitForm,
    OffersForm,
    PromotionForm,
    ReviewForm,
    SuggestedIntroductions,
    SupportForm,
    criterion_status,
)
from netkit.widgets.entries import EntryForm
from netkit.widgets.events import announce


@pytest.fixture
def people(portfolio: Portfolio) -> Portfolio:
    portfolio.save_many([
        Learner(name="Priya Shah", role="Operations Manager"),
        Contact(name="Sam Whitfield", organisation="CILT Yorkshire", id="sam"),
        Contact(name="Jo <b>Pryce</b>", id="jo"),
        Network(name="CILT", id="cilt"), Need(text="Benchmarks", id="n1")])
    return portfolio


def fill(form: Any, **values: Any) -> None:
    for name, value in values.items():
        form.fields[name].value = value


def refused(form: Any, *names: str) -> list[str]:
    before = form.portfolio.count()
    with pytest.raises(ValidationError) as caught:
        form.save()
    fields = [f for f, _ in caught.value.errors]
    for name in names:
        assert "&#9888;" in form.errors[name].value, name
    assert "Not saved" in form.status.value
    assert form.portfolio.count() == before
    return fields


def test_mutual_benefit_form_saves_reads_back_and_edits_in_place(people: Portfolio) -> None:
    form = MutualBenefitForm(people)
    assert ("Sam Whitfield (CILT Yorkshire)", "sam") in form.fields["member"].options
    assert form.fields["date"].value == dt.date.today().strftime("%-d %b %Y")
    fill(form, member="sam", network="cilt", date="14/10/2025",
         interests="WMS, benchmarking", looking_for="agency staff",
         they_offer="The branch survey", serves=("n1",), i_offer="Our pick rates")
    saved = form.save()
    (stored,) = people.all(MutualBenefit)
    assert stored == saved
    assert (stored.date, stored.interests, stored.serves) == ("2025-10-14",
                                                             ["WMS", "benchmarking"], ["n1"])
    again = MutualBenefitForm(people)
    assert ("Sam Whitfield", stored.id) in again.picker.options
    again.select(stored.id)
    assert again.fields["interests"].value == "WMS, benchmarking"
    again.fields["i_offer"].value = "Our absence rates"
    assert again.save().key == stored.key
    assert [m.i_offer for m in people.all(MutualBenefit)] == ["Our absence rates"]


def test_every_problem_shows_at_its_field_and_nothing_is_saved(people: Portfolio) -> None:
    form = MutualBenefitForm(people)
    fill(form, date="31/02/2025")
    assert refused(form, "member", "date", "network", "they_offer", "i_offer") == [
        "member", "date", "network", "they_offer", "i_offer"]


def test_an_empty_choice_says_where_to_record_what_it_offers(portfolio: Portfolio) -> None:
    """With no contacts and no networks saved (a learner who opened notebook 03 first),
    "this cannot be empty" beside an empty list cannot be put right: say where."""
    form = MutualBenefitForm(portfolio)
    fill(form, they_offer="Benchmarks", i_offer="Rates")
    refused(form, "member", "network")
    assert "add them under Your contacts at the top of this notebook" in form.errors[
        "member"].value
    assert "record them in notebook 02 (2.1)" in form.errors["network"].value
    portfolio.save_many([Contact(name="Sam Whitfield", id="sam"),
                         Network(name="CILT", id="cilt")])
    again = MutualBenefitForm(portfolio)
    fill(again, they_offer="Benchmarks", i_offer="Rates")
    refused(again, "member", "network")  # now there is a choice: the model's own words
    assert "cannot be empty" in again.errors["network"].value
    assert "notebook 02" not in again.errors["network"].value


def test_a_contact_added_elsewhere_appears_without_losing_typing(people: Portfolio) -> None:
    form = InteractionForm(people)
    fill(form, summary="half typed", member="sam")
    people.save(Contact(name="Ravi Patel", id="ravi"))
    announce(people, "contact")
    assert ("Ravi Patel", "ravi") in form.fields["member"].options
    assert (form.fields["summary"].value, form.fields["member"].value) == ("half typed",
                                                                           "sam")


def test_interaction_static_says_a_first_meeting_does_not_count(people: Portfolio) -> None:
    form = InteractionForm(people)
    fill(form, member="jo", network="cilt", date="2025-10-14",
         kind="exchanged details at a first meeting", summary="<script>x</script>")
    form.save()
    html = form.static_html()
    assert "Does not count for 3.1" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Jo &lt;b&gt;Pryce&lt;/b&gt;" in html


def test_offers_then_a_promotion_ticking_them(people: Portfolio) -> None:
    offers = OffersForm(people)
    promo = PromotionForm(people)
    offers.fields["items"].value = "WMS go-live lessons\n\nPeak planning"
    offers.save()
    assert people.load(Offers) == Offers(items=["WMS go-live lessons", "Peak planning"])
    assert [k for _l, k in promo.fields["offers"].options] == ["WMS go-live lessons",
                                                               "Peak planning"]
    fill(promo, network="cilt", date="2025-10-20", channel="talk", what="Ten-minute talk")
    assert refused(promo, "people") == ["people"]
    fill(promo, people=("sam", "jo"), offers=("Peak planning",), response="Asked for slides")
    promo.save()
    (saved,) = people.all(Promotion)
    assert (saved.people, saved.offers, saved.channel) == (["jo", "sam"],
                                                           ["Peak planning"], "talk")


def agreement_form(people: Portfolio, **values: Any) -> AgreementForm:
    form = AgreementForm(people)
    fill(form, **{"title": "Benchmarking with Sam", "network": "cilt", "date": "2025-10-20",
                  "members": ("sam",), "may_share": "Pick rates\nAbsence rates",
                  "may_not": "Client names", "legal_basis": "UK GDPR & the DPA 2018",
                  **values})
    return form


def test_agreement_saves_and_shows_as_a_document_to_sign(people: Portfolio) -> None:
    form = agreement_form(people, members_agreed="22/10/2025", learner_agreed="21/10/2025",
                          confirmation="Sam's e-mail of 22 Oct 2025")
    saved = form.save()
    assert isinstance(saved, Agreement) and saved.confirmed
    assert "Sam&#x27;s e-mail of 22 Oct 2025" in form.static_html()
    html = Agreements(people).html()
    for text in ("Confidentiality agreement: Benchmarking with Sam", "Priya Shah",
                 "Sam Whitfield", "Pick rates", "UK GDPR &amp; the DPA 2018",
                 "22 Oct 2025", "Signature", "Storage not yet agreed"):
        assert text in html, text
    assert Agreements(people).html().count("nk-agreement'") == 1


def test_agreement_without_a_member_or_boundaries_is_refused(people: Portfolio) -> None:
    form = agreement_form(people, members=(), may_not="", confirmation="an e-mail")
    assert refused(form, "members", "may_not", "members_agreed") == [
        "members", "may_not", "members_agreed"]


def test_support_is_for_a_31_member_and_names_its_agreement(people: Portfolio) -> None:
    agreement = agreement_form(people).save()
    form = SupportForm(people)
    assert (agreement.title if isinstance(agreement, Agreement) else "",
            agreement.key) in form.fields["agreement"].options
    fill(form, member="jo", network="cilt", date="2025-11-01", given="Rota template",
         checked=True)
    assert refused(form, "agreement", "member") == ["agreement", "member"]
    fill(form, agreement=agreement.key)
    assert refused(form, "member") == ["member"]
    people.save(MutualBenefit(member="jo", network="cilt", date="2025-10-01",
                              they_offer="x", i_offer="y"))
    form.save()
    (saved,) = people.all(Support)
    assert (saved.checked, saved.agreement) == (True, agreement.key)


def test_reviews_and_overdue_actions_are_highlighted(people: Portfolio) -> None:
    review = ReviewForm(people)
    fill(review, date="2025-11-01", needs=("n1",), findings="Peak staffing is urgent",
         next_review="1 May 2027")
    saved = review.save()
    actions = ActionForm(people)
    assert ("Review of 1 Nov 2025", saved.key) in actions.fields["review"].options
    fill(actions, date="2025-11-01", network="cilt", action="attend",
         detail="Chamber breakfast", due="2025-12-01", review=saved.key)
    actions.save()
    assert "OVERDUE" in actions.static_html()
    actions.fields["done"].value = "2025-11-28"
    actions.save()
    assert "OVERDUE" not in actions.static_html() and "done" in actions.static_html()
    assert len(people.history("review", saved.key)) == 1
    review.fields["findings"].value = "Peak staffing is solved"
    review.save()
    assert len(people.history("review", saved.key)) == 2  # the earlier version is kept


def test_introduction_needs_both_consents_shown_beside_the_boxes(people: Portfolio) -> None:
    form = IntroductionForm(people)
    fill(form, network="cilt", date="2025-11-01", person="sam", to="jo",
         interest="Both run WMS upgrades", consent_person=True)
    assert refused(form, "consent_person") == ["consent"]
    form.fields["consent_to"].value = True
    form.save()
    (saved,) = people.all(Introduction)
    assert (saved.person, saved.to, saved.kind) == ("sam", "jo", "within a network")
    assert "Sam Whitfield to Jo <b>Pryce</b>" in form.picker.options[1][0]
    html = form.static_html()  # the assessor reads whose consent each "yes" is
    assert "<i>Person introduced:</i> yes<br><i>Introduced to:</i> yes" in html
    assert "<i>:</i>" not in html


def test_suggestions_view_lists_pairs_not_yet_introduced(people: Portfolio) -> None:
    view = SuggestedIntroductions(people)
    assert "No suggestions yet" in view.html()
    people.save_many([
        MutualBenefit(member="sam", network="cilt", date="2025-10-01", they_offer="x",
                      i_offer="y", interests=["WMS"]),
        MutualBenefit(member="jo", network="cilt", date="2025-10-01", they_offer="x",
                      i_offer="y", looking_for=["wms"])])
    announce(people, "mutual_benefit")
    assert "Sam Whitfield offers WMS, Jo &lt;b&gt;Pryce&lt;/b&gt; looks for it" in \
        view.widget.value


def test_status_lines_and_charts_redraw_on_save(people: Portfolio) -> None:
    status = criterion_status(people, "3.7")
    chart = LiveChart(people, charts.ego_network)
    recip = LiveChart(people, charts.reciprocity)
    assert "Criterion 3.7: missing" in status.widget.value
    form = IntroductionForm(people)
    fill(form, network="cilt", date="2025-11-01", person="sam", to="jo", interest="WMS",
         consent_person=True, consent_to=True)
    form.save()
    assert "Criterion 3.7: partial" in status.widget.value
    assert "1 introduction" in chart.widget.value
    assert recip.draws == 1  # nothing it draws changed


@pytest.mark.parametrize("cls", [MutualBenefitForm, InteractionForm, PromotionForm,
                                 SupportForm, AgreementForm, ReviewForm, ActionForm,
                                 IntroductionForm])
def test_every_form_starts_empty_and_says_so(portfolio: Portfolio,
                                             cls: type[EntryForm]) -> None:
    form = cls(portfolio)
    assert "Nothing saved yet" in form.static_html()
    assert form.picker.options == ((form.new_label, ""),)
    assert Interaction.KIND and Review.KIND and Support.KIND and Action.KIND


def test_a_static_table_reads_each_kind_of_name_once_not_once_a_cell(
        people: Portfolio, monkeypatch: pytest.MonkeyPatch) -> None:
    people.save_many([Introduction(date=f"2025-11-0{n}", network="cilt", person="sam",
                                   to="jo", interest="WMS", consent_person=True,
                                   consent_to=True) for n in (1, 2, 3)])
    form = IntroductionForm(people)
    read: list[str] = []
    choices_for = form.choices_for
    monkeypatch.setattr(form, "choices_for", lambda kind: read.append(kind) or choices_for(kind))
    html = form.static_html()
    assert html.count("Jo &lt;b&gt;Pryce&lt;/b&gt;") == 3 and html.count("CILT</") >= 3
    assert sorted(read) == ["contact", "network"]


@pytest.mark.parametrize("form_type", [AgreementForm, ActionForm, ReviewForm],
                         ids=lambda f: f.__name__)
def test_a_new_dated_entry_starts_dated_today(people: Portfolio,
                                             form_type: type[EntryForm]) -> None:
    form = form_type(people)
    assert form.fields["date"].value == dt.date.today().strftime("%-d %b %Y")
    assert form.blank().to_dict()["date"] == dt.date.today().isoformat()


def test_a_large_register_is_found_by_typing_and_the_chosen_stay(people: Portfolio) -> None:
    """An imported network of hundreds: the forms show the first 50 by name and a search
    box; what the learner ticks or picks stays on show and saved, whatever they search."""
    from netkit.widgets.choosers import ContactChoice

    people.save_many([Contact(name=f"Member {n:03d}", organisation="Acme", id=f"m{n:03d}")
                      for n in range(120)])
    promo = PromotionForm(people)
    chooser = promo.fields["people"]
    assert isinstance(chooser, ContactChoice)
    assert len(chooser.field.boxes) == ContactChoice.SHOWN  # tick boxes made: 50, not 122
    assert chooser.bar.layout.display is None
    assert "Showing 50 of 122 contacts: type to find the others." in chooser.note.value
    assert chooser.find("member 117") == [("Member 117 (Acme)", "m117")]
    assert "1 of 122 contacts match" in chooser.note.value
    chooser.field.boxes["m117"].value = True  # the learner ticks the one found
    shown = chooser.find("")
    assert shown[0] == ("Member 117 (Acme)", "m117") and len(shown) == 51
    assert chooser.value == ("m117",)
    fill(promo, network="cilt", date="2025-10-20", channel="talk", what="Ten-minute talk")
    promo.save()
    (saved,) = people.all(Promotion)
    assert saved.people == ["m117"]
    again = PromotionForm(people)
    again.select(saved.id)
    assert again.fields["people"].value == ("m117",)
    assert ("Member 117 (Acme)", "m117") in again.fields["people"].shown

    mutual = MutualBenefitForm(people)
    member = mutual.fields["member"]
    assert member.shown[0] == ("(choose)", "") and len(member.shown) == 51
    member.find("119 acme")
    member.field.value = "m119"  # picked from the narrowed drop-down
    assert ("Member 119 (Acme)", "m119") in member.find("sam")
    assert member.value == "m119"


def test_find_a_contact_ignores_accents_and_apostrophes(people: Portfolio) -> None:
    people.save_many([Contact(name="Siobhán O'Connor-Ní Bhriain", id="siobhan"),
                      *(Contact(name=f"Member {n:03d}", id=f"m{n:03d}") for n in range(60))])
    chooser = MutualBenefitForm(people).fields["member"]
    assert chooser.find("siobhan oconnor") == [("(choose)", ""), (
        "Siobhán O'Connor-Ní Bhriain", "siobhan")]
    assert chooser.find("SIOBHÁN O’CONNOR") == chooser.find("siobhan oconnor")


def test_a_small_register_shows_everyone_and_no_search_box(people: Portfolio) -> None:
    chooser = PromotionForm(people).fields["people"]
    assert [k for _label, k in chooser.shown] == ["jo", "sam"]
    assert chooser.bar.layout.display == "none" and chooser.note.value == ""
