"""Element fingerprints and locator synthesis (Medic's scorer builds on these)."""

from superagent.healing.fingerprint import Fingerprint

__all__ = ["Fingerprint"]
