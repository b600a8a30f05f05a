"""The key=value list the benchmark reads: ids, codes, dates and counts of the data set."""
from datetime import date

from .agreement_terms import inherited_through
from .dates import fy_text
from .parameters import ACTIVE_ON, FUND_YEAR, SPINE


def binding(agreements, organisation, day):
    """GET /organisations/{id}/agreements?activeOn=day: the agreements active that day with it a party, by succession depth."""
    depths = {}
    for a in agreements:
        if organisation.id in a.party_ids and a.party_on(organisation, day):
            depth = inherited_through(a, organisation.id)[1]
            depths[depth] = depths.get(depth, 0) + 1
    return depths


def write_keys(path, orgs, by_type, agreements, funds, posts, counts, successions):
    hub = orgs[0]
    fund1 = funds[0]
    active = [a for a in agreements if a.active_on(ACTIVE_ON)]
    hub_active = sum(1 for a in active if any(o is hub for o, _ in a.parties))
    assert hub_active >= 5000, hub_active
    icb = by_type["IntegratedCareBoard"][1]
    council = by_type["UnitaryAuthority"][0]
    deep = posts[SPINE - 1]
    # B7: the ICB bound on ACTIVE_ON by the most agreements first made by a PCT (PCT -> CCG -> merged CCG -> ICB)
    bound = {o.id: binding(agreements, o, ACTIVE_ON) for o in by_type["IntegratedCareBoard"]}
    b7 = max(by_type["IntegratedCareBoard"], key=lambda o: (bound[o.id].get(3, 0), -o.n))
    b7_bound = bound[b7.id]
    assert b7_bound.get(3, 0) >= 3 and sum(b7_bound.values()) <= 500, b7_bound
    keys = {
        "active_on": ACTIVE_ON,
        "agreement_id": agreements[0].id,
        "agreement_reference": agreements[0].reference,
        "hub_organisation_id": hub.id,
        "hub_organisation_code": hub.code,
        "hub_agreements": sum(1 for a in agreements if any(o is hub for o, _ in a.parties)),
        "hub_active_agreements": hub_active,
        "active_agreements": len(active),
        "fund_id": fund1.id,
        "fund_financial_year": fy_text(FUND_YEAR),
        "finance_financial_year": fy_text(FUND_YEAR),
        "deep_post_id": deep.id,
        "deep_post_chain_depth": SPINE - 1,
        "deep_post_chain_kind": "LineManagement",
        "chain_on": ACTIVE_ON,
        "bound_icb_id": b7.id,
        "bound_icb_code": b7.code,
        "bound_on": ACTIVE_ON,
        "bound_agreements": sum(b7_bound.values()),
        "bound_by_depth": " ".join(f"{d}:{n}" for d, n in sorted(b7_bound.items())),
        "novations": sum(1 for a in agreements for v in a.variations if v["Kind"] == "Novation"),
        "agreement_periods": sum(len(a.periods) for a in agreements),
        "new_agreement_basis": "Section75NhsAct2006",
        "new_agreement_flexibilities": "PooledFund",
        "new_agreement_host_id": council.id,
        "new_agreement_host_code": council.code,
        "new_agreement_partner_id": icb.id,
        "new_agreement_partner_code": icb.code,
        "new_agreement_commences_on": date(2026, 4, 1),
        "new_agreement_reference_prefix": "BENCH-NEW-",
        "organisations": counts["organisations"],
        "agreements": counts["agreements"],
        "pooled_funds": counts["pooled_funds"],
        "contributions": counts["contributions"],
        "ledger_lines": counts["ledger_lines"],
        "posts": counts["posts"],
        "accountability_lines": counts["accountability_lines"],
        "secondments": counts["secondments"],
        "successions": counts["successions"],
    }
    with open(path, "w") as out:
        for key, value in keys.items():
            if value is not None:
                out.write(f"{key}={value}\n")
