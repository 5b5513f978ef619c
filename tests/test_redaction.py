"""The redactor finds a secret however it was written down, and leaves everything else alone."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from pydantic import BaseModel
from secret_forms import encodings

from superagent.redaction import MARKER, Redactor, base64_cores

PASSWORD = "Hunter2\"\\x&+y %<é€>😀'"
API_KEY = "sk-test-" + "A1b2C3d4" * 4


@pytest.mark.parametrize("secret", [PASSWORD, API_KEY], ids=["password", "api-key"])
@pytest.mark.parametrize("form", list(encodings(PASSWORD)))
def test_every_encoding_is_redacted(secret: str, form: str) -> None:
    redactor = Redactor([secret, "unrelated-other-secret"])
    written = encodings(secret)[form]
    clean = redactor.text(f"before {written} after")
    assert MARKER in clean
    assert clean.startswith("before ") and clean.endswith(" after")
    for name, other in encodings(secret).items():
        if len(other) >= 8 and not name.startswith(("base64", "basic")):
            assert other not in clean, name
    # The bytes of every base64 core at every alignment are gone too.
    assert not any(core in clean for core in base64_cores(secret.encode()))


def test_ordinary_text_is_left_alone() -> None:
    redactor = Redactor([PASSWORD, API_KEY])
    text = (
        "Locator.fill: Timeout 500ms exceeded. waiting for get_by_label('Password') — 50% off & more <b>bold</b> "
        'data:image/png;base64,iVBORw0KGgo= {"password": "***"} Hunter2 x+y'
    )
    assert redactor.text(text) == text


def test_a_redactor_without_secrets_changes_nothing(tmp_path: Path) -> None:
    redactor = Redactor(["", ""])
    assert not redactor
    assert redactor.text("anything at all") == "anything at all"
    archive = tmp_path / "t.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("trace.trace", "x")
    assert redactor.zip(archive) is False


def test_a_secret_containing_another_is_redacted_whole() -> None:
    redactor = Redactor(["hunter", "hunter2-and-more"])
    assert redactor.text("a hunter2-and-more b hunter c") == f"a {MARKER} b {MARKER} c"


class _Inner(BaseModel):
    lines: list[str]


class _Outer(BaseModel):
    message: str
    inner: _Inner
    data: dict[str, str]


def test_models_and_nested_data_are_redacted() -> None:
    redactor = Redactor([PASSWORD])
    model = _Outer(
        message=f"typed {PASSWORD}",
        inner=_Inner(lines=["ok", json.dumps({"p": PASSWORD})]),
        data={PASSWORD: quote(PASSWORD)},
    )
    clean = redactor.model(model)
    assert PASSWORD not in clean.model_dump_json() and quote(PASSWORD) not in clean.model_dump_json()
    assert clean.message == f"typed {MARKER}"
    assert clean.inner.lines[0] == "ok"
    assert redactor.data((PASSWORD, 3, None)) == (MARKER, 3, None)


def test_zip_archives_are_rewritten_member_by_member(tmp_path: Path) -> None:
    archive = tmp_path / "trace.zip"
    body = urlencode({"password": PASSWORD}).encode()
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("trace.trace", json.dumps({"method": "fill", "params": {"value": PASSWORD}}))
        out.writestr("trace.network", json.dumps({"postData": {"text": body.decode()}}))
        out.writestr("resources/abc.dat", body)
        out.writestr("resources/img.jpeg", b"\xff\xd8\xff no secret here")
    assert Redactor([PASSWORD]).zip(archive) is True
    with zipfile.ZipFile(archive) as read:
        assert read.namelist() == ["trace.trace", "trace.network", "resources/abc.dat", "resources/img.jpeg"]
        everything = b"".join(read.read(name) for name in read.namelist())
        assert read.read("resources/img.jpeg") == b"\xff\xd8\xff no secret here"
    assert b"Hunter2" not in everything
    assert b"password=***" in everything


def test_files_are_redacted_in_place(tmp_path: Path) -> None:
    path = tmp_path / "results.json"
    path.write_text(json.dumps({"error": f"typed {PASSWORD}"}))
    redactor = Redactor([PASSWORD])
    assert redactor.file(path) is True
    assert "Hunter2" not in path.read_text()
    assert redactor.file(path) is False
