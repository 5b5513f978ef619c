"""SuperAgent's exceptions: infrastructure failures and bad input. Agent verdicts are values, not errors.

SuperAgentError
├── UsageError              bad input from the user (exit 2)
│   ├── BadURLError
│   ├── UnknownRequestError
│   ├── TestFileError       a test file that is missing or cannot be parsed
│   ├── StepSyntaxError     a step the step language cannot read ("cannot read step 3 'frobnicate'")
│   ├── FeatureError        a Gherkin feature that is malformed or has a step that cannot be read
│   └── LLMConfigError      the model configuration (env or superagent.toml) is invalid
│       ├── MissingKeyError     a model chosen for a provider whose API key is not set
│       └── UnknownPriceError   a cloud model with no known price and no override
├── AppUnreachableError     the app under test does not answer (exit 3)
├── BrowserNotFoundError    no Chromium to drive (exit 4)
├── RunnerError             pytest could not be run at all
├── StateError              the state store failed
├── DemoServerError         the bundled demo app could not start (port taken, start-up failure, timeout)
├── OrchestrationError      no Temporal server to use (binary missing, address unreachable) (exit 5)
└── SandboxError            no sandbox for the tests to run in, and SUPERAGENT_SANDBOX=off not set (exit 6)
"""

from __future__ import annotations


class SuperAgentError(Exception):
    """Base of every error SuperAgent raises on purpose. ``exit_code`` is what the CLI exits with."""

    exit_code = 1


class UsageError(SuperAgentError):
    exit_code = 2


class BadURLError(UsageError):
    pass


class UnknownRequestError(UsageError):
    pass


class TestFileError(UsageError):
    __test__ = False


class StepSyntaxError(UsageError):
    """A step of a spelled-out test that the step language cannot read; names the step and its number."""

    def __init__(self, message: str, *, phrase: str = "", number: int = 0) -> None:
        super().__init__(message)
        self.phrase = phrase
        self.number = number


class FeatureError(UsageError):
    """A Gherkin feature that cannot be used; the message names the file and line."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.line = line


class AppUnreachableError(SuperAgentError):
    exit_code = 3


class BrowserNotFoundError(SuperAgentError):
    exit_code = 4


class RunnerError(SuperAgentError):
    pass


class StateError(SuperAgentError):
    pass


class OrchestrationError(SuperAgentError):
    exit_code = 5


class LLMConfigError(UsageError):
    """The LLM configuration (env or superagent.toml) is invalid."""


class MissingKeyError(LLMConfigError):
    """A model was chosen for a provider whose API key is not set."""


class UnknownPriceError(LLMConfigError):
    """A cloud model genai-prices does not know, with no price override."""


class DemoServerError(SuperAgentError):
    """The demo server could not start (port taken, startup failure, timeout)."""


class SandboxError(SuperAgentError):
    """Generated tests would run unprotected: bubblewrap or user namespaces are missing (exit 6)."""

    exit_code = 6
