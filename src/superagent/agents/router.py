"""Kaya, the router: turns a sentence into a :class:`~superagent.models.Request`. Offline and deterministic.

Kaya reads the sentence against the phrase tables in :mod:`superagent.agents.router_grammar`:

* **Intent** - every intent has trigger phrases; the trigger that starts earliest in the sentence wins
  ("fix the failing login test" is a fix, "write a test that runs a search" is a new test). A sentence
  with no trigger but a recognisable flow ("log in and create an item") asks for a new test.
* **Flow** - every flow mention is collected, then three rules pick the main one:

  1. a more specific flow swallows the one it refines: ``login_failure`` drops ``login`` ("failed log in"),
     ``checkout`` drops ``create_item`` ("add an item to the basket and check out"), and so do ``wizard``,
     ``upload`` and ``delete_record``; ``toggle_setting`` drops ``edit_record``, ``filter`` drops ``search``;
  2. preconditions (``login``, ``navigate``) count only when nothing else is asked for, and looking at a list or
     a record (``view_record``) only when no other goal is: preconditions become the test's setup, the goal names
     the test ("as a logged in admin, add a new group" is ``create_item``; "log in and open the books table" is
     ``view_record``; "log in" alone is ``login``);
  3. of what is left, the goal mentioned last wins ("log in, add a note, then log out" is ``logout``).

  Record flows take any noun: "create/add/new <noun>", "open/view <noun>", "edit/update <noun>", "delete/remove
  <noun>" (never "a test", a person, an account or settings: "a new user can log in" is a log-in).

  Quoted text, URLs and file paths never name a flow ('search for "log in"' is a search).
* **Slots** - ``url`` (the ``url`` argument wins over one in the text), ``target`` (the page for
  ``navigate``, the term for ``search``, the record's noun for the record flows and ``wizard`` - "issue" in "create
  an issue", "books" in "open the books table" -, the column after "by" for ``filter`` and ``sort``, what is
  uploaded, the setting to flip), ``credentials`` (a user name and environment variable NAMES only),
  ``paths``. A password value in the text ("password hunter2") is blanked out of everything Kaya keeps,
  the stored ``text`` included.
* **Complexity** - the factors of :data:`~superagent.agents.router_grammar.FACTORS` add up to a score;
  ``tier`` is "hard" from 5 up. Auth, payment and critical flows get the critical budget.

A request spelled out as steps ("log in, click New issue, expect 'Issue created'") or in Gherkin
("Given ... When ... Then ...") is read before the phrase tables, by the step language
(:mod:`~superagent.agents.step_language`) and the Gherkin reader (:mod:`~superagent.agents.gherkin_feature`): it
becomes a ``FlowKind.STEPS`` request holding its ``steps``. Steps that only log in, log out or open a page are
left to the named flows, and a request the phrase tables understand stays theirs when its steps do not all read.
"""

from __future__ import annotations

import difflib
import ipaddress
import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from superagent.agents import router_grammar as g
from superagent.agents.gherkin_feature import Feature, Scenario, looks_like_gherkin, parse_inline_gherkin
from superagent.agents.router_grammar import EXAMPLES
from superagent.agents.step_language import looks_like_steps, parse_steps
from superagent.agents.step_models import Instruction
from superagent.errors import BadURLError, FeatureError, StepSyntaxError, UnknownRequestError, UsageError
from superagent.guards import check_password_env
from superagent.models import CredentialsSpec, FlowKind, Intent, Request
from superagent.settings import DEFAULT_PASSWORD_ENV_ALLOWLIST

__all__ = [
    "EXAMPLES", "check_url", "complexity", "feature_requests", "main_flow", "redact", "route", "route_all",
    "steps_slug",
]  # fmt: skip
STEPS_EXAMPLE = "log in, click New issue, fill Title with 'Crash', click Create, expect 'Issue created'"
_AUTH_STEPS = frozenset({"login", "logout"})
_NAMED_FLOW_STEPS = _AUTH_STEPS | {"goto"}  # "sign in then go to the settings page" is the navigate flow

MAX_REQUEST_BYTES = 4096  # a request is a sentence or two; anything longer is not one
Span = tuple[int, int]
Hit = tuple[int, int, FlowKind]  # (position, table order, flow)


def route(
    text: str,
    *,
    url: str | None = None,
    username: str | None = None,
    password_env: str | None = None,
    budget_per_feature: float = 0.50,
    budget_critical: float = 3.00,
    password_env_allowlist: Sequence[str] = DEFAULT_PASSWORD_ENV_ALLOWLIST,
) -> Request:
    """Understand ``text``. Raises :class:`UnknownRequestError` or :class:`BadURLError` on bad input, and
    :class:`StepSyntaxError` / :class:`FeatureError` for steps or Gherkin it cannot read."""
    return route_all(
        text, url=url, username=username, password_env=password_env, budget_per_feature=budget_per_feature,
        budget_critical=budget_critical, first_only=True, password_env_allowlist=password_env_allowlist,
    )[0]  # fmt: skip


def route_all(
    text: str,
    *,
    url: str | None = None,
    username: str | None = None,
    password_env: str | None = None,
    budget_per_feature: float = 0.50,
    budget_critical: float = 3.00,
    first_only: bool = False,
    password_env_allowlist: Sequence[str] = DEFAULT_PASSWORD_ENV_ALLOWLIST,
) -> list[Request]:
    """Like :func:`route`, but inline Gherkin with several scenarios gives one request per scenario."""
    size = len(text.encode("utf-8", "replace"))
    if size > MAX_REQUEST_BYTES:
        raise UsageError(
            f"the request is {size} bytes long; Kaya reads requests of at most {MAX_REQUEST_BYTES} bytes "
            "(a sentence or two: what to test, and where)"
        )
    if url is not None:
        url = check_url(url)
    if password_env is not None and not g.ENV_NAME.fullmatch(password_env):
        raise UsageError(
            "password_env must be the NAME of an environment variable (letters, digits, underscores), "
            "never the password itself."
        )
    if budget_per_feature < 0 or budget_critical < 0:
        raise UsageError("budgets must not be negative.")
    clean = redact(text).strip()
    if not clean:
        raise UnknownRequestError(_unknown(f"Kaya got an empty request ({text!r})."))

    found, url_spans = _urls(clean)
    for candidate in found:  # every URL in the text must be usable, unless the argument overrides them
        checked = check_url(candidate) if url is None else None
        url = url or checked
    no_url = _mask(clean, url_spans)
    paths, path_spans = _paths(no_url)
    no_paths = _mask(no_url, path_spans)
    scan = _mask_quoted(no_paths)

    intent = _intent(_mask_quoted(no_url))
    flow = main_flow(flow_hits(scan))
    scenarios = _scenarios(clean, intent, flow)
    if scenarios:
        scenarios = scenarios[:1] if first_only else scenarios
        base = Request(text=clean, intent=Intent.CREATE_TEST, url=url, paths=paths)
        creds = _credentials(no_paths, username, password_env)
        if creds.password_env is not None:
            check_password_env(creds.password_env, password_env_allowlist)
        return _step_requests(base, scenarios, creds, budget_per_feature, budget_critical)
    if intent is None:
        if flow is None:
            raise UnknownRequestError(_unknown(f"Kaya did not understand the request {clean!r}."))
        intent = Intent.CREATE_TEST
    if intent is Intent.CREATE_TEST and flow is None:
        raise UnknownRequestError(_no_flow(clean))

    score, factors = complexity(scan, flow)
    critical = flow in g.CRITICAL_FLOWS or bool({"auth", "payment"} & set(factors))
    credentials = _credentials(no_paths, username, password_env)
    if credentials.password_env is not None:
        check_password_env(credentials.password_env, password_env_allowlist)
    request = Request(
        text=clean,
        intent=intent,
        url=url,
        flow=flow,
        target=_target(no_paths, flow),
        subject=_subject(no_paths, flow),
        credentials=credentials,
        paths=paths,
        complexity=score,
        complexity_factors=factors,
        tier="hard" if score >= g.HARD_TIER_SCORE else "easy",
        critical=critical,
        budget_usd=budget_critical if critical else budget_per_feature,
    )
    return [request]


# A request that describes a test in prose ("write a test that ...", or two unquoted clauses) names a flow when the
# phrase tables know one; spelled-out steps quote their values.
_DESCRIBED = re.compile(
    r"\W*(?:please\s+)?(?:write|create|generate|make|add)?\s*(?:an?\s+)?tests?\s+(?:that|for|of)\b", re.I
)
_QUOTES = re.compile("[\"'\u201c\u201d\u2018\u2019]")


def _scenarios(text: str, intent: Intent | None, flow: FlowKind | None) -> list[Scenario]:
    """The request as scenarios of steps, or [] when it names a flow instead. Gherkin is read first; steps that
    do not all read are an error only when the phrase tables cannot make sense of the request either."""
    if looks_like_gherkin(text):
        return [s for s in parse_inline_gherkin(text).scenarios if s.instructions]
    if intent not in (None, Intent.CREATE_TEST) or not looks_like_steps(text):
        return []
    try:
        script = parse_steps(text)
    except StepSyntaxError:
        if flow is not None:
            return []  # "log in, add a note, then log out": a named flow with a step it cannot read
        raise
    if flow is not None and {i.verb for i in script.instructions} <= _NAMED_FLOW_STEPS:
        return []  # "log in and then log out" is the named flow
    described = _DESCRIBED.match(text) or len(script.instructions) <= 2
    if flow is not None and described and not _QUOTES.search(text):
        return []  # "write a test that a user can open the books table and see its rows": a described flow
    if flow is not None and any(_misread(i) for i in script.instructions):
        return []  # "visit About and check the heading": "check" meant "verify", not "tick"
    return [Scenario(name=script.name or "", instructions=script.instructions, line=1)]


def feature_requests(
    feature: Feature,
    *,
    url: str | None,
    username: str | None = None,
    password_env: str | None = None,
    budget_per_feature: float = 0.50,
    budget_critical: float = 3.00,
    password_env_allowlist: Sequence[str] = DEFAULT_PASSWORD_ENV_ALLOWLIST,
) -> list[Request]:
    """One request per scenario of a feature file, the Background's steps leading each."""
    checked = check_url(url) if url is not None else None
    base = Request(text=f"{feature.path or 'feature'}: {feature.name}".strip(), intent=Intent.CREATE_TEST, url=checked)
    creds = _credentials("", username, password_env)
    if creds.password_env is not None:
        check_password_env(creds.password_env, password_env_allowlist)
    scenarios = [
        s.model_copy(update={"instructions": [*feature.background, *s.instructions]})
        for s in feature.scenarios
        if feature.background or s.instructions
    ]
    if not scenarios:
        where = f"{feature.path}: " if feature.path else ""
        raise FeatureError(
            f"{where}no scenario has steps to write a test from: add Given / When / Then lines under a 'Scenario:'",
            path=feature.path,
        )
    return _step_requests(base, scenarios, creds, budget_per_feature, budget_critical)


def _step_requests(
    base: Request, scenarios: list[Scenario], creds: CredentialsSpec, per_feature: float, critical_budget: float
) -> list[Request]:
    requests: list[Request] = []
    taken: set[str] = set()
    for scenario in scenarios:
        name = _title(scenario.name)
        slug = steps_slug(name, scenario.instructions)
        stem, n = slug, 2
        while slug in taken:  # two scenarios that read the same still get a file each
            slug, n = f"{stem}_{n}", n + 1
        taken.add(slug)
        score, factors = _steps_complexity(base.text, scenario.instructions)
        critical = bool({"auth", "payment"} & set(factors))
        requests.append(
            base.model_copy(
                update={
                    "flow": FlowKind.STEPS,
                    "steps": scenario.instructions,
                    "name": name,
                    "examples": scenario.examples,
                    "target": slug,
                    "credentials": creds,
                    "complexity": score,
                    "complexity_factors": factors,
                    "tier": "hard" if score >= g.HARD_TIER_SCORE else "easy",
                    "critical": critical,
                    "budget_usd": critical_budget if critical else per_feature,
                }
            )
        )
    return requests


def _misread(ins: Instruction) -> bool:
    """A step the grammar read but a person would not mean: ticking something that cannot be ticked."""
    if ins.verb not in ("check", "uncheck"):
        return False
    return (ins.target or "").lower() in _NOT_TICKABLE or not {"checkbox", "radio", "switch"} & set(ins.roles)


_NOT_TICKABLE = frozenset({"heading", "title", "page", "url", "address", "text", "link", "button", "message", "result"})


_SLUG_WORDS = 6
_LEAD_IN = re.compile(
    r"^\W*(?:please\s+)?(?:(?:write|create|generate|make|add)\s+)?(?:(?:an?|some|new|e2e|end-to-end)\s+)*"
    r"(?:tests?|scenarios?|steps)\b(?:\s+(?:on|at|for|against))?(?:\s+(?:that|which|where|to))?",
    re.IGNORECASE,
)
_GHERKIN_WORD = re.compile(r"^\W*(?:given|when|then)\b", re.IGNORECASE)


def _title(name: str) -> str | None:
    """A scenario's or script's name without the URL and the "write a test on ... that" around it."""
    if _GHERKIN_WORD.match(name):
        return None  # Given/When/Then typed with no name before it
    name = _LEAD_IN.sub("", " ".join(g.URL_CANDIDATE.sub(" ", name).split())).strip(" :,.-")
    return name if re.search(r"[A-Za-z0-9]", name) else None


def steps_slug(name: str | None, steps: list[Instruction]) -> str:
    """A file-name-safe name for a steps test: its title, else what its actions do ("click_new_issue_...")."""
    if name and re.search(r"[A-Za-z0-9]", name):
        words = re.findall(r"[a-z0-9]+", name.lower())
    else:
        words = []
        for ins in steps:
            if ins.kind == "action" and ins.verb not in ("goto", "login", "logout", "press", "wait_for"):
                words += [ins.verb, *re.findall(r"[a-z0-9]+", (ins.target or "").lower())]
        words = words or [w for ins in steps for w in (ins.verb, *re.findall(r"[a-z0-9]+", (ins.target or "").lower()))]
    return "_".join(words[:_SLUG_WORDS]) or "steps"


def _steps_complexity(text: str, steps: list[Instruction]) -> tuple[int, list[str]]:
    verbs = {ins.verb for ins in steps}
    mentioned = {FlowKind.LOGIN} if verbs & _AUTH_STEPS else set()
    score, names = 0, []
    for factor in g.FACTORS:
        hit = bool(factor.flows & mentioned) or bool(factor.words and factor.words.search(text))
        hit = hit or (factor.counts_steps and len(steps) > g.MANY_STEPS_OVER)
        hit = hit or (factor.name == "file_upload" and "upload" in verbs)
        if hit:
            score += factor.weight
            names.append(factor.name)
    return score, names


def complexity(text: str, flow: FlowKind | None) -> tuple[int, list[str]]:
    """Score ``text`` with the factor table; returns the total and the names of the factors that apply."""
    mentioned = {hit[2] for hit in flow_hits(text)} | ({flow} if flow else set())
    score, names = 0, []
    for factor in g.FACTORS:
        hit = bool(factor.flows & mentioned) or bool(factor.words and factor.words.search(text))
        if factor.counts_steps and not hit:
            hit = _steps(text) > g.MANY_STEPS_OVER
        if hit:
            score += factor.weight
            names.append(factor.name)
    return score, names


def flow_hits(text: str) -> list[Hit]:
    """Every flow mentioned in ``text``, with where it starts."""
    return [
        (m.start(), order, flow)
        for order, (flow, patterns) in enumerate(g.FLOW_SYNONYMS.items())
        for pattern in patterns
        for m in pattern.finditer(text)
    ]


def main_flow(hits: list[Hit]) -> FlowKind | None:
    """Pick the main flow of a request (rules in the module docstring)."""
    kinds = {hit[2] for hit in hits}
    dropped = {weak for strong, weaker in g.DOMINATES.items() if strong in kinds for weak in weaker}
    kept = [hit for hit in hits if hit[2] not in dropped]
    goals = (
        [hit for hit in kept if hit[2] not in g.PRECONDITION_FLOWS | g.SUPPORTING_FLOWS]
        or [hit for hit in kept if hit[2] in g.SUPPORTING_FLOWS]
        or kept
    )
    return max(goals)[2] if goals else None


def redact(text: str) -> str:
    """Blank out password values ("password hunter2", "pwd=x", "pw: x", "log in as alice:x", "alice / x",
    "?password=x" in a URL); names of env variables stay."""
    for pattern in (g.QUERY_SECRET, *g.USER_PASSWORD):
        text = _blank(pattern, text)
    return _blank(g.SECRET, text, keyword=True)


def _blank(pattern: re.Pattern[str], text: str, *, keyword: bool = False) -> str:
    """Replace each match's ``v`` group, unless it is a word that is no secret ("password field", "pw is ***")."""
    pos = 0
    while match := pattern.search(text, pos):
        value = match.group("v").strip(g.TARGET_QUOTES).rstrip(".!?:=").lower()
        if value in g.NOT_A_SECRET or value.startswith(g.REDACTED) or g.SECRET_WORD.fullmatch(value):
            pos = match.end("kw") if keyword else match.end()
            continue
        text = text[: match.start("v")] + g.REDACTED + text[match.end("v") :]
        pos = match.start("v") + len(g.REDACTED)
    return text


def check_url(raw: str) -> str:
    """Return ``raw`` stripped if it is a usable http(s) URL, else raise :class:`BadURLError`."""
    url = raw.strip()
    shown = re.sub(r"//[^/@\s]*@", "//***@", url)

    def bad(reason: str) -> BadURLError:
        return BadURLError(
            f"{shown!r} is not a usable URL: {reason}. Give a full http(s) URL, e.g. 'http://localhost:8000'."
        )

    if not url:
        raise bad("it is empty")
    problem = _unsafe_character(url)
    if problem:
        raise bad(problem)
    try:
        parts = urlsplit(url)
        host, port = parts.hostname or "", parts.port
    except ValueError as exc:
        raise bad(str(exc)) from None
    scheme = parts.scheme.lower()
    if scheme not in g.URL_SCHEMES:
        guess = difflib.get_close_matches(scheme, g.URL_SCHEMES, n=1, cutoff=0.6) if scheme else []
        hint = f" (did you mean '{guess[0]}://'?)" if guess else ""
        raise bad(f"it must start with http:// or https://{hint}")
    if not url.lower().startswith(f"{scheme}://"):
        raise bad(f"'{scheme}:' must be followed by '//'")
    if "@" in parts.netloc:
        raise bad("it must not carry credentials; pass a username and password_env instead")
    if not host:
        raise bad("it has no host")
    if not _host_ok(host, port):
        raise bad(f"the host {host!r} has no dot and no port, so it is not a full host name (a space in it?)")
    return url


_NAMED_CHARACTERS = {'"': "a double quote", "'": "a single quote", "`": "a backquote", "\\": "a backslash"}


def _unsafe_character(url: str) -> str | None:
    """Why ``url`` cannot be used as it is, naming the first offending character; None when it can.

    A URL ends up in generated code and in command lines: quotes, backslashes, spaces and control characters have
    no business in one (a browser would percent-encode them), and square brackets only enclose an IPv6 host.
    """
    for position, char in enumerate(url, 1):
        where = f"at position {position}"
        if char in _NAMED_CHARACTERS:
            return f"it contains {_NAMED_CHARACTERS[char]} ({char}) {where}; percent-encode it"
        if char.isspace():
            return f"it contains whitespace ({char!a}) {where}"
        if not char.isprintable():
            return f"it contains the control or unprintable character {char!a} {where}"
    netloc = url.partition("//")[2].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    brackets = url.count("[") + url.count("]")
    ipv6 = re.fullmatch(r"(?:[^@\[\]]*@)?\[[0-9A-Fa-f:.]+(?:%[\w.~-]+)?\](?::\d*)?", netloc)
    if brackets and (not ipv6 or brackets != 2):
        return "it contains '[' or ']' outside an IPv6 host such as http://[::1]:8000; percent-encode them"
    return None


def _host_ok(host: str, port: int | None) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    if not g.HOST_NAME.fullmatch(host):
        return False
    return host == "localhost" or "." in host.strip(".") or port is not None


def _urls(text: str) -> tuple[list[str], list[Span]]:
    urls, spans = [], []
    for m in g.URL_CANDIDATE.finditer(text):
        raw = m.group().rstrip(g.URL_TRAILING)
        if len(raw.split(":", 1)[0]) == 1:  # a drive letter, "C:/..."
            continue
        urls.append(raw)
        spans.append((m.start(), m.start() + len(raw)))
    return urls, spans


def _paths(text: str) -> tuple[list[str], list[Span]]:
    paths: list[str] = []
    spans: list[Span] = []
    for m in g.PATH_TOKEN.finditer(text):
        token = m.group().rstrip(".:!?")
        if token.lower() in g.NOT_PATHS or not g.PATH_SHAPE.fullmatch(token):
            continue
        is_py = re.search(r"\.py(?:::|$)", token) is not None
        if not (is_py or "/" in token) or not re.search(r"[A-Za-z0-9_]", token):
            continue
        if re.fullmatch(r"[\d/.]+", token) or (token.startswith("/") and token.count("/") == 1 and not is_py):
            continue  # "1/2", or a page path like "/about"
        spans.append((m.start(), m.start() + len(token)))
        if token not in paths:
            paths.append(token)
    return paths, spans


def _mask(text: str, spans: list[Span]) -> str:
    """``text`` with each span blanked out, built in one pass (spans are in order and do not overlap)."""
    parts, pos = [], 0
    for start, end in spans:
        parts += [text[pos:start], " " * (end - start)]
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def _mask_quoted(text: str) -> str:
    return g.QUOTED.sub(lambda m: re.sub(r"\S", "x", m.group()), text)


def _intent(text: str) -> Intent | None:
    best: tuple[int, int, Intent] | None = None
    for order, (intent, patterns) in enumerate(g.INTENT_TRIGGERS):
        for pattern in patterns:
            m = pattern.search(text)
            if m and (best is None or (m.start(), order) < best[:2]):
                best = (m.start(), order, intent)
    return best[2] if best else None


def _target(text: str, flow: FlowKind | None) -> str | None:
    if flow is FlowKind.RECORD_ACTION:  # the verb, in its base form: "closing" -> "close"
        m = next((m for p in g.FLOW_TARGETS[flow] for m in p.finditer(text)), None)
        verb = m.group("v").lower() if m else ""
        return next((v for v in g.RECORD_ACTIONS if verb.startswith(v.rstrip("e")) and _base(verb, v)), None)
    if flow is FlowKind.SEARCH:
        patterns = g.SEARCH_TARGETS
    elif flow is FlowKind.NAVIGATE:
        patterns = g.FLOW_SYNONYMS[FlowKind.NAVIGATE]
    elif flow in g.FLOW_TARGETS:
        patterns = g.FLOW_TARGETS[flow]
    else:
        return None
    named = flow not in (FlowKind.SEARCH, FlowKind.NAVIGATE)
    for pattern in patterns:
        for m in pattern.finditer(text):
            target = m.group("t").strip().strip(g.TARGET_QUOTES).strip()
            if named:  # "the books table" is about books; "its rows" names nothing
                target = g.TARGET_TAIL.sub("", target) if " " in target else target
                if target.lower() in g.PRONOUNS:
                    continue
            if target and g.REDACTED not in target:
                return target
    return None


def _base(form: str, verb: str) -> bool:
    """Whether ``form`` is an inflection of ``verb`` ("closing" of "close", "pinned" of "pin", not of "pinup")."""
    stem = verb[:-1] if verb.endswith("e") else verb
    return bool(re.fullmatch(rf"{re.escape(stem)}(?:e|es|ing|s|{stem[-1]}ing)?", form))


def _subject(text: str, flow: FlowKind | None) -> str | None:
    """The records a list flow works on: its target for view, edit, delete and paginate, named apart for
    filter and sort (whose target is the column or value)."""
    if flow in (FlowKind.VIEW_RECORD, FlowKind.EDIT_RECORD, FlowKind.DELETE_RECORD, FlowKind.PAGINATE):
        return _target(text, flow)
    if flow is FlowKind.RECORD_ACTION:  # the record; the target is the verb
        return next((m.group("t") for p in g.FLOW_TARGETS[flow] for m in p.finditer(text)), None)
    if flow not in (FlowKind.FILTER, FlowKind.SORT):
        return None
    for pattern in g.LIST_SUBJECTS:
        for m in pattern.finditer(text):
            subject = m.group("t").strip()
            if subject.lower() not in g.PRONOUNS and subject.lower() not in ("a", "an", "the", "can", "user"):
                return subject
    return None


def _credentials(text: str, username: str | None, password_env: str | None) -> CredentialsSpec:
    user = (username or "").strip() or _username(text)
    return CredentialsSpec(
        username=user,
        username_env=_env_name(g.USERNAME_ENV, text),
        password_env=password_env or _env_name(g.PASSWORD_ENV, text),
    )


def _env_name(patterns: tuple[re.Pattern[str], ...], text: str) -> str | None:
    for pattern in patterns:
        if m := pattern.search(text):
            return m.group("n")
    return None


def _username(text: str) -> str | None:
    for pattern in g.USERNAME:
        for m in pattern.finditer(text):
            name = m.group("u").strip("\"'").rstrip(".")
            if name.lower() not in g.USERNAME_STOPWORDS and re.search(r"[A-Za-z]", name):
                return name
    return None


def _steps(text: str) -> int:
    body = g.META_PHRASE.sub(" ", text)
    clauses = sum(1 for clause in g.CLAUSE_SPLIT.split(body) if re.search(r"\w", clause))
    return max(clauses, len(g.STEP_VERBS.findall(body)))


def _unknown(headline: str) -> str:
    lines = [headline, "Kaya understands requests like:", *(f"  - {example}" for example in EXAMPLES)]
    return "\n".join(lines)


def _no_flow(text: str) -> str:
    head = f"Kaya understood that {text!r} asks for a new test, but not which flow it should cover."
    flows = [f"  - {flow.value}: {phrase!r}" for flow, phrase in g.FLOW_MAIN_PHRASE.items()]
    flows.append(f"  - {FlowKind.STEPS.value}: {STEPS_EXAMPLE!r} (any flow, spelled out step by step)")
    return "\n".join([head, "Kaya knows these flows:", *flows, f"For example: {EXAMPLES[0]!r}"])
