"""Kaya, the router: turns a sentence into a :class:`~superagent.models.Request`. Offline and deterministic.

Kaya reads the sentence against the phrase tables in :mod:`superagent.agents.router_grammar`:

* **Intent** - every intent has trigger phrases; the trigger that starts earliest in the sentence wins
  ("fix the failing login test" is a fix, "write a test that runs a search" is a new test). A sentence
  with no trigger but a recognisable flow ("log in and create an item") asks for a new test.
* **Flow** - every flow mention is collected, then three rules pick the main one:

  1. a more specific flow swallows the one it refines: ``login_failure`` drops ``login`` ("failed log in"),
     ``checkout`` drops ``create_item`` ("add an item to the basket and check out");
  2. preconditions (``login``, ``navigate``) count only when nothing else is asked for
     ("log in and create an item" is ``create_item``; "log in" alone is ``login``);
  3. of what is left, the goal mentioned last wins ("log in, add a note, then log out" is ``logout``).

  Quoted text, URLs and file paths never name a flow ('search for "log in"' is a search).
* **Slots** - ``url`` (the ``url`` argument wins over one in the text), ``target`` (the page for
  ``navigate``, the term for ``search``), ``credentials`` (a user name and environment variable NAMES only),
  ``paths``. A password value in the text ("password hunter2") is blanked out of everything Kaya keeps,
  the stored ``text`` included.
* **Complexity** - the factors of :data:`~superagent.agents.router_grammar.FACTORS` add up to a score;
  ``tier`` is "hard" from 5 up. Auth, payment and critical flows get the critical budget.
"""

from __future__ import annotations

import difflib
import ipaddress
import re
from urllib.parse import urlsplit

from superagent.agents import router_grammar as g
from superagent.agents.router_grammar import EXAMPLES
from superagent.errors import BadURLError, UnknownRequestError, UsageError
from superagent.models import CredentialsSpec, FlowKind, Intent, Request

__all__ = ["EXAMPLES", "check_url", "complexity", "main_flow", "redact", "route"]

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
) -> Request:
    """Understand ``text``. Raises :class:`UnknownRequestError` or :class:`BadURLError` on bad input."""
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
    if intent is None:
        if flow is None:
            raise UnknownRequestError(_unknown(f"Kaya did not understand the request {clean!r}."))
        intent = Intent.CREATE_TEST
    if intent is Intent.CREATE_TEST and flow is None:
        raise UnknownRequestError(_no_flow(clean))

    score, factors = complexity(scan, flow)
    critical = flow in g.CRITICAL_FLOWS or bool({"auth", "payment"} & set(factors))
    return Request(
        text=clean,
        intent=intent,
        url=url,
        flow=flow,
        target=_target(no_paths, flow),
        credentials=_credentials(no_paths, username, password_env),
        paths=paths,
        complexity=score,
        complexity_factors=factors,
        tier="hard" if score >= g.HARD_TIER_SCORE else "easy",
        critical=critical,
        budget_usd=budget_critical if critical else budget_per_feature,
    )


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
    goals = [hit for hit in kept if hit[2] not in g.PRECONDITION_FLOWS] or kept
    return max(goals)[2] if goals else None


def redact(text: str) -> str:
    """Blank out password values ("password hunter2", "pwd=x"); names of env variables stay."""
    pos = 0
    while match := g.SECRET.search(text, pos):
        value = match.group("v").strip(g.TARGET_QUOTES).rstrip(".!?:=").lower()
        if value in g.NOT_A_SECRET or g.SECRET_WORD.fullmatch(value):
            pos = match.end("kw")
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
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


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
    if flow is FlowKind.SEARCH:
        patterns = g.SEARCH_TARGETS
    elif flow is FlowKind.NAVIGATE:
        patterns = g.FLOW_SYNONYMS[FlowKind.NAVIGATE]
    else:
        return None
    for pattern in patterns:
        for m in pattern.finditer(text):
            target = m.group("t").strip().strip(g.TARGET_QUOTES).strip()
            if target and g.REDACTED not in target:
                return target
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
    return "\n".join([head, "Kaya knows these flows:", *flows, f"For example: {EXAMPLES[0]!r}"])
