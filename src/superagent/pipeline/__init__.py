"""The decision logic of a job, written once and run by any executor that implements ``AgentCalls``.

``decide``: write -> critic -> save -> run -> validate; ``heal``: Medic's proposals -> proven fixes or review items;
``review``: a person's decision on a review item; ``calls``: the ``AgentCalls`` interface and the job's report.
"""

from superagent.pipeline.calls import AgentCalls, FlowReport, FlowStatus, JobReport
from superagent.pipeline.decide import check_tests, create_tests
from superagent.pipeline.heal import heal_failures, heal_tests

__all__ = [
    "AgentCalls",
    "FlowReport",
    "FlowStatus",
    "JobReport",
    "check_tests",
    "create_tests",
    "heal_failures",
    "heal_tests",
]
