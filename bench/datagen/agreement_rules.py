"""The domain's rules for an agreement, checked on every one made here."""
import re
from datetime import date

from .agreement_terms import terms_on
from .organisations import COUNCIL_TYPES, NHS_COMMISSIONER_TYPES, NHS_TYPES
from .parameters import AS_AT, S75_IN_FORCE


def check_agreement(a):
    """AgreementRules.Check and the lifecycle invariants of Agreement, so every row reads as the API would have made it."""
    assert re.fullmatch(r"[A-Z0-9][A-Z0-9/._-]{1,49}", a.reference), a.reference
    assert 0 < len(a.title) <= 300 and (a.purpose is None or len(a.purpose) <= 10_000)
    assert a.end is None or a.end >= a.c
    assert a.review is None or a.review >= a.c
    assert a.notice is None or 0 <= a.notice <= 60
    ids = [o.id for o, _ in a.parties]
    assert 2 <= len(ids) <= 4 and len(set(ids)) == len(ids), a.n
    for o, _ in a.parties:
        assert o.operating(a.c), (a.n, o.name, a.c)
    has_nhs = any(o.type in NHS_TYPES for o, _ in a.parties)
    has_council = any(o.type in COUNCIL_TYPES for o, _ in a.parties)
    hosts = sum(1 for _, r in a.parties if r == "Host")
    made = a.signed or a.c
    b = a.basis
    if b in ("Section75NhsAct2006", "Section31HealthAct1999"):
        assert has_nhs and has_council and a.flex
        assert b != "Section75NhsAct2006" or a.c >= S75_IN_FORCE
        assert b != "Section31HealthAct1999" or made < S75_IN_FORCE
    elif b == "Section113LocalGovernmentAct1972":
        assert has_nhs and has_council and hosts == 1 and any(r == "Provider" for _, r in a.parties)
    elif b in ("Section256NhsAct2006", "Section76NhsAct2006"):
        assert has_nhs and has_council and a.c >= S75_IN_FORCE
        assert b != "Section256NhsAct2006" or any(o.type in NHS_COMMISSIONER_TYPES for o, _ in a.parties)
    elif b == "Section10ChildrenAct2004":
        assert has_council
    elif b == "Section65Z5NhsAct2006":
        assert has_nhs
    may_flex = b in ("Section75NhsAct2006", "Section31HealthAct1999") or (b == "Section10ChildrenAct2004" and all(f == "PooledFund" for f in a.flex))
    assert not a.flex or may_flex
    if "PooledFund" in a.flex or "LeadCommissioning" in a.flex:
        assert hosts == 1, a.n
    elif b != "Section113LocalGovernmentAct1972":
        assert hosts <= 1
    assert len(set(a.services)) == len(a.services) and len(set(a.groups)) == len(a.groups)
    # lifecycle: transitions allowed from each status, dates never earlier than the last, preconditions held
    allowed = {"Draft": {"Approved"}, "Approved": {"Active"}, "Active": {"Suspended", "Terminated", "Expired"},
               "Suspended": {"Active", "Terminated", "Expired"}, "Terminated": set(), "Expired": set()}
    status, last = "Draft", None
    # every decision speaks for a party (ForPartyId: the body itself, or the organisation its deciding body is part of)
    for ap in a.approvals:
        assert ap["ForPartyId"] in ids and ap["ForPartyId"] in (ap["BodyId"], a.deciders.get(ap["BodyId"])), (a.n, ap)
    for seq, to, eff, _ in a.changes:
        assert to in allowed[status], (a.n, status, to)
        assert last is None or eff >= last
        if to == "Approved":  # MissingApprovals: one Approved decision for every party as first agreed, dated by then
            assert all(any(ap["Outcome"] == "Approved" and ap["ForPartyId"] == party and ap["DecidedOn"] <= eff for ap in a.approvals)
                       for party in ids), a.n
        if to == "Active":
            end = terms_on(a, eff).ends
            assert eff >= a.c and (end is None or eff <= end), a.n
        if to == "Terminated":
            assert eff > a.c
        if to == "Expired":
            end = terms_on(a, eff).ends
            assert end is not None and eff > end, a.n
        status, last = to, eff
    assert status == a.status
    for i, v in enumerate(a.variations):
        assert v["Number"] == i + 1 and v["EffectiveOn"] >= a.c
        assert i == 0 or v["EffectiveOn"] >= a.variations[i - 1]["EffectiveOn"]
        assert v["EndsOn"] is None or v["EndsOn"] >= a.c
        if v["Kind"] == "Novation":  # a successor in force from the succession's date, in a place someone held
            (change,) = v["Parties"]
            assert change["Role"] is None and change["Replaces"] is not None and v["SuccessionId"] is not None
    latest = terms_on(a, date.max)
    assert a.latest_end == latest.ends and a.latest_review == latest.review
    # the periods: from commencement, contiguous, the last open-ended; at least two parties in every one
    assert a.periods[0][0] == a.c and a.periods[-1][1] is None
    assert all(a.periods[i][1] == a.periods[i + 1][0] for i in range(len(a.periods) - 1))
    assert all(len(t.parties) >= 2 for _, _, t in a.periods), a.n
    assert all(d <= AS_AT for d in [ap["DecidedOn"] for ap in a.approvals] + [v["EffectiveOn"] for v in a.variations])
