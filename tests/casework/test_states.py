"""The state graph: every (status, action, actors, reason) either follows GRAPH or is refused.

Property-based: hypothesis draws statuses, actions, sets of actors and reasons, and the
expected outcome is computed from the GRAPH data independently of ``transition``.
"""

from __future__ import annotations

from collections import deque

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casework.states import (
    FINAL,
    GRAPH,
    OPEN_FOR_DEPARTMENT,
    Actor,
    CaseAction,
    CaseStatus,
    TransitionRefused,
    available_actions,
    edge,
    transition,
)

statuses = st.sampled_from(list(CaseStatus))
actions = st.sampled_from(list(CaseAction))
actor_sets = st.frozensets(st.sampled_from(list(Actor)))
reasons = st.one_of(st.none(), st.sampled_from(["", "   ", "\n"]), st.text(min_size=1))

EDGES = {(e.source, e.action): e for e in GRAPH}
STAFF = frozenset({Actor.WINDOW_CLERK, Actor.APPROVER, Actor.DEPARTMENT_ADMIN})


def blank(reason: str | None) -> bool:
    return reason is None or not reason.strip()


@given(statuses, actions, actor_sets, reasons)
def test_a_transition_follows_the_graph_or_is_refused_with_its_code(
    status: CaseStatus, action: CaseAction, actors: frozenset[Actor], reason: str | None
) -> None:
    expected = EDGES.get((status, action))
    if expected is None:
        code = "TRANSITION_NOT_ALLOWED"
    elif not expected.actors & actors:
        code = "ACTOR_NOT_ALLOWED"
    elif expected.reason_required and blank(reason):
        code = "REASON_REQUIRED"
    else:
        assert transition(status, action, actors, reason) == expected
        return
    with pytest.raises(TransitionRefused) as refused:
        transition(status, action, actors, reason)
    assert refused.value.code == code


@given(statuses, actor_sets)
def test_available_actions_are_exactly_the_ones_transition_allows(
    status: CaseStatus, actors: frozenset[Actor]
) -> None:
    allowed = []
    for action in CaseAction:
        try:
            transition(status, action, actors, "a reason")
        except TransitionRefused:
            continue
        allowed.append(action)
    assert sorted(available_actions(status, actors)) == sorted(allowed)


def test_the_graph_has_one_edge_per_status_and_action() -> None:
    assert len(EDGES) == len(GRAPH)
    for (source, action), found in EDGES.items():
        assert edge(source, action) is found


def test_every_edge_and_every_status_is_reachable_from_a_draft() -> None:
    seen = {CaseStatus.DRAFT}
    queue = deque([CaseStatus.DRAFT])
    used = set()
    while queue:
        status = queue.popleft()
        for e in GRAPH:
            if e.source is status:
                used.add((e.source, e.action))
                if e.target not in seen:
                    seen.add(e.target)
                    queue.append(e.target)
    assert used == set(EDGES)
    assert seen == set(CaseStatus)


def test_final_statuses_have_no_way_out() -> None:
    for status in FINAL:
        assert not [e for e in GRAPH if e.source is status]
        assert available_actions(status, frozenset(Actor)) == []
    # And every other status has some way forward (nothing gets stuck).
    for status in set(CaseStatus) - FINAL:
        assert [e for e in GRAPH if e.source is status], status


def test_each_edge_belongs_to_the_applicant_or_to_staff_never_both() -> None:
    for e in GRAPH:
        assert e.actors, e
        assert e.actors == {Actor.APPLICANT} or e.actors <= STAFF, e
        if e.actors <= STAFF:
            # A department admin may take every staff edge.
            assert Actor.DEPARTMENT_ADMIN in e.actors, e


def test_reasons_are_required_where_the_applicant_must_be_told_why() -> None:
    needing = {(e.source, e.action) for e in GRAPH if e.reason_required}
    assert {e.action for e in GRAPH if e.reason_required} == {
        CaseAction.REJECT,
        CaseAction.REQUEST_CORRECTION,
        CaseAction.DENY,
        CaseAction.WITHDRAW,
    }
    assert all(EDGES[key].reason_required for key in needing)


def test_the_applicant_may_withdraw_only_before_a_decision() -> None:
    withdrawable = {e.source for e in GRAPH if e.action is CaseAction.WITHDRAW}
    assert CaseStatus.APPROVED not in withdrawable
    assert CaseStatus.DENIED not in withdrawable
    assert withdrawable >= OPEN_FOR_DEPARTMENT - {CaseStatus.APPROVED}
