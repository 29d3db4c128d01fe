"""CONTENT_FORMAT.md 1.1, "Privacy": the rule applies to the text as a reader will see it.

Each case of issue 12 is here, with variants of the rule behind it: character references, backslash escapes,
emphasis or code inside a number, line breaks, invisible characters, look-alike characters, link targets,
telephone numbers found by libphonenumber's rules in the organisation's country, ids.
"""

from __future__ import annotations

import json

import pytest

from kits.contractkit import ACTIVITY, ITEM, ORG, activity, check, clean, lines
from mic_plugin.load.privacy import PrivacyRule

F = "content/activities/2024-bus.yml"
SUMMARY = "summary: A survey about getting to appointments."


def summary(text: str) -> str:
    """The activity with ``text`` as its summary, written as a YAML double-quoted string (escapes allowed)."""
    return ACTIVITY.replace(SUMMARY, "summary: " + json.dumps(text, ensure_ascii=False))


def refused(tmp_path, text: str, kind: str, **files) -> str:
    found = [line for line in lines(activity(tmp_path, summary(text), **files)) if "summary:" in line]
    assert len(found) == 1, found
    assert f"contains {'an' if kind[0] == 'e' else 'a'} {kind} (" in found[0]
    return found[0]


@pytest.mark.parametrize("text", [
    "jo&#64;example.org", "jo&commat;example.org", "jo&#x40;example.org",  # character references
    "jo@example\\.org", "jo\\@example.org",  # backslash escapes
    "jo\u200b@example.org", "jo@exa\u00admple.org", "jo\u2060@example.org",  # invisible characters
    "jo＠example.org", "jo﹫example.org", "ｊｏ@ｅｘａｍｐｌｅ.ｏｒｇ",  # look-alikes (NFKC)
    "[me](ma&#105;lto:jo&#64;example.org)", "[me](mailto:jo@example.org)", "<jo@example.org>",  # link targets
    "[form](https://forms.example/?to=jo%40example.org)",  # %40 inside a URL
    "ysgrifennwch at jo@enghraifft.cymru", "mail anna@bücher.example", "mail anna@xn--bcher-kva.example",  # IDN
    "*jo*@example.org", "jo@*example*.org", "`jo`@example.org",
])
def test_an_email_address_written_any_way_is_refused(tmp_path, text):
    refused(tmp_path, text, "e-mail address")


@pytest.mark.parametrize("text", [
    "07700\\-900\\-123", "07700 *900* 123", "07700 **900** 123", "07700 `900` 123", "0770*0 90*0 123",
    "&#48;7700&#32;900&#32;125", "07700\u00ad900\u00ad126", "07700\u200b900\u200b126",
    "07700–900–127", "07700—900—127", "07700‐900‐127", "07700\u2212900\u2212127",
    "020.7946.0959", "020·7946·0959", "０７７００ ９００１２３", "07700\u00a0900\u00a0128", "07700\u2009900\u2009128",
    "01632 960001", "(01632) 960 002", "+44 1632 960003",
    "+44 (0) 7700 900 130", "0044 7700 900131", "tel: +447700900132",
    "Ring\n07700\n900123", "Ring 07700\n900 123 please",
])
def test_a_telephone_number_written_any_way_is_refused(tmp_path, text):
    refused(tmp_path, text, "phone number")


def test_a_number_wrapped_over_two_lines_of_a_literal_block_is_refused(tmp_path):
    text = ACTIVITY.replace(SUMMARY, "summary: |\n  Ring me on 07700\n  900 123 any evening.\n")
    [message] = lines(activity(tmp_path, text))
    assert message.startswith(f"{F}:3: summary: contains a phone number (0770…23)")


def test_both_numbers_in_a_range_of_two_are_reported(tmp_path):
    text = ACTIVITY.replace(SUMMARY, "summary: 'Ring 07700 900 129 - 01632 960 001'")
    assert sorted(m.split("(")[1].split(")")[0] for m in lines(activity(tmp_path, text))) == ["0163…01", "0770…29"]


@pytest.mark.parametrize("text", [
    "The workshop ran on 2024-03-05 10:00-12:00", "ISBN 978-0-306-40615-7", "ISBN 0-306-40615-2",
    "ISBN: 0306406152", "9780306406157 is the book", "NT 25895 73340", "grid ref TQ 01234 56789",
    "![logo](images/logo@2x.png)", "![logo](images/logo@3x.webp \"our logo\")", "2024-03 - 2024-06",
    "From 05-03-2024 to 05.04.2024", "Open 0930-1700, Monday to Friday", "09:00 – 17:00 on 05 03 2024",
    "£0,300,123,456 raised", "£1,234,567 and 89,000 people", "Version 1.2.3.4.5.6.7.8.9.10",
    "See https://example.org/reports/0300123456.pdf", "[report](https://example.org/2024/07700900123)",
    "Population 7 700 900 in 2021", "Case 12345678901234567890",
])
def test_dates_times_isbns_grid_references_money_and_file_names_pass(tmp_path, text):
    clean(activity(tmp_path, summary(text)))


def test_a_public_contact_matches_in_any_format(tmp_path):
    org = ORG + "public_contacts: ['0300 123 4567', 'Help@Riverside.example']\n"
    for i, text in enumerate(["+44 (0)300 123 4567", "0300-123-4567", "03001234567", "+443001234567",
                              "0300 *123* 4567", "[ring us](https://example.org) on 0300\u00a0123\u00a04567",
                              "help@riverside.example", "[mail us](mailto:HELP@riverside.example)"]):
        clean(activity(tmp_path / str(i), summary(text), organisation=org))


def test_a_public_contact_in_international_form_allows_the_national_form(tmp_path):
    org = ORG + "public_contacts: ['+44 (0)300 123 4567']\n"
    clean(activity(tmp_path, summary("Call 0300 123 4567"), organisation=org))
    refused(tmp_path / "2", "Call 0300 123 4568", "phone number", organisation=org)


def test_the_messages_say_what_and_where_with_advice_that_fits(tmp_path):
    phone = refused(tmp_path, "07700 900123", "phone number")
    assert phone == (f"{F}:2: summary: contains a phone number (0770…23); published text must not identify "
                     "anyone. Remove it, or, if it is the organisation's own number, list it in organisation.yml "
                     "public_contacts (written in any form)")
    email = refused(tmp_path / "2", "jo@example.org", "e-mail address")
    assert "public_contacts" not in email and email.endswith("must not identify anyone. Remove it")
    link = refused(tmp_path / "3", "[me](ma&#105;lto:jo&#64;example.org)", "e-mail address")
    assert "(j…@example.org) in a link;" in link
    seen = refused(tmp_path / "4", "07700 *900* 123", "phone number")
    assert "(0770…23) in the text as a reader sees it;" in seen
    assert "07700 900123" not in phone  # the number itself is never repeated in a log


@pytest.mark.parametrize("id_value", ["07700-900-123", "item-07700-900123", "call-01632-960001"])
def test_an_id_holding_a_number_is_refused(tmp_path, id_value):
    text = ACTIVITY + "feedback:\n" + ITEM.replace("bus-too-late", id_value)
    [message] = lines(activity(tmp_path, text))
    assert message.startswith(f"{F}:7: feedback[0].id: '{id_value}' is an id and contains a phone number")
    assert "web addresses" in message


def test_an_activity_file_named_with_a_number_is_refused(tmp_path):
    [message] = lines(activity(tmp_path, ACTIVITY, name="07700-900-123.yml"))
    assert message.startswith("content/activities/07700-900-123.yml: the file name '07700-900-123' is an id and "
                              "contains a phone number")


def test_plain_text_fields_are_checked_as_written_and_decoded(tmp_path):
    text = ACTIVITY.replace("title: Bus passes for carers", "title: 'Bus passes: ask jo&#64;example.org'")
    [message] = lines(activity(tmp_path, text))
    assert message.startswith(f"{F}:1: title: contains an e-mail address (j…@example.org)")


def test_image_descriptions_and_link_titles_are_read_too(tmp_path):
    for i, text in enumerate(["![call 07700 900123](images/a.png)", "[site](https://example.org \"jo@example.org\")",
                              "[site][1]\n\n[1]: https://example.org \"ring 07700 900123\""]):
        assert lines(activity(tmp_path / str(i), summary(text))), text


def test_the_country_decides_how_numbers_are_read():
    assert PrivacyRule().find("Ring 07700 900123")
    irish = PrivacyRule(country="IE")
    assert irish.find("Ring 087 123 4567") and irish.find("Ring +353 87 123 4567")
    assert not irish.find("ISBN 978-0-306-40615-7")
    assert PrivacyRule(["+353 87 123 4567"], country="IE").find("Ring (087) 123-4567") == []


def test_organisation_contact_stays_exempt(tmp_path):
    clean(check(tmp_path, organisation=ORG + "contact: 'jo&#64;riverside.example, 07700 900123'\n"))
