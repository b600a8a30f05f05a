"""The organisations an agreement can be made between, and the parties each statutory basis demands."""
from .parameters import CCG_START, ICB_START


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
        self.cabinets = {}  # organisation id -> the governance bodies that decide for it
        for board in self.boards:
            if board.part_of is not None:
                self.cabinets.setdefault(board.part_of.id, []).append(board)

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
