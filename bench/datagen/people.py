"""Posts, the accountability lines between them (and to boards), and secondments under section 113 agreements."""
import random
from datetime import date, timedelta

from .organisations import COUNCIL_TYPES
from .output import money, ts
from .parameters import AS_AT, EARLIEST, HUB_POSTS, MAX_CROSS_LINES, N_POSTS, N_SECONDMENTS, SPINE
from .records import CLOCK, ident

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


POST_COLUMNS = ["id", "organisation_id", "title", "team", "starts_on", "ends_on", "created_at", "updated_at"]


def post_rows(posts):
    for p in posts:
        yield (p.id, p.org.id, p.title, p.team, p.start, p.end, ts(p.created), ts(p.created))


HOLDING_COLUMNS = ["id", "post_id", "holder_reference", "kind", "starts_on", "ends_on", "returns_to_post_id", "created_at",
                   "updated_at"]


def holding_rows(posts):
    # a post's holder is its substantive holder for the post's whole period, as the API records a holder named with a post
    k = 0
    for p in posts:
        if p.holder is None:
            continue
        k += 1
        created = CLOCK.next()
        yield (ident("holding", k), p.id, p.holder, "Substantive", p.start, p.end, None, ts(created), ts(created))


LINE_COLUMNS = ["id", "post_id", "to_post_id", "to_body_id", "kind", "starts_on", "ends_on", "basis_agreement_id",
                "created_at"]


def line_rows(lines):
    for k, (p, to_post, to_body, kind, start, end, basis) in enumerate(lines, 1):
        assert (to_post is None) != (to_body is None) and (end is None or end >= start) and p.start <= start
        created = CLOCK.next()
        yield (ident("line", k), p.id, to_post.id if to_post else None, to_body.id if to_body else None, kind, start, end,
               basis.id if basis else None, ts(created))


SECONDMENT_COLUMNS = ["id", "holder_reference", "employer_id", "host_id", "agreement_id", "starts_on", "ends_on", "fte",
                      "terms_and_conditions_kept_by", "professional_supervision_kept_by", "host_post_id",
                      "recharge_per_year", "recharge_percent", "created_at", "updated_at"]


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
