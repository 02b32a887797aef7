"""The seed's walk-through, in-process: a 10-credit plan, one project, eight tasks, then no more."""

from __future__ import annotations

from models import Plan, User
from services.auth import mint_token
from services.demo import DEMO_OWNER, seed_demo
from tests.api.queries import CREATE_PROJECT, CREATE_TASK, FEATURE, LEDGER, SUMMARY
from tests.conftest import JWT_SECRET, Api


async def test_walkthrough_charges_until_the_allowance_is_spent(api: Api) -> None:
    # given the demo tenant on the Free plan (10 credits)
    await seed_demo(charger=api.runtime.charger)
    owner = await User.get(email=DEMO_OWNER)
    token = mint_token(owner, secret=JWT_SECRET)

    # when one project and eight tasks are created
    created = await api.gql(
        CREATE_PROJECT, {"input": {"name": "Launch"}}, token=token, tenant="acme"
    )
    project = created["createProject"]
    assert project["__typename"] == "CreateProjectSuccess"
    assert project["usage"]["amount"] == 2
    project_id = project["project"]["id"]
    task_ids = []
    for number in range(8):
        result = await api.gql(
            CREATE_TASK,
            {"input": {"projectId": project_id, "title": f"Task {number}"}},
            token=token,
            tenant="acme",
        )
        assert result["createTask"]["__typename"] == "CreateTaskSuccess", result
        task_ids.append(result["createTask"]["task"]["id"])

    # then the ninth task is refused with nothing left
    refused = await api.gql(
        CREATE_TASK,
        {"input": {"projectId": project_id, "title": "One too many"}},
        token=token,
        tenant="acme",
    )
    assert refused["createTask"] == {
        "__typename": "InsufficientCredits",
        "code": "INSUFFICIENT_CREDITS",
        "message": refused["createTask"]["message"],
        "creditType": "credit-task-creation",
        "required": 1,
        "remaining": 0,
        "limit": 10,
    }
    ledger = (await api.gql(LEDGER, {"first": 50}, token=token, tenant="acme"))["creditUsages"]
    rows = [edge["node"] for edge in ledger["edges"]]
    assert len(rows) == 9
    assert sorted((row["type"], row["amount"]) for row in rows) == sorted(
        [("credit-project-creation", 2)] + [("credit-task-creation", 1)] * 8
    )
    assert {row["objectId"] for row in rows} == {project_id, *task_ids}
    assert {row["user"]["email"] for row in rows} == {DEMO_OWNER}
    summary = (await api.gql(SUMMARY, token=token, tenant="acme"))["usageSummary"]
    assert (summary["used"], summary["limit"], summary["remaining"]) == (10, 10, 0)
    assert sorted((row["type"], row["used"], row["count"]) for row in summary["byType"]) == [
        ("credit-project-creation", 2, 1),
        ("credit-task-creation", 8, 8),
    ]
    feature = (await api.gql(FEATURE, {"name": "credits"}, token=token, tenant="acme"))[
        "featureUsage"
    ]
    assert feature["enabled"] is False
    assert feature["message"]
    assert (feature["used"], feature["limit"], feature["remaining"]) == (10, 10, 0)
    assert await Plan.filter(name="Free").count() == 1
