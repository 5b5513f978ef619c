"""Secrets come from a variable, its *_FILE sibling or /run/secrets; every one in play is known for redaction."""

from __future__ import annotations

from pathlib import Path

import pytest

from superagent.errors import UsageError
from superagent.secret_sources import is_secret_name, read_secret, secret_values


@pytest.fixture
def secrets_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "run-secrets"
    folder.mkdir()
    return folder


def test_the_variable_wins_over_its_file(tmp_path: Path, secrets_dir: Path) -> None:
    (tmp_path / "key").write_text("from-file\n")
    (secrets_dir / "openai_api_key").write_text("from-secrets-dir")
    env = {"OPENAI_API_KEY": "from-env", "OPENAI_API_KEY_FILE": str(tmp_path / "key")}
    assert read_secret("OPENAI_API_KEY", env, secrets_dir) == "from-env"
    del env["OPENAI_API_KEY"]
    assert read_secret("OPENAI_API_KEY", env, secrets_dir) == "from-file"
    assert read_secret("OPENAI_API_KEY", {}, secrets_dir) == "from-secrets-dir"
    assert read_secret("ANTHROPIC_API_KEY", {}, secrets_dir) is None


def test_a_file_keeps_inner_spaces_and_drops_the_trailing_newline(tmp_path: Path, secrets_dir: Path) -> None:
    (tmp_path / "pw").write_text(" two words \r\n")
    assert read_secret("PW", {"PW_FILE": str(tmp_path / "pw")}, secrets_dir) == " two words "


def test_a_file_variable_pointing_nowhere_is_a_clear_error(tmp_path: Path, secrets_dir: Path) -> None:
    with pytest.raises(UsageError, match=r"OPENAI_API_KEY_FILE='.*nope' is not a file"):
        read_secret("OPENAI_API_KEY", {"OPENAI_API_KEY_FILE": str(tmp_path / "nope")}, secrets_dir)


@pytest.mark.parametrize(
    ("name", "secret"),
    [
        ("OPENAI_API_KEY", True),
        ("GEMINI_API_KEY", True),
        ("SUPERAGENT_PASSWORD", True),
        ("DB_PASSWD", True),
        ("GITHUB_TOKEN", True),
        ("AWS_SECRET_ACCESS_KEY", True),
        ("SUPERAGENT_PASSWORD_ENV", False),
        ("OPENAI_API_KEY_FILE", False),
        ("SUPERAGENT_MAX_TOKENS_WRITER", False),
        ("PWD", False),
        ("HOME", False),
        ("PASSWORDLESS", False),
    ],
)
def test_secret_names(name: str, secret: bool) -> None:
    assert is_secret_name(name) is secret


def test_secret_values_gathers_every_source(tmp_path: Path, secrets_dir: Path) -> None:
    (tmp_path / "anthropic").write_text("anthropic-key-from-file\n")
    (secrets_dir / "mounted").write_text("mounted-secret")
    env = {
        "SUPERAGENT_PASSWORD_ENV": "SHOP_PW",
        "SHOP_PW": "pw1",  # short, but asked for by name: still a secret
        "OPENAI_API_KEY": "sk-openai-value",
        "ANTHROPIC_API_KEY_FILE": str(tmp_path / "anthropic"),
        "FEATURE_TOKEN": "on",  # too short to be found by its name alone
        "HOME": "/home/alice",
        "PWD": "/work/project",
    }
    assert secret_values(env, secrets_dir=secrets_dir) == {
        "pw1",
        "sk-openai-value",
        "anthropic-key-from-file",
        "mounted-secret",
    }
    assert "job-password" in secret_values({"CUSTOM": "job-password"}, ["CUSTOM"], secrets_dir)
