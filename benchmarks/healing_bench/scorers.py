"""Scorers to compare on the same observed pages: today's, today's fed only the fingerprint fields older callers
fill, and the scorer of any earlier commit."""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path

from superagent.healing.fingerprint import Fingerprint
from superagent.healing.similo import Scored, rank_candidates

from .browser import Ranker

# Fingerprint fields added for redesigns; a caller that predates them leaves them empty.
REDESIGN_FIELDS = (
    "neighbor_above",
    "neighbor_below",
    "neighbor_left",
    "neighbor_right",
    "overlap_text",
    "href_path",
    "viewport_x",
    "viewport_y",
    "landmark",
    "landmark_x",
    "landmark_y",
)
_REPO = Path(__file__).resolve().parents[2]


def blank(fp: Fingerprint) -> Fingerprint:
    return fp.model_copy(update=dict.fromkeys(REDESIGN_FIELDS))


def old_fields_only(target: Fingerprint, candidates: list[Fingerprint]) -> list[Scored]:
    """Today's scorer on fingerprints whose redesign fields were never filled; results name the given candidates."""
    blanked = [blank(c) for c in candidates]
    back = {id(b): c for b, c in zip(blanked, candidates, strict=True)}
    return [s.model_copy(update={"candidate": back[id(s.candidate)]}) for s in rank_candidates(blank(target), blanked)]


def scorer_at(ref: str) -> Ranker:
    """``rank_candidates`` as it was at git ``ref``, loaded from the repository's history."""
    try:
        source = subprocess.run(
            ["git", "show", f"{ref}:src/superagent/healing/similo.py"],
            cwd=_REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except subprocess.CalledProcessError as exc:
        raise SystemExit(f"cannot read the scorer at {ref!r}: {exc.stderr.strip()}") from exc
    module = types.ModuleType(f"similo_at_{ref}")
    sys.modules[module.__name__] = module  # pydantic resolves the module's annotations through sys.modules
    exec(compile(source, f"{ref}:similo.py", "exec"), module.__dict__)
    rank: Ranker = module.rank_candidates
    return rank
