"""Generated code is safe by construction: whatever a page says and whatever URL a user gives, the test Scribe
writes parses, passes the Critic with its allowlist for untrusted code, and holds every text as a literal that reads
back as the very same string. Plans are built directly, as Scribe would build them; no browser is needed."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from superagent.agents.critic import critique_source
from superagent.agents.medic import apply, diagnose
from superagent.agents.router import check_url
from superagent.agents.writer_assert import url_assertion
from superagent.agents.writer_codegen import render
from superagent.errors import BadURLError
from superagent.healing.fingerprint import Fingerprint
from superagent.healing.locators import Call, LocatorSpec, candidates, within
from superagent.literals import LINE_BREAKS, py_literal, regex_literal
from superagent.models import Assertion, Failure, FailureKind, FlowKind, Plan, Sidecar, SidecarStep, Step, TestResult
from superagent.urls import app_base

NASTY = [
    '"', "'", "\\", '"""', "'''", "{", "}", "{{x}}", "{0.__class__}", "\x00", "\u2028", "\u2029", "\x85", "\x1b",
    "\r\n", "\n", "\r", "\t", "\v", "\f", "\x1c", "\\N", "\\N{BULLET}", "\\x", "\u202e", "\ufeff", "\xa0", "é", "日本",
    "\U0001f600", "#", "# noqa", ")", "\")\nimport os\n(\"", '+__import__("os").system("id")+',
]  # fmt: skip
_ANY_CHAR = st.one_of(st.characters(), st.characters(categories=["Cs", "Cc", "Cf", "Zl", "Zp", "Zs"]))
PAGE_TEXT = st.one_of(
    st.text(_ANY_CHAR, max_size=40),
    st.lists(st.one_of(st.sampled_from(NASTY), st.text(_ANY_CHAR, max_size=3)), max_size=12).map("".join),
    st.sampled_from([*NASTY, "ab"]).map(lambda piece: (piece * 10240)[:10240]),  # a 10 kB name
)
_SEGMENT_CHAR = st.one_of(
    st.characters(codec="ascii", categories=["L", "N", "P", "S"]), st.characters(categories=["L", "N"])
)
VALID_URL = st.builds(
    lambda host, port, segments: f"http://{host}:{port}/" + "/".join(segments),
    st.sampled_from(["127.0.0.1", "localhost", "[::1]", "app.example.test"]),
    st.integers(1, 65535),
    st.lists(st.text(_SEGMENT_CHAR, max_size=12), max_size=4),
)
# Page text that IS a selector or an option value the Critic knows is flagged as such; that is the Critic working.
_MEANINGFUL = ("css=", "xpath=", "/html/")


def _strings(tree: ast.AST) -> set[str]:
    return {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def _locators(text: str) -> list[LocatorSpec]:
    """Every way Scribe spells a locator around page text, plus what ``candidates`` makes of an element."""

    def single(method: str, *args: str, **options: str | bool) -> LocatorSpec:
        return LocatorSpec(strategy=method, calls=[Call(method=method, args=list(args), options=options)])

    element = Fingerprint(tag="button", role="button", accessible_name=text, label=text, placeholder=text,
                          text=text, test_id=text, id=text, name=text)  # fmt: skip
    return [
        single("get_by_role", "button", name=text, exact=True),
        single("get_by_label", text),
        single("get_by_placeholder", text),
        single("get_by_test_id", text),
        single("get_by_text", text, exact=True),
        within("listitem", text, single("get_by_role", "link", name=text)),
        *candidates(element),
    ]


def _plan(texts: list[str], url: str, flow: FlowKind) -> Plan:
    steps = [Step(action="goto", value="/")]
    assertions = [Assertion(code=url_assertion(url), description="address")]
    for text in texts:
        steps += [Step(action="click", locator=spec.code()) for spec in _locators(text)[:6]]
        steps.append(Step(action="fill", locator='page.get_by_label("Note")', value=text))
        steps.append(Step(action="select", locator='page.get_by_label("Colour")', value=text))
        assertions.append(Assertion(code=f'expect(page.get_by_role("status")).to_contain_text({py_literal(text)})'))
    return Plan(flow=flow, title="", steps=steps, assertions=assertions, data={"target": texts[0]})


@settings(max_examples=300, deadline=None)
@given(value=st.one_of(PAGE_TEXT, st.text(_ANY_CHAR)))
def test_a_literal_reads_back_as_the_same_string_on_one_line(value: str) -> None:
    for literal in (py_literal(value), py_literal(value, quote="'"), regex_literal(value)):
        assert ast.literal_eval(literal) == value
        assert not LINE_BREAKS & set(literal), "no character may break the line"
        assert literal.encode("utf-8"), "it can be written to a UTF-8 file (no lone surrogates)"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(
    texts=st.lists(PAGE_TEXT, min_size=1, max_size=3),
    url=VALID_URL,
    flow=st.sampled_from([FlowKind.CREATE_ITEM, FlowKind.NAVIGATE]),
)
def test_a_generated_test_parses_passes_the_critic_and_keeps_every_text(
    texts: list[str], url: str, flow: FlowKind
) -> None:
    try:
        base_url = check_url(url).rstrip("/")
    except BadURLError:
        assume(False)
        raise
    assume(not any(t.startswith(_MEANINGFUL) or t == "networkidle" for t in texts))
    source = render(_plan(texts, url, flow), base_url=base_url, filename="t/test_x.py", sidecar="test_x.json")

    tree = ast.parse(source)  # a SyntaxError here is the bug this file is about
    assert critique_source(source, "test_x.py", untrusted=True).findings == []
    assert set(texts) <= _strings(tree), "every page text is a literal that reads back unchanged"
    assert app_base(base_url) in (ast.get_docstring(tree, clean=False) or "")
    assert len(source.split("\n")) == len(source.splitlines()) + 1, "no line break but the newlines themselves"


@settings(max_examples=150, deadline=None)
@given(base_url=PAGE_TEXT, filename=PAGE_TEXT)
def test_any_url_or_path_that_reached_codegen_stays_inside_the_docstring(base_url: str, filename: str) -> None:
    plan = _plan(["Save"], "http://127.0.0.1:5000/items/1", FlowKind.CREATE_ITEM)
    source = render(plan, base_url=base_url, filename=filename, sidecar=filename)

    tree = ast.parse(source)
    docstring = ast.get_docstring(tree, clean=False) or ""
    # the test names the app's base (its folder: see superagent.urls), whatever text it was given
    assert app_base(base_url) in docstring and filename in docstring
    rest = [type(node).__name__ for node in tree.body[1:]]
    assert set(rest) == {"Import", "ImportFrom", "FunctionDef"} and rest.count("FunctionDef") == 1
    assert not [f for f in critique_source(source, untrusted=True).findings if f.code.startswith("SA2")]


INJECTION = 'http://127.0.0.1:5000/x"""+__import__("os").system("id")+"""'


def test_the_url_injection_is_refused_by_check_url() -> None:
    with pytest.raises(BadURLError, match="double quote"):
        check_url(INJECTION)
    with pytest.raises(BadURLError, match="backslash"):
        check_url("http://127.0.0.1:5000/\\N")


def test_the_url_injection_cannot_escape_the_docstring_even_past_check_url() -> None:
    plan = _plan(["Save"], "http://127.0.0.1:5000/items/1", FlowKind.CREATE_ITEM)
    source = render(plan, base_url=INJECTION, filename="t/test_x.py", sidecar="test_x.json")

    tree = ast.parse(source)
    assert app_base(INJECTION) in (ast.get_docstring(tree, clean=False) or "")
    assert not any(isinstance(node, ast.Call) and "__import__" in ast.unparse(node) for node in ast.walk(tree))
    assert critique_source(source, untrusted=True).findings == []


# --- Medic on a test whose string literals hold U+2028 and U+0085 -------------------------------------------

SOURCE = (
    "from playwright.sync_api import Page, expect\n\n\n"
    "def test_edit(page: Page) -> None:\n"
    '    page.get_by_label("Title\u2028line").fill("Boots\x85and\u2029more")\n'
    '    page.get_by_test_id("save-btn").click()\n'
    '    expect(page.get_by_test_id("flash")).to_have_text("Saved")\n'
)


def _save_button(test_id: str) -> Fingerprint:
    return Fingerprint(tag="button", role="button", accessible_name="Save", text="Save", test_id=test_id,
                       is_button=True)  # fmt: skip


def test_medic_heals_a_test_with_line_separators_in_its_strings_into_a_file_that_parses(tmp_path: Path) -> None:
    inventory = tmp_path / "inventory.json"
    inventory.write_text(json.dumps([_save_button("save-button").model_dump()]))
    sidecar = Sidecar(steps=[SidecarStep(locator='page.get_by_test_id("save-btn")', action="click",
                                         page="/", fingerprint=_save_button("save-btn"))])  # fmt: skip
    line = 6  # as Python counts: str.splitlines() would say 8
    failure = Failure(kind=FailureKind.SELECTOR_NOT_FOUND, message="waiting for get_by_test_id('save-btn')", line=line)
    result = TestResult(nodeid="t::test_edit", outcome="failed", failure=failure, inventory=str(inventory))

    diagnosis = diagnose(SOURCE, result, sidecar)

    assert diagnosis.patches, diagnosis.review_reason
    healed = apply(SOURCE, diagnosis.patches[0])
    ast.parse(healed)
    assert healed == SOURCE.replace("save-btn", "save-button")


def test_medic_suggests_an_expected_text_with_line_separators_as_a_literal_that_parses() -> None:
    actual = 'Saved\u2028at 10:00\x85"now"\\'
    failure = Failure(kind=FailureKind.ASSERTION, message=f"Locator expected to have text\nActual value: {actual}",
                      line=7)  # fmt: skip
    diagnosis = diagnose(SOURCE, TestResult(nodeid="t::test_edit", outcome="failed", failure=failure))

    assert diagnosis.suggestion is not None
    suggested = apply(SOURCE, diagnosis.suggestion)
    call = next(n for n in ast.walk(ast.parse(suggested)) if isinstance(n, ast.Call) and n.args and
                getattr(n.func, "attr", "") == "to_have_text")  # fmt: skip
    assert ast.literal_eval(call.args[0]) == actual


@settings(max_examples=100, deadline=None)
@given(expected=PAGE_TEXT, actual=PAGE_TEXT)
def test_medic_suggestions_parse_whatever_the_old_and_new_texts_are(expected: str, actual: str) -> None:
    source = SOURCE.replace('to_have_text("Saved")', f"to_have_text({py_literal(expected)})")
    assume("\n" not in actual)  # Playwright's message puts the actual value on one line
    failure = Failure(kind=FailureKind.ASSERTION, message=f"Locator expected to have text\nActual value: {actual}",
                      line=7)  # fmt: skip
    diagnosis = diagnose(source, TestResult(nodeid="t::test_edit", outcome="failed", failure=failure))

    if diagnosis.suggestion is not None:
        ast.parse(apply(source, diagnosis.suggestion))
