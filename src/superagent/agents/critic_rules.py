"""The Critic's rules: AST checks for flaky or unsafe pytest-playwright (sync API) test code.

Each rule is a :class:`Rule` whose ``check`` yields :class:`Hit` values for one parsed module
(:class:`~superagent.agents.critic_context.Context`). ``RULES`` lists them in code order.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qsl, urlsplit

from superagent.agents.critic_context import (
    ACTIONS,
    HANDLE_METHODS,
    LOCATOR_FACTORIES,
    NARROWING_KEYWORDS,
    STATE_FIXES,
    Context,
    is_page_like,
    method,
    receiver,
    str_value,
)

Level = Literal["error", "warning"]

SKIP_MARKS = frozenset({"pytest.mark.skip", "pytest.mark.skipif", "pytest.mark.xfail"})
MAX_ACTIONS = 25


@dataclass(frozen=True)
class Hit:
    """One offending node; ``snippet`` and ``detail`` fill the rule's message, ``hint`` overrides its hint."""

    node: ast.AST
    snippet: str
    detail: str = ""
    hint: str | None = None


Check = Callable[["Context"], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    summary: str
    message: str  # a template with {snippet} and {detail}
    hint: str
    level: Level = "error"
    check: Check = lambda ctx: ()

    def render(self, hit: Hit) -> tuple[str, str]:
        return self.message.format(snippet=hit.snippet, detail=hit.detail), hit.hint or self.hint


RULES: list[Rule] = []
SYNTAX_ERROR = Rule(
    "SA000", "syntax-error", "The file does not parse", 'Syntax error: "{detail}"',
    "Fix the syntax first; no other rule was checked.",
)  # fmt: skip


def rule(
    code: str, name: str, summary: str, message: str, hint: str, level: Level = "error", *, into: list[Rule] = RULES
) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        into.append(Rule(code, name, summary, message, hint, level, check))
        return check

    return register


@rule("SA101", "hard-wait", "Fixed-time waits", "Hard wait `{snippet}` sleeps instead of waiting for a state.",
      "Wait for what you need: `expect(locator).to_be_visible()`, `expect(page).to_have_url(...)` or "
      "`page.wait_for_url(...)`; Playwright actions already auto-wait.")  # fmt: skip
def hard_wait(ctx: Context) -> Iterator[Hit]:
    for call in ctx.calls:
        if method(call) == "wait_for_timeout" or ctx.qualname(call.func) in {"time.sleep", "asyncio.sleep"}:
            yield Hit(call, ctx.snippet(call))


@rule("SA102", "networkidle", "Waiting for network idle",
      "`{snippet}` waits for 'networkidle', which never settles on apps that poll or stream.",
      "Assert on what the user sees instead (`expect(locator).to_be_visible()`); for navigation keep the "
      "default `wait_until=\"load\"` or use `page.wait_for_url(...)`.")  # fmt: skip
def networkidle(ctx: Context) -> Iterator[Hit]:
    for const, text in ctx.strings:
        if text == "networkidle":
            parent = ctx.parents.get(const)
            parent = ctx.parents.get(parent) if isinstance(parent, ast.keyword) else parent
            node = parent if isinstance(parent, ast.Call) else const
            yield Hit(node, ctx.snippet(node))


@rule("SA103", "force-action", "Actions with force=True",
      "`{snippet}` uses force=True, which skips actionability checks and hides real bugs.",
      "Remove force=True and make the element actionable first (close the overlay, wait with "
      "`expect(locator).to_be_enabled()`).")  # fmt: skip
def force_action(ctx: Context) -> Iterator[Hit]:
    for call in ctx.calls:
        forced = any(k.arg == "force" and ctx.is_true(k.value) for k in call.keywords)
        if forced and method(call) in ACTIONS:
            yield Hit(call, ctx.snippet(call))


@rule("SA104", "positional-locator", "Picking by position from an unfiltered locator",
      "`{snippet}` picks an element by position from a locator that nothing narrows.",
      "Narrow the locator first, e.g. `page.get_by_role(\"row\").filter(has_text=\"Lamp\").first`, or make it "
      "match one element (name=, get_by_test_id) and drop the positional pick.", "warning")  # fmt: skip
def positional_locator(ctx: Context) -> Iterator[Hit]:
    for node in ctx.nodes:
        if isinstance(node, ast.Attribute) and node.attr in {"first", "last"}:
            parent = ctx.parents.get(node)
            if isinstance(parent, ast.Call) and parent.func is node:
                continue
            base = node.value
        elif isinstance(node, ast.Call) and method(node) == "nth":
            base = receiver(node)
        else:
            continue
        calls = ctx.chain_calls(base)
        if not {method(c) for c in calls} & LOCATOR_FACTORIES:
            continue
        narrowed = any(method(c) == "filter" or {k.arg for k in c.keywords} & NARROWING_KEYWORDS for c in calls)
        if not narrowed:
            yield Hit(node, ctx.snippet(node))


@rule("SA105", "element-handle", "Element handles instead of locators",
      "`{snippet}` uses an element handle API; handles go stale and do not auto-wait.",
      "Use a locator (`page.get_by_role(...)`, `page.locator(...)`) and assert with `expect(locator)`.")  # fmt: skip
def element_handle(ctx: Context) -> Iterator[Hit]:
    for call in ctx.calls:
        if method(call) in HANDLE_METHODS:
            yield Hit(call, ctx.snippet(call))


def _non_web_first(ctx: Context, node: ast.AST) -> str | None:
    """The retrying replacement for a one-shot read of page state, or None."""
    if isinstance(node, ast.Name):
        node = ctx.value_of(node) or node
    name = method(node)
    if isinstance(node, ast.Call) and name in STATE_FIXES:
        if name == "count" and (node.args or not ctx.is_locator(receiver(node))):
            return None
        return f"expect(locator).{STATE_FIXES[name]}"
    if isinstance(node, ast.Attribute) and node.attr == "url" and is_page_like(node.value):
        return 'expect(page).to_have_url(re.compile(r"/path$"))'
    if isinstance(node, ast.Call) and name == "title" and not node.args and is_page_like(receiver(node)):
        return "expect(page).to_have_title(...)"
    return None


@rule("SA106", "non-web-first-assertion", "Plain asserts on page state",
      "`assert {snippet}` reads the page once and does not retry, so it races the app.",
      "Use a web-first assertion that retries.")  # fmt: skip
def non_web_first_assertion(ctx: Context) -> Iterator[Hit]:
    for node in ctx.nodes:
        if isinstance(node, ast.Assert):
            fix = next((f for sub in ast.walk(node.test) if (f := _non_web_first(ctx, sub))), None)
            if fix:
                yield Hit(node, ctx.snippet(node.test), hint=f"Use a web-first assertion that retries: `{fix}`.")


def _asserts(fn: ast.AST) -> bool:
    for node in ast.walk(fn):
        if isinstance(node, ast.Assert):
            return True
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else method(node)
            own = isinstance(node.func, ast.Name) and name.startswith(("expect_", "check_"))
            if name in {"expect", "raises"} or name.startswith(("assert", "verify")) or own:
                return True
    return False


@rule("SA107", "no-assertion", "Tests that act but never assert",
      "Test `{snippet}` performs page actions but never checks an outcome.",
      "End with a web-first assertion, e.g. `expect(page.get_by_role(\"status\")).to_have_text(...)`.")  # fmt: skip
def no_assertion(ctx: Context) -> Iterator[Hit]:
    for fn in ctx.tests:
        acts = any(method(n) in ACTIONS for n in ast.walk(fn))
        if acts and not _asserts(fn):
            yield Hit(fn, fn.name)


LOGIC: dict[type[ast.AST], str] = {
    ast.If: "an if statement", ast.IfExp: "a conditional expression", ast.Match: "a match statement",
    ast.For: "a for loop", ast.AsyncFor: "a for loop", ast.While: "a while loop",
}  # fmt: skip


def _outermost(nodes: Iterable[ast.AST], kinds: tuple[type[ast.AST], ...]) -> Iterator[ast.AST]:
    for node in nodes:
        if isinstance(node, kinds):
            yield node
        else:
            yield from _outermost(ast.iter_child_nodes(node), kinds)


@rule("SA108", "logic-in-test", "Branches and loops in tests",
      "Logic in test: {detail} `{snippet}` makes the test take a different path per run.",
      "Keep one straight path per test: split it, use `@pytest.mark.parametrize`, or move the logic into a "
      "helper or fixture.", "warning")  # fmt: skip
def logic_in_test(ctx: Context) -> Iterator[Hit]:
    for fn in ctx.tests:
        for node in _outermost(fn.body, tuple(LOGIC)):
            snippet = ctx.snippet(node) if isinstance(node, ast.IfExp) else ctx.line_text(node).rstrip(":")
            yield Hit(node, snippet, LOGIC[type(node)])


def _reason_missing(name: str, call: ast.Call) -> bool:
    keywords = {k.arg for k in call.keywords}
    if name in {"pytest.skip", "pytest.xfail", "pytest.mark.skip"}:  # the reason may be positional
        return not call.args and not keywords & {"reason", "msg"}
    return name in {"pytest.mark.skipif", "pytest.mark.xfail"} and "reason" not in keywords


@rule("SA109", "skip-without-reason", "Skips and xfails without a reason", "`{snippet}` gives no reason.",
      "Say why: `pytest.skip(\"...\")`, `@pytest.mark.skip(reason=\"...\")`, "
      "`@pytest.mark.skipif(cond, reason=\"...\")`, `@pytest.mark.xfail(reason=\"...\")`.", "warning")  # fmt: skip
def skip_without_reason(ctx: Context) -> Iterator[Hit]:
    for node in ctx.nodes:
        if isinstance(node, ast.Call) and _reason_missing(ctx.qualname(node.func), node):
            yield Hit(node, ctx.snippet(node))
        elif isinstance(node, ast.Attribute) and ctx.qualname(node) in SKIP_MARKS:
            parent = ctx.parents.get(node)
            if not (isinstance(parent, ast.Call) and parent.func is node):  # a bare @pytest.mark.skip
                yield Hit(node, ctx.snippet(node))


GENERATED_CLASS = re.compile(
    r"^(?:css-(?=[a-z]*\d)[a-z0-9]{5,}|sc-(?=\w*[A-Z0-9])[A-Za-z0-9]{5,}|jsx-\d+|svelte-(?=[a-z]*\d)[a-z0-9]{5,})"
    r"|_(?=[a-zA-Z0-9]*[A-Z0-9])[a-zA-Z0-9]{5,}_\d"  # CSS modules: _3xkF2_1
    r"|^[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9]+__(?=[\w-]*[A-Z0-9])[\w-]{5,}$"  # Next.js: Home_title__x7Ab3
    r"|^[a-z]+-(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{6,}$"  # hashed suffix: button-3fa9c2
)
FRAMEWORK_ID = re.compile(  # Ember, MUI, React useId, Headless UI, Radix, ExtJS, GWT, JSF
    r"^(?:ember\d+|mui-\d+|react-[\w-]*\d|\\:r\w+\\:|headlessui-|radix-|ext-(?:gen|comp)|gwt-uid-|j_idt\d)"
)


def _generated_token(text: str) -> bool:
    """Random-looking: 3k9x (letters and digits interleaved), a long hex hash, or a long number."""
    runs = re.findall(r"\d+|[A-Za-z]+", text)
    hexish = re.fullmatch(r"(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}", text, re.I)
    return len(runs) >= 4 or bool(hexish) or bool(re.fullmatch(r"\d{5,}", text))


def css_problem(css: str) -> str | None:
    nth = re.search(r":nth-(?:last-)?(?:child|of-type)\([^)]*\)", css)
    if nth:
        return f"positional pseudo-class `{nth.group()}`"
    plain = re.sub(r"\[[^\]]*\]", "[]", re.sub(r"\"[^\"]*\"|'[^']*'", '""', css))
    while "(" in plain and plain != (flat := re.sub(r"\([^()]*\)", "", plain)):
        plain = flat
    for group in plain.split(","):
        depth = len([t for t in re.split(r"\s*[>+~]\s*|\s+", group.strip()) if t]) - 1
        if depth > 3:
            return f"a chain of {depth} combinators"
    for cls in re.findall(r"\.(-?[A-Za-z_][\w-]*)", plain):
        if GENERATED_CLASS.search(cls):
            return f"generated class name `.{cls}`"
    for ident in re.findall(r"#((?:[\w-]|\\.)+)", plain):
        if FRAMEWORK_ID.match(ident) or any(_generated_token(s) for s in re.split(r"[-_:\\]", ident)):
            return f"generated-looking id `#{ident}`"
    return None


@rule("SA110", "brittle-css", "Brittle CSS selectors", "Brittle CSS selector `{snippet}`: {detail}.",
      "Use user-facing locators (`get_by_role`, `get_by_label`, `get_by_text`) or `get_by_test_id(...)` "
      "instead of positions, deep chains and generated class names or ids.", "warning")  # fmt: skip
def brittle_css(ctx: Context) -> Iterator[Hit]:
    for const, engine, text in ctx.selectors():
        problem = css_problem(text) if engine == "css" else None
        if problem:
            yield Hit(const, str(const.value), problem)


@rule("SA111", "absolute-xpath", "Absolute or positional XPath",
      "XPath `{snippet}` {detail}, so any layout change breaks it.",
      "Use a user-facing locator (`get_by_role(..., name=...)`, `get_by_label`, `get_by_test_id`).")  # fmt: skip
def absolute_xpath(ctx: Context) -> Iterator[Hit]:
    for const, engine, text in ctx.selectors():
        index = re.search(r"(?:/[\w*.:-]+|[)\]])\[\d+\]", text)
        if engine == "xpath" and text.lstrip("(").startswith("/html"):
            yield Hit(const, str(const.value), "is absolute from /html")
        elif engine == "xpath" and index:
            yield Hit(const, str(const.value), f"uses the positional index `{index.group()}`")


SECRET_FIELD = re.compile(r"password|passwd|passcode|secret|token|api[\s_-]?key|\bpwd\b", re.I)
SECRET_NAME = re.compile(r"(?:^|_)(?:password|passwd|pwd|secret|token|api_?key|access_?key)$", re.I)
DELIBERATELY_WRONG = re.compile(r"wrong|invalid|incorrect|bad|not[-_ ]?the", re.I)
KEY_LITERALS = {
    "an API key (sk-...)": re.compile(r"\bsk-(?:proj-)?(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]{20,}"),
    "a GitHub token": re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_\w{20,})"),
    "an AWS access key id": re.compile(r"\bAKIA[0-9A-Z]{16}\b"),
    "a JWT": re.compile(r"\beyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]*"),
    "a Slack token": re.compile(r"\bxox[abprs]-[\w-]{10,}"),
}


def _literal_secret(node: ast.AST | None) -> bool:
    value = str_value(node)
    return bool(value) and not DELIBERATELY_WRONG.search(value or "")


def _secret_sinks(ctx: Context) -> Iterator[tuple[ast.AST, ast.AST, str]]:
    """(report node, literal node, description) for literals typed into secret fields or bound to secret names."""
    for call in ctx.calls:
        if method(call) in {"fill", "type", "press_sequentially"}:
            base, value = receiver(call), next((k.value for k in call.keywords if k.arg == "value"), None)
            if is_page_like(base) and len(call.args) >= 2:
                labels, value = [call.args[0]], call.args[1]
            else:
                labels = []
                for c in ctx.chain_calls(base):  # up to the locator that names the field
                    labels += [*c.args, *(k.value for k in c.keywords)]
                    if method(c) not in {"nth", "filter", "and_", "or_"}:
                        break
                value = call.args[0] if call.args else value
            if value and any(SECRET_FIELD.search(str_value(a) or "") for a in labels) and _literal_secret(value):
                yield call, value, f"`{ctx.snippet(call, hide=value)}` types a literal into a secret field"
    for name, value in ctx.literal_bindings():
        if SECRET_NAME.search(name) and _literal_secret(value):
            yield value, value, f"`{name}` is set to a string literal"


@rule("SA112", "hard-coded-secret", "Credentials and keys in test code", "Hard-coded secret: {detail}.",
      "Take secrets from the `credentials` fixture or the environment (`credentials.password`, "
      "`os.environ[\"APP_PASSWORD\"]`); never commit them.")  # fmt: skip
def hard_coded_secret(ctx: Context) -> Iterator[Hit]:
    seen: set[int] = set()
    for node, literal, detail in _secret_sinks(ctx):
        if id(literal) not in seen:
            seen.add(id(literal))
            yield Hit(node, "", detail)
    for const, text in ctx.strings:
        kind = next((k for k, pattern in KEY_LITERALS.items() if pattern.search(text)), None)
        if kind and id(const) not in seen:
            yield Hit(const, "", f"a string literal looks like {kind}")


def generated_segment(url: str) -> str | None:
    """The first path segment or query value of ``url`` that looks generated: a number, a hash, a token."""
    parts = urlsplit(url)
    path, query = parts.path.split("/"), [value for _, value in parse_qsl(parts.query)]
    for value in path + query:
        numeric = value in path and re.fullmatch(r"\d{2,}", value) and not re.fullmatch(r"(?:19|20)\d\d", value)
        hexish = re.fullmatch(r"(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{6,}", value, re.I)
        code = value in path and re.fullmatch(r"[A-Z0-9_-]*[A-Z]{4,}[A-Z0-9_-]*", value)  # SA-XSPRLX
        if numeric or hexish or code or any(_generated_token(piece) for piece in re.split(r"[-_.~]", value)):
            return value
    return None


def _static_text(node: ast.AST) -> str | None:
    """The literal text of a string, an f-string or a ``+`` of them; what is filled in at run time counts as ""."""
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) else None
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else "" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _static_text(node.left), _static_text(node.right)
        return None if left is None and right is None else (left or "") + (right or "")
    return None


@rule("SA113", "url-with-generated-id", "URL assertions on generated ids",
      "`{snippet}` expects a URL with the generated id `{detail}`, which changes every run.",
      "Match the stable part with a regex: `expect(page).to_have_url(re.compile(r\"/items/[^/]+$\"))`.",
      "warning")  # fmt: skip
def url_with_generated_id(ctx: Context) -> Iterator[Hit]:
    for call in ctx.calls:
        url = _static_text(call.args[0]) if method(call) == "to_have_url" and call.args else None
        segment = generated_segment(url) if url else None
        if segment:
            yield Hit(call, ctx.snippet(call), segment)


@rule("SA114", "too-many-steps", "Overlong tests",
      f"Test `{{snippet}}` performs {{detail}} page actions (more than {MAX_ACTIONS}).",
      "Split it into focused tests, or move setup (login, seeding data) into a fixture or an API call.",
      "warning")  # fmt: skip
def too_many_steps(ctx: Context) -> Iterator[Hit]:
    for fn in ctx.tests:
        count = sum(1 for n in ast.walk(fn) if method(n) in ACTIONS)
        if count > MAX_ACTIONS:
            yield Hit(fn, fn.name, str(count))
