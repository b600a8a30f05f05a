"""What happened to an agreement after it was drafted: approvals, status changes, variations."""
from datetime import timedelta

from .agreement_terms import variation
from .dates import add_years
from .parameters import AS_AT

TERMINATION_REASONS = ["Terminated by agreement of the partners", "Notice of withdrawal given by a partner",
                       "Services recommissioned under a new agreement", "Superseded by a new section 75 agreement"]


def lifecycle(rng, a, deciders):
    """Approvals, status changes and variations, as the domain's operations would have recorded them by AS_AT.
    `deciders` is (deciding body, the party it speaks for) for every party: Draft -> Approved needs one from each."""
    a.approvals, a.changes, a.variations = [], [], []
    a.status = "Draft"
    decided = (a.signed or a.c) - timedelta(days=rng.randint(14, 150))
    if decided > AS_AT:
        return  # still a draft
    if rng.random() < 0.1:
        body, party = deciders[0]
        a.approvals.append({"BodyId": body.id, "DecidedOn": decided - timedelta(days=rng.randint(30, 90)),
                            "MinuteReference": None, "Outcome": "Deferred", "ForPartyId": party.id})
    for i, (body, party) in enumerate(deciders):
        on = decided - timedelta(days=rng.randint(0, 40)) if i == 0 else decided
        minute = f"{body.name}, {on.day} {on:%B %Y}, minute {rng.randint(1, 120)}" if rng.random() < 0.6 else None
        a.approvals.append({"BodyId": body.id, "DecidedOn": on, "MinuteReference": minute, "Outcome": "Approved", "ForPartyId": party.id})
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
            a.variations.append(variation(len(a.variations) + 1, v_on, text, new_end, review, notice))
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
