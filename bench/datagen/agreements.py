"""Agreements: what each one is for, its parties, terms and approvals, and the row it is written as."""
import hashlib
import random
from datetime import date, timedelta

from .agreement_lifecycle import lifecycle
from .agreement_parties import make_parties
from .agreement_rules import check_agreement
from .agreement_terms import carry_out_successions, party_ids, period_json, terms_on, timeline, variation
from .dates import add_years
from .organisations import COUNCIL_TYPES
from .output import jdump, pg_array, ts, ts_json
from .parameters import EARLIEST, ICB_START, N_AGREEMENTS
from .records import CLOCK, ident

SERVICES = ["adult social care", "community health services", "learning disability services", "mental health services",
            "intermediate care", "reablement", "community equipment", "health visiting", "school nursing",
            "children's community health services", "public health", "carers support", "continuing healthcare",
            "better care fund", "drug and alcohol services", "sexual health services", "hospital discharge",
            "occupational therapy", "home care", "residential care", "dementia services", "autism services",
            "child and adolescent mental health services", "integrated commissioning", "joint commissioning"]
CLIENT_GROUPS = ["adults", "older people", "children and young people", "families", "carers",
                 "people with learning disabilities", "people with mental health needs", "people with physical disabilities"]
BASES = [("Section75NhsAct2006", "S75", 0.50), ("Section113LocalGovernmentAct1972", "S113", 0.10),
         ("Section256NhsAct2006", "S256", 0.10), ("Section76NhsAct2006", "S76", 0.04),
         ("Section10ChildrenAct2004", "S10", 0.06), ("Section65Z5NhsAct2006", "S65Z5", 0.08),
         ("MemorandumOfAgreement", "MOA", 0.06), ("Other", "JWA", 0.05), ("Section31HealthAct1999", "S31", 0.01)]
BASIS_CODE = {b: c for b, c, _ in BASES}
TITLE = {
    "Section75NhsAct2006": "Section 75 partnership agreement for {service}",
    "Section31HealthAct1999": "Section 31 partnership arrangements for {service}",
    "Section113LocalGovernmentAct1972": "Section 113 agreement placing staff at the disposal of {host} for {service}",
    "Section256NhsAct2006": "Section 256 agreement: NHS funding transferred for {service}",
    "Section76NhsAct2006": "Section 76 agreement: council funding transferred for {service}",
    "Section10ChildrenAct2004": "Children's trust co-operation arrangements for {service}",
    "Section65Z5NhsAct2006": "Joint working and delegation arrangements for {service}",
    "MemorandumOfAgreement": "Memorandum of agreement on {service}",
    "Other": "Partnership arrangements for {service}",
}
PURPOSES = [
    "The partners pool their resources for {service} for the people of {place}, with a single commissioning plan, "
    "shared outcome measures and quarterly reporting to the {board}.",
    "An agreement under which {host} leads the commissioning of {service} on behalf of the partners, who delegate the "
    "functions named in schedule 1 and keep their statutory responsibilities.",
    "To integrate the provision of {service} in {place}: joint teams under a single management structure, with the staff "
    "of each partner remaining employed by it.",
    "Sets out how the partners plan, fund and review {service}, the governance through the {board}, the handling of "
    "overspends and underspends, and how a partner may withdraw on notice.",
]


class Agreement:
    __slots__ = ("n", "id", "reference", "title", "purpose", "basis", "flex", "services", "groups", "parties", "signed",
                 "c", "end", "notice", "review", "latest_end", "latest_review", "parent", "documents", "illustrative",
                 "status", "changes", "approvals", "variations", "created", "periods", "party_ids", "deciders")

    def active_on(self, day):
        return terms_on(self, day).active

    def party_on(self, organisation, day):
        """Active on the day with the organisation a party then: a period of the agreement_terms query."""
        return any(start <= day and (until is None or day < until) and t.active and any(o == organisation.id for o, _ in t.parties)
                   for start, until, t in self.periods)

    def host(self):
        return next((o for o, role in self.parties if role == "Host"), None)


def commencement(rng, lo, hi):
    if rng.random() < 0.5:  # most agreements start with a financial year
        d = date(rng.randint(lo.year, hi.year), 4, 1)
        if lo <= d <= hi:
            return d
    return lo + timedelta(days=rng.randint(0, (hi - lo).days))


def choose_basis(rng):
    r = rng.random()
    for basis, _, weight in BASES:
        if r < weight:
            return basis
        r -= weight
    return BASES[0][0]


def make_agreements(pools, successions, organisations):
    by_predecessor = {}
    for s in successions:
        for o in s.predecessors:
            by_predecessor.setdefault(o.id, []).append(s)
    names = {o.id: o.name for o in organisations}
    rng = random.Random(2002)
    agreements = []
    for n in range(1, N_AGREEMENTS + 1):
        a = Agreement()
        a.n, a.id = n, ident("agreement", n)
        hub = n == 1 or n % 6 == 0
        parent = agreements[-1] if n % 20 == 0 and agreements[-1].parent is None else None
        if n == 1:  # B1, and fund 1's: the hub's Better Care Fund agreement with its ICB and a community trust
            a.basis, a.c, a.signed = "Section75NhsAct2006", ICB_START, date(2022, 6, 20)
            a.parties = [(pools.hub, "Host"), (pools.icbs[0], "Partner"), (pools.trusts[0], "Provider")]
            a.flex = ["PooledFund", "LeadCommissioning", "IntegratedProvision"]
            a.end, a.notice, a.review = None, 12, date(2027, 3, 31)
        elif parent is not None and parent.status != "Draft":
            # a schedule under the previous agreement: same parties and basis, commencing during its term
            a.basis, a.flex, a.parties = parent.basis, list(parent.flex), list(parent.parties)
            a.c = parent.c + timedelta(days=rng.randint(0, 730))
            if parent.latest_end is not None and a.c > parent.latest_end:
                a.c = parent.latest_end
            if not all(o.operating(a.c) for o, _ in a.parties) or a.basis == "Section31HealthAct1999":
                a.c = parent.c
            a.signed = a.c - timedelta(days=rng.randint(0, 30))
            if parent.signed is not None and a.basis == "Section31HealthAct1999":
                a.signed = min(a.signed, parent.signed)
            a.parent = parent.id
        else:
            parent = None
            a.basis = choose_basis(rng)
            if a.basis == "Section31HealthAct1999":
                a.c = commencement(rng, date(2003, 4, 1), date(2007, 2, 28))
            elif a.basis == "Section65Z5NhsAct2006":
                a.c = commencement(rng, ICB_START, date(2030, 3, 31))
            else:
                a.c = commencement(rng, EARLIEST, date(2030, 3, 31))
            a.signed = a.c - timedelta(days=rng.randint(0, 45)) if rng.random() < 0.85 else None
            if a.basis == "Section31HealthAct1999" and a.signed is None:
                a.signed = a.c
            a.parties, a.flex = make_parties(rng, pools, a.basis, a.c, hub)
        if n != 1:
            a.end = None if rng.random() < 0.35 else add_years(a.c, rng.choice([1, 2, 3, 3, 5, 5, 10])) - timedelta(days=1)
            a.notice = rng.choice([3, 6, 12]) if rng.random() < 0.6 else None
            a.review = (add_years(a.c, rng.choice([1, 2])) - timedelta(days=1)) if rng.random() < 0.5 else None
        if parent is None:
            a.parent = None
        a.latest_end = a.end
        lead = next((o for o, _ in a.parties if o.type in COUNCIL_TYPES), a.parties[0][0])
        host = a.host()
        services = rng.sample(SERVICES, rng.choice([1, 1, 2, 2, 3]))
        a.services = services
        a.groups = rng.sample(CLIENT_GROUPS, rng.choice([1, 1, 2]))
        code = "".join(ch for ch in lead.place.upper() if ch.isalpha())[:14]
        a.reference = f"{code}-{BASIS_CODE[a.basis]}-{a.c.year}-{n:06d}"
        a.title = TITLE[a.basis].format(service=", ".join(services), host=(host or lead).name)
        if a.parent:
            a.title = f"Schedule: {services[0]} (under {parent.reference})"
        if n == 1:
            a.title = "Better Care Fund section 75 agreement: pooled budget, lead commissioning and integrated community services"
            a.services = ["better care fund", "intermediate care", "hospital discharge"]
            a.groups = ["adults", "older people"]
        board = f"{lead.place} Health and Wellbeing Board"
        a.purpose = None if rng.random() < 0.1 else rng.choice(PURPOSES).format(
            service=" and ".join(a.services), place=lead.place, host=(host or lead).name, board=board)
        a.documents = []
        if rng.random() < 0.3:
            a.documents.append({"Url": f"https://democracy.{lead.place.lower()}.gov.uk/documents/{a.reference.lower()}.pdf",
                                "Title": "Signed agreement", "Sha256": hashlib.sha256(a.reference.encode()).hexdigest()})
        a.illustrative = rng.random() < 0.05 and n != 1
        # each party decides for itself, or through its Cabinet (a governance body part of it)
        deciders = []
        for o, _ in a.parties:
            cabinets = pools.cabinets.get(o.id)
            deciders.append((cabinets[rng.randrange(len(cabinets))] if cabinets and rng.random() < 0.5 else o, o))
        a.deciders = {body.id: o.id for body, o in deciders if body is not o}  # body -> the party it is part of
        if n == 1:
            a.approvals = [{"BodyId": pools.hub.id, "DecidedOn": date(2022, 5, 12), "MinuteReference": "Cabinet, 12 May 2022, minute 31", "Outcome": "Approved", "ForPartyId": pools.hub.id},
                           {"BodyId": pools.icbs[0].id, "DecidedOn": date(2022, 6, 15), "MinuteReference": None, "Outcome": "Approved", "ForPartyId": pools.icbs[0].id},
                           {"BodyId": pools.trusts[0].id, "DecidedOn": date(2022, 6, 9), "MinuteReference": None, "Outcome": "Approved", "ForPartyId": pools.trusts[0].id}]
            a.changes = [(1, "Approved", date(2022, 6, 15), None), (2, "Active", ICB_START, "Agreement commenced")]
            a.variations = [variation(1, date(2025, 4, 1), "Annual review: 2025-26 schedules and contributions agreed; next review by 31 March 2028.",
                                      review=date(2028, 3, 31))]
            a.status = "Active"
        else:
            lifecycle(rng, a, deciders)
        carry_out_successions(a, by_predecessor, names)
        a.periods = timeline(a)
        a.party_ids = party_ids(a, a.periods)
        latest = terms_on(a, date.max)
        a.latest_end, a.latest_review = latest.ends, latest.review
        a.created = CLOCK.next()
        check_agreement(a)
        agreements.append(a)
    return agreements


AGREEMENT_COLUMNS = ["id", "reference", "title", "purpose", "basis", "flexibilities", "services", "client_groups",
                     "party_ids", "signed_on", "commences_on", "ends_on", "notice_months", "review_on", "latest_ends_on",
                     "latest_review_on", "parent_id", "illustrative", "status", "created_at", "updated_at", "approvals",
                     "documents", "parties", "status_changes", "variations", "notices", "terms"]


def date_or_none(d):
    return None if d is None else str(d)


def agreement_rows(agreements):
    for a in agreements:
        recorded = ts_json(a.created)
        parties = jdump([{"OrganisationId": o.id, "Role": r} for o, r in a.parties])
        # the records as JsonColumn writes them: every property (read-only ones too, such as InForce), enums by name
        approvals = jdump([{"BodyId": ap["BodyId"], "DecidedOn": str(ap["DecidedOn"]), "MinuteReference": ap["MinuteReference"],
                            "Outcome": ap["Outcome"], "ForPartyId": ap["ForPartyId"]} for ap in a.approvals])
        changes = jdump([{"Sequence": s, "Status": st, "EffectiveOn": str(on), "Reason": reason, "RecordedAt": recorded,
                          "AwaitingConsentOf": [], "AcceptedBy": [], "InForce": True}
                         for s, st, on, reason in a.changes])
        variations = jdump([{"Number": v["Number"], "EffectiveOn": str(v["EffectiveOn"]), "Description": v["Description"],
                             "EndsOn": date_or_none(v["EndsOn"]), "ReviewOn": date_or_none(v["ReviewOn"]),
                             "NoticeMonths": v["NoticeMonths"], "RecordedAt": recorded, "Kind": v["Kind"], "Parties": v["Parties"],
                             "Flexibilities": v["Flexibilities"], "Services": v["Services"], "ClientGroups": v["ClientGroups"],
                             "Documents": v["Documents"], "SuccessionId": v["SuccessionId"], "ProposedBy": v["ProposedBy"],
                             "AwaitingConsentOf": v["AwaitingConsentOf"], "AcceptedBy": v["AcceptedBy"],
                             "InForce": not v["AwaitingConsentOf"]} for v in a.variations])
        yield (a.id, a.reference, a.title, a.purpose, a.basis, pg_array(a.flex), pg_array(a.services), pg_array(a.groups),
               "{" + ",".join(a.party_ids) + "}", a.signed, a.c, a.end, a.notice, a.review, a.latest_end,
               a.latest_review, a.parent, a.illustrative, a.status, ts(a.created), ts(a.created), approvals,
               jdump(a.documents), parties, changes, variations, "[]", jdump(period_json(a.periods)))
