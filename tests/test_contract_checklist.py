"""CONTENT_FORMAT.md, "checklist": answers by actor, stage and marker against the default framework."""

from __future__ import annotations

import pytest

from kits.contractkit import ACTIVITY, activity, clean, lines, only
from mic_plugin.load.framework import load_framework
from mic_plugin.derive.scoring import activity_score

F = "content/activities/2024-bus.yml"


def checklist(body: str) -> str:
    """An activity whose checklist is ``body`` (indented two spaces under ``checklist:``, first line 7)."""
    return ACTIVITY + "checklist:\n" + "".join(f"  {ln}\n" for ln in body.splitlines())


def test_default_framework_has_the_29_markers_of_the_contract():
    fw = load_framework()
    assert [a.id for a in fw.actors] == ["organisation", "person"]
    assert [s.id for s in fw.stages] == ["planning", "access", "monitoring", "follow-up"]
    assert len(fw.markers) == 29
    assert len(fw.markers_for("organisation")) == 19 and len(fw.markers_for("person")) == 10
    assert fw.marker("strategy").text == "Strategy drawn up"
    assert (fw.marker("listened-to").actor, fw.marker("listened-to").stage) == ("person", "access")


def test_bare_and_mapping_answers(tmp_path):
    text = checklist("""\
organisation:
  planning:
    purpose-written: met
    strategy: {answer: partly, evidence: "Draft strategy, to be agreed in May", url: "https://example.org/strategy"}
  access:
    accessible-venues: {answer: not-applicable, evidence: All sessions were online}
  follow-up:
    changes-communicated: not-met
person:
  access:
    listened-to:
      answer: met
      evidence: 18 of 20 said so in the exit survey
""")
    result = activity(tmp_path, text)
    clean(result)
    answers = result.site.activities[0].checklist
    assert {k: a.answer for k, a in answers.items()} == {
        "purpose-written": "met", "strategy": "partly", "accessible-venues": "not-applicable",
        "changes-communicated": "not-met", "listened-to": "met"}
    assert answers["strategy"].evidence == "Draft strategy, to be agreed in May"
    assert answers["strategy"].url == "https://example.org/strategy"
    assert answers["listened-to"].evidence == "18 of 20 said so in the exit survey"
    score = activity_score(result.site.framework, result.site.activities[0])
    assert score.message == "2 of 28 met"  # 29 markers, one not applicable; silence counts as not met


def test_no_checklist_scores_zero_of_29(tmp_path):
    result = activity(tmp_path, ACTIVITY)
    assert activity_score(result.site.framework, result.site.activities[0]).message == "0 of 29 met"


def test_empty_actor_and_stage_mappings_answer_nothing(tmp_path):
    result = activity(tmp_path, checklist("organisation:\n  planning:\n  access: {}\nperson:"))
    clean(result)
    assert result.site.activities[0].checklist == {}


def test_every_answer_word(tmp_path):
    text = checklist("organisation:\n  planning:\n    principles-agreed: met\n    purpose-written: partly\n"
                     "    strategy: not-met\n    notice-given: {answer: not-applicable, evidence: \"Drop-in, no notice\"}")
    clean(activity(tmp_path, text))


def test_unknown_actor_suggests(tmp_path):
    assert only(activity(tmp_path, checklist("organisaton:\n  planning:\n    strategy: met"))) == (
        f"{F}:7: checklist.organisaton: unknown actor; did you mean 'organisation'? (Expected one of: organisation, "
        "person.)")
    assert only(activity(tmp_path / "2", checklist("staff:\n  planning:"))) == (
        f"{F}:7: checklist.staff: unknown actor; expected one of: organisation, person")


def test_unknown_stage_suggests(tmp_path):
    assert only(activity(tmp_path, checklist("person:\n  acess:\n    listened-to: met"))) == (
        f"{F}:8: checklist.person.acess: unknown stage; did you mean 'access'? (Expected one of: planning, access, "
        "monitoring, follow-up.)")
    assert only(activity(tmp_path / "2", checklist("person:\n  follow_up:\n    continued-involvement: met"))) == (
        f"{F}:8: checklist.person.follow_up: unknown stage; did you mean 'follow-up'? (Expected one of: planning, "
        "access, monitoring, follow-up.)")


def test_unknown_marker_suggests(tmp_path):
    assert only(activity(tmp_path, checklist("organisation:\n  planning:\n    stratgy: met"))) == (
        f"{F}:9: checklist.organisation.planning.stratgy: unknown marker; did you mean 'strategy'? (Markers here are: "
        "principles-agreed, purpose-written, strategy, timing-for-influence, notice-given.)")
    assert only(activity(tmp_path / "2", checklist("organisation:\n  planning:\n    budget-agreed: met"))) == (
        f"{F}:9: checklist.organisation.planning.budget-agreed: unknown marker; markers here are: principles-agreed, "
        "purpose-written, strategy, timing-for-influence, notice-given")


def test_marker_under_the_wrong_stage_or_actor(tmp_path):
    assert only(activity(tmp_path, checklist("organisation:\n  access:\n    strategy: met"))) == (
        f"{F}:9: checklist.organisation.access.strategy: this marker belongs under organisation.planning, "
        "not organisation.access")
    assert only(activity(tmp_path / "2", checklist("organisation:\n  access:\n    listened-to: met"))) == (
        f"{F}:9: checklist.organisation.access.listened-to: this marker belongs under person.access, "
        "not organisation.access")


def test_strategy_no_explains_yaml_booleans(tmp_path):
    assert only(activity(tmp_path, checklist("organisation:\n  planning:\n    strategy: no"))) == (
        f"{F}:9: checklist.organisation.planning.strategy: YAML reads no as false (yes, no, on, off, true and false "
        "are read as true/false), which is never a valid answer; use one of met, partly, not-met, not-applicable")


@pytest.mark.parametrize("answer", ["yes please", "Met", "done", "3"])
def test_answer_not_in_the_vocabulary(tmp_path, answer):
    message = only(activity(tmp_path, checklist(f"organisation:\n  planning:\n    strategy: {answer}")))
    assert message.startswith(f"{F}:9: checklist.organisation.planning.strategy: '{answer}' is not one of met, "
                              "partly, not-met, not-applicable")
    if answer == "Met":
        assert message.endswith("did you mean 'met'?")


def test_not_applicable_needs_evidence(tmp_path):
    expected = (f"{F}:9: checklist.organisation.planning.strategy: not-applicable needs evidence saying why: write "
                '{answer: not-applicable, evidence: "why it does not apply"}')
    assert only(activity(tmp_path, checklist("organisation:\n  planning:\n    strategy: not-applicable"))) == expected
    assert only(activity(tmp_path / "2", checklist(
        "organisation:\n  planning:\n    strategy: {answer: not-applicable}"))) == expected
    assert only(activity(tmp_path / "3", checklist(
        "organisation:\n  planning:\n    strategy: {answer: not-applicable, url: 'https://example.org'}"))) == expected


def test_marker_without_an_answer(tmp_path):
    assert only(activity(tmp_path, checklist("organisation:\n  planning:\n    strategy:"))) == (
        f"{F}:9: checklist.organisation.planning.strategy: has no answer; write met, partly, not-met or "
        "not-applicable, or remove the line to leave it not assessed")


def test_answer_mapping_fields(tmp_path):
    text = checklist("organisation:\n  planning:\n    strategy: {evidence: x}\n"
                     "    notice-given: {answer: met, evidense: y}")
    assert lines(activity(tmp_path, text)) == [
        f"{F}:9: checklist.organisation.planning.strategy.answer: is required but missing",
        f"{F}:10: checklist.organisation.planning.notice-given.evidense: unknown field; did you mean 'evidence'?",
    ]


def test_comma_inside_braces_gets_a_hint(tmp_path):
    text = checklist("organisation:\n  planning:\n    strategy: {answer: partly, evidence: Draft, to be agreed}")
    assert only(activity(tmp_path, text)) == (
        f"{F}:9: checklist.organisation.planning.strategy.to be agreed: unknown field; is there a comma in a text "
        "inside { }? Put that text in quotes, e.g. evidence: \"Draft strategy, to be agreed in May\"")


@pytest.mark.parametrize("url", ["https://example.org/strategy.pdf", "http://example.org", "HTTPS://EXAMPLE.ORG/x?y=1"])
def test_evidence_url_http_or_https(tmp_path, url):
    clean(activity(tmp_path, checklist(f"organisation:\n  planning:\n    strategy: {{answer: met, url: '{url}'}}")))


@pytest.mark.parametrize("url", ["ftp://example.org/a", "javascript:alert(1)", "example.org/strategy",
                                 "https://", "file:///etc/passwd", "https://exa mple.org"])
def test_evidence_url_must_be_a_web_address(tmp_path, url):
    assert only(activity(tmp_path, checklist(f"organisation:\n  planning:\n    strategy: {{answer: met, url: '{url}'}}"))) == (
        f"{F}:9: checklist.organisation.planning.strategy.url: '{url}' is not a web address; write it in full, "
        "starting https://")


def test_duplicate_marker(tmp_path):
    assert only(activity(tmp_path, checklist("organisation:\n  planning:\n    strategy: met\n    strategy: not-met"))) == (
        f"{F}:10: checklist.organisation.planning.strategy: is written twice (first on line 9); the second would "
        "silently replace the first")


def test_checklist_shapes(tmp_path):
    assert only(activity(tmp_path, ACTIVITY + "checklist: [strategy]\n")) == (
        f"{F}:6: checklist: must be a set of actors ('actor: ...' lines), not a list")
    assert only(activity(tmp_path / "2", checklist("organisation: [strategy]"))) == (
        f"{F}:7: checklist.organisation: must be a set of stages ('stage: ...' lines), not a list")
    assert only(activity(tmp_path / "3", checklist("organisation:\n  planning: met"))) == (
        f"{F}:8: checklist.organisation.planning: must be a set of markers ('marker: ...' lines), not text")


def test_a_site_framework_of_the_same_shape(tmp_path):
    fw_file = tmp_path / "framework.yml"
    fw_file.write_text("id: tiny\ntitle: Tiny framework\nactors:\n  - {id: team, name: Team}\nstages:\n"
                       "  - {id: before, name: Before}\nmarkers:\n  - {id: asked, actor: team, stage: before, "
                       "text: We asked}\n", encoding="utf-8")
    from kits.contractkit import write_content
    from mic_plugin.load.loader import load_site

    ok = ACTIVITY + "checklist:\n  team:\n    before:\n      asked: met\n"
    content = write_content(tmp_path / "a", activities={"2024-bus.yml": ok})
    result = load_site(content, framework=fw_file, display_dir="content")
    clean(result)
    assert activity_score(result.site.framework, result.site.activities[0]).message == "1 of 1 met"
    bad = ACTIVITY + "checklist:\n  organisation:\n    planning:\n      strategy: met\n"
    content = write_content(tmp_path / "b", activities={"2024-bus.yml": bad})
    assert only(load_site(content, framework=fw_file, display_dir="content")) == (
        f"{F}:7: checklist.organisation: unknown actor; expected one of: team")


def test_a_broken_framework_file_is_reported_like_content(tmp_path):
    fw_file = tmp_path / "framework.yml"
    fw_file.write_text("id: tiny\ntitle: Tiny\nactors: [{id: team, name: Team}]\nstages: [{id: before, name: B}]\n"
                       "markers:\n  - {id: asked, actor: staff, stage: before, text: We asked}\n", encoding="utf-8")
    from kits.contractkit import write_content
    from mic_plugin.load.loader import load_site

    result = load_site(write_content(tmp_path), framework=fw_file, display_dir="content")
    assert result.site is None
    assert [str(p) for p in result.problems] == [
        f"{fw_file}:6: markers[0].actor: 'staff' is not one of the actors listed: team"]
