"""Runs the benchmark scenarios (see scripts/bench, which starts everything this needs) and writes the results table.

For each read scenario the baseline is PostgreSQL alone running exactly the SQL the API sent for one such request,
captured from the server log, through pgbench with the prepared protocol; the API is driven over HTTP by wrk.
Both use the same connections, the same warm-up and the same duration. The legal questions (B2, B7) are measured
against a second baseline too: the best query written by hand over the same tables (agreement_terms and its indexes)
for the same answer, checked to return the same agreements as the API.
"""
import datetime
import hashlib
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

API = os.environ["BENCH_API"]
API_PID = os.environ["BENCH_API_PID"]
# the hand-written peer (bench/peer) for B1, B3a and B5: raw Npgsql behind the same token validation
PEER = os.environ["BENCH_PEER"]
TOKEN = os.environ["BENCH_TOKEN"]
WORK = os.environ["BENCH_WORK"]
PG = os.environ["BENCH_PG"].split()
PG_LOG = os.environ["BENCH_PG_LOG"]
PG_BIN = os.environ["BENCH_PG_BIN"]
SECONDS = int(os.environ.get("BENCH_SECONDS", "20"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "10"))
CONNECTIONS = 16
KEYS = dict(line.split("=", 1) for line in open(os.environ["BENCH_KEYS"]).read().split("\n") if "=" in line)


def psql(*commands):
    args = [f"{PG_BIN}/psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", *PG]
    for command in commands:
        args += ["-c", command]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout.strip()


def http(method, path, body=None, content_type="application/json", headers=None, base=API):
    request = urllib.request.Request(base + path, data=body, method=method)
    request.add_header("Authorization", f"Bearer {TOKEN}")
    if body is not None:
        request.add_header("Content-Type", content_type)
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers


def expect_ok(method, path, with_headers=False, **kwargs):
    status, body, headers = http(method, path, **kwargs)
    if status >= 300:
        sys.exit(f"{method} {path} on {kwargs.get('base', API)} answered {status}: {body[:500]!r}")
    return (body, headers) if with_headers else body


def uuid_of(kind, n):
    digest = hashlib.md5(f"{kind}:{n}".encode()).hexdigest()
    return f"{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:]}"


# --- the SQL the API sends, from the server's statement log -------------------------------------------------------

ENTRY = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ \S+ \[\d+\] (\S*) ?(LOG|DETAIL|ERROR|STATEMENT|WARNING):  (.*)$")
EXECUTE = re.compile(r"duration: [\d.]+ ms  (?:execute [^:]*|statement): (.*)$", re.S)
PARAMETER = re.compile(r"\$(\d+) = (NULL|'(?:[^']|'')*')")


def captured_sql(send):
    """The statements the API ran while `send` made one request, parameters written in."""
    psql("ALTER SYSTEM SET log_min_duration_statement = 0", "ALTER SYSTEM SET log_line_prefix = '%m [%p] %u '", "SELECT pg_reload_conf()")
    time.sleep(1)  # the API's pooled sessions take the new settings at their next command
    start = os.path.getsize(PG_LOG)
    send()
    time.sleep(0.5)
    with open(PG_LOG, encoding="utf-8", errors="replace") as log:
        log.seek(start)
        text = log.read()
    psql("ALTER SYSTEM RESET log_min_duration_statement", "ALTER SYSTEM RESET log_line_prefix", "SELECT pg_reload_conf()")

    entries = []
    for line in text.split("\n"):
        match = ENTRY.match(line)
        if match:
            entries.append(list(match.groups()))
        elif entries and line.startswith("\t"):
            entries[-1][2] += "\n" + line[1:]
    statements = []
    for index, (user, level, message) in enumerate(entries):
        execute = EXECUTE.match(message) if user == "register_api" and level == "LOG" else None
        if not execute:
            continue
        sql = execute.group(1).strip()
        if sql.upper().startswith("DISCARD"):
            continue  # the pool's reset of a reused session; it would also drop pgbench's prepared statements
        detail = entries[index + 1] if index + 1 < len(entries) else None
        if detail and detail[1] == "DETAIL" and detail[2].startswith("parameters:"):
            values = dict(PARAMETER.findall(detail[2]))
            # the log has no parameter types: a date written in untyped would be read as a range by "valid @> $1"
            values = {k: v + "::date" if re.fullmatch(r"'\d{4}-\d\d-\d\d'", v) else v for k, v in values.items()}
            sql = re.sub(r"\$(\d+)\b", lambda m: values[m.group(1)], sql)
        statements.append(sql.rstrip(";") + ";")
    if not statements:
        sys.exit("No SQL from the API was found in the server log")
    return "\n".join(statements) + "\n"


# --- load generators --------------------------------------------------------------------------------------------

def pgbench(script, connections=CONNECTIONS, seconds=SECONDS):
    with tempfile.NamedTemporaryFile("w", suffix=".sql", dir=WORK, delete=False) as file:
        file.write(script)
    args = [f"{PG_BIN}/pgbench", "-n", "-M", "prepared", "-c", str(connections), "-j", str(min(connections, 2)), "-f", file.name, *PG]
    subprocess.run(args + ["-T", str(WARMUP)], check=True, capture_output=True, text=True)
    output = subprocess.run(args + ["-T", str(seconds)], check=True, capture_output=True, text=True).stdout
    return float(re.search(r"tps = ([\d.]+)", output).group(1))


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(lua, connections=CONNECTIONS, seconds=SECONDS, base=API):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", dir=WORK, delete=False) as file:
        file.write(lua)
    threads = str(min(connections, 2))
    # a request slower than wrk's default 2 s timeout would not be counted at all: wait for every answer
    args = ["wrk", "-t", threads, "-c", str(connections), "--latency", "--timeout", "60s", "-H", f"Authorization: Bearer {TOKEN}",
            "-s", file.name, base]
    warm(args)
    output = subprocess.run(args[:1] + ["-d", f"{seconds}s"] + args[1:], check=True, capture_output=True, text=True).stdout
    refused = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if refused:
        sys.exit(f"{'The API' if base == API else 'The peer'} refused {refused.group(1)} requests during a run:\n{output}")
    if re.search(r"Socket errors:.*timeout [1-9]", output):
        sys.exit(f"Requests timed out during a run:\n{output}")

    def percentile(p):
        value, unit = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
        return float(value) * UNITS[unit]

    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)), "p50": percentile(50), "p99": percentile(99)}


def warm(args):
    """
    Loads the server until its throughput stops rising: WARMUP s, then rounds of 5 s until one is no more than 5 % faster than
    the best before it, 60 s at most. .NET compiles hot code again, optimised, over its first tens of seconds under load; on
    these 2 cores a path first run in its scenario (a fund's summary, the export) was still getting faster 40 s in, so a fixed
    10 s measured the compiler as much as the server. The peer is warmed the same way.
    """
    subprocess.run(args[:1] + ["-d", f"{WARMUP}s"] + args[1:], check=True, capture_output=True, text=True)
    best, spent = 0.0, WARMUP
    while spent < 60:
        output = subprocess.run(args[:1] + ["-d", "5s"] + args[1:], check=True, capture_output=True, text=True).stdout
        spent += 5
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
        if rps <= best * 1.05:
            return
        best = rps


def get_lua(paths, accept=None):
    listed = ",\n".join(json.dumps(p) for p in paths)
    if accept is None:
        return f"local paths = {{\n{listed}\n}}\nrequest = function() return wrk.format('GET', paths[math.random(#paths)]) end\n"
    return (f"local paths = {{\n{listed}\n}}\nrequest = function()\n  local headers = {{}}\n"
            f"  for name, value in pairs(wrk.headers) do headers[name] = value end\n  headers['Accept'] = {json.dumps(accept)}\n"
            f"  return wrk.format('GET', paths[math.random(#paths)], headers)\nend\n")


def peak_memory_mb():
    status = open(f"/proc/{API_PID}/status").read()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024


# --- scenarios ----------------------------------------------------------------------------------------------------

results = []


def record(name, baseline, api, target, met, note="", best=None, peer=None):
    results.append({"name": name, "best": best, "baseline": baseline, "api": api, "memory": peak_memory_mb(), "target": target,
                    "met": met, "note": note, "peer": peer})
    print(f"{name}: best query {best}, API's SQL {baseline}, API {api}, peer {peer}, target {target}: {'met' if met else 'MISSED'}", flush=True)


def read_scenario(paths, kind=None, connections=CONNECTIONS, accept=None):
    """One GET shape over `paths`; the baseline runs the SQL captured for paths[0], varied the same way when `kind` names the ids."""
    sql = captured_sql(lambda: expect_ok("GET", paths[0], headers={"Accept": accept} if accept else {}))
    if kind:
        first = re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", paths[0]).group(0)
        sql = f"\\set n random(1, {len(paths)})\n" + sql.replace(f"'{first}'", f"md5('{kind}:' || (:n)::text)::uuid")
    baseline = pgbench(sql, connections)
    api = wrk(get_lua(paths, accept), connections)
    return baseline, api


def same_answer(path):
    """The peer answers GET `path` as the API does: the same JSON and the same ETag."""
    (api, api_headers), (peer, peer_headers) = [expect_ok("GET", path, with_headers=True, base=base) for base in (API, PEER)]
    api, peer = json.loads(api), json.loads(peer)
    if api != peer:
        differ = sorted(k for k in set(api) | set(peer) if api.get(k) != peer.get(k))
        sys.exit(f"{path}: the peer's answer is not the API's (fields {differ}):\nAPI  {json.dumps(api)[:1500]}\npeer {json.dumps(peer)[:1500]}")
    if api_headers.get("ETag") != peer_headers.get("ETag"):
        sys.exit(f"{path}: the peer's ETag {peer_headers.get('ETag')} is not the API's {api_headers.get('ETag')}")


def b1():
    paths = [f"/api/v1/agreements/{uuid_of('agreement', n)}" for n in range(1, 1001)]
    for path in paths[:50]:
        same_answer(path)
    baseline, api = read_scenario(paths, kind="agreement")
    peer = wrk(get_lua(paths), base=PEER)
    ratio, of_peer = api["rps"] / baseline, api["rps"] / peer["rps"]
    record("B1 GET one agreement by id (1,000 ids)", baseline, api, "≥ 0.35 of baseline and ≥ 0.8 of the peer; p99 < 10 ms",
           ratio >= 0.35 and of_peer >= 0.8 and api["p99"] < 10, f"peer p50 {peer['p50']:.2f} ms, p99 {peer['p99']:.2f} ms", peer=peer)


# the best queries PostgreSQL can run for "agreements active on a day with this organisation a party then", over the
# organisation's part in the periods in force (agreement_party_terms WHERE superseded_in IS NULL) and its B-tree index on
# (organisation_id, reference), which includes the period and the activity. Both forms are measured, the faster is the baseline:
#   walk:    the organisation's rows in reference order on that index, the day and the activity tested on each,
#            stopping at the page's end;
#   collect: every matching row found, sorted by reference, the page taken (fast when they are few).
# Only the page's agreements are then read. A party is in a period once and periods never overlap, so each agreement
# comes at most once.
# For the lists of summaries the page's agreements are read without their history: their own columns, the period in force
# that day (one, since an agreement's periods never overlap), and for the binding list the variations (through whom it binds).
SUMMARY_COLUMNS = ("a.id, a.reference, a.title, a.basis, a.status, a.commences_on, a.latest_ends_on, a.latest_review_on, a.party_ids, "
                   "a.parent_id, a.illustrative, p.active, p.status, p.party_roles, p.host_id, p.services, p.ends_on, p.review_on, "
                   "p.notice_months, p.variation_number")


def best_terms_sql(organisation, day, limit, after=None, form="walk", summary=None):
    """The organisation's part in the periods in force: walked in reference order on its index, or collected and sorted.
    With `summary` (the extra columns, or ""), the page's summaries rather than its whole agreements."""
    keyset = f" AND t.reference > '{after}'" if after else ""
    matching = (f"SELECT t.agreement_id, t.reference FROM agreement_party_terms t WHERE t.superseded_in IS NULL "
                f"AND t.organisation_id = '{organisation}' AND t.active AND t.valid @> date '{day}'{keyset}")
    columns = "a.*" if summary is None else SUMMARY_COLUMNS + summary
    period = ("" if summary is None else
              f" LEFT JOIN agreement_terms p ON p.agreement_id = a.id AND p.superseded_in IS NULL AND p.valid @> date '{day}'")
    if form == "walk":
        return (f"SELECT {columns} FROM ({matching} ORDER BY t.reference LIMIT {limit}) t JOIN agreements a ON a.id = t.agreement_id"
                f"{period} ORDER BY t.reference;\n")
    return (f"WITH hits AS MATERIALIZED ({matching}) SELECT {columns} FROM (SELECT * FROM hits ORDER BY reference LIMIT {limit}) t "
            f"JOIN agreements a ON a.id = t.agreement_id{period} ORDER BY t.reference;\n")


def best_query(organisation, day, limit, ids, what, after=None, summary=None):
    """Each form checked to answer with the API's agreements, in its order; returns (the faster's rate, its name)."""
    rates = {}
    for form in ("walk", "collect"):
        sql = best_terms_sql(organisation, day, limit, after, form, summary)
        same_agreements(best_terms_sql(organisation, day, len(ids), after, form, summary), ids, what)
        rates[form] = pgbench(sql)
    form = max(rates, key=rates.get)
    return rates[form], f"best query: {form} ({', '.join(f'{f} {r:,.1f}/s' for f, r in rates.items())})"


def best_of(best, form, baseline):
    """The API's own SQL is a query PostgreSQL can run for the same answer too: when it is the faster, it is the best."""
    if baseline > best:
        return baseline, f"{form}; the API's own SQL ran faster and is taken as the best"
    return best, form


def same_agreements(sql, ids, what):
    """The best query answers with the agreements the API gave, in its order."""
    found = psql(f"SELECT string_agg(id::text, ',' ORDER BY n) FROM (SELECT q.id, row_number() OVER () AS n FROM ({sql.rstrip().rstrip(';')}) q) x")
    if found.split(",") != ids:
        sys.exit(f"{what}: the best query does not answer as the API does ({len(found.split(','))} rows against {len(ids)})")


def b2():
    organisation, day = KEYS["hub_organisation_id"], KEYS["active_on"]
    first = f"/api/v1/agreements?organisationId={organisation}&activeOn={day}&limit=50"
    deep, pages, after = first, 0, None
    while pages < 100:
        page = json.loads(expect_ok("GET", deep))
        if not page.get("next"):
            break
        following = page["next"]
        deep, pages, after = following[following.index("/api/"):], pages + 1, page["items"][-1]["reference"]
    # the API reads one row past the page to know whether there is a next: so does the best query
    pages_read = {}
    for name, path, cursor in (("first", first, None), ("deep", deep, after)):
        page = json.loads(expect_ok("GET", path))
        rows = int(psql(f"SELECT count(*) FROM ({best_terms_sql(organisation, day, 51, cursor).rstrip().rstrip(';')}) q"))
        if rows != len(page["items"]) + (1 if page.get("next") else 0):
            sys.exit(f"{path}: the best query's look-ahead row does not say what the API's next link says")
        pages_read[name] = [i["id"] for i in page["items"]]
    best, form = best_query(organisation, day, 51, pages_read["first"], first)
    baseline_first, api_first = read_scenario([first])
    best, form = best_of(best, form, baseline_first)
    record("B2a agreements active on a date for one organisation: first page of 50", baseline_first, api_first,
           "best query ≥ 2,000/s; API ≥ 0.5 of it; p99 < 25 ms",
           best >= 2000 and api_first["rps"] / best >= 0.5 and api_first["p99"] < 25, form, best=best)
    best, form = best_query(organisation, day, 51, pages_read["deep"], deep, after)
    baseline_deep, api_deep = read_scenario([deep])
    best, form = best_of(best, form, baseline_deep)
    deep_over_first = api_first["rps"] / api_deep["rps"]  # the time a deep page takes, over the first page's
    record(f"B2b the same, page {pages + 1} (keyset cursor)", baseline_deep, api_deep,
           "within 1.2× of the first page's time", deep_over_first <= 1.2,
           f"a deep page takes {deep_over_first:.2f}× the first page's time; {form}", best=best)
    # the same first page as summaries (GET /agreements/summaries): the same agreements, without their history
    summaries = f"/api/v1/agreements/summaries?organisationId={organisation}&activeOn={day}&limit=50"
    if [i["id"] for i in json.loads(expect_ok("GET", summaries))["items"]] != pages_read["first"]:
        sys.exit(f"{summaries}: the summaries are not the first page's agreements")
    best, form = best_query(organisation, day, 51, pages_read["first"], summaries, summary="")
    baseline, api = read_scenario([summaries])
    best, form = best_of(best, form, baseline)
    record("B2a′ the same first page as summaries (GET /agreements/summaries)", baseline, api,
           "best query ≥ 2,000/s; API ≥ 0.5 of it; p99 < 25 ms",
           best >= 2000 and api["rps"] / best >= 0.5 and api["p99"] < 25, form, best=best)


def b7():
    icb, day = KEYS["bound_icb_id"], KEYS["bound_on"]
    path = f"/api/v1/organisations/{icb}/agreements?activeOn={day}&limit=500"
    bound = json.loads(expect_ok("GET", path))["items"]
    # the agreements the ICB is a party to in a period containing the day, active then: its own, and those it took over
    # by novation (PCT -> CCG -> merged CCG -> ICB); at most 500, by reference, as the API answers
    depths = {}
    for b in bound:
        depths[b["successionDepth"]] = depths.get(b["successionDepth"], 0) + 1
    best, form = best_query(icb, day, 500, [b["agreement"]["id"] for b in bound], path)
    baseline, api = read_scenario([path])
    best, form = best_of(best, form, baseline)
    record(f"B7 agreements binding an ICB on a date through up to three successions ({len(bound)} agreements)", baseline, api,
           "API ≥ 0.5 of the best query; p99 < 20 ms", api["rps"] / best >= 0.5 and api["p99"] < 20,
           "by succession depth " + ", ".join(f"{d}: {n}" for d, n in sorted(depths.items())) + f"; {form}", best=best)
    summaries = f"/api/v1/organisations/{icb}/agreements/summaries?activeOn={day}&limit=500"
    listed = json.loads(expect_ok("GET", summaries))["items"]
    if [(b["agreement"]["id"], b["boundThroughId"], b["successionDepth"]) for b in listed] != \
            [(b["agreement"]["id"], b["boundThroughId"], b["successionDepth"]) for b in bound]:
        sys.exit(f"{summaries}: the summaries do not bind as the whole list does")
    best, form = best_query(icb, day, 500, [b["agreement"]["id"] for b in bound], summaries, summary=", a.variations")
    baseline, api = read_scenario([summaries])
    best, form = best_of(best, form, baseline)
    record("B7′ the same as summaries (GET /organisations/{id}/agreements/summaries)", baseline, api,
           "API ≥ 0.5 of the best query; p99 < 20 ms", api["rps"] / best >= 0.5 and api["p99"] < 20, form, best=best)


# the best query PostgreSQL can run for one fund's summary over the ledger's totals (ledger_period_totals, kept by the
# database with every line: at most twelve rows per category of a fund's year): in one statement, everything the summary is
# drawn from, the fund (its risk shares), its contributions for the year and its spend per period summed from the totals
def best_summary_sql(fund, year):
    return (f"SELECT f.id, f.name, f.agreement_id, f.risk_shares, "
            f"(SELECT json_agg(json_build_object('id', c.id, 'organisation_id', c.organisation_id, 'kind', c.kind, 'form', c.form, "
            f"'amount', c.amount, 'created_at', c.created_at)) FROM contributions c WHERE c.fund_id = f.id AND c.financial_year_start = {year}) AS contributions, "
            f"(SELECT json_agg(json_build_object('period', t.period, 'spend', t.spend) ORDER BY t.period) FROM "
            f"(SELECT period, sum(amount) AS spend FROM ledger_period_totals WHERE fund_id = f.id AND financial_year_start = {year} GROUP BY period) t) AS spend "
            f"FROM pooled_funds f WHERE f.id = '{fund}';\n")


def same_totals_as_lines(year):
    """The totals the data set holds for the year are PostgreSQL's own GROUP BY over its ledger lines, row for row."""
    differ = psql(f"""SELECT count(*) FROM (
        (SELECT fund_id, financial_year_start, period, category, amount, line_count FROM ledger_period_totals WHERE financial_year_start = {year}
         EXCEPT SELECT fund_id, financial_year_start, period, category, sum(amount), count(*) FROM ledger_lines WHERE financial_year_start = {year}
                GROUP BY fund_id, financial_year_start, period, category)
        UNION ALL
        (SELECT fund_id, financial_year_start, period, category, sum(amount), count(*) FROM ledger_lines WHERE financial_year_start = {year}
                GROUP BY fund_id, financial_year_start, period, category
         EXCEPT SELECT fund_id, financial_year_start, period, category, amount, line_count FROM ledger_period_totals WHERE financial_year_start = {year})) d""")
    if differ != "0":
        sys.exit(f"ledger_period_totals differs from the sums of the ledger lines of {year} in {differ} rows")


def b3():
    fund, year = KEYS["fund_id"], KEYS["fund_financial_year"]
    start = int(year[:4])
    same_totals_as_lines(start)
    path = f"/api/v1/pooled-funds/{fund}/summary?financialYear={year}"
    summary = json.loads(expect_ok("GET", path))
    spend = json.loads(psql(f"SELECT coalesce(q.spend::text, '[]') FROM ({best_summary_sql(fund, start).rstrip().rstrip(';')}) q"))
    if ({s["period"]: round(s["spend"], 2) for s in spend if s["spend"] != 0}
            != {p["period"]: round(p["spend"], 2) for p in summary["periods"] if p["spend"] != 0}):
        sys.exit(f"{path}: the best query's spend per period is not the API's")
    same_answer(path)  # every figure, partner by partner and period by period
    best = pgbench(best_summary_sql(fund, start))
    baseline, api = read_scenario([path])
    peer = wrk(get_lua([path]), base=PEER)
    record(f"B3a pooled-fund summary, one fund and year ({KEYS['fund_year_ledger_lines']} of 1,000,000 lines)", baseline, api,
           "API ≥ 0.5 of the best query over the totals; p99 < 10 ms", api["rps"] / best >= 0.5 and api["p99"] < 10,
           f"best query: the fund, its contributions and its spend per period from ledger_period_totals, in one statement "
           f"({len(summary['periods'])} periods); peer p50 {peer['p50']:.2f} ms, p99 {peer['p99']:.2f} ms", best=best, peer=peer)
    finance_year = KEYS["finance_financial_year"]
    finance_start = int(finance_year[:4])
    same_totals_as_lines(finance_start)
    # what the export cost before the totals: PostgreSQL's GROUP BY over every ledger line of the year
    # of one organisation's funds (the hub's, a few hundred): a selection of more than 500 funds is refused (422 too-large)
    hub = KEYS["hub_organisation_id"]
    lines_group_by = pgbench(f"SELECT l.fund_id, l.period, sum(l.amount) FROM ledger_lines l JOIN pooled_funds f ON f.id = l.fund_id "
                             f"JOIN agreements a ON a.id = f.agreement_id WHERE l.financial_year_start = {finance_start} "
                             f"AND '{hub}' = ANY(a.party_ids) GROUP BY l.fund_id, l.period;\n", connections=1)
    # the JSON is paged; the CSV is the whole selection
    baseline, api = read_scenario([f"/api/v1/finance/summaries?financialYear={finance_year}&organisationId={hub}"], connections=1, accept="text/csv")
    record(f"B3b finance export, the funds of one organisation's agreements for {finance_year} (1 connection)", baseline, api,
           "time within 1.5× of PostgreSQL's GROUP BY", baseline / api["rps"] <= 1.5,
           f"API {1000 / api['rps']:.0f} ms per export, PostgreSQL running its SQL (the GROUP BY over the totals) {1000 / baseline:.0f} ms; "
           f"the GROUP BY over those funds' ledger lines of the year alone takes {1000 / lines_group_by:.0f} ms")


def b4():
    fund = KEYS["fund_id"]
    year = int(KEYS["fund_financial_year"][:4])
    def lines(run):
        for n in range(100_000):
            day = datetime.date(year, 4, 1) + datetime.timedelta(days=n % 365)
            yield day, f"{(n % 9973) * 12.34 + 0.01:.2f}", f"BENCH-{run}-{n:06d}"
    timings = []
    for run in range(3):
        csv = "date,amount,category,description,external_reference\n" + "".join(
            f"{day},{amount},Bench,Imported line,{reference}\n" for day, amount, reference in lines(f"api{run}"))
        started = time.perf_counter()
        expect_ok("POST", f"/api/v1/pooled-funds/{fund}/ledger-lines/import", body=csv.encode(), content_type="text/csv")
        api_seconds = time.perf_counter() - started
        created_at = datetime.datetime.now(datetime.UTC).isoformat()
        period = lambda day: (day.month - 4) % 12 + 1
        table = "".join(f"{fund},{day},{amount},Bench,Imported line,{reference},{year},{period(day)},{created_at}\n"
                        for day, amount, reference in lines(f"copy{run}"))
        path = os.path.join(WORK, "ledger.csv")
        open(path, "w").write(table)
        started = time.perf_counter()
        psql(f"\\copy ledger_lines (fund_id, booked_on, amount, category, description, external_reference, financial_year_start, period, created_at) FROM '{path}' CSV")
        timings.append((api_seconds, time.perf_counter() - started))
    api_seconds = statistics.median(t[0] for t in timings)
    copy_seconds = statistics.median(t[1] for t in timings)
    record("B4 import 100,000 ledger lines (median of 3)", 1 / copy_seconds, {"rps": 1 / api_seconds, "p50": api_seconds * 1000, "p99": max(t[0] for t in timings) * 1000},
           "within 5× of \\copy", api_seconds / copy_seconds <= 5, f"API {api_seconds:.2f} s, \\copy {copy_seconds:.2f} s (runs per second shown)")


# B5's API requests per second in bench/results.md as committed before agreements had periods (a231bb2, full run)
B5_BEFORE = 640.2


def row_counts():
    """Every table's exact row count (one statement)."""
    rows = psql("SELECT relname, (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', schemaname, relname), false, true, '')))[1]::text "
                "FROM pg_stat_user_tables WHERE relname NOT LIKE 'bench_%'")
    return {name: int(count) for name, count in (line.split("|") for line in rows.split("\n"))}


def rows_per_agreement(run):
    """The rows each table gained per agreement created while `run` ran: what one request writes."""
    before = row_counts()
    result = run()
    after = row_counts()
    created = after["agreements"] - before["agreements"]
    if created <= 0:
        sys.exit("No agreement was created during a B5 run")
    return result, {t: round((after[t] - before[t]) / created, 3) for t in after if after[t] != before.get(t, 0)}


def b5():
    host, partner = KEYS["new_agreement_host_id"], KEYS["new_agreement_partner_id"]
    prefix = KEYS["new_agreement_reference_prefix"]
    body = json.dumps({
        "reference": "%s", "title": "Benchmark agreement %s", "basis": KEYS["new_agreement_basis"],
        "flexibilities": [KEYS["new_agreement_flexibilities"]], "services": ["community equipment"],
        "parties": [{"organisationId": host, "role": "Host"}, {"organisationId": partner, "role": "Partner"}],
        "commencesOn": KEYS["new_agreement_commences_on"], "illustrative": False,
    })
    # the peer answers a create as the API does: the same agreement but for what is new each time, its Location and an ETag
    sample = {base: body.replace("%s", f"{prefix}SAMPLE{tag}", 2).encode() for base, tag in ((API, ""), (PEER, "-PEER"))}
    answers = []
    for base, key in ((API, "bench-sample"), (PEER, "bench-sample-peer")):
        data, headers = expect_ok("POST", "/api/v1/agreements", with_headers=True, base=base, body=sample[base], headers={"Idempotency-Key": key})
        created = json.loads(data)
        if headers.get("Location") != f"/api/v1/agreements/{created['id']}" or not re.fullmatch(r'"\d+"', headers.get("ETag") or ""):
            sys.exit(f"B5: {base} answered a create with Location {headers.get('Location')} and ETag {headers.get('ETag')}")
        answers.append({k: v for k, v in created.items() if k not in ("id", "reference", "title", "createdAt", "updatedAt")})
    if answers[0] != answers[1]:
        sys.exit(f"B5: the peer's created agreement is not the API's:\nAPI  {json.dumps(answers[0])}\npeer {json.dumps(answers[1])}")
    row = psql(f"SELECT to_jsonb(a) FROM agreements a WHERE reference = '{prefix}SAMPLE'")
    psql("DROP TABLE IF EXISTS bench_plain_agreements", "CREATE TABLE bench_plain_agreements (LIKE agreements INCLUDING ALL)")
    plain = ("INSERT INTO bench_plain_agreements SELECT * FROM jsonb_populate_record(NULL::bench_plain_agreements, "
             f"'{row.replace(chr(39), chr(39) * 2)}'::jsonb || jsonb_build_object('id', gen_random_uuid(), 'reference', 'PLAIN-' || gen_random_uuid()));\n")
    baseline = pgbench(plain)

    def lua(tag):
        return f"""
local counter, thread_id = 0, 0
local template = {json.dumps(body)}
function setup(thread) thread_id = thread_id + 1; thread:set("tid", thread_id) end
request = function()
  counter = counter + 1
  local reference = string.format("{prefix}{tag}%d-%d-%d", os.time(), tid, counter)
  local headers = {{}}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  headers["Content-Type"] = "application/json"
  headers["Idempotency-Key"] = reference
  return wrk.format("POST", "/api/v1/agreements", headers, string.format(template, reference, reference))
end
"""
    api, api_rows = rows_per_agreement(lambda: wrk(lua("")))
    peer, peer_rows = rows_per_agreement(lambda: wrk(lua("P"), base=PEER))
    if api_rows != peer_rows:
        sys.exit(f"B5: the peer does not write the rows the API writes per request:\nAPI  {api_rows}\npeer {peer_rows}")
    of_plain, of_peer = api["rps"] / baseline, api["rps"] / peer["rps"]
    record("B5 POST an agreement with Idempotency-Key (history, audit, change feed, periods, stored response: one transaction)",
           baseline, api, "≥ 0.2 of a plain INSERT and ≥ 0.8 of the peer", of_plain >= 0.2 and of_peer >= 0.8,
           f"{of_plain:.2f} of a plain INSERT; {api['rps'] / B5_BEFORE:.2f} of before the periods ({B5_BEFORE:,.1f}/s, the older target: ≥ 0.9); "
           f"rows per request, the same for the peer: {', '.join(f'{t} {n:g}' for t, n in sorted(api_rows.items()))}; "
           f"peer p50 {peer['p50']:.2f} ms, p99 {peer['p99']:.2f} ms", peer=peer)


def b6():
    post = KEYS["deep_post_id"]
    baseline, api = read_scenario([f"/api/v1/posts/{post}/chain?on={KEYS['chain_on']}"])
    record(f"B6 accountability chain for a post {KEYS['deep_post_chain_depth']} levels deep", baseline, api,
           "≥ 0.6 of baseline; p99 < 20 ms", api["rps"] / baseline >= 0.6 and api["p99"] < 20)


def b8():
    # a service word found in thousands of agreements' titles, purposes and services: ranked, first page of 50
    path = "/api/v1/agreements?q=autism&limit=50"
    page = json.loads(expect_ok("GET", path))
    if not page["items"]:
        sys.exit(f"{path}: no agreements found; the search scenario needs some")
    baseline, api = read_scenario([path])
    record("B8 full-text search over 100,000 agreements (q=autism), first page of 50", baseline, api,
           "p99 < 50 ms", api["rps"] > 0 and api["p99"] < 50)


def b9():
    # the first page of the agreements list as the register stood a moment ago (after the data set was loaded)
    moment = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    path = f"/api/v1/agreements?asOf={moment}&limit=50"
    now = json.loads(expect_ok("GET", "/api/v1/agreements?limit=50"))
    if [a["id"] for a in json.loads(expect_ok("GET", path))["items"]] != [a["id"] for a in now["items"]]:
        sys.exit(f"{path}: asOf a moment after the last change is not the list now")
    baseline, api = read_scenario([path])
    record("B9 the agreements list asOf a moment (100,000 agreements), first page of 50", baseline, api,
           "p99 < 50 ms", api["rps"] > 0 and api["p99"] < 50)


FAILED = []


# --- the report ---------------------------------------------------------------------------------------------------

def machine():
    cpu = re.search(r"model name\s*:\s*(.*)", open("/proc/cpuinfo").read())
    memory = int(re.search(r"MemTotal:\s+(\d+)", open("/proc/meminfo").read()).group(1)) / 1024 / 1024
    dotnet = subprocess.run(["dotnet", "--version"], capture_output=True, text=True).stdout.strip()
    postgres = psql("SHOW server_version")
    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    return (f"{os.cpu_count()} cores ({cpu.group(1) if cpu else 'unknown CPU'}), {memory:.0f} GiB, {platform.system()} {platform.release()}; "
            f"PostgreSQL {postgres} on the same machine; .NET SDK {dotnet} (API published in Release, run in the Production environment with tokens from a pinned issuer key); {wrk_version}")


def write(path):
    rows = []
    for r in results:
        api, best = r["api"], r["best"]
        best_cells = " | ".join([f"{best:,.1f}", f"{r['baseline'] / best:.2f}", f"{api['rps'] / best:.2f}"] if best else ["", "", ""])
        peer = r["peer"]
        peer_cells = " | ".join([f"{peer['rps']:,.1f}", f"{api['rps'] / peer['rps']:.2f}"] if peer else ["", ""])
        rows.append(f"| {r['name']} | {best_cells} | {r['baseline']:,.1f} | {api['rps']:,.1f} | {api['rps'] / r['baseline']:.2f} | {peer_cells} | "
                    f"{api['p50']:.2f} ms | {api['p99']:.2f} ms | {r['memory']:.0f} MB | {r['target']} | {'yes' if r['met'] else '**no**'} | {r['note']} |")
    with open(path, "w") as out:
        out.write(f"""# Benchmark results

Written by `scripts/bench` on {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC. Machine: {machine()}.

Each scenario runs {WARMUP} s of warm-up (for the API and the peer, then 5 s rounds until one is no more than 5 % faster than the best before it, 60 s at most: .NET recompiles hot code, optimised, over its first tens of seconds under load), then {SECONDS} s measured, at {CONNECTIONS} connections unless it says otherwise, on a data set of
10,000 organisations, 100,000 agreements, 2,000 pooled funds with 1,000,000 ledger lines, and 20,000 posts (`bench/dataset`).
The baseline is PostgreSQL alone (`pgbench -M prepared`) running the SQL the API sent for the same request, taken from the
server's statement log; for B4 it is `\\copy` of the same lines, for B5 a plain INSERT of the same row into a copy of the
table without the record-keeping trigger. For the legal questions (B2, B7) the best query is PostgreSQL alone running the
best SQL written by hand over the same tables for the same answer (`bench/bench.py`, `best_terms_sql`: the periods in force
in reference order, stopping at the page's end; for the lists of summaries, B2a′ and B7′, the page's own columns and its period
of the day rather than whole rows), checked to return the API's agreements; when the API's own SQL runs faster, it is the best
query. API figures are wrk over HTTP on
loopback; memory is the API process's peak resident set so far. The API, PostgreSQL and the load generators share the same
{os.cpu_count()} cores. Before measuring, `bench/check_terms.py` compared the periods stored for {CHECKED} agreements with those the API
computes from their history, and the agreement_terms rows with those the register's trigger writes: {CHECK_RESULT}.

The peer (B1, B3a, B5) is a hand-written ASP.NET Core service, `bench/peer`, never shipped, started beside the API in the same
run with the same environment (Production, the API's connection string and so its register_api role, the same pinned token
issuer) and driven by the same wrk script at the same connections. It is what a careful service on the same framework does
without the API's layers: raw Npgsql (an NpgsqlDataSource, statements prepared automatically; no EF Core, no AutoMapper), the
API's JWT bearer validation and scope policies, and System.Text.Json from source-generated contexts in the API's JSON (camelCase,
enums by name, money with two places). B1 reads the agreement's row in one statement and writes the API's AgreementResponse with
its ETag. B3a reads the fund, its contributions for the year and its spend per period from ledger_period_totals in one round trip
and draws the figures as the API does (the latest contribution of each kind, actual over revised over planned, cash and in kind
apart; variance; the year's risk share split in whole pence). B5 runs one transaction in three round trips: the change's actor
declared, the Idempotency-Key claimed, the parties and their successions read; the agreement inserted (the database's triggers
write its revision, positioned in the change feed at commit, its audit row and its dated terms, as for the API) and the response,
protected with ASP.NET Core Data Protection, stored with the key; the commit. Before it is measured its answers are checked
against the API's: B1 for 50 agreements and their ETags, B3a the whole summary, B5 the created agreement, its Location and ETag,
and the rows every table gains per request over both runs. It leaves out: the API's request log, correlation-id header,
OpenTelemetry, rate limiting, API versioning, problem details for every error, `activeOn`, `asOf` and CSV, the statutory basis'
rules for a new agreement (it checks only for two parties, a host, and that the parties and the parent exist), novations (it
refuses a party with a recorded succession; the benchmark's parties have none), the savepoint that lets a refused request keep
its answer, and replaying a repeated key (it answers 409). B5 is judged by issue 17's targets; its figure against the write path
before agreements had periods ({B5_BEFORE:,.1f}/s, the older target of 0.9) stays in its note.

| Scenario | Best query per s | API's SQL / best | API / best | API's SQL per s (baseline) | API per s | API / baseline | Peer per s | API / peer | API p50 | API p99 | API peak memory | Target | Met | Note |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|
""" + "\n".join(rows) + "\n")
        peak = max(r["memory"] for r in results)
        out.write(f"\nThe API's peak memory over the whole run: {peak:.0f} MB (target: under 250 MB; {'met' if peak < 250 else '**missed**'}).\n")
        for failed in FAILED:
            out.write(f"\n**Not measured** (its check failed): {failed}\n")
    print(f"Wrote {path}")


# the data set as the register would hold it: a sample of agreements read through the API, the trigger's rows, B7's ICB
CHECKED = int(os.environ.get("BENCH_CHECK_AGREEMENTS", "2000"))
check = subprocess.run([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "check_terms.py"), str(CHECKED)],
                       capture_output=True, text=True)
print(check.stdout, check.stderr, flush=True)
if check.returncode != 0:
    sys.exit("The data set does not read back as the register would hold it (bench/check_terms.py)")
CHECK_RESULT = "all equal"

# BENCH_SCENARIOS=b2,b7 runs only those (the table then has only their rows)
chosen = os.environ.get("BENCH_SCENARIOS", "").split(",")
# a scenario whose check fails is not measured; the others still are, the table says which failed, and the run fails
for scenario in (b1, b2, b7, b3, b4, b5, b6, b8, b9):
    if chosen == [""] or scenario.__name__ in chosen:
        try:
            scenario()
        except SystemExit as failed:
            print(f"{scenario.__name__} not measured: {failed}", flush=True)
            FAILED.append(f"{scenario.__name__}: {failed}")
write(sys.argv[1])
if FAILED:
    sys.exit("Not measured, their checks failed: " + "; ".join(FAILED))
