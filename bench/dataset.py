#!/usr/bin/env python3
"""
The benchmark's large data set for the Integration Governance register, written on stdout as one psql script:
COPY ... FROM STDIN blocks with their rows inline, then the history rows, all in one transaction. bench/dataset
runs it; it is not meant to be run by hand (but `python3 bench/dataset.py --keys k.env | psql ...` works).

Deterministic: fixed seeds, and ids md5('<kind>:' || n)::uuid (organisation, agreement, fund, post, line,
secondment, succession, contribution), so the same rows come out on every run.

What it makes (the register as it stood on AS_AT, loaded at LOADED_AT):
  10,000 organisations: councils with GSS codes; PCTs, CCGs, ICBs, NHS trusts, care trusts, SHAs and NHS England
      regions with ODS codes in the formats the domain accepts; community interest companies, voluntary bodies
      and partnership boards without codes. PCTs (to 2013-03-31) split into CCGs (2013-04-01 to 2022-06-30),
      which merged into ICBs (from 2022-07-01): 700 successions.
  100,000 agreements with 2-4 parties each, the parties and flexibilities each statutory basis demands, approvals,
      a status history that the domain's transitions allow, variations for about a quarter, commencements from
      2010 to 2030 (section 31 ones from 2003 to 2007, section 65Z5 ones from July 2022). Organisation 1 (the hub,
      a county council) is a party to every sixth agreement, more than 5,000 of them active on ACTIVE_ON.
  2,000 pooled funds on agreements that use the pooled-fund flexibility, hosted by the agreement's Host party,
      with contributions per partner and financial year and 1,000,000 ledger lines; 1,300 funds still run in
      2025-26 (the finance export's year); fund 1 holds 60,000 lines, more than half of them in 2025-26.
  20,000 posts with their line-management trees, governance lines to their own boards, some clinical supervision
      lines, dotted lines across organisations under section 113 agreements, and up to 1,000 secondments under them. The hub's
      posts 1..11 are a chain: post 11 is ten line-management steps below post 1.
"""
import hashlib
import json
import os
import random
import re
import sys
import uuid
from datetime import date, datetime, timedelta, timezone

AS_AT = date(2026, 11, 1)  # nothing recorded as having happened after this day (commencements may be later)
LAST_BOOKING = AS_AT - timedelta(days=1)
ACTIVE_ON = date(2026, 6, 1)  # the day the benchmark asks "active on"
FUND_YEAR = 2025  # financial year 2025-26: fund 1's busy year, and the finance export's
LOADED_AT = datetime(2026, 11, 2, tzinfo=timezone.utc)  # record n of the load was created at LOADED_AT + n ms
LEDGER_AT = LOADED_AT + timedelta(hours=1)  # ledger imports came after every record
ACTOR = "system:bench-dataset"
ACTION = "bench-dataset"

S75_IN_FORCE = date(2007, 3, 1)
PCT_END, CCG_START, CCG_END, ICB_START = date(2013, 3, 31), date(2013, 4, 1), date(2022, 6, 30), date(2022, 7, 1)
EARLIEST = date(2010, 4, 1)

N_AGREEMENTS = 100_000
N_FUNDS = 2_000
CURRENT_FUNDS = 1_300  # funds still running in FUND_YEAR (fund 1 among them)
N_LEDGER = 1_000_000
FUND1_LINES, FUND1_YEAR_LINES = 60_000, 25_000
N_POSTS = 20_000
HUB_POSTS = 400
SPINE = 11  # hub posts 1..11: post 11 is 10 line-management steps below post 1
N_SECONDMENTS = 1_000
MAX_CROSS_LINES = 1_000


def ident(kind, n):
    """Equals md5('<kind>:' || n)::uuid in PostgreSQL."""
    return str(uuid.UUID(hashlib.md5(f"{kind}:{n}".encode()).hexdigest()))


class Clock:
    """Record times: the n-th record created in the load was created at LOADED_AT + n ms (n = its feed position)."""

    def __init__(self):
        self.seq = 0

    def next(self):
        self.seq += 1
        return LOADED_AT + timedelta(milliseconds=self.seq)


CLOCK = Clock()


def ts(t):
    return t.strftime("%Y-%m-%d %H:%M:%S.%f+00")


def ts_json(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


def add_years(d, years):
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def fy_of(d):
    return d.year if d.month >= 4 else d.year - 1


def fy_text(y):
    return f"{y}-{(y + 1) % 100:02d}"


def money(pence):
    sign = "-" if pence < 0 else ""
    pence = abs(pence)
    return f"{sign}{pence // 100}.{pence % 100:02d}"


def jdump(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def pg_array(items):
    return "{" + ",".join('"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"' for s in items) + "}"


# ---------------------------------------------------------------- output: COPY text format

OUT = sys.stdout


def field(v):
    if v is None:
        return "\\N"
    if isinstance(v, str):
        if "\\" in v or "\t" in v or "\n" in v or "\r" in v:
            v = v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
        return v
    if isinstance(v, bool):
        return "t" if v else "f"
    return str(v)


def copy(table, columns, rows):
    OUT.write(f"COPY {table} ({', '.join(columns)}) FROM STDIN;\n")
    write = OUT.write
    count = 0
    for row in rows:
        write("\t".join([field(v) for v in row]))
        write("\n")
        count += 1
    write("\\.\n")
    return count


# ---------------------------------------------------------------- organisations

STEMS = ["Ash", "Bar", "Black", "Brad", "Bridge", "Brook", "Burn", "Cale", "Chester", "Clay", "Cold", "Crane", "Dal",
         "Dun", "East", "Elm", "Fair", "Far", "Fen", "Glen", "Gold", "Grant", "Green", "Hal", "Hart", "Hay", "High",
         "Holm", "Hunt", "Ing", "Kings", "Lang", "Lee", "Long", "Marl", "Mel", "Mill", "Nor", "Oak", "Pen", "Quarr",
         "Raven", "Red", "Ros", "Rother", "Salt", "Sand", "Shep", "Stan", "Stock", "Sud", "Thorn", "Tun", "Wal",
         "Water", "Wen", "West", "Whit", "Wick", "Wold"]
SUFFIXES = ["bury", "by", "caster", "chester", "cliffe", "combe", "dale", "den", "don", "field", "ford", "gate", "ham",
            "hampton", "hill", "holme", "hurst", "ing", "land", "leigh", "ley", "mere", "minster", "moor", "mouth",
            "ness", "port", "sey", "shaw", "stead", "stoke", "stone", "stow", "thorpe", "ton", "wade", "well", "wich",
            "wick", "worth"]
N_PLACES = len(STEMS) * len(SUFFIXES)  # 2,400 distinct place names
REGIONS = ["North East", "North West", "Yorkshire and the Humber", "East Midlands", "West Midlands", "East of England",
           "London", "South East Coast", "South Central", "South West"]
NHSE_REGIONS = ["North East and Yorkshire", "North West", "Midlands", "East of England", "London", "South East",
                "South West"]
ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def place(k):
    k %= N_PLACES
    return STEMS[k % len(STEMS)] + SUFFIXES[k // len(STEMS)]


HUB_PLACE = STEMS.index("Kings") + len(STEMS) * SUFFIXES.index("mere")  # Kingsmere County Council

# (type, count, place offset): organisation n runs through these blocks in order, so n = 1 is the hub
BLOCKS = [
    ("CountyCouncil", 100, HUB_PLACE),
    ("UnitaryAuthority", 300, 101),
    ("MetropolitanBorough", 200, 503),
    ("LondonBorough", 100, 907),
    ("DistrictCouncil", 1300, 1201),
    ("PrimaryCareTrust", 300, 17),
    ("ClinicalCommissioningGroup", 1200, 211),
    ("IntegratedCareBoard", 400, 1409),
    ("NhsTrust", 1000, 613),
    ("NhsFoundationTrust", 1000, 1811),
    ("CareTrust", 50, 2003),
    ("StrategicHealthAuthority", 10, 0),
    ("NhsEngland", 7, 0),
    ("CommunityInterestCompany", 500, 331),
    ("VoluntaryOrCommunityOrganisation", 1500, 1117),
    ("PartnershipBoard", 2033, 709),
]
COUNCIL_TYPES = {"CountyCouncil", "DistrictCouncil", "UnitaryAuthority", "MetropolitanBorough", "LondonBorough"}
NHS_TYPES = {"PrimaryCareTrust", "ClinicalCommissioningGroup", "IntegratedCareBoard", "NhsTrust", "NhsFoundationTrust",
             "NhsEngland", "StrategicHealthAuthority", "CareTrust"}
GSS_PREFIX = {"CountyCouncil": "E10", "UnitaryAuthority": "E06", "MetropolitanBorough": "E08", "LondonBorough": "E09",
              "DistrictCouncil": "E07", "ClinicalCommissioningGroup": "E38", "IntegratedCareBoard": "E54"}
# ODS code alphabets chosen so that no code can equal one in the demo data set (DemoData/organisations.json)
CCG_LETTERS = "ABDFHJLMPQRSTUVWXYZ"  # 2 digits + a letter, like 08E; the demo uses C, E, G, K, N
CCG_NUMBERS = [f"{x:02d}" for x in range(100) if x // 10 != 5]  # 5xx codes are primary care trusts
ICB_SECOND = "ABCDEFGIJKLNPSTVWXYZ"  # Q + letter + letter/digit, like QOX; the demo uses QH, QM, QO, QR, QU
TRUST_SECOND = [c for c in ALNUM if c not in "DV"]  # R + 2, like RXT; the demo uses RD1 and RVN


class Org:
    __slots__ = ("n", "id", "name", "type", "ods", "gss", "frm", "to", "place", "created")

    def operating(self, d):
        return (self.frm is None or self.frm <= d) and (self.to is None or d <= self.to)

    @property
    def code(self):
        return self.ods or self.gss


def make_organisations():
    rng = random.Random(1001)
    orgs = []
    n = 0
    for kind, count, offset in BLOCKS:
        for i in range(count):
            n += 1
            o = Org()
            o.n, o.id, o.type = n, ident("organisation", n), kind
            o.place = place(offset + i * 7)
            p = o.place
            o.ods = o.gss = o.frm = o.to = None
            if kind in GSS_PREFIX:
                o.gss = f"{GSS_PREFIX[kind]}{100 + i:06d}"
            if kind == "CountyCouncil":
                o.name = f"{p} County Council"
            elif kind == "UnitaryAuthority":
                o.name = f"{p} Council"
                if i % 10 == 3:  # created in a reorganisation
                    o.frm = [date(2009, 4, 1), date(2019, 4, 1), date(2020, 4, 1), date(2023, 4, 1)][i // 10 % 4]
            elif kind == "MetropolitanBorough":
                o.name = f"{p} Metropolitan Borough Council"
            elif kind == "LondonBorough":
                o.name = f"London Borough of {p}"
            elif kind == "DistrictCouncil":
                o.name = f"{p} {'District' if i % 2 == 0 else 'Borough'} Council"
                if i % 9 == 4:  # abolished in the 2023 reorganisations
                    o.to = date(2023, 3, 31)
            elif kind == "PrimaryCareTrust":
                o.name = f"{p} {'Teaching ' if i % 11 == 0 else ''}Primary Care Trust"
                o.ods = "5" + str(i // 36) + ALNUM[i % 36]
                o.frm = date(2006, 10, 1) if i % 5 == 2 else date(2002, 4, 1)
                o.to = PCT_END
            elif kind == "ClinicalCommissioningGroup":
                o.name = f"NHS {p} Clinical Commissioning Group"
                o.ods = CCG_NUMBERS[i % len(CCG_NUMBERS)] + CCG_LETTERS[i // len(CCG_NUMBERS)]
                o.frm, o.to = CCG_START, CCG_END
            elif kind == "IntegratedCareBoard":
                o.name = f"NHS {p} Integrated Care Board"
                o.ods = "Q" + ICB_SECOND[i // 36] + ALNUM[i % 36]
                o.frm = ICB_START
            elif kind in ("NhsTrust", "NhsFoundationTrust"):
                t = i + (1000 if kind == "NhsFoundationTrust" else 0)
                o.ods = ("R" + TRUST_SECOND[t // 36] + ALNUM[t % 36]) if t < 1200 else f"R{t:04d}"
                if kind == "NhsTrust":
                    o.name = [f"{p} Hospitals NHS Trust", f"{p} Community Health NHS Trust",
                              f"{p} Mental Health NHS Trust", f"{p} Healthcare NHS Trust"][i % 4]
                else:
                    o.name = [f"{p} Teaching Hospitals NHS Foundation Trust", f"{p} Partnership NHS Foundation Trust",
                              f"{p} Community Healthcare NHS Foundation Trust", f"{p} and District NHS Foundation Trust"][i % 4]
                    if i % 5 == 1:  # authorised as a foundation trust on this day
                        o.frm = date(2004, 4, 1) + timedelta(days=rng.randint(0, 2500))
            elif kind == "CareTrust":
                o.name = f"{p} Care Trust"
                o.ods = "T" + ALNUM[11 + i // 36] + ALNUM[i % 36]  # TB0.., never TAx
                o.frm = date(2002, 4, 1) + timedelta(days=rng.randint(0, 1500))
                if i % 3 == 0:
                    o.to = PCT_END
            elif kind == "StrategicHealthAuthority":
                o.name = f"NHS {REGIONS[i]} Strategic Health Authority"
                o.ods = f"Q{30 + i}"
                o.frm, o.to = date(2006, 7, 1), PCT_END
            elif kind == "NhsEngland":
                o.name = f"NHS England ({NHSE_REGIONS[i]})"
                o.ods = ["Y54", "Y56", "Y58", "Y59", "Y60", "Y61", "Y62"][i]
                o.frm = CCG_START
            elif kind == "CommunityInterestCompany":
                o.name = [f"{p} Care CIC", f"{p} Community Health CIC", f"{p} Wellbeing Community Interest Company"][i % 3]
                if i % 2 == 0:
                    o.frm = date(2008, 4, 1) + timedelta(days=rng.randint(0, 1800))
            elif kind == "VoluntaryOrCommunityOrganisation":
                o.name = [f"{p} Carers Centre", f"Age Concern {p}", f"{p} Mind", f"Citizens Advice {p}",
                          f"{p} Council for Voluntary Service", f"Home-Start {p}"][i % 6]
            else:
                o.name = [f"{p} Health and Wellbeing Board", f"{p} Joint Commissioning Board", f"{p} Council Cabinet",
                          f"{p} Children's Trust Board", f"{p} Integrated Care Partnership",
                          f"{p} Safeguarding Adults Board"][i % 6]
            o.created = CLOCK.next()
            orgs.append(o)
    assert n == 10_000
    odss = [o.ods for o in orgs if o.ods]
    gsss = [o.gss for o in orgs if o.gss]
    assert len(set(odss)) == len(odss) and len(set(gsss)) == len(gsss)
    return orgs


def org_rows(orgs):
    for o in orgs:
        yield (o.id, o.name, o.type, o.ods, o.gss, o.frm, o.to, ts(o.created), ts(o.created))


# ---------------------------------------------------------------- successions: PCT -> 4 CCGs (2013), 3 CCGs -> ICB (2022)

def make_successions(by_type):
    pcts, ccgs, icbs = by_type["PrimaryCareTrust"], by_type["ClinicalCommissioningGroup"], by_type["IntegratedCareBoard"]
    successions = []
    k = 0
    for i, pct in enumerate(pcts):
        k += 1
        successors = ccgs[4 * i:4 * i + 4]
        successions.append((k, CCG_START, "Split", f"Abolition of primary care trusts (Health and Social Care Act 2012): "
                            f"{pct.name}'s commissioning passed to {len(successors)} clinical commissioning groups.", [pct], successors))
    for i, icb in enumerate(icbs):
        k += 1
        predecessors = ccgs[3 * i:3 * i + 3]
        successions.append((k, ICB_START, "Merger", f"Health and Care Act 2022: the clinical commissioning groups merged into {icb.name}.",
                            predecessors, [icb]))
    rows, parties = [], []
    for k, effective, kind, note, predecessors, successors in successions:
        sid = ident("succession", k)
        created = CLOCK.next()
        rows.append((sid, effective, kind, note, ts(created), pg_array([o.id for o in predecessors]),
                     pg_array([o.id for o in successors])))
        for o in predecessors:
            assert o.to is not None and o.to < effective and (o.frm is None or o.frm < effective)
            parties.append((sid, o.id, "Predecessor"))
        for o in successors:
            assert o.operating(effective)
            parties.append((sid, o.id, "Successor"))
    return rows, parties


# ---------------------------------------------------------------- agreements

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
TERMINATION_REASONS = ["Terminated by agreement of the partners", "Notice of withdrawal given by a partner",
                       "Services recommissioned under a new agreement", "Superseded by a new section 75 agreement"]


class Agreement:
    __slots__ = ("n", "id", "reference", "title", "purpose", "basis", "flex", "services", "groups", "parties", "signed",
                 "c", "end", "notice", "review", "latest_end", "latest_review", "parent", "documents", "illustrative",
                 "status", "changes", "approvals", "variations", "created")

    def terms_end(self, day):
        end = self.end
        for v in self.variations:
            if v["EffectiveOn"] <= day and v["EndsOn"] is not None:
                end = v["EndsOn"]
        return end

    def status_on(self, day):
        status = "Draft"
        for ch in self.changes:  # in sequence, dates never go back
            if ch[2] <= day:
                status = ch[1]
        return status

    def active_on(self, day):
        end = self.terms_end(day)
        return self.c <= day and (end is None or day <= end) and self.status_on(day) == "Active"

    def host(self):
        return next((o for o, role in self.parties if role == "Host"), None)


class Pools:
    def __init__(self, by_type):
        self.councils = [o for t in ("CountyCouncil", "UnitaryAuthority", "MetropolitanBorough", "LondonBorough",
                                     "DistrictCouncil") for o in by_type[t]][1:]  # not the hub
        self.hub = by_type["CountyCouncil"][0]
        self.pcts = by_type["PrimaryCareTrust"]
        self.ccgs = by_type["ClinicalCommissioningGroup"]
        self.icbs = by_type["IntegratedCareBoard"]
        self.trusts = by_type["NhsTrust"] + by_type["NhsFoundationTrust"] + by_type["CareTrust"]
        self.third = by_type["CommunityInterestCompany"] + by_type["VoluntaryOrCommunityOrganisation"]
        self.boards = by_type["PartnershipBoard"]

    @staticmethod
    def pick(rng, pool, day, taken=()):
        for _ in range(1000):
            o = pool[rng.randrange(len(pool))]
            if o.operating(day) and o not in taken:
                return o
        raise RuntimeError("no organisation operating on " + str(day))

    def commissioner(self, rng, day, taken=()):
        pool = self.pcts if day < CCG_START else self.ccgs if day < ICB_START else self.icbs
        return self.pick(rng, pool, day, taken)


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


def make_parties(rng, pools, basis, c, hub):
    """The parties and flexibilities the statute demands (AgreementRules.CheckBasis)."""
    taken = []

    def add(o):
        taken.append(o)
        return o

    council = add(pools.hub if hub else pools.pick(rng, pools.councils, c))
    flex = []
    if basis in ("Section75NhsAct2006", "Section31HealthAct1999"):
        nhs = add(pools.commissioner(rng, c, taken))
        trust = add(pools.pick(rng, pools.trusts, c, taken)) if rng.random() < 0.4 else None
        second = add(pools.pick(rng, pools.councils, c, taken)) if rng.random() < 0.12 else None
        while not flex:
            flex = [f for f, p in (("PooledFund", 0.6), ("LeadCommissioning", 0.4), ("IntegratedProvision", 0.3)) if rng.random() < p]
        if "PooledFund" in flex or "LeadCommissioning" in flex:
            host = council if rng.random() < 0.75 else nhs
            parties = [(council, "Host" if host is council else "Partner"), (nhs, "Host" if host is nhs else "Partner")]
        else:
            parties = [(council, "Partner"), (nhs, "Partner")]
        if trust:
            parties.append((trust, "Provider"))
        if second:
            parties.append((second, "Partner"))
    elif basis == "Section113LocalGovernmentAct1972":
        nhs = add(pools.commissioner(rng, c, taken) if rng.random() < 0.5 else pools.pick(rng, pools.trusts, c, taken))
        parties = [(council, "Host"), (nhs, "Provider")] if rng.random() < 0.6 else [(council, "Provider"), (nhs, "Host")]
        if rng.random() < 0.2:
            parties.append((add(pools.pick(rng, pools.trusts, c, taken)), "Provider"))
    elif basis in ("Section256NhsAct2006", "Section76NhsAct2006"):
        nhs = add(pools.commissioner(rng, c, taken))
        parties = [(nhs, "Host" if rng.random() < 0.2 else "Partner"), (council, "Partner")]
        if rng.random() < 0.2:
            parties.append((add(pools.pick(rng, pools.councils, c, taken)), "Partner"))
    elif basis == "Section10ChildrenAct2004":
        pooled = rng.random() < 0.3
        flex = ["PooledFund"] if pooled else []
        parties = [(council, "Host" if pooled else "Partner")]
        for _ in range(rng.randint(1, 3)):
            r = rng.random()
            if r < 0.4:
                parties.append((add(pools.commissioner(rng, c, taken)), "Partner"))
            elif r < 0.7:
                parties.append((add(pools.pick(rng, pools.trusts, c, taken)), "Provider"))
            else:
                parties.append((add(pools.pick(rng, pools.third, c, taken)), "Provider"))
    elif basis == "Section65Z5NhsAct2006":
        icb = pools.commissioner(rng, c, taken)  # c >= 2022-07-01: an ICB
        taken.append(icb)
        parties = [(icb, "Host" if rng.random() < 0.4 else "Partner"),
                   (add(pools.pick(rng, pools.trusts, c, taken)), "Provider")]
        if hub or rng.random() < 0.3:
            parties.append((council, "Partner"))
    else:  # memorandum or other
        parties = [(council, "Host" if rng.random() < 0.2 else "Partner")]
        for _ in range(rng.randint(1, 3)):
            pool = [pools.third, pools.trusts, pools.councils][rng.randrange(3)]
            parties.append((add(pools.pick(rng, pool, c, taken)), "Partner"))
    if rng.random() < 0.3:
        rng.shuffle(parties)
    return parties[:4], flex


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
        assert has_nhs and has_council
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
    first_approval = min((ap["DecidedOn"] for ap in a.approvals if ap["Outcome"] == "Approved"), default=None)
    for seq, to, eff, _ in a.changes:
        assert to in allowed[status], (a.n, status, to)
        assert last is None or eff >= last
        if to == "Approved":
            assert first_approval is not None and first_approval <= eff
        if to == "Active":
            assert eff >= a.c and (a.terms_end(eff) is None or eff <= a.terms_end(eff)), a.n
        if to == "Terminated":
            assert eff > a.c
        if to == "Expired":
            assert a.terms_end(eff) is not None and eff > a.terms_end(eff), a.n
        status, last = to, eff
    assert status == a.status
    for i, v in enumerate(a.variations):
        assert v["Number"] == i + 1 and v["EffectiveOn"] >= a.c
        assert i == 0 or v["EffectiveOn"] >= a.variations[i - 1]["EffectiveOn"]
        assert v["EndsOn"] is None or v["EndsOn"] >= a.c
    assert a.latest_end == a.terms_end(date.max)
    assert all(d <= AS_AT for d in [ap["DecidedOn"] for ap in a.approvals] + [v["EffectiveOn"] for v in a.variations])


def lifecycle(rng, a, approval_bodies):
    """Approvals, status changes and variations, as the domain's operations would have recorded them by AS_AT."""
    a.approvals, a.changes, a.variations = [], [], []
    a.status = "Draft"
    decided = (a.signed or a.c) - timedelta(days=rng.randint(14, 150))
    if decided > AS_AT:
        return  # still a draft
    if rng.random() < 0.1:
        a.approvals.append({"BodyId": approval_bodies[0].id, "DecidedOn": decided - timedelta(days=rng.randint(30, 90)),
                            "MinuteReference": None, "Outcome": "Deferred"})
    for i, body in enumerate(approval_bodies):
        on = decided - timedelta(days=rng.randint(0, 40)) if i == 0 else decided
        minute = f"{body.name}, {on.day} {on:%B %Y}, minute {rng.randint(1, 120)}" if rng.random() < 0.6 else None
        a.approvals.append({"BodyId": body.id, "DecidedOn": on, "MinuteReference": minute, "Outcome": "Approved"})
    approved_on = max(ap["DecidedOn"] for ap in a.approvals)

    def change(to, on, reason=None):
        a.changes.append((len(a.changes) + 1, to, on, reason))
        a.status = to

    if a.c > AS_AT:
        if rng.random() < 0.3:
            return  # approved by the boards, transition not yet recorded
        change("Approved", approved_on, "Approved by the partners' governing bodies" if rng.random() < 0.5 else None)
        if rng.random() < 0.5:
            change("Active", a.c, "Commences as planned")
        return
    change("Approved", approved_on, "Approved by the partners' governing bodies" if rng.random() < 0.5 else None)
    if rng.random() < 0.01:
        return  # approved, never went live
    change("Active", a.c, "Agreement commenced" if rng.random() < 0.5 else None)

    window_end = min(AS_AT, a.end - timedelta(days=30)) if a.end else AS_AT
    end = a.end
    if rng.random() < 0.25 and (window_end - a.c).days > 60:
        dates = sorted(a.c + timedelta(days=rng.randint(30, (window_end - a.c).days)) for _ in range(rng.randint(1, 3)))
        for v_on in dates:
            r = rng.random()
            new_end = review = notice = None
            if end is not None and r < 0.5:
                new_end = add_years(end, rng.choice([1, 1, 2, 3]))
                end = new_end
                text = f"Term extended to {new_end.day} {new_end:%B %Y} on the same terms."
            elif r < 0.8:
                review = add_years(v_on, rng.choice([1, 2]))
                text = f"Annual review: schedules and financial contributions updated; next review by {review.day} {review:%B %Y}."
            else:
                notice = rng.choice([3, 6, 12])
                text = f"Notice period for withdrawal changed to {notice} months."
            a.variations.append({"Number": len(a.variations) + 1, "EffectiveOn": v_on, "Description": text,
                                 "EndsOn": new_end, "ReviewOn": review, "NoticeMonths": notice})
    a.latest_end = end
    last = a.variations[-1]["EffectiveOn"] if a.variations else a.c
    horizon = min(AS_AT, end) if end else AS_AT
    if rng.random() < 0.03 and (horizon - last).days > 10:
        s = last + timedelta(days=rng.randint(1, (horizon - last).days))
        change("Suspended", s, "Suspended pending a review of the partnership")
        last = s
        back = s + timedelta(days=rng.randint(30, 365))
        if rng.random() < 0.6 and back <= horizon:
            change("Active", back, "Review complete; arrangements resumed")
            last = back
    if rng.random() < 0.08 and (horizon - last).days > 1:
        t = last + timedelta(days=rng.randint(1, (horizon - last).days))
        change("Terminated", t, rng.choice(TERMINATION_REASONS))
        return
    if end is not None and end < AS_AT and rng.random() < 0.85:
        on = min(AS_AT, end + timedelta(days=rng.randint(1, 60)))
        if on > end and on >= last:
            change("Expired", on, "The term ended")


def make_agreements(pools):
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
        bodies = [o for o, _ in a.parties[:2]]
        if rng.random() < 0.25:
            bodies[0] = pools.boards[rng.randrange(len(pools.boards))]
        if n == 1:
            a.approvals = [{"BodyId": pools.hub.id, "DecidedOn": date(2022, 5, 12), "MinuteReference": "Cabinet, 12 May 2022, minute 31", "Outcome": "Approved"},
                           {"BodyId": pools.icbs[0].id, "DecidedOn": date(2022, 6, 15), "MinuteReference": None, "Outcome": "Approved"}]
            a.changes = [(1, "Approved", date(2022, 6, 15), None), (2, "Active", ICB_START, "Agreement commenced")]
            a.variations = [{"Number": 1, "EffectiveOn": date(2025, 4, 1), "Description": "Annual review: 2025-26 schedules and contributions agreed; next review by 31 March 2028.",
                             "EndsOn": None, "ReviewOn": date(2028, 3, 31), "NoticeMonths": None}]
            a.status = "Active"
        else:
            lifecycle(rng, a, bodies)
        reviews = [v["ReviewOn"] for v in a.variations if v["ReviewOn"] is not None]
        a.latest_review = reviews[-1] if reviews else a.review
        a.latest_end = a.terms_end(date.max)
        a.created = CLOCK.next()
        check_agreement(a)
        agreements.append(a)
    return agreements


def agreement_rows(agreements):
    for a in agreements:
        recorded = ts_json(a.created)
        parties = jdump([{"OrganisationId": o.id, "Role": r} for o, r in a.parties])
        approvals = jdump([{"BodyId": ap["BodyId"], "DecidedOn": str(ap["DecidedOn"]), "MinuteReference": ap["MinuteReference"],
                            "Outcome": ap["Outcome"]} for ap in a.approvals])
        changes = jdump([{"Sequence": s, "Status": st, "EffectiveOn": str(on), "Reason": reason, "RecordedAt": recorded}
                         for s, st, on, reason in a.changes])
        variations = jdump([{"Number": v["Number"], "EffectiveOn": str(v["EffectiveOn"]), "Description": v["Description"],
                             "EndsOn": None if v["EndsOn"] is None else str(v["EndsOn"]),
                             "ReviewOn": None if v["ReviewOn"] is None else str(v["ReviewOn"]),
                             "NoticeMonths": v["NoticeMonths"], "RecordedAt": recorded} for v in a.variations])
        yield (a.id, a.reference, a.title, a.purpose, a.basis, pg_array(a.flex), pg_array(a.services), pg_array(a.groups),
               "{" + ",".join(o.id for o, _ in a.parties) + "}", a.signed, a.c, a.end, a.notice, a.review, a.latest_end,
               a.latest_review, a.parent, a.illustrative, a.status, ts(a.created), ts(a.created), approvals,
               jdump(a.documents), parties, changes, variations)


# ---------------------------------------------------------------- pooled funds, contributions, ledger

CATEGORIES = ["Residential care", "Nursing care", "Home care", "Reablement", "Intermediate care beds", "Community equipment",
              "Disabled facilities grants", "Carers support", "Mental health services", "Learning disability services",
              "Hospital discharge", "Assistive technology", "Staffing", "Voluntary sector grants"]
MANAGERS = ["Head of Integrated Commissioning", "Pooled Fund Manager", "Assistant Director, Joint Commissioning",
            "Director of Finance", "Better Care Fund Programme Manager"]


class Fund:
    __slots__ = ("n", "id", "agreement", "host", "name", "manager", "start", "end", "risk", "created", "lines", "window",
                 "spend", "imported")


def fund_life(a):
    """From commencement to the first of: the end as varied, the day before a termination, a party's closure."""
    ends = [a.latest_end] if a.latest_end else []
    ends += [on - timedelta(days=1) for _, st, on, _ in a.changes if st == "Terminated"]
    ends += [o.to for o, _ in a.parties if o.to is not None]
    end = min(ends) if ends else None
    return a.c, (None if end is None else max(end, a.c))


def make_funds(agreements):
    rng = random.Random(3003)
    eligible = []
    for a in agreements[1:]:
        if "PooledFund" not in a.flex or a.status in ("Draft", "Approved"):
            continue
        start, end = fund_life(a)
        if start <= date(2026, 3, 31) and (end is None or end >= start + timedelta(days=90)):
            eligible.append(a)
    # most funds still run in the finance export's year; the rest ended earlier
    year_start = date(FUND_YEAR, 4, 1)
    current = [a for a in eligible if fund_life(a)[1] is None or fund_life(a)[1] >= year_start]
    running = {a.n for a in current}
    past = [a for a in eligible if a.n not in running]
    n_current = CURRENT_FUNDS - 1
    assert len(current) >= n_current and len(past) >= N_FUNDS - CURRENT_FUNDS, (len(current), len(past))
    picked = ([current[int(i * len(current) / n_current)] for i in range(n_current)]
              + [past[int(i * len(past) / (N_FUNDS - CURRENT_FUNDS))] for i in range(N_FUNDS - CURRENT_FUNDS)])
    picked.sort(key=lambda a: a.n)
    chosen = [agreements[0]] + picked
    funds = []
    for k, a in enumerate(chosen, 1):
        f = Fund()
        f.n, f.id, f.agreement, f.host = k, ident("fund", k), a, a.host()
        assert f.host is not None
        lead = f.host if f.host.type in COUNCIL_TYPES else next(o for o, _ in a.parties if o.type in COUNCIL_TYPES)
        f.name = (f"{lead.place} Better Care Fund pooled budget" if k == 1 or "better care fund" in a.services
                  else f"{lead.place} {a.services[0]} pooled budget")
        f.manager = rng.choice(MANAGERS) if rng.random() < 0.8 else None
        f.start, f.end = fund_life(a)
        f.window = (f.start, min(f.end, LAST_BOOKING) if f.end else LAST_BOOKING)
        f.risk = []
        partners = [o for o, r in a.parties if o is not f.host]
        if rng.random() < 0.4 or k == 1:
            over = rng.choice([50, 60, 70])
            under = rng.choice([50, 50, 60])
            first_year = fy_of(f.start)
            f.risk.append({"FinancialYearStart": first_year, "Method": "Percentages", "Shares": [
                {"OrganisationId": f.host.id, "OverspendPercent": over, "UnderspendPercent": under},
                {"OrganisationId": partners[0].id, "OverspendPercent": 100 - over, "UnderspendPercent": 100 - under}]})
            if rng.random() < 0.4 and fy_of(f.window[1]) > first_year:
                f.risk.append({"FinancialYearStart": rng.randint(first_year + 1, fy_of(f.window[1])),
                               "Method": "InProportionToContributions", "Shares": []})
        f.created = CLOCK.next()
        f.spend = {}
        funds.append(f)
    # ledger lines: fund 1 gets FUND1_LINES, the rest in proportion to the days each fund ran until AS_AT
    rest = N_LEDGER - FUND1_LINES
    weights = [(f.window[1] - f.window[0]).days + 1 for f in funds[1:]]
    total = sum(weights)
    shares = [max(20, rest * w // total) for w in weights]
    shares[-1] += rest - sum(shares)
    assert shares[-1] > 0
    funds[0].lines = FUND1_LINES
    for f, lines in zip(funds[1:], shares):
        f.lines = lines
    for f in funds:
        f.imported = LEDGER_AT + timedelta(milliseconds=f.n)
    return funds


def fund_rows(funds):
    for f in funds:
        risk = jdump([{"FinancialYearStart": r["FinancialYearStart"], "Method": r["Method"], "Shares": r["Shares"]} for r in f.risk])
        yield (f.id, f.agreement.id, f.name, f.host.id, f.manager, "GBP", f.start, f.end, ts(f.created), ts(f.created), risk)


def ledger_rows(funds):
    rng = random.Random(4004)
    cats = CATEGORIES
    for f in funds:
        lo, hi = f.window
        span = (hi - lo).days
        busy = (max(lo, date(FUND_YEAR, 4, 1)), min(hi, date(FUND_YEAR + 1, 3, 31)))
        created = ts(f.imported)
        prefix = f"GL{f.n:04d}"
        spend = f.spend
        for i in range(1, f.lines + 1):
            if f.n == 1 and i <= FUND1_YEAR_LINES:
                on = busy[0] + timedelta(days=rng.randrange((busy[1] - busy[0]).days + 1))
            else:
                on = lo + timedelta(days=rng.randrange(span + 1))
            if rng.random() < 0.04:
                # income: £500 to £1.6m (fund 1: £20 to £40,000)
                pence = -int(2_000 * 10 ** (rng.random() * 3.3)) if f.n == 1 else -int(50_000 * 10 ** (rng.random() * 3.5))
                category = "Income"
                description = rng.choice(["Client contributions", "Grant income", "Recharge to partner", "Refund from provider"])
            elif f.n == 1:
                pence = int(2_000 * 10 ** (rng.random() * 3.3))  # fund 1 books many small lines: £20 to £40,000
                category = cats[rng.randrange(len(cats))]
                description = f"{category}: invoice {rng.randint(100000, 999999)}" if rng.random() < 0.7 else None
            else:
                pence = int(5_000 * 10 ** (rng.random() * 3.7))  # spend: £50 to £250,000, log-uniform
                category = cats[rng.randrange(len(cats))]
                description = f"{category}: invoice {rng.randint(100000, 999999)}" if rng.random() < 0.7 else None
            fy = on.year if on.month >= 4 else on.year - 1
            period = (on.month + 8) % 12 + 1
            spend[fy] = spend.get(fy, 0) + pence
            yield (f.id, on, money(pence), category, description, f"{prefix}-{on.year}{on.month:02d}-{i:06d}", fy, period, created)


def contribution_rows(funds):
    """Per fund, financial year and contributing partner: Planned, sometimes Revised, and Actual for closed years,
    close to the year's ledger spend so variances are a few percent."""
    rng = random.Random(5005)
    k = 0
    for f in funds:
        a = f.agreement
        contributors = [o for o, r in a.parties if r != "Provider"]
        weights = [3.0 if o is f.host else 1.0 + rng.random() for o in contributors]
        total_weight = sum(weights)
        for fy in range(fy_of(f.window[0]), fy_of(f.window[1]) + 1):
            spend = max(f.spend.get(fy, 0), 10_000_000)
            for o, w in zip(contributors, weights):
                planned = int(spend * w / total_weight * rng.uniform(0.92, 1.06)) // 100_000 * 100_000  # to the £1,000
                form = "InKind" if o is not f.host and rng.random() < 0.1 else "Cash"
                note = f"Agreed at the {f.agreement.parties[0][0].place} Health and Wellbeing Board" if rng.random() < 0.3 else None
                figures = [("Planned", planned, note)]
                if rng.random() < 0.3:
                    figures.append(("Revised", int(planned * rng.uniform(0.95, 1.1)), "In-year revision"))
                if fy < 2026 and rng.random() < 0.85:
                    figures.append(("Actual", int(planned * rng.uniform(0.97, 1.05)), "Outturn" if rng.random() < 0.5 else None))
                for kind, pence, text in figures:
                    k += 1
                    created = CLOCK.next()
                    yield (ident("contribution", k), f.id, o.id, fy, kind, form, money(max(pence, 0)), text, ts(created))


# ---------------------------------------------------------------- posts, accountability lines, secondments

COUNCIL_TITLES = ["Chief Executive", "Director of Adult Social Services", "Director of Children's Services",
                  "Director of Public Health", "Head of Commissioning", "Service Manager, Reablement",
                  "Team Manager, Learning Disabilities", "Senior Commissioning Officer", "Social Work Team Manager",
                  "Principal Occupational Therapist"]
NHS_TITLES = ["Chief Executive", "Chief Operating Officer", "Director of Nursing and Quality", "Director of Finance",
              "Head of Community Services", "Clinical Lead, Intermediate Care", "Matron, Community Hospitals",
              "Senior Commissioning Manager", "Team Leader, District Nursing", "Clinical Nurse Specialist"]
SPINE_TITLES = ["Chief Executive", "Executive Director of Adult Social Care and Health",
                "Director of Integrated Commissioning", "Assistant Director, Community Services", "Head of Locality Services",
                "Locality Manager, North", "Service Manager, Reablement", "Team Manager, Reablement", "Senior Practitioner",
                "Social Worker", "Social Work Assistant"]
HUB_TITLES = ["Locality Manager", "Commissioning Manager", "Team Manager", "Senior Practitioner", "Social Worker",
              "Occupational Therapist", "Finance Business Partner", "Contracts Officer", "Brokerage Officer", "Care Coordinator"]
TEAMS = ["North locality", "South locality", "East locality", "West locality", "Central locality", "Hospital discharge team",
         "Reablement service", "Integrated commissioning unit", "Learning disabilities team", "Safeguarding adults"]


class Post:
    __slots__ = ("n", "id", "org", "title", "team", "holder", "start", "end", "created", "j")


def make_people(by_type, agreements):
    rng = random.Random(6006)
    hub = by_type["CountyCouncil"][0]
    councils = [o for t in ("CountyCouncil", "UnitaryAuthority", "MetropolitanBorough", "LondonBorough", "DistrictCouncil")
                for o in by_type[t]]
    staffed = (councils[1:800] + by_type["NhsTrust"][:600] + by_type["IntegratedCareBoard"][:200]
               + by_type["ClinicalCommissioningGroup"][:200] + by_type["PrimaryCareTrust"][:161])
    assert HUB_POSTS + 10 * len(staffed) == N_POSTS
    posts, lines = [], []  # lines: (post, to_post, to_body, kind, starts, ends, basis)

    def new_post(org, title, team, start, end, j):
        p = Post()
        p.n = len(posts) + 1
        p.id, p.org, p.title, p.team, p.start, p.end, p.j = ident("post", p.n), org, title, team, start, end, j
        p.holder = f"EMP-{p.n:06d}" if rng.random() < 0.6 else None
        p.created = CLOCK.next()
        posts.append(p)
        return p

    # the hub: a chain of 11 posts (post 11 is ten line-management steps below post 1), then a broad tree under it
    for k in range(1, SPINE + 1):
        new_post(hub, SPINE_TITLES[k - 1], None if k < 5 else "North locality", date(2012, 4, 1) if k == 1 else date(2015, 4, 1), None, k)
    for k in range(SPINE + 1, HUB_POSTS + 1):
        new_post(hub, rng.choice(HUB_TITLES), rng.choice(TEAMS), date(2015, 4, 1) + timedelta(days=rng.randint(0, 3000)), None, k)
    by_n = {p.n: p for p in posts}
    lines.append((by_n[1], None, hub, "GovernanceReporting", by_n[1].start, None, None))
    for k in range(2, HUB_POSTS + 1):
        boss = by_n[k - 1] if k <= SPINE else by_n[1 + (k - SPINE - 1) // 3]
        p = by_n[k]
        lines.append((p, boss, None, "LineManagement", max(p.start, boss.start), None, None))

    # other organisations: ten posts each, a chief, three directors, six reporting to the directors
    staff = {}
    for org in staffed:
        titles = COUNCIL_TITLES if org.type in COUNCIL_TYPES else NHS_TITLES
        lead_start = max(org.frm or EARLIEST, EARLIEST)
        last_day = min(org.to or AS_AT, AS_AT)
        team_posts = []
        for j in range(10):
            if j <= 3:
                start, end = lead_start, org.to
            else:
                start = min(lead_start + timedelta(days=rng.randint(0, 1500)), last_day)
                end = org.to
                if end is None and rng.random() < 0.08:
                    end = min(start + timedelta(days=rng.randint(365, 1800)), AS_AT)
            team_posts.append(new_post(org, titles[j], rng.choice(TEAMS) if j >= 4 and rng.random() < 0.5 else None, start, end, j))
        staff[org.id] = team_posts
        chief = team_posts[0]
        lines.append((chief, None, org, "GovernanceReporting", chief.start, chief.end, None))
        for j in range(1, 10):
            p = team_posts[j]
            boss = chief if j <= 3 else team_posts[1 + (j - 4) // 2]
            lines.append((p, boss, None, "LineManagement", p.start, p.end, None))
            if j >= 4 and rng.random() < 0.1:
                other = team_posts[rng.choice([x for x in (1, 2, 3) if x != 1 + (j - 4) // 2])]
                kind = "ClinicalSupervision" if org.type not in COUNCIL_TYPES else "ProfessionalAccountability"
                lines.append((p, other, None, kind, p.start, p.end, None))

    # across organisations: dotted lines and secondments under open-ended, never interrupted section 113 agreements
    secondments = []
    cross_lines = 0
    for a in agreements:
        if len(secondments) >= N_SECONDMENTS:
            break
        if (a.basis != "Section113LocalGovernmentAct1972" or a.status != "Active" or a.latest_end is not None
                or [ch[1] for ch in a.changes] != ["Approved", "Active"]):
            continue
        host = a.host()
        provider = next(o for o, r in a.parties if r == "Provider")
        if host.to or provider.to:
            continue
        to_post = staff[host.id][1] if host.id in staff else None
        if to_post is not None and provider.id in staff:
            from_post = staff[provider.id][4]
            start = max(a.c, from_post.start, to_post.start)
            if from_post.end is None and start <= AS_AT and cross_lines < MAX_CROSS_LINES:
                lines.append((from_post, to_post, None, "DottedLine", start, None, a))
                cross_lines += 1
        s_start = max(a.c, date(2015, 4, 1)) + timedelta(days=rng.randint(0, 900))
        if s_start > AS_AT:
            continue
        s_end = s_start + timedelta(days=rng.randint(365, 1100)) if rng.random() < 0.3 else None
        if s_end is not None and s_end <= AS_AT:
            s_end = None if rng.random() < 0.5 else s_end
        secondments.append((a, provider, host, s_start, s_end, to_post))
    return posts, lines, secondments


def post_rows(posts):
    for p in posts:
        yield (p.id, p.org.id, p.title, p.team, p.holder, p.start, p.end, ts(p.created), ts(p.created))


def line_rows(lines):
    for k, (p, to_post, to_body, kind, start, end, basis) in enumerate(lines, 1):
        assert (to_post is None) != (to_body is None) and (end is None or end >= start) and p.start <= start
        created = CLOCK.next()
        yield (ident("line", k), p.id, to_post.id if to_post else None, to_body.id if to_body else None, kind, start, end,
               basis.id if basis else None, ts(created))


def secondment_rows(secondments):
    rng = random.Random(7007)
    for k, (a, employer, host, start, end, host_post) in enumerate(secondments, 1):
        fte = rng.choice(["1.00", "1.00", "0.80", "0.60", "0.50", "0.40"])
        r = rng.random()
        per_year = money(rng.randint(25_000, 70_000) * 100) if r < 0.5 else None
        percent = rng.choice(["100.00", "50.00", "75.00"]) if 0.5 <= r < 0.8 else None
        created = CLOCK.next()
        yield (ident("secondment", k), f"EMP-S{k:05d}", employer.id, host.id, a.id, start, end, fte,
               "Employer", "Employer" if rng.random() < 0.8 else "Host", host_post.id if host_post and rng.random() < 0.7 else None,
               per_year, percent, ts(created), ts(created))


# ---------------------------------------------------------------- the script

HISTORY_TABLES = ["organisations", "successions", "agreements", "pooled_funds", "contributions", "posts",
                  "accountability_lines", "secondments"]


def main():
    keys_path = sys.argv[sys.argv.index("--keys") + 1] if "--keys" in sys.argv else None
    orgs = make_organisations()
    by_type = {}
    for o in orgs:
        by_type.setdefault(o.type, []).append(o)
    OUT.write("\\set ON_ERROR_STOP on\nSET client_min_messages = warning;\nBEGIN;\n"
              "-- straight into the tables: no record-keeping trigger (revisions and audit are written below, as it would)\n"
              "SET LOCAL session_replication_role = replica;\nSET LOCAL work_mem = '256MB';\n"
              "SET LOCAL maintenance_work_mem = '512MB';\n")
    OUT.write(f"""DO $$
BEGIN
    IF EXISTS (SELECT FROM organisations WHERE id = '{orgs[0].id}') THEN
        RAISE EXCEPTION 'the benchmark data set is already in this database';
    END IF;
END
$$;
""")
    counts = {}
    counts["organisations"] = copy("organisations", ["id", "name", "type", "ods_code", "gss_code", "operational_from",
                                                     "operational_to", "created_at", "updated_at"], org_rows(orgs))
    succession_rows, succession_parties = make_successions(by_type)
    counts["successions"] = copy("successions", ["id", "effective_on", "kind", "note", "created_at", "predecessor_ids", "successor_ids"],
                                 succession_rows)
    copy("succession_parties", ["succession_id", "organisation_id", "side"], succession_parties)

    pools = Pools(by_type)
    agreements = make_agreements(pools)
    counts["agreements"] = copy("agreements", ["id", "reference", "title", "purpose", "basis", "flexibilities", "services",
                                               "client_groups", "party_ids", "signed_on", "commences_on", "ends_on",
                                               "notice_months", "review_on", "latest_ends_on", "latest_review_on", "parent_id",
                                               "illustrative", "status", "created_at", "updated_at", "approvals", "documents",
                                               "parties", "status_changes", "variations"], agreement_rows(agreements))
    funds = make_funds(agreements)
    counts["pooled_funds"] = copy("pooled_funds", ["id", "agreement_id", "name", "host_organisation_id", "manager", "currency",
                                                   "starts_on", "ends_on", "created_at", "updated_at", "risk_shares"], fund_rows(funds))
    counts["ledger_lines"] = copy("ledger_lines", ["fund_id", "booked_on", "amount", "category", "description", "external_reference",
                                                   "financial_year_start", "period", "created_at"], ledger_rows(funds))
    counts["contributions"] = copy("contributions", ["id", "fund_id", "organisation_id", "financial_year_start", "kind", "form",
                                                     "amount", "note", "created_at"], contribution_rows(funds))
    posts, lines, secondments = make_people(by_type, agreements)
    counts["posts"] = copy("posts", ["id", "organisation_id", "title", "team", "holder_reference", "starts_on", "ends_on",
                                     "created_at", "updated_at"], post_rows(posts))
    counts["accountability_lines"] = copy("accountability_lines", ["id", "post_id", "to_post_id", "to_body_id", "kind", "starts_on",
                                                                   "ends_on", "basis_agreement_id", "created_at"], line_rows(lines))
    counts["secondments"] = copy("secondments", ["id", "holder_reference", "employer_id", "host_id", "agreement_id", "starts_on",
                                                 "ends_on", "fte", "terms_and_conditions_kept_by", "professional_supervision_kept_by",
                                                 "host_post_id", "recharge_per_year", "recharge_percent", "created_at", "updated_at"],
                                 secondment_rows(secondments))
    records = CLOCK.seq
    assert records == sum(counts[t] for t in HISTORY_TABLES), (records, counts)

    # history, as register_record_change() writes it for an insert (one 'created' revision and one audit row per
    # record), positioned in the change feed in creation order, committed when created; one audit row per ledger import
    loaded = ts(LOADED_AT)
    OUT.write("CREATE TEMP TABLE bench_feed ON COMMIT DROP AS SELECT coalesce(max(position), 0) AS base FROM revisions;\n")
    for table in HISTORY_TABLES:
        OUT.write(f"""INSERT INTO revisions (resource, record_id, revision, kind, action, recorded_at, actor_subject, actor_organisation,
                       correlation_id, changed_fields, data, position, committed_at)
SELECT '{table}', t.id, 1, 'created', '{ACTION}', t.created_at, '{ACTOR}', NULL, NULL,
       ARRAY(SELECT jsonb_object_keys(to_jsonb(t)) ORDER BY 1), to_jsonb(t),
       f.base + round(extract(epoch FROM t.created_at - timestamptz '{loaded}') * 1000)::bigint, t.created_at
FROM {table} t CROSS JOIN bench_feed f
WHERE t.xmin = pg_current_xact_id()::xid
ORDER BY t.created_at;
INSERT INTO audit (occurred_at, actor_subject, actor_organisation, action, resource, record_id, correlation_id, before, after)
SELECT t.created_at, '{ACTOR}', NULL, '{ACTION}', '{table}', t.id, NULL, NULL, to_jsonb(t)
FROM {table} t
WHERE t.xmin = pg_current_xact_id()::xid
ORDER BY t.created_at;
""")
    OUT.write(f"""INSERT INTO audit (occurred_at, actor_subject, actor_organisation, action, resource, record_id, correlation_id, before, after)
SELECT min(l.created_at), '{ACTOR}', NULL, 'ImportLedgerLines', 'pooled_funds', l.fund_id, NULL, NULL,
       jsonb_build_object('ledgerLinesAdded', count(*), 'alreadyRecorded', 0, 'addedTotal', sum(l.amount))
FROM ledger_lines l
WHERE l.xmin = pg_current_xact_id()::xid
GROUP BY l.fund_id
ORDER BY min(l.created_at);
""")
    # session_replication_role = replica skipped the foreign-key triggers: check every foreign key of the loaded tables
    OUT.write(f"""DO $$
DECLARE
    fk record;
    orphans bigint;
    positions record;
BEGIN
    SELECT count(*) AS n, min(position) - (SELECT base FROM bench_feed) AS first, max(position) - (SELECT base FROM bench_feed) AS last
    INTO positions FROM revisions WHERE actor_subject = '{ACTOR}';
    IF positions.n <> {records} OR positions.first <> 1 OR positions.last <> {records} THEN
        RAISE EXCEPTION 'change-feed positions are not 1..{records} after the base: %', positions;
    END IF;
    FOR fk IN
        SELECT c.conrelid::regclass AS child, a.attname AS col, c.confrelid::regclass AS parent, b.attname AS pcol
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        JOIN pg_attribute b ON b.attrelid = c.confrelid AND b.attnum = c.confkey[1]
        WHERE c.contype = 'f' AND cardinality(c.conkey) = 1
          AND c.conrelid::regclass::text IN ('organisations', 'successions', 'succession_parties', 'agreements', 'pooled_funds',
                                             'contributions', 'ledger_lines', 'posts', 'accountability_lines', 'secondments')
    LOOP
        EXECUTE format('SELECT count(*) FROM %s c WHERE c.%I IS NOT NULL AND NOT EXISTS (SELECT FROM %s p WHERE p.%I = c.%I)',
                       fk.child, fk.col, fk.parent, fk.pcol, fk.col) INTO orphans;
        IF orphans > 0 THEN
            RAISE EXCEPTION '% rows of % have a % that is not in %', orphans, fk.child, fk.col, fk.parent;
        END IF;
    END LOOP;
    SELECT count(*) INTO orphans FROM agreements a, unnest(a.party_ids) p WHERE NOT EXISTS (SELECT FROM organisations o WHERE o.id = p);
    IF orphans > 0 THEN
        RAISE EXCEPTION '% agreement parties are not organisations', orphans;
    END IF;
END
$$;
COMMIT;
""")
    OUT.flush()

    if keys_path:
        hub = orgs[0]
        fund1 = funds[0]
        active = [a for a in agreements if a.active_on(ACTIVE_ON)]
        hub_active = sum(1 for a in active if any(o is hub for o, _ in a.parties))
        assert hub_active >= 5000, hub_active
        icb = by_type["IntegratedCareBoard"][1]
        council = by_type["UnitaryAuthority"][0]
        deep = posts[SPINE - 1]
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
        with open(keys_path, "w") as out:
            for key, value in keys.items():
                if value is not None:
                    out.write(f"{key}={value}\n")


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:  # psql stopped reading: it has said why
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
