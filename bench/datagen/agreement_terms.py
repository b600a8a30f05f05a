"""
What is in force on a day, the same cut into periods, and novations under successions: the domain's own rules
(Domain/Agreements/AgreementTerms.cs TermsOn, Timeline, ApplyPartyChanges; AgreementVariations.cs NeedsTransfer, Novate,
InheritedThrough) written again over the generator's agreements, so the row's `terms` holds exactly what the API would
have stored. Nothing here is in force but by these rules; the data set has no notices, and every status change and
variation is in force (none waits for a party's consent).
"""
import hashlib
from datetime import date, timedelta

FINISHED = ("Terminated", "Expired")
RUNNING = ("Active", "Suspended")


def status_on(a, day):
    """StatusOn: the latest transition in force by then (date, then sequence), or Draft before any."""
    status, key = "Draft", None
    for seq, to, on, _ in a.changes:
        if on <= day and (key is None or (on, seq) >= key):
            status, key = to, (on, seq)
    return status


def apply_party_changes(parties, changes):
    """ApplyPartyChanges, on a list of [organisation id, role]."""
    def find(org_id):
        return next((i for i, p in enumerate(parties) if p[0] == org_id), -1)

    for ch in changes:
        org_id, role, replaces = ch["OrganisationId"], ch["Role"], ch["Replaces"]
        index = find(replaces if replaces is not None else org_id)
        existing = find(org_id)
        if replaces is not None:
            if index < 0:
                continue
            kept_role = role if role is not None else parties[index][1]
            del parties[index]
            existing = find(org_id)
            if existing >= 0:
                parties[existing] = [org_id, role if role is not None else parties[existing][1]]
            else:
                parties.insert(min(index, len(parties)), [org_id, kept_role])
        elif role is None:
            parties[:] = [p for p in parties if p[0] != org_id]
        elif existing >= 0:
            parties[existing] = [org_id, role]
        else:
            parties.append([org_id, role])


class Terms:
    __slots__ = ("status", "active", "parties", "flex", "services", "groups", "documents", "ends", "review", "notice", "number")

    def same(self, other):
        """SameTerms (documents are not part of a period)."""
        return (self.status == other.status and self.active == other.active and self.ends == other.ends
                and self.review == other.review and self.notice == other.notice and self.number == other.number
                and self.parties == other.parties and self.flex == other.flex and self.services == other.services
                and self.groups == other.groups)


def terms_on(a, day):
    """TermsOn: as first agreed, then each variation in force by then (date, then number), then the status."""
    t = Terms()
    parties = [[o.id, r] for o, r in a.parties]
    flex, services, groups, documents = a.flex, a.services, a.groups, a.documents
    ends, review, notice, number = a.end, a.review, a.notice, None
    for v in sorted((v for v in a.variations if v["EffectiveOn"] <= day), key=lambda v: (v["EffectiveOn"], v["Number"])):
        apply_party_changes(parties, v["Parties"])
        flex = v["Flexibilities"] if v["Flexibilities"] is not None else flex
        services = v["Services"] if v["Services"] is not None else services
        groups = v["ClientGroups"] if v["ClientGroups"] is not None else groups
        documents = v["Documents"] if v["Documents"] is not None else documents
        ends = v["EndsOn"] if v["EndsOn"] is not None else ends
        review = v["ReviewOn"] if v["ReviewOn"] is not None else review
        notice = v["NoticeMonths"] if v["NoticeMonths"] is not None else notice
        number = v["Number"]
    status = status_on(a, day)
    if len(parties) < 2 and status in RUNNING:
        status = "Terminated"
    t.status, t.parties, t.flex, t.services, t.groups, t.documents = status, parties, list(flex), list(services), list(groups), documents
    t.ends, t.review, t.notice, t.number = ends, review, notice, number
    t.active = a.c <= day and (ends is None or day <= ends) and status == "Active"
    return t


def timeline(a):
    """Timeline: TermsOn cut into periods from commencement, [from, until), equal neighbours merged."""
    changes = {on for _, _, on, _ in a.changes} | {v["EffectiveOn"] for v in a.variations} | {a.c}
    changes = {d for d in changes if d >= a.c}
    # an end date in force in any period makes the day after it a change too
    for end in [terms_on(a, d).ends for d in list(changes)] + [a.end]:
        if end is not None and end >= a.c and end < date.max:
            changes.add(end + timedelta(days=1))
    starts = sorted(changes)
    periods = []
    for i, start in enumerate(starts):
        t = terms_on(a, start)
        until = starts[i + 1] if i + 1 < len(starts) else None
        if periods and periods[-1][2].same(t):
            periods[-1][1] = until
        else:
            periods.append([start, until, t])
    return periods


def period_json(periods):
    """The TermPeriod records as the API serialises them (JsonColumn: property names as in C#, enums by name)."""
    return [{"From": str(start), "Until": None if until is None else str(until), "Status": t.status, "Active": t.active,
             "Parties": [{"OrganisationId": o, "Role": r} for o, r in t.parties], "Flexibilities": t.flex,
             "Services": t.services, "ClientGroups": t.groups,
             "EndsOn": None if t.ends is None else str(t.ends), "ReviewOn": None if t.review is None else str(t.review),
             "NoticeMonths": t.notice, "VariationNumber": t.number} for start, until, t in periods]


def party_ids(a, periods):
    """Touch: the parties as first agreed, then every period's, then every party a variation names."""
    ids = [o.id for o, _ in a.parties]
    ids += [o for _, _, t in periods for o, _ in t.parties]
    ids += [p["OrganisationId"] for v in a.variations for p in v["Parties"]]
    return list(dict.fromkeys(ids))


def needs_transfer(a, predecessor_id, on):
    """NeedsTransfer: the predecessor is a party on the day and the agreement is still in being then."""
    if on < a.c:
        return any(o.id == predecessor_id for o, _ in a.parties)
    t = terms_on(a, on)
    return (any(o == predecessor_id for o, _ in t.parties) and t.status not in FINISHED
            and (t.ends is None or t.ends >= on))


def inherited_through(a, organisation_id):
    """InheritedThrough, for novations that name whom they replace (the only kind made here)."""
    current, depth = organisation_id, 0
    while depth < len(a.variations):
        novation = next((v for v in a.variations if v["Kind"] == "Novation"
                         and any(p["OrganisationId"] == current and (p["Replaces"] is not None or p["Role"] is not None)
                                 for p in v["Parties"])), None)
        if novation is None:
            break
        taken = next(p for p in novation["Parties"] if p["OrganisationId"] == current)
        assert taken["Replaces"] is not None
        current, depth = taken["Replaces"], depth + 1
    return current, depth


def variation(number, on, description, ends=None, review=None, notice=None, kind="Variation", parties=(), succession_id=None):
    """A Variation record with every field the API stores (Vary by the administrator, or Novate)."""
    return {"Number": number, "EffectiveOn": on, "Description": description, "EndsOn": ends, "ReviewOn": review,
            "NoticeMonths": notice, "Kind": kind, "Parties": list(parties), "Flexibilities": None, "Services": None,
            "ClientGroups": None, "Documents": None, "SuccessionId": succession_id, "ProposedBy": None,
            "AwaitingConsentOf": [], "AcceptedBy": []}


def carry_out_successions(a, by_predecessor, names):
    """
    The successions of the agreement's parties, as the register carries them out (AgreementTransfers.ApplyAsync, Novate)
    when each is recorded on its date, in date then id order, and as far down each chain as it goes: from its date the
    successor takes the predecessor's place. Where a succession has several successors, the transfer scheme names one
    for this agreement (POST /successions/{id}/transfers, recorded with the succession), so no part is left unassigned.
    Novations are numbered with the variations in the order they were recorded (date order; a novation first on a tie).
    """
    known = {o.id for o, _ in a.parties}
    done = set()
    while True:
        pending = [s for p in known for s in by_predecessor.get(p, ()) if s.id not in done]
        if not pending:
            break
        s = min(pending, key=lambda s: (s.effective, s.id))
        done.add(s.id)
        for predecessor in [o.id for o in s.predecessors if o.id in known]:
            if any(v["SuccessionId"] == s.id and any(p["Replaces"] == predecessor or p["OrganisationId"] == predecessor
                                                     for p in v["Parties"]) for v in a.variations):
                continue
            if not needs_transfer(a, predecessor, s.effective):
                continue
            successor = s.successor_for(a.id, predecessor)
            if successor is None:
                successor = s.successors[_choice(f"{a.id}:{predecessor}", len(s.successors))].id
                s.transfers[(a.id, predecessor)] = successor
            a.variations.append(variation(
                0, s.effective, f"Novation on the succession of {s.effective}: {names[successor]} takes {names[predecessor]}'s place.",
                kind="Novation", parties=[{"OrganisationId": successor, "Role": None, "Replaces": predecessor}], succession_id=s.id))
            known.add(successor)
    order = sorted(range(len(a.variations)),
                   key=lambda i: (a.variations[i]["EffectiveOn"], a.variations[i]["Kind"] != "Novation", i))
    a.variations = [a.variations[i] for i in order]
    for number, v in enumerate(a.variations, 1):
        v["Number"] = number


def _choice(key, n):
    return int(hashlib.md5(key.encode()).hexdigest(), 16) % n
