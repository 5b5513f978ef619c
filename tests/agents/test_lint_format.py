"""Rendering the Critic's findings as text, JSON and SARIF."""

from __future__ import annotations

import json

from superagent.agents.critic import critique_source
from superagent.agents.critic_rules import RULES
from superagent.agents.critic_untrusted import UNTRUSTED_RULES
from superagent.agents.lint_format import format_json, format_sarif, format_text
from superagent.models import Critique, Finding

BAD = """\
from playwright.sync_api import Page, expect


def test_checkout(page: Page) -> None:
    page.goto("/cart")
    page.wait_for_timeout(1000)
    page.get_by_role("button", name="Pay").click(force=True)
    expect(page.get_by_role("status")).to_have_text("Paid")
"""


def critiques() -> list[Critique]:
    return [
        critique_source(BAD, "tests/test_checkout.py"),
        critique_source("def test_ok():\n    assert True\n", "tests/test_ok.py"),
        critique_source("def test_x(:\n", "tests/dir with space/test_broken.py"),
    ]


def test_text_lists_findings_with_hints_and_a_summary() -> None:
    lines = format_text(critiques()).splitlines()
    assert lines[0] == (
        "tests/test_checkout.py:6:5: SA101 Hard wait `page.wait_for_timeout(1000)` sleeps instead of waiting "
        "for a state."
    )
    assert lines[1].startswith("    hint: Wait for what you need")
    assert lines[2].startswith("tests/test_checkout.py:7:5: SA103 ")
    assert lines[4].startswith("tests/dir with space/test_broken.py:1:12: SA000 Syntax error: ")
    assert lines[-2:] == ["", "Found 3 problems in 2 files."]


def test_text_summary_when_clean_or_single() -> None:
    clean = [critique_source("def test_ok():\n    assert True\n", "t.py")]
    assert format_text(clean) == "All checks passed."
    assert format_text([]) == "All checks passed."
    one = [critique_source("import time\ntime.sleep(1)\n", "t.py")]
    assert format_text(one).splitlines()[-1] == "Found 1 problem in 1 file."


def test_json_has_findings_and_summary() -> None:
    document = json.loads(format_json(critiques()))
    assert [f["code"] for f in document["findings"]] == ["SA101", "SA103", "SA000"]
    assert set(document["findings"][0]) == set(Finding.model_fields)
    assert document["findings"][0]["line"] == 6
    assert document["summary"] == {
        "problems": 3,
        "files_with_problems": 2,
        "files_checked": 3,
        "passed": False,
        "text": "Found 3 problems in 2 files.",
    }
    assert json.loads(format_json([]))["summary"]["passed"] is True


def test_sarif_is_a_valid_2_1_0_log() -> None:
    log = json.loads(format_sarif(critiques()))
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "superagent-critic"
    ids = [rule["id"] for rule in driver["rules"]]
    assert ids == ["SA000", *(rule.code for rule in RULES), *(rule.code for rule in UNTRUSTED_RULES)]
    for descriptor in driver["rules"]:
        assert descriptor["name"] and descriptor["shortDescription"]["text"] and descriptor["help"]["text"]
        assert descriptor["defaultConfiguration"]["level"] in {"error", "warning"}

    results = run["results"]
    assert [r["ruleId"] for r in results] == ["SA101", "SA103", "SA000"]
    for result in results:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in {"error", "warning"}
        assert result["message"]["text"]
        (location,) = result["locations"]
        region = location["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    first = results[0]["locations"][0]["physicalLocation"]
    assert first["artifactLocation"]["uri"] == "tests/test_checkout.py"
    assert first["region"] == {"startLine": 6, "startColumn": 5}
    broken = results[2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert broken == "tests/dir%20with%20space/test_broken.py"


def test_sarif_levels_follow_the_rules() -> None:
    levels = {rule.code: rule.level for rule in RULES}
    source = "def test_x(page):\n    page.get_by_role('row').first.click()\n    page.wait_for_timeout(1)\n"
    results = json.loads(format_sarif([critique_source(source, "t.py")]))["runs"][0]["results"]
    assert {r["ruleId"]: r["level"] for r in results} == {
        "SA104": levels["SA104"],
        "SA101": levels["SA101"],
        "SA107": levels["SA107"],
    }
    assert levels["SA101"] == "error" and levels["SA104"] == "warning"


def test_sarif_uses_file_uris_for_absolute_paths() -> None:
    critique = critique_source("import time\ntime.sleep(1)\n", "/work/tests/test_a.py")
    result = json.loads(format_sarif([critique]))["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "file:///work/tests/test_a.py"


def test_sarif_with_no_findings_still_lists_rules() -> None:
    run = json.loads(format_sarif([]))["runs"][0]
    assert run["results"] == []
    assert len(run["tool"]["driver"]["rules"]) == len(RULES) + len(UNTRUSTED_RULES) + 1
