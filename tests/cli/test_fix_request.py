""" "fix the failing login test" goes to Medic: which tests it means, and which app they were written for."""

from __future__ import annotations

from pathlib import Path

import pytest

from superagent.cli.run import fixable_tests, recorded_base_url
from superagent.errors import UsageError
from superagent.healing.sidecar import write_sidecar
from superagent.models import FlowKind, Sidecar


def test_the_flows_tests_are_fixed_else_the_whole_folder(tmp_path: Path) -> None:
    for name in ("test_login.py", "test_login_failure.py", "test_search.py"):
        (tmp_path / name).write_text("def test_x() -> None: ...\n")

    assert fixable_tests(tmp_path, FlowKind.LOGIN) == [
        str(tmp_path / "test_login.py"),
        str(tmp_path / "test_login_failure.py"),
    ]
    assert fixable_tests(tmp_path, FlowKind.CHECKOUT) == [str(tmp_path)]
    assert fixable_tests(tmp_path, None) == [str(tmp_path)]
    with pytest.raises(UsageError, match="no tests to fix"):
        fixable_tests(tmp_path / "missing", FlowKind.LOGIN)


def test_the_app_comes_from_the_tests_sidecars(tmp_path: Path) -> None:
    test = tmp_path / "test_login.py"
    test.write_text("def test_x() -> None: ...\n")
    assert recorded_base_url([str(tmp_path)]) is None

    write_sidecar(test, Sidecar(test="test_x", base_url="http://127.0.0.1:5000/admin/", flow="login"))

    assert recorded_base_url([str(tmp_path)]) == "http://127.0.0.1:5000/admin/"
    assert recorded_base_url([str(test)]) == "http://127.0.0.1:5000/admin/"
