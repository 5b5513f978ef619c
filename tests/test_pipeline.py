"""The pipeline's decisions, with the agents replaced at the AgentCalls boundary by a scripted double."""

from __future__ import annotations

from scripted_calls import ScriptedAgentCalls

from superagent.models import (
    FlowKind,
    Intent,
    Request,
)
from superagent.pipeline import check_tests, create_tests


def _request(flow: FlowKind) -> Request:
    return Request(text=f"test {flow.value}", intent=Intent.CREATE_TEST, url="http://127.0.0.1:9", flow=flow)


async def test_every_flow_is_written_then_run_in_one_batch_and_validated() -> None:
    calls = ScriptedAgentCalls()
    report = await create_tests(calls, [_request(FlowKind.LOGIN), _request(FlowKind.SEARCH)])
    assert report.ok
    assert calls.runs == [["t/test_login.py", "t/test_search.py"]]
    assert [f.status for f in report.flows] == ["validated", "validated"]
    kinds = [e.kind for e in calls.events if e.flow == "login"]
    assert kinds == ["TestWritten", "CritiqueGiven", "RunStarted", "RunFinished", "VerdictGiven"]


async def test_a_rejected_test_goes_back_to_the_writer_and_passes_after_revision() -> None:
    calls = ScriptedAgentCalls(bad_until_revision=1)
    report = await create_tests(calls, [_request(FlowKind.LOGIN)], critic_retries=2)
    assert report.ok
    assert calls.revisions == 1
    assert [e.kind for e in calls.events].count("CritiqueGiven") == 2


async def test_a_rejection_that_cannot_be_fixed_never_reaches_the_runner() -> None:
    calls = ScriptedAgentCalls(bad_until_revision=99)
    report = await create_tests(calls, [_request(FlowKind.LOGIN)], critic_retries=2)
    assert not report.ok
    assert report.flows[0].status == "rejected"
    assert "SA104" in report.flows[0].reason
    assert calls.revisions == 2  # bounded
    assert calls.runs == []


async def test_an_unrevisable_rejection_stops_at_once() -> None:
    calls = ScriptedAgentCalls(bad_until_revision=1, revisable=False)
    report = await create_tests(calls, [_request(FlowKind.LOGIN)])
    assert report.flows[0].status == "rejected"
    assert calls.runs == []


async def test_a_missing_flow_is_reported_with_what_was_seen_and_others_still_run() -> None:
    calls = ScriptedAgentCalls(missing=[FlowKind.CHECKOUT])
    report = await create_tests(calls, [_request(FlowKind.CHECKOUT), _request(FlowKind.LOGIN)])
    checkout, login = report.flows
    assert checkout.status == "not_found" and checkout.seen == ["link 'Home'"]
    assert login.status == "validated"
    assert calls.runs == [["t/test_login.py"]]
    assert not report.ok


async def test_a_failing_test_is_a_result_not_an_error() -> None:
    calls = ScriptedAgentCalls()
    calls.fail = {"search"}
    report = await create_tests(calls, [_request(FlowKind.LOGIN), _request(FlowKind.SEARCH)], heal=False)
    assert [f.status for f in report.flows] == ["validated", "failed"]


async def test_checking_existing_tests_judges_each_result() -> None:
    calls = ScriptedAgentCalls()
    calls.fail = {"b"}
    report = await check_tests(calls, ["a.py", "b.py"], None, judge=True)
    assert [(f.test_file, f.status) for f in report.flows] == [("a.py", "validated"), ("b.py", "failed")]
    assert calls.runs == [["a.py", "b.py"]]
