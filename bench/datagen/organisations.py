"""Organisations (councils, NHS bodies, the third sector, boards) and the successions between NHS commissioners."""
import random
from datetime import date, timedelta

from .output import jdump, pg_array, ts
from .parameters import CCG_END, CCG_MERGED, CCG_START, ICB_START, PCT_END
from .records import CLOCK, ident

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
# OrganisationTypes.IsNhsCommissioner: who may pay a council under section 256
NHS_COMMISSIONER_TYPES = {"PrimaryCareTrust", "ClinicalCommissioningGroup", "IntegratedCareBoard", "NhsEngland", "CareTrust"}
GSS_PREFIX = {"CountyCouncil": "E10", "UnitaryAuthority": "E06", "MetropolitanBorough": "E08", "LondonBorough": "E09",
              "DistrictCouncil": "E07", "ClinicalCommissioningGroup": "E38", "IntegratedCareBoard": "E54"}
# ODS code alphabets chosen so that no code can equal one in the demo data set (DemoData/organisations.json)
CCG_LETTERS = "ABDFHJLMPQRSTUVWXYZ"  # 2 digits + a letter, like 08E; the demo uses C, E, G, K, N
CCG_NUMBERS = [f"{x:02d}" for x in range(100) if x // 10 != 5]  # 5xx codes are primary care trusts
ICB_SECOND = "ABCDEFGIJKLNPSTVWXYZ"  # Q + letter + letter/digit, like QOX; the demo uses QH, QM, QO, QR, QU
TRUST_SECOND = [c for c in ALNUM if c not in "DV"]  # R + 2, like RXT; the demo uses RD1 and RVN


# clinical commissioning groups: the first N_FIRST_CCGS from 2013, of which pairs (11k, 11k + 1) merged on 2020-04-01 into
# the k-th of the rest (from 2020); every CCG still running on 2022-06-30 merged into an integrated care board
N_FIRST_CCGS = 1100


def merges_in_2020(i):
    return i < N_FIRST_CCGS and i % 11 in (0, 1)


class Org:
    __slots__ = ("n", "id", "name", "type", "ods", "gss", "frm", "to", "place", "part_of", "created")

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
            o.ods = o.gss = o.frm = o.to = o.part_of = None
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
                o.frm, o.to = (CCG_MERGED if i >= N_FIRST_CCGS else CCG_START), CCG_END
                if merges_in_2020(i):
                    o.to = CCG_MERGED - timedelta(days=1)
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
    # a council's Cabinet decides for the council (Organisation.partOfId): its approvals speak for that party
    councils = {o.place: o for o in orgs if o.type in COUNCIL_TYPES}
    for o in orgs:
        if o.type == "PartnershipBoard" and o.name.endswith(" Council Cabinet") and o.place in councils:
            o.part_of = councils[o.place]
    odss = [o.ods for o in orgs if o.ods]
    gsss = [o.gss for o in orgs if o.gss]
    assert len(set(odss)) == len(odss) and len(set(gsss)) == len(gsss)
    return orgs


ORGANISATION_COLUMNS = ["id", "name", "type", "ods_code", "gss_code", "operational_from", "operational_to", "part_of_id",
                        "created_at", "updated_at"]


def org_rows(orgs):
    for o in orgs:
        yield (o.id, o.name, o.type, o.ods, o.gss, o.frm, o.to, o.part_of.id if o.part_of else None, ts(o.created), ts(o.created))


# ------------------------------------------- successions: PCT -> 3 or 4 CCGs (2013), 2 CCGs -> CCG (2020), CCGs -> ICB (2022)

SUCCESSION_COLUMNS = ["id", "effective_on", "kind", "note", "created_at", "predecessor_ids", "successor_ids", "transfers"]
SUCCESSION_PARTY_COLUMNS = ["succession_id", "organisation_id", "side"]


class Succession:
    __slots__ = ("n", "id", "effective", "kind", "note", "predecessors", "successors", "transfers", "created")

    def successor_for(self, agreement_id, predecessor_id):
        """Succession.SuccessorFor: the transfer named for the agreement, else the sole successor."""
        named = self.transfers.get((agreement_id, predecessor_id))
        if named is not None:
            return named
        return self.successors[0].id if len(self.successors) == 1 else None


def make_successions(by_type):
    pcts, ccgs, icbs = by_type["PrimaryCareTrust"], by_type["ClinicalCommissioningGroup"], by_type["IntegratedCareBoard"]
    made = []
    for i, pct in enumerate(pcts):
        successors = ccgs[i * N_FIRST_CCGS // len(pcts):(i + 1) * N_FIRST_CCGS // len(pcts)]
        made.append((CCG_START, "Split", f"Abolition of primary care trusts (Health and Social Care Act 2012): "
                     f"{pct.name}'s commissioning passed to {len(successors)} clinical commissioning groups.", [pct], successors))
    # in 2022 the CCGs then running, each merged one where its two predecessors stood, in runs of 2 or 3 per ICB
    running = []
    for i in range(N_FIRST_CCGS):
        if i % 11 == 0:
            merged = ccgs[N_FIRST_CCGS + i // 11]
            predecessors = [ccgs[i], ccgs[i + 1]]
            made.append((CCG_MERGED, "Merger", f"The clinical commissioning groups merged into {merged.name}.", predecessors, [merged]))
            running.append(merged)
        elif not merges_in_2020(i):
            running.append(ccgs[i])
    assert len(running) + 2 * (len(ccgs) - N_FIRST_CCGS) == len(ccgs)
    for i, icb in enumerate(icbs):
        predecessors = running[i * len(running) // len(icbs):(i + 1) * len(running) // len(icbs)]
        made.append((ICB_START, "Merger", f"Health and Care Act 2022: the clinical commissioning groups merged into {icb.name}.",
                     predecessors, [icb]))
    made.sort(key=lambda m: m[0])  # recorded in date order
    successions = []
    for k, (effective, kind, note, predecessors, successors) in enumerate(made, 1):
        s = Succession()
        s.n, s.id, s.effective, s.kind, s.note = k, ident("succession", k), effective, kind, note
        s.predecessors, s.successors, s.transfers = predecessors, successors, {}
        s.created = CLOCK.next()
        for o in predecessors:
            assert o.to is not None and o.to < effective and (o.frm is None or o.frm < effective)
        for o in successors:
            assert o.operating(effective)
        successions.append(s)
    return successions


def succession_rows(successions):
    for s in successions:
        # the transfers named for agreements with several successors to choose from (POST /successions/{id}/transfers)
        transfers = [{"AgreementId": a, "PredecessorId": p, "SuccessorId": to} for (a, p), to in s.transfers.items()]
        yield (s.id, s.effective, s.kind, s.note, ts(s.created), pg_array([o.id for o in s.predecessors]),
               pg_array([o.id for o in s.successors]), jdump(transfers))


def succession_party_rows(successions):
    for s in successions:
        for o in s.predecessors:
            yield (s.id, o.id, "Predecessor")
        for o in s.successors:
            yield (s.id, o.id, "Successor")
