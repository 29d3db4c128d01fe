"""The plugin's own words (render/i18n.py): one catalogue, English and Welsh shipped, dates and numbers in the
page's language, each language's plural rule, and a site's own translations file."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from mic_plugin.render import i18n
from mic_plugin.render.i18n import TranslationError, Words, language_name, words_for

CY = words_for("cy")
EN = words_for("en")


def test_dates_in_welsh_and_english():
    assert CY.date(dt.date(2024, 2, 12)) == "12 Chwefror 2024"
    assert EN.date(dt.date(2024, 3, 5)) == "5 March 2024"
    months = [CY.date(dt.date(2024, m, 1)).split()[1] for m in range(1, 13)]
    assert months == ["Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi",
                      "Hydref", "Tachwedd", "Rhagfyr"]
    assert CY.month_year(2026, 11) == "Tachwedd 2026" and EN.month_year(2026, 11) == "November 2026"
    assert CY.date(None) == ""


def test_the_country_chooses_the_conventions_of_a_language():
    assert words_for("en", "US").date(dt.date(2024, 3, 5)) == "March 5, 2024"
    assert words_for("de").number(1250000.5) == "1.250.000,5"
    assert words_for("de").percent(13) == "13\xa0%"


@pytest.mark.parametrize("value, shown", [(12, "12"), (12.0, "12"), (12.5, "12.5"), (12.345, "12.35"),
                                          (1250000, "1,250,000"), (-0.001, "0"), (None, "")])
def test_numbers_as_before_in_both_languages(value, shown):
    assert EN.number(value) == shown and CY.number(value) == shown


def test_numbers_refuse_nan():
    with pytest.raises(ValueError):
        CY.number(float("nan"))


@pytest.mark.parametrize("n, form", [(0, 0), (1, 1), (2, 2), (3, 3), (4, 5), (6, 4), (7, 5), (100, 5)])
def test_welsh_has_six_plural_forms_from_cldr(n, form, tmp_path):
    po = tmp_path / "cy.po"
    forms = "\n".join(f'msgstr[{i}] "form {i}: %(num)s"' for i in range(6))
    po.write_text(textwrap.dedent('''\
        msgid ""
        msgstr ""
        "Language: cy\\n"
        "Content-Type: text/plain; charset=utf-8\\n"
        "Plural-Forms: nplurals=6; plural=(n == 0 ? 0 : n == 1 ? 1 : n == 2 ? 2 : n == 3 ? 3 : n == 6 ? 4 : 5);\\n"

        msgid "%(num)s widget"
        msgid_plural "%(num)s widgets"
        ''') + forms + "\n", encoding="utf-8")
    words = Words("cy", site_translations=[(po, "translations/cy.po")])
    assert words.ngettext("%(num)s widget", "%(num)s widgets", n) == f"form {form}: {n}"


def test_english_plurals_and_numbers_in_messages():
    assert EN.ngettext("%(num)s item", "%(num)s items", 1) == "1 item"
    assert EN.ngettext("%(num)s item", "%(num)s items", 1250) == "1,250 items"


def test_status_names_and_framework_words_are_welsh():
    assert CY._("Done") == "Wedi'i wneud"
    assert CY._("Awaiting response") == "Yn aros am ymateb"
    assert CY._("Co-producing") == "Cyd-gynhyrchu"
    assert CY._("They felt listened to") == "Roedden nhw'n teimlo bod rhywun yn gwrando arnyn nhw"


def test_a_message_a_language_lacks_is_english_marked_as_english_in_html():
    gd = words_for("gd")
    assert gd._("Done") == "Done"
    assert str(gd.markup("Done")) == '<span lang="en">Done</span>'
    assert str(CY.markup("Done")) == "Wedi&#39;i wneud"
    assert str(EN.markup("Done")) == "Done"


def test_markup_escapes_the_message_and_plain_values_but_keeps_markup_values():
    from markupsafe import Markup
    out = EN.markup("%(what)s on %(when)s", what="<b>", when=Markup("<time>x</time>"))
    assert str(out) == "&lt;b&gt; on <time>x</time>"


def test_a_site_changes_a_word_and_adds_a_language(tmp_path):
    folder = tmp_path / "translations"
    folder.mkdir()
    (folder / "cy.po").write_text('msgid "Done"\nmsgstr "Wedi gorffen"\n', encoding="utf-8")
    (folder / "gd.po").write_text('msgid ""\nmsgstr "Language: gd\\n"\n\nmsgid "Done"\nmsgstr "Dèanta"\n',
                                  encoding="utf-8")
    files = [(p, f"translations/{p.name}") for p in i18n.po_files(folder)]
    cy = words_for("cy", "GB", files)
    assert cy._("Done") == "Wedi gorffen"  # the site's word wins
    assert cy._("Planned") == "Wedi'i gynllunio"  # ours for the rest
    gd = words_for("gd", "GB", files)
    assert gd._("Done") == "Dèanta" and str(gd.markup("Done")) == "Dèanta"
    assert str(gd.markup("Planned")) == '<span lang="en">Planned</span>'
    assert gd.date(dt.date(2024, 2, 5)).endswith("2024") and "Ghearran" in gd.date(dt.date(2024, 2, 5))


@pytest.mark.parametrize("text, line, words", [
    ('msgid "Done"\nhello\nmsgstr "Wedi gorffen"\n', 2, "misformatted"),
    ('msgid ""\nmsgstr ""\n\nmsgid "%(num)s item"\nmsgstr "%(rhif)s eitem"\n', 4, "rhif"),
])
def test_a_broken_translations_file_names_file_and_line(tmp_path, text, line, words):
    po = tmp_path / "cy.po"
    po.write_text(text, encoding="utf-8")
    with pytest.raises(TranslationError) as info:
        Words("cy", site_translations=[(po, "translations/cy.po")])
    assert str(info.value).startswith(f"translations/cy.po:{line}: ") and words in str(info.value)


def test_language_names_in_their_own_language():
    assert (language_name("cy"), language_name("en"), language_name("gd")) == ("Cymraeg", "English", "Gàidhlig")


def _ids(catalog) -> set:
    return {(m.context, m.id if isinstance(m.id, str) else tuple(m.id)) for m in catalog if m.id}


def test_the_shipped_catalogues_are_in_step_with_the_code():
    """messages.pot lists exactly the messages of the code and templates, and every LANG.po has them all
    (python -m mic_plugin.render.i18n brings them in step)."""
    wanted = _ids(i18n.extract_catalog())
    for path in [i18n.LOCALES_DIR / "messages.pot", *sorted(i18n.LOCALES_DIR.glob("*.po"))]:
        have = _ids(i18n._read_po(path, path.name))
        assert have == wanted, (f"{path.name} is out of step with the code (missing: {sorted(wanted - have)[:5]}, "
                                f"gone: {sorted(have - wanted)[:5]}): run  python -m mic_plugin.render.i18n")


def test_welsh_translates_every_message_of_the_plugin():
    assert i18n.untranslated("cy") == []
    assert "cy" in i18n.shipped_languages() and "en" in i18n.shipped_languages()


@pytest.mark.parametrize("count, en, cy", [(1, "1 person", "1 person"), (2, "2 people", "2 o bobl"),
                                           (0, "0 people", "0 o bobl"), (1250, "1,250 people", "1,250 o bobl")])
def test_people_is_one_wording_in_each_language(count, en, cy):
    assert EN.people(count) == en
    assert CY.people(count) == cy


def test_the_filter_script_is_given_the_same_people_wording():
    assert EN.script_forms(EN.people) == {"one": "{n} person", "other": "{n} people"}
    assert CY.script_forms(CY.people) == CY.plural_forms("%(num)s person", "%(num)s people")
    assert CY.script_forms(CY.people)["one"] == "{n} person"
