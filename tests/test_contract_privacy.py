"""CONTENT_FORMAT.md, "Privacy": no e-mail addresses or phone numbers in published text."""

from __future__ import annotations

import pytest

from kits.contractkit import ACTIVITY, ITEM, ORG, activity, check, clean, line_of, only
from mic_plugin.load.privacy import PrivacyRule

F = "content/activities/2024-bus.yml"
SUMMARY = "summary: A survey about getting to appointments."
WHAT_EMAIL = "published text must not identify anyone. Remove it"
WHAT = ("published text must not identify anyone. Remove it, or, if it is the organisation's own number, list it "
        "in organisation.yml public_contacts (written in any form)")


def summary(text: str) -> str:
    return ACTIVITY.replace(SUMMARY, f"summary: {text}")


@pytest.mark.parametrize("text, masked", [
    ("'Write to jo.bloggs@gmail.com please'", "j…@gmail.com"),
    ("'JO+carer@Example.co.uk said so'", "J…@Example.co.uk"),
    ("'[Jo](mailto:jo.bloggs@gmail.com)'", "j…@gmail.com"),
    ("'[write](MAILTO:someone)'", "mailto:s…) in a link"),
])
def test_email_addresses(tmp_path, text, masked):
    assert only(activity(tmp_path, summary(text))) == (
        f"{F}:2: summary: contains an e-mail address ({masked}{'' if masked.endswith('link') else ')'}; "
        f"{WHAT_EMAIL}")


@pytest.mark.parametrize("number, masked", [
    ("07700 900123", "0770…23"), ("+44 7700 900123", "4477…23"), ("(0161) 496-0000", "0161…00"),
    ("0161-496-0000", "0161…00"), ("+44 (0)161 496 0000", "4401…00"), ("01614960000", "0161…00"),
    ("0161 496 0000", "0161…00"), ("+1 (555) 010-9999", "1555…99"), ("+353 1 234 5678", "3531…78"),
    ("0044 7700 900123", "0044…23"), ("07700.900.123", "0770…23"), ("(07700) 900123", "0770…23"),
])
def test_phone_numbers_in_national_or_international_form(tmp_path, number, masked):
    assert only(activity(tmp_path, summary(f"'Ring {number} any time'"))) == (
        f"{F}:2: summary: contains a phone number ({masked}); {WHAT}")


@pytest.mark.parametrize("text", [
    "'123456789'",  # nine digits
    "'Met on 2024-03-05 and 2024-04-05'", "'From 2024-03-05 to 2024-04-05, 12 carers'",
    "'Case ref 1234567890123456'", "'Reference 12345678901234567890'",  # longer than 15: account or reference
    "'123456789012345'", "'Ref 7700900123'",  # not written as a full number (no 0 or +) and not a valid one
    "'£1,234,567 and 89,000 people'", "'Opening hours 9-17, 2024'", "'Version 1.2.3.4.5.6.7.8.9.10'",
])
def test_dates_and_long_reference_numbers_are_not_phone_numbers(tmp_path, text):
    clean(activity(tmp_path, summary(text)))


def test_public_contacts_may_appear_anywhere(tmp_path):
    org = ORG + "public_contacts: ['0808 157 0192', HELP@riverside.example]\n"
    text = summary("'Ring +44 808 157 0192, 0808-157-0192 or write to help@riverside.example'")
    text += "feedback:\n" + ITEM + "    response:\n      status: done\n      did: Call 0808 157 0192\n"
    clean(activity(tmp_path, text, organisation=org))


def test_a_public_contact_does_not_allow_others(tmp_path):
    org = ORG + "public_contacts: ['0808 157 0192', help@riverside.example]\n"
    assert only(activity(tmp_path, summary("'Ring 0808 157 0193 or write to help@riverside.example'"),
                         organisation=org)) == f"{F}:2: summary: contains a phone number (0808…93); {WHAT}"


def test_organisation_contact_is_exempt_but_other_organisation_fields_are_not(tmp_path):
    clean(check(tmp_path, organisation=ORG + "contact: 'jo@riverside.example, 0161 496 0000'\n"))
    assert only(check(tmp_path / "2", organisation=ORG + "about: 'Ask for Jo on 0161 496 0000'\n")) == (
        f"content/organisation.yml:4: about: contains a phone number (0161…00); {WHAT}")


@pytest.mark.parametrize("where, text", [
    ("said", ITEM.replace("The last bus leaves before evening appointments end.", "Call me on 07700 900123")),
    ("source", ITEM + "    source: 'phone call from 07700 900123'\n"),
    ("themes[0]", ITEM + "    themes: ['jo@example.org']\n"),
    ("response.did", ITEM + "    response:\n      status: done\n      did: Rang 07700 900123\n"),
    ("response.owner", ITEM + "    response:\n      status: planned\n      owner: jo@example.org\n"),
    ("response.updates[0].note", ITEM + "    response:\n      status: planned\n      updates:\n"
                                        "        - {date: 2024-04-01, status: planned, note: 'Rang 07700 900123'}\n"),
])
def test_every_text_field_is_checked(tmp_path, where, text):
    message = only(activity(tmp_path, ACTIVITY + "feedback:\n" + text))
    assert f": feedback[0].{where}: contains a" in message


def test_evidence_and_checklist_text_are_checked(tmp_path):
    text = ACTIVITY + "checklist:\n  person:\n    access:\n      listened-to: {answer: met, evidence: 'ask jo@x.org'}\n"
    assert only(activity(tmp_path, text)) == (
        f"{F}:9: checklist.person.access.listened-to.evidence: contains an e-mail address (j…@x.org); {WHAT_EMAIL}")


def test_outcomes_file_is_checked(tmp_path):
    result = check(tmp_path, outcomes="- id: m\n  measure: Calls to 07700 900123\n  type: user\n  value: 1\n"
                                      "  date: 2024-01-01\n")
    assert only(result) == f"content/outcomes.yml:2: [0].measure: contains a phone number (0770…23); {WHAT}"


def test_line_of_the_match_inside_a_literal_block(tmp_path):
    text = summary("|\n  A survey.\n\n  People said:\n\n  - ring 07700 900123 today\n  - or jo@example.org\n")
    result = activity(tmp_path, text)
    assert [str(p) for p in result.errors] == [
        f"{F}:{line_of(text, '07700')}: summary: contains a phone number (0770…23); {WHAT}",
        f"{F}:{line_of(text, 'jo@')}: summary: contains an e-mail address (j…@example.org); {WHAT_EMAIL}",
    ]
    assert line_of(text, "07700") == 7


@pytest.mark.parametrize("style", [">", "|-", ">+", "|2"])
def test_line_of_the_match_inside_other_blocks(tmp_path, style):
    text = summary(f"{style}\n  A survey.\n  More text here.\n\n  Ring 07700 900123 today.\n")
    assert only(activity(tmp_path, text)).startswith(f"{F}:{line_of(text, '07700')}: summary: contains a phone")


@pytest.mark.parametrize("value", ["A survey\n  about things\n  ring 07700 900123 today",
                                   "'A survey\n  about things\n  ring 07700 900123 today'",
                                   '"A survey\n  about things\n  ring 07700 900123 today"'])
def test_line_of_the_match_inside_multi_line_plain_and_quoted_text(tmp_path, value):
    text = summary(value)
    assert only(activity(tmp_path, text)).startswith(f"{F}:{line_of(text, '07700')}: summary: contains a phone")


def test_privacy_rule_directly():
    rule = PrivacyRule(["+44 808 157 0192", "Help@Example.org"])
    assert rule.find("ring 0808 157 0192 or help@example.org") == []
    found = rule.find("ring 0808 157 0193 or jo@example.org")
    assert [(f.kind, f.text) for f in found] == [("phone number", "0808 157 0193"), ("e-mail address", "jo@example.org")]


@pytest.mark.parametrize("text, masked", [
    ("'[Text me](sms:07700900123)'", "0770…23"),
    ("'[Ring](tel:07700%20900%20123)'", "0770…23) in a link"),  # spaces escaped: still the number
    ("'[Ring](tel:%2B44%207700%20900123)'", "4477…23) in a link"),
    ("'[Chat on WhatsApp](https://wa.me/447700900123?text=hello)'", "4477…23) in a link"),
    ("'[Chat](https://api.whatsapp.com/send?text=hi&phone=447700900123)'", "4477…23) in a link"),
    ("'[Chat](whatsapp://send?phone=447700900123)'", "4477…23) in a link"),
    ("'[Telegram](https://t.me/+447700900123)'", "4477…23) in a link"),
    ("'[Viber](viber://chat?number=%2B447700900123)'", "4477…23) in a link"),
    ("'[Ring](&#116;el:07700%20900%20123)'", "0770…23) in a link"),  # a character reference in the scheme
    ("\"[Ring][jo]\\n\\n[jo]: tel:07700%20900%20123\"", "0770…23) in a link"),  # a reference link
])
def test_links_that_dial_or_message_a_number(tmp_path, text, masked):
    """A link that rings, texts or opens a chat with someone publishes their number, however the link writes it
    (CONTENT_FORMAT.md, Privacy: link targets)."""
    end = "" if masked.endswith("link") else ")"
    assert only(activity(tmp_path, summary(text))) == (
        f"{F}:2: summary: contains a phone number ({masked}{end}; {WHAT}")


@pytest.mark.parametrize("text", [
    "'[Our Telegram channel](https://t.me/carerscafe)'", "'Stayed at the hotel:07700 was the room'",
    "'[Leaflet](https://example.org/leaflets/447700900123)'", "'[Ring us](tel:999)'",
])
def test_links_without_a_full_number_are_not_contact_details(tmp_path, text):
    clean(activity(tmp_path, summary(text)))


def test_the_organisations_own_chat_number_is_a_public_contact(tmp_path):
    org = ORG + "public_contacts: ['0808 157 0192']\n"
    clean(activity(tmp_path, summary("'[WhatsApp us](https://wa.me/448081570192) or [ring](tel:0808%20157%200192)'"),
                   organisation=org))


def test_a_build_and_mic_validate_find_the_same_linked_numbers():
    from mic_plugin.render.text import MarkdownRenderer

    texts = ["[x](tel:07700%20900%20123)", "[x](https://wa.me/447700900123)", "wa.me/447700900123 *now*",
             "[x][1]\n\n[1]: sms:07700%20900123", "[x](https://t.me/carerscafe) 0161 496", "[x](&#116;el:07700900123)"]
    built, validated = PrivacyRule(render=MarkdownRenderer().render), PrivacyRule()
    for text in texts:
        assert [f.key for f in built.find(text, markdown=True)] == [f.key for f in validated.find(text, markdown=True)]
