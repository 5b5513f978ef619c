"""Medic: classify a failing test and propose repairs — locators by Similo-style matching, waits by web-first
rewrites. Proposals only: nothing is applied until the proof (``healing_loop``) passes.

Never weakens, deletes or changes the expected value of an assertion: an assertion that fails on an element that
was found may be an app bug, and goes to a person with a suggestion they can accept.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

from pydantic import BaseModel, Field

from superagent.agents.medic_timing import locator_in, timing_patches, web_first
from superagent.healing.fingerprint import Fingerprint
from superagent.healing.similo import Scored, rank_candidates
from superagent.healing.synthesis import matches, parse_locator, reconstruct, unique_locators
from superagent.literals import py_literal
from superagent.models import Edit, FailureKind, Patch, PatchKind, Sidecar, TestResult

MIN_SCORE = 0.5  # below this the best candidate is too unlike the original element
MIN_MARGIN = 0.05  # a winner this close to the runner-up is a coin toss: a person decides
MAX_CANDIDATES = 3
_ACTUAL = re.compile(r"Actual value: (.+)")
_EXPECTED_ARG = re.compile(
    r"\.(to_have_text|to_contain_text|to_have_value|to_have_title)\((\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*')"
)


class Diagnosis(BaseModel):
    """What Medic makes of one failure: patches to try (best first), or why a person must look."""

    kind: FailureKind | None
    patches: list[Patch] = Field(default_factory=list)
    nothing_similar: bool = False  # no element on the page resembles the target: gone, or not there yet
    review_reason: str | None = None
    suggestion: Patch | None = None


def load_inventory(result: TestResult) -> list[Fingerprint]:
    if not result.inventory:
        return []
    try:
        raw = json.loads(Path(result.inventory).read_text())
    except (OSError, ValueError):
        return []
    return [Fingerprint.model_validate(entry) for entry in raw]


def _target(
    locator: str, line: str, sidecar: Sidecar | None, known: dict[str, Fingerprint] | None
) -> tuple[Fingerprint | None, str | None]:
    """The element a locator used to reach: Scribe's stored fingerprint (and its page), else the last passing
    run's evidence for that line, else what the locator itself says."""
    for step in sidecar.steps if sidecar else []:
        if step.locator == locator and step.fingerprint is not None:
            return step.fingerprint, step.page
    if known and line.strip() in known:
        return known[line.strip()], None
    return reconstruct(locator), None


def _resolves(locator: str, inventory: list[Fingerprint]) -> bool | None:
    spec = parse_locator(locator)
    if spec is None or len(spec.calls) != 1:
        return None  # chained locators are not simulated
    return sum(1 for fp in inventory if matches(spec, fp)) == 1


def confident(ranked: list[Scored]) -> bool:
    """Medic's gate: the best candidate is like the original element, and clearly more like it than the next."""
    if not ranked or ranked[0].score < MIN_SCORE:
        return False
    return len(ranked) == 1 or ranked[0].score - ranked[1].score >= MIN_MARGIN


def _replacement(ranked: list[Scored], inventory: list[Fingerprint], rank: int) -> tuple[str, Scored] | None:
    if rank >= len(ranked):
        return None
    chosen = ranked[rank]
    specs = unique_locators(chosen.candidate, inventory)
    return (specs[0].code(), chosen) if specs else None


def _edits_for(source_lines: list[str], old: str, new: str) -> list[Edit]:
    return [Edit(line=n, old=line, new=line.replace(old, new)) for n, line in enumerate(source_lines, 1) if old in line]


def locator_patches(
    source: str, result: TestResult, sidecar: Sidecar | None, known: dict[str, Fingerprint] | None = None
) -> Diagnosis:
    failure = result.failure
    assert failure is not None
    lines = source.split("\n")
    line = lines[failure.line - 1] if failure.line and 0 < failure.line <= len(lines) else ""
    old = locator_in(line) or (f"page.{failure.locator}" if failure.locator else None)
    if not old:
        return Diagnosis(kind=failure.kind, review_reason="cannot tell which locator failed")
    inventory = load_inventory(result)
    if not inventory:
        return Diagnosis(kind=failure.kind, review_reason="no record of the page at the moment of failure")
    target, page = _target(old, line, sidecar, known)
    if target is None:
        return Diagnosis(kind=failure.kind, review_reason=f"cannot read the failing locator {old!r}")
    ranked = rank_candidates(target, inventory)
    best = ranked[0] if ranked else None
    runner_up = ranked[1].score if len(ranked) > 1 else 0.0
    if best is None or best.score < MIN_SCORE:
        score = f"{best.score:.2f}" if best else "none"
        return Diagnosis(
            kind=failure.kind,
            review_reason=f"no element on the page resembles {old} (best {score})",
            nothing_similar=True,
        )
    if not confident(ranked):
        return Diagnosis(
            kind=failure.kind,
            review_reason=f"two elements match {old} almost equally ({best.score:.2f} vs {runner_up:.2f})",
        )
    patches: list[Patch] = []
    for rank in range(MAX_CANDIDATES):
        found = _replacement(ranked, inventory, rank)
        if found is None or found[1].score < MIN_SCORE:
            continue
        new, chosen = found
        patches.append(
            Patch(
                kind=PatchKind.LOCATOR,
                edits=_edits_for(lines, old, new),
                rationale=f"{old} no longer matches; the most similar element ({chosen.score:.2f}) is {new}",
                score=chosen.score,
                runner_up=runner_up if rank == 0 else best.score,
                replaces={old: new},
                fingerprints={new: chosen.candidate},
            )
        )
    if patches and page is not None:
        extra, replaces, fingerprints = _same_page_edits(lines, sidecar, page, old, inventory)
        if extra:
            first = patches[0]
            combined = first.model_copy(
                update={
                    "edits": sorted(first.edits + extra, key=lambda e: e.line),
                    "replaces": {**first.replaces, **replaces},
                    "fingerprints": {**first.fingerprints, **fingerprints},
                    "rationale": first.rationale + f"; {len(replaces)} more locator(s) on this page changed too",
                }
            )
            patches.insert(0, combined)
    if not patches:
        return Diagnosis(kind=failure.kind, review_reason=f"no unique locator for the element that replaced {old}")
    return Diagnosis(kind=failure.kind, patches=patches)


def _same_page_edits(
    lines: list[str], sidecar: Sidecar | None, page: str, failed: str, inventory: list[Fingerprint]
) -> tuple[list[Edit], dict[str, str], dict[str, Fingerprint]]:
    """Other steps recorded on the same page whose locators match nothing now: heal them in the same patch."""
    edits: list[Edit] = []
    replaces: dict[str, str] = {}
    fingerprints: dict[str, Fingerprint] = {}
    for step in sidecar.steps if sidecar else []:
        locator = step.locator
        if locator == failed or step.page != page or step.fingerprint is None:
            continue
        if _resolves(locator, inventory) is not False:
            continue
        ranked = rank_candidates(step.fingerprint, inventory)
        if not confident(ranked):
            continue
        specs = unique_locators(ranked[0].candidate, inventory)
        if specs:
            new = specs[0].code()
            edits += _edits_for(lines, locator, new)
            replaces[locator] = new
            fingerprints[new] = ranked[0].candidate
    return edits, replaces, fingerprints


def _suggestion(line_no: int | None, line: str, message: str) -> Patch | None:
    """What the assertion would need to expect now — offered to a person, never applied automatically."""
    actual = _ACTUAL.search(message)
    expected = _EXPECTED_ARG.search(line)
    if not (actual and expected and line_no):
        return None
    value = actual.group(1).strip()
    if len(value) > 1 and value[0] == value[-1] == '"':  # Playwright may quote the actual string
        value = value[1:-1]
    new = line[: expected.start(2)] + py_literal(value, quote=expected.group(2)[0]) + line[expected.end(2) :]
    try:
        ast.parse(new.strip())
    except SyntaxError:
        return None  # a line this simple reading cannot take apart safely: the person writes the fix
    return Patch(
        kind=PatchKind.EXPECTATION,
        edits=[Edit(line=line_no, old=line, new=new)],
        rationale=f"the app now shows {value!r}; accept this only if the change is intended",
    )


def diagnose(
    source: str,
    result: TestResult,
    sidecar: Sidecar | None = None,
    known: dict[str, Fingerprint] | None = None,
) -> Diagnosis:
    """Decide what to do about one failed test."""
    failure = result.failure
    if failure is None:
        return Diagnosis(kind=None, review_reason="the test did not fail")
    lines = source.split("\n")
    line = lines[failure.line - 1] if failure.line and 0 < failure.line <= len(lines) else ""
    if failure.kind in (FailureKind.SELECTOR_NOT_FOUND, FailureKind.STRICT_MODE):
        diagnosis = locator_patches(source, result, sidecar, known)
        if diagnosis.nothing_similar and failure.kind is FailureKind.SELECTOR_NOT_FOUND:
            # Nothing like it on the page yet: maybe it is still coming. Try waiting before calling it gone.
            diagnosis.patches = timing_patches(source, failure.line)
        return diagnosis
    if failure.kind is FailureKind.TIMEOUT or (failure.kind is FailureKind.ASSERTION and web_first(line)):
        patches = timing_patches(source, failure.line)
        reason = None if patches else "a timeout with nothing to wait on differently"
        return Diagnosis(kind=failure.kind, patches=patches, review_reason=reason)
    if failure.kind is FailureKind.ASSERTION:
        return Diagnosis(
            kind=failure.kind,
            review_reason="an assertion failed on an element that was found: the app may have changed or broken",
            suggestion=_suggestion(failure.line, line, failure.message),
        )
    return Diagnosis(kind=failure.kind, review_reason=f"{failure.kind.value.replace('_', ' ')} is not healable")


def apply(source: str, patch: Patch) -> str:
    """Apply a patch's edits; an edit whose line no longer reads as expected is an error (stale patch).

    Lines are what Python counts as lines (split at "\\n" only), so a U+2028 or U+0085 inside a string literal
    cannot shift the numbers the way ``str.splitlines`` would."""
    lines = source.split("\n")
    for edit in sorted(patch.edits, key=lambda e: -e.line):
        if not 0 < edit.line <= len(lines):
            raise ValueError(f"line {edit.line} is not in the file ({len(lines)} lines)")
        if "\n" in edit.new:
            raise ValueError(f"the edit of line {edit.line} spans several lines: {edit.new!r}")
        if lines[edit.line - 1] != edit.old:
            raise ValueError(f"line {edit.line} changed since the patch was made: {lines[edit.line - 1]!r}")
        if edit.new:
            lines[edit.line - 1] = edit.new
        else:
            del lines[edit.line - 1]
    return "\n".join(lines)
