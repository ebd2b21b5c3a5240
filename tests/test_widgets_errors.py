"""A form shows every problem the model finds, at once, each next to its field."""

from __future__ import annotations

import pytest

from netkit.exceptions import ValidationError
from netkit.model import Need, Network
from netkit.store import Portfolio
from netkit.widgets import AssessmentForm, NetworksForm


def shown(form: NetworksForm | AssessmentForm, field: str) -> str:
    return form.errors[field].value.replace("&#x27;", "'")


def test_every_network_problem_shows_next_to_its_field(portfolio: Portfolio) -> None:
    need = portfolio.save(Need(text="Keep up with compliance rules"))
    portfolio.save(Network(name="CILT"))
    form = NetworksForm(portfolio)
    form.fields["name"].value = " cilt "  # the same name as a saved network
    form.fields["yearly_cost"].value = -5.0
    form.fields["hours_per_month"].value = 1000.0
    form.benefit_rows[0].text.value = "Branch events"
    second = form.add_benefit("", (need.id,))  # ticked, but says nothing
    assert second.serves.value == (need.id,)

    with pytest.raises(ValidationError) as caught:
        form.save()

    fields = [field for field, _ in caught.value.errors]
    assert sorted(fields) == ["benefits[1]", "hours_per_month", "name", "yearly_cost"]
    for field, message in caught.value.errors:
        key = field.split("[")[0]
        assert message in shown(form, key)
    assert shown(form, "benefits").count("benefit 2:") == 1
    assert "4 problems" in form.status.value
    assert [n.name for n in portfolio.all(Network)] == ["CILT"]


def test_a_problem_without_a_field_row_is_named_in_the_status_line(
        portfolio: Portfolio) -> None:
    form = NetworksForm(portfolio)
    form.show_errors([("name", "give it a name."), ("schema", "written by a newer netkit.")])
    assert "give it a name." in form.errors["name"].value
    assert "2 problems" in form.status.value
    assert "schema: written by a newer netkit." in form.status.value
    form.clear_errors()
    assert not any(error.value for error in form.errors.values())


def test_one_problem_reads_in_the_singular(portfolio: Portfolio) -> None:
    form = NetworksForm(portfolio)
    with pytest.raises(ValidationError):
        form.save()  # no name
    assert "1 problem," in form.status.value
    assert "problems" not in form.status.value
