"""CONTENT_FORMAT.md, "organisation.yml"."""

from __future__ import annotations

import pytest

from kits.contractkit import ORG, check, clean, lines, only

F = "content/organisation.yml"


def test_minimal_organisation_and_default_licence(tmp_path):
    result = check(tmp_path)
    clean(result)
    org = result.site.organisation
    assert org.name == "Riverside Test Carers"
    assert org.purpose.startswith("We ask carers what should change")
    assert (org.why, org.power, org.about, org.contact, org.public_contacts, org.data_licence) == (
        [], "", "", "", [], "CC-BY-4.0")
    assert org.source == F


def test_every_field(tmp_path):
    text = ORG + """\
why: [benefits-participants, improves-services, right-to-a-say]
power: People did not *choose* us.
about: |
  A small charity — £612,000 a year.
contact: https://riverside.example/contact
public_contacts: ["0808 157 0192", info@riverside.example]
data_licence: OGL-UK-3.0
"""
    result = check(tmp_path, organisation=text)
    clean(result)
    org = result.site.organisation
    assert org.why == ["benefits-participants", "improves-services", "right-to-a-say"]
    assert org.public_contacts == ["0808 157 0192", "info@riverside.example"]
    assert (org.contact, org.data_licence) == ("https://riverside.example/contact", "OGL-UK-3.0")


@pytest.mark.parametrize("field", ["name", "purpose"])
def test_required(tmp_path, field):
    text = "name: Riverside\n" if field == "purpose" else "purpose: Why we involve people\n"
    assert only(check(tmp_path, organisation=text)) == f"{F}:1: {field}: is required but missing"


def test_name_given_a_number(tmp_path):
    assert only(check(tmp_path, organisation="name: 1999\npurpose: x\n")) == (
        f'{F}:1: name: must be text, but YAML reads 1999 as a number; put it in quotes: "1999"')


def test_unknown_field_and_duplicate_field(tmp_path):
    text = ORG + "purpse: again\nname: Other name\n"
    assert lines(check(tmp_path, organisation=text)) == [
        f"{F}:4: purpse: unknown field; did you mean 'purpose'?",
        f"{F}:5: name: is written twice (first on line 1); the second would silently replace the first",
    ]


def test_motives(tmp_path):
    assert only(check(tmp_path, organisation=ORG + "why: [right-to-say]\n")) == (
        f"{F}:4: why[0]: 'right-to-say' is not one of benefits-participants, improves-services, right-to-a-say; "
        "did you mean 'right-to-a-say'?")


@pytest.mark.parametrize("licence", ["CC-BY-4.0", "CC0-1.0", "OGL-UK-3.0", "ODbL-1.0", "CC-BY-SA-4.0"])
def test_known_spdx_licences(tmp_path, licence):
    result = check(tmp_path, organisation=ORG + f"data_licence: {licence}\n")
    clean(result)
    assert result.site.organisation.data_licence == licence


@pytest.mark.parametrize("licence", ["CC BY 4.0", "Creative Commons", "(c) us", "CC-BY-4.0 OR MIT"])
def test_data_licence_not_an_spdx_id(tmp_path, licence):
    assert only(check(tmp_path, organisation=ORG + f"data_licence: {licence}\n")) == (
        f"{F}:4: data_licence: '{licence}' is not an SPDX licence id (e.g. CC-BY-4.0, OGL-UK-3.0)")


def test_well_formed_but_unknown_licence_is_a_warning(tmp_path):
    result = check(tmp_path, organisation=ORG + "data_licence: CC-BY-4.1\n")
    assert result.ok
    assert only(result, warnings=True) == (
        f"{F}:4: warning: data_licence: 'CC-BY-4.1' is not a licence id this tool knows; did you mean 'CC-BY-4.0'?")
    result = check(tmp_path / "2", organisation=ORG + "data_licence: LicenseRef-Our-Own\n")
    assert only(result, warnings=True).endswith("is not a licence id this tool knows; check it at spdx.org/licenses")


def test_licence_given_a_number(tmp_path):
    assert only(check(tmp_path, organisation=ORG + "data_licence: 4.0\n")) == (
        f'{F}:4: data_licence: must be text, but YAML reads 4.0 as a number; put it in quotes: "4.0"')


def test_organisation_as_a_list(tmp_path):
    assert only(check(tmp_path, organisation="- name: x\n")) == (
        f"{F}:1: must be a set of fields ('name: value' lines), not a list")
