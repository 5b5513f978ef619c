"""Element fingerprints, Similo-style candidate scoring, and locator synthesis.

Public API::

    from superagent.healing import Fingerprint, Scored, rank_candidates
    ranked = rank_candidates(target, candidates)  # best first; ranked[0].candidate, ranked[0].score
"""

from superagent.healing.fingerprint import Fingerprint
from superagent.healing.similo import Scored, rank_candidates

__all__ = ["Fingerprint", "Scored", "rank_candidates"]
