"""Pooled funds on the agreements that have one, their ledger lines and the partners' contributions."""
import random
from datetime import date, timedelta

from .dates import fy_of
from .organisations import COUNCIL_TYPES
from .output import jdump, money, ts
from .parameters import (CURRENT_FUNDS, FUND1_LINES, FUND1_YEAR_LINES, FUND_YEAR, LAST_BOOKING, LEDGER_AT, N_FUNDS,
                         N_LEDGER)
from .records import CLOCK, ident

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


FUND_COLUMNS = ["id", "agreement_id", "name", "host_organisation_id", "manager", "currency", "starts_on", "ends_on",
                "created_at", "updated_at", "risk_shares"]


def fund_rows(funds):
    for f in funds:
        risk = jdump([{"FinancialYearStart": r["FinancialYearStart"], "Method": r["Method"], "Shares": r["Shares"]} for r in f.risk])
        yield (f.id, f.agreement.id, f.name, f.host.id, f.manager, "GBP", f.start, f.end, ts(f.created), ts(f.created), risk)


LEDGER_LINE_COLUMNS = ["fund_id", "booked_on", "amount", "category", "description", "external_reference",
                       "financial_year_start", "period", "created_at"]


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


# the ledger's totals per fund, year, period and category, as the ledger_lines_totalled trigger keeps them
# (Migrations/LedgerPeriodsSql.cs); session_replication_role = replica keeps it from firing during the COPY, so its sums
# are written here, straight from the lines loaded
LEDGER_TOTALS_SQL = """INSERT INTO ledger_period_totals (fund_id, financial_year_start, period, category, amount, line_count)
SELECT fund_id, financial_year_start, period, category, sum(amount), count(*)
FROM ledger_lines
WHERE xmin = pg_current_xact_id()::xid
GROUP BY fund_id, financial_year_start, period, category;
"""


CONTRIBUTION_COLUMNS = ["id", "fund_id", "organisation_id", "financial_year_start", "kind", "form", "amount", "note",
                        "created_at"]


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
