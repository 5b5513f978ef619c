"""The pytest plugin that generated tests run under: evidence capture, credentials, results JSON.

Generated tests import :class:`Credentials` from here and take the ``credentials`` fixture; they never hold a
secret themselves.
"""

from superagent.testkit.credentials import Credentials, load_credentials

__all__ = ["Credentials", "load_credentials"]
