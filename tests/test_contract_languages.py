"""CONTENT_FORMAT.md 1.1, "Languages": translatable fields, their errors and the warnings that enforce parity."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from kits.contractkit import ACTIVITY, ORG, check, clean, line_of, lines, only
from mic_plugin.load.formats import json_schema
from mic_plugin.load.framework import load_framework
from mic_plugin.model.translated import Fallback, Translated, text_in

A = "content/activities/2024-bus.yml"
O = "content/organisation.yml"
BILINGUAL = ORG.replace("name: Riverside Test Carers", "name: {en: Riverside Test Carers, cy: Gofalwyr Glan yr Afon}")
BILINGUAL = BILINGUAL.replace("purpose: |\n  We ask", "purpose:\n  cy: Rydym yn gofyn i ofalwyr.\n  en: |\n    We ask")
BILINGUAL = BILINGUAL.replace("including when the answer is no.", "  including when the answer is no.")
BILINGUAL += "languages: [en, cy]\n"

WELSH_ACTIVITY = """\
title:
  en: Bus passes for carers
  cy: Pasys bws i ofalwyr
summary: {en: A survey about getting to appointments., cy: Arolwg am gyrraedd apwyntiadau.}
approach: consulting
status: in-progress
started: 2024-03-01
themes:
  - {en: Transport, cy: Trafnidiaeth}
  - {en: money, cy: arian}
purpose:
  aims:
    - {en: Later buses, cy: Bysiau hwyrach}
participation:
  accessibility:
    - {en: step-free venue, cy: lleoliad heb risiau}
feedback:
  - id: bus-too-late
    said: {en: The last bus leaves too early., cy: Mae'r bws olaf yn gadael yn rhy gynnar.}
    date: 2024-03-05
    source: {en: survey, cy: arolwg}
    themes: [{en: transport, cy: trafnidiaeth}]
    response:
      status: done
      did: {en: We asked for a later bus., cy: Gofynnon ni am fws hwyrach.}
      owner: {en: Transport team, cy: Tîm trafnidiaeth}
"""


def test_the_organisation_names_its_languages_and_country(tmp_path):
    result = check(tmp_path, organisation=BILINGUAL + "country: IE\n", activities={"2024-bus.yml": WELSH_ACTIVITY})
    clean(result)
    org = result.site.organisation
    assert org.languages == ("en", "cy") and org.main_language == "en" and org.country == "IE"
    assert org.name == "Riverside Test Carers" and org.name.texts["cy"] == "Gofalwyr Glan yr Afon"
    assert org.purpose.texts["cy"] == "Rydym yn gofyn i ofalwyr."


def test_defaults_are_english_and_gb(tmp_path):
    org = check(tmp_path).site.organisation
    assert (org.languages, org.country) == (("en",), "GB")


def test_every_translatable_field_keeps_each_language_and_reads_as_the_main_one(tmp_path):
    result = check(tmp_path, organisation=BILINGUAL, activities={"2024-bus.yml": WELSH_ACTIVITY})
    clean(result)
    activity = result.site.activities[0]
    item = activity.feedback[0]
    assert activity.title == "Bus passes for carers"
    assert text_in(activity.title, "cy", "en") == "Pasys bws i ofalwyr"
    assert [text_in(t, "cy", "en") for t in activity.themes] == ["Trafnidiaeth", "arian"]
    assert text_in(activity.purpose.aims[0], "cy", "en") == "Bysiau hwyrach"
    assert text_in(activity.participation.accessibility[0], "cy", "en") == "lleoliad heb risiau"
    assert [text_in(v, "cy", "en") for v in (item.said, item.source, item.response.did, item.response.owner)] == [
        "Mae'r bws olaf yn gadael yn rhy gynnar.", "arolwg", "Gofynnon ni am fws hwyrach.", "Tîm trafnidiaeth"]
    # A translated theme is one theme, known by its main-language text.
    assert item.themes == ["transport"] and activity.themes[0].casefold() == "transport"


def test_a_missing_translation_is_a_warning_naming_file_line_field_and_language(tmp_path):
    text = WELSH_ACTIVITY.replace("  cy: Pasys bws i ofalwyr\n", "").replace(
        "owner: {en: Transport team, cy: Tîm trafnidiaeth}", "owner: Transport team")
    result = check(tmp_path, organisation=BILINGUAL, activities={"2024-bus.yml": text})
    assert result.errors == [] and result.site is not None
    shown = lines(result)
    assert shown == [
        f"{A}:2: warning: title: has no cy (Welsh) translation",
        f"{A}:{line_of(text, 'owner:')}: warning: feedback[0].response.owner: has no cy (Welsh) translation; "
        "write it as a mapping, e.g. en: ... and cy: ...",
    ]
    # The English is kept and, in Welsh, shown as English.
    owner = result.site.activities[0].feedback[0].response.owner
    shown_cy = text_in(owner, "cy", "en")
    assert isinstance(shown_cy, Fallback) and shown_cy.lang == "en" and shown_cy == "Transport team"
    assert shown_cy.__html__() == '<span lang="en">Transport team</span>'


def test_every_language_is_checked_for_every_item_of_a_list(tmp_path):
    org = BILINGUAL.replace("languages: [en, cy]", "languages: [en, cy, gd]")
    org = org.replace("cy: Gofalwyr Glan yr Afon}", "cy: Gofalwyr Glan yr Afon, gd: Luchd-cùraim}")
    org = org.replace("  cy: Rydym", "  gd: Bidh sinn a' faighneachd.\n  cy: Rydym")
    text = ACTIVITY.replace("title: Bus passes for carers", "title: {en: Bus passes, cy: Pasys bws, gd: Pasan bus}")
    text = text.replace("summary: A survey about getting to appointments.",
                        "summary: {en: A survey., cy: Arolwg., gd: Suirbhidh.}")
    text += "themes:\n  - {en: transport, cy: trafnidiaeth}\n  - {en: money, gd: airgead}\n"
    result = check(tmp_path, organisation=org, activities={"2024-bus.yml": text})
    assert lines(result) == [f"{A}:7: warning: themes[0]: has no gd (Scottish Gaelic) translation",
                             f"{A}:8: warning: themes[1]: has no cy (Welsh) translation"]


@pytest.mark.parametrize("written, message", [
    ("{en: Bus passes, fr: Laissez-passer}",
     "title.fr: 'fr' is not one of the site's languages (en, cy); add fr to languages in organisation.yml"),
    ("{en: Bus passes, cym: Pasys bws}", "title.cym: 'cym' is not one of the site's languages (en, cy); "
                                         "did you mean 'cy'?"),
    ("{en: Bus passes, Welsh: Pasys bws}", "did you mean 'cy'?"),
    ("{cy: Pasys bws}", "title: has no en (English) text: the main language"),
    ("{en: Bus passes, cy: ''}", "title.cy: may not be empty"),
    ("{en: Bus passes, cy: }", "title.cy: is empty"),
    ("{en: Bus passes, cy: [Pasys]}", "title.cy: must be text, not a list"),
    ("{en: Bus passes, cy: 2024}", "title.cy: must be text, but YAML reads 2024 as a number"),
    ("{en: Bus passes, en: Bus}", "title.en: is written twice"),
    ("{}", "title: is an empty set of translations; write the text, at least in en (English)"),
])
def test_translation_mistakes_are_located_errors(tmp_path, written, message):
    text = ACTIVITY.replace("title: Bus passes for carers", f"title: {written}")
    text = text.replace("summary: A survey about getting to appointments.", "summary: {en: A survey., cy: Arolwg.}")
    result = check(tmp_path, organisation=BILINGUAL, activities={"2024-bus.yml": text})
    found = [str(p) for p in result.errors]
    assert len(found) == 1 and found[0].startswith(f"{A}:1: ") and message in found[0], lines(result)
    assert result.site is None


def test_an_empty_mapping_is_not_text(tmp_path):
    text = ACTIVITY.replace("title: Bus passes for carers", "title: {}")
    assert "title: " in only(check(tmp_path, activities={"2024-bus.yml": text}))


def test_a_one_language_site_accepts_its_language_as_a_mapping_and_refuses_others(tmp_path):
    text = ACTIVITY.replace("title: Bus passes for carers", "title: {en: Bus passes}")
    result = check(tmp_path, activities={"2024-bus.yml": text})
    clean(result)
    assert result.site.activities[0].title == "Bus passes"
    text = ACTIVITY.replace("title: Bus passes for carers", "title: {en: Bus passes, cy: Pasys bws}")
    assert only(check(tmp_path, activities={"2024-bus.yml": text})) == (
        f"{A}:1: title.cy: 'cy' is not one of the site's languages (en); add cy to languages in "
        "organisation.yml to publish it")


@pytest.mark.parametrize("field", ["contact", "data_licence"])
def test_fields_that_are_not_translated_stay_plain_text(tmp_path, field):
    org = BILINGUAL + f"{field}: {{en: x, cy: y}}\n"
    text = only(check(tmp_path, organisation=org, activities={"2024-bus.yml": WELSH_ACTIVITY}))
    assert text.startswith(f"{O}:") and f"{field}: must be text, not a set of fields" in text


def test_ids_urls_and_vocabularies_are_not_translated(tmp_path):
    text = WELSH_ACTIVITY.replace("status: in-progress", "status: {en: in-progress, cy: ar-waith}")
    found = only(check(tmp_path, organisation=BILINGUAL, activities={"2024-bus.yml": text}))
    assert "status: must be one of" in found


@pytest.mark.parametrize("written, message", [
    ("[en, Welsh]", "languages[1]: 'Welsh' is not a language code (BCP 47, e.g. en, cy, gd, pt-BR); did you mean 'cy'?"),
    ("[en, pt_br]", "languages[1]: 'pt_br' is not a language code (BCP 47, e.g. en, cy, gd, pt-BR); write it as 'pt-BR'"),
    ("[en, cy, en]", "languages[2]: 'en' is listed twice (first on line"),
    ("[en, no]", "languages[1]: YAML reads no as true/false; put the language code in quotes: \"no\""),
    ("[]", "languages: needs at least one language"),
    ("en", "languages: must be a list of language codes, not text; e.g. [en, cy]"),
    ("[en, 12]", "languages[1]: must be a language code such as en or cy, not a number"),
])
def test_language_list_mistakes(tmp_path, written, message):
    org = ORG + f"languages: {written}\n"
    text = only(check(tmp_path, organisation=org))
    assert text.startswith(f"{O}:4: ") and message in text, text


def test_a_mistake_in_the_list_does_not_make_every_translation_an_error_too(tmp_path):
    org = BILINGUAL.replace("languages: [en, cy]", "languages: [en, Welsh]")
    result = check(tmp_path, organisation=org, activities={"2024-bus.yml": WELSH_ACTIVITY})
    assert len(result.errors) == 1 and "'Welsh' is not a language code" in str(result.errors[0])


def test_quoted_norwegian_and_regional_tags_are_languages(tmp_path):
    result = check(tmp_path, organisation=ORG + "languages: [en, \"no\", pt-BR, zh-Hant]\n")
    assert result.errors == [] and result.site.organisation.languages == ("en", "no", "pt-BR", "zh-Hant")


@pytest.mark.parametrize("written, message", [
    ("gb", "country: 'gb' is not a country code; write it in capitals: GB"),
    ("UK", "country: 'UK' is not an ISO 3166-1 country code (two capital letters, e.g. GB, IE); did you mean 'GB'?"),
    ("Ireland", "did you mean 'IE'?"),
    ("NO", "country: YAML reads NO as true/false; put the country code in quotes: \"NO\""),
    ("44", "country: must be a two-letter country code such as GB, not a number"),
])
def test_country_mistakes(tmp_path, written, message):
    text = only(check(tmp_path, organisation=ORG + f"country: {written}\n"))
    assert text.startswith(f"{O}:4: ") and message in text, text


def test_translations_are_privacy_checked_in_every_language(tmp_path):
    text = WELSH_ACTIVITY.replace("cy: Arolwg am gyrraedd apwyntiadau.", "cy: Ffoniwch 07700 900123.")
    text = text.replace("summary: {en: A survey about getting to appointments., cy: Ffoniwch 07700 900123.}",
                        "summary:\n  en: A survey about getting to appointments.\n  cy: Ffoniwch 07700 900123.")
    found = only(check(tmp_path, organisation=BILINGUAL, activities={"2024-bus.yml": text}))
    assert found.startswith(f"{A}:6: summary.cy: contains a") and "number" in found


def test_translated_values_survive_copying():
    import copy
    import pickle

    value = Translated({"en": "Bus", "cy": "Bws"}, "en")
    for clone in (copy.deepcopy(value), pickle.loads(pickle.dumps(value))):
        assert clone == "Bus" and clone.texts == {"en": "Bus", "cy": "Bws"}
    fallback = pickle.loads(pickle.dumps(Fallback("Bus", "en")))
    assert fallback.lang == "en"


def test_the_schema_describes_both_forms_of_a_translatable_text():
    schema = json_schema(load_framework())
    validator = Draft202012Validator(schema)
    activity = {"title": {"en": "Bus passes", "cy": "Pasys bws"}, "summary": "A survey.", "approach": "consulting",
                "status": "open", "started": "2024-03-01", "themes": ["transport", {"en": "money", "cy": "arian"}],
                "purpose": {"aims": [{"en": "Later buses", "cy": "Bysiau hwyrach"}]}}
    assert list(validator.iter_errors(activity)) == []
    title = schema["$defs"]["activity"]["properties"]["title"]
    assert title["type"] == ["string", "object"] and title["additionalProperties"]["type"] == "string"
    bad = dict(activity, title={"en": "Bus", "Welsh": "Bws"})
    assert list(Draft202012Validator(schema).iter_errors(bad))
    bad = dict(activity, title={"en": 2024})
    assert list(Draft202012Validator(schema).iter_errors(bad))
    org = schema["$defs"]["organisation"]["properties"]
    assert org["languages"]["items"]["pattern"] and org["country"]["pattern"] == "^[A-Z]{2}$"
    assert org["contact"]["type"] == "string"  # not translated
    assert json.dumps(schema)  # serialisable


def test_a_site_seen_in_welsh(tmp_path):
    from mic_plugin.derive.languages import localise
    from mic_plugin.render.i18n import words_for

    text = WELSH_ACTIVITY.replace("  cy: Pasys bws i ofalwyr\n", "").replace(
        "themes: [{en: transport, cy: trafnidiaeth}]", "themes: [Transport, money]")
    site = check(tmp_path, organisation=BILINGUAL, activities={"2024-bus.yml": text}).site
    cy = localise(site, "cy", words_for("cy"))
    activity, item = cy.activities[0], cy.activities[0].feedback[0]
    assert isinstance(activity.title, Fallback) and activity.title.lang == "en"
    assert activity.summary == "Arolwg am gyrraedd apwyntiadau." and type(activity.summary) is str
    # One theme across the site: the item's plain 'Transport' shows the translation written elsewhere.
    assert activity.themes == ["Trafnidiaeth", "arian"] and item.themes == ["Trafnidiaeth", "arian"]
    assert (item.id, item.status, item.date) == ("bus-too-late", "done", site.activities[0].feedback[0].date)
    assert cy.organisation.name == "Gofalwyr Glan yr Afon"
    assert cy.framework.stages[0].name == "Cynllunio"
    assert cy.framework.marker("listened-to").text == "Roedden nhw'n teimlo bod rhywun yn gwrando arnyn nhw"
    en = localise(site, "en", words_for("en"))
    assert en.activities[0].title == "Bus passes for carers" and type(en.activities[0].title) is str
    assert en.framework.stages[0].name == "Planning"
    assert site.activities[0].title.texts == {"en": "Bus passes for carers"}  # the loaded site is unchanged
