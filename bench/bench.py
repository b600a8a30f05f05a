"""Runs the benchmark scenarios (see scripts/bench, which starts everything this needs) and writes the results table.

For each read scenario the baseline is PostgreSQL alone running exactly the SQL the API sent for one such request,
captured from the server log, through pgbench with the prepared protocol; the API is driven over HTTP by wrk.
Both use the same connections, the same warm-up and the same duration.
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


def http(method, path, body=None, content_type="application/json", headers=None):
    request = urllib.request.Request(API + path, data=body, method=method)
    request.add_header("Authorization", f"Bearer {TOKEN}")
    if body is not None:
        request.add_header("Content-Type", content_type)
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def expect_ok(method, path, **kwargs):
    status, body = http(method, path, **kwargs)
    if status >= 300:
        sys.exit(f"{method} {path} answered {status}: {body[:500]!r}")
    return body


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


def wrk(lua, connections=CONNECTIONS, seconds=SECONDS):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", dir=WORK, delete=False) as file:
        file.write(lua)
    threads = str(min(connections, 2))
    args = ["wrk", "-t", threads, "-c", str(connections), "--latency", "-H", f"Authorization: Bearer {TOKEN}", "-s", file.name, API]
    subprocess.run(args[:1] + ["-d", f"{WARMUP}s"] + args[1:], check=True, capture_output=True, text=True)
    output = subprocess.run(args[:1] + ["-d", f"{seconds}s"] + args[1:], check=True, capture_output=True, text=True).stdout
    refused = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if refused:
        sys.exit(f"The API refused {refused.group(1)} requests during a run:\n{output}")

    def percentile(p):
        value, unit = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
        return float(value) * UNITS[unit]

    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)), "p50": percentile(50), "p99": percentile(99)}


def get_lua(paths):
    listed = ",\n".join(json.dumps(p) for p in paths)
    return f"local paths = {{\n{listed}\n}}\nrequest = function() return wrk.format('GET', paths[math.random(#paths)]) end\n"


def peak_memory_mb():
    status = open(f"/proc/{API_PID}/status").read()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024


# --- scenarios ----------------------------------------------------------------------------------------------------

results = []


def record(name, baseline, api, target, met, note=""):
    results.append({"name": name, "baseline": baseline, "api": api, "memory": peak_memory_mb(), "target": target, "met": met, "note": note})
    print(f"{name}: baseline {baseline}, API {api}, target {target}: {'met' if met else 'MISSED'}", flush=True)


def read_scenario(paths, kind=None, connections=CONNECTIONS):
    """One GET shape over `paths`; the baseline runs the SQL captured for paths[0], varied the same way when `kind` names the ids."""
    sql = captured_sql(lambda: expect_ok("GET", paths[0]))
    if kind:
        first = re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", paths[0]).group(0)
        sql = f"\\set n random(1, {len(paths)})\n" + sql.replace(f"'{first}'", f"md5('{kind}:' || (:n)::text)::uuid")
    baseline = pgbench(sql, connections)
    api = wrk(get_lua(paths), connections)
    return baseline, api


def b1():
    paths = [f"/api/v1/agreements/{uuid_of('agreement', n)}" for n in range(1, 1001)]
    baseline, api = read_scenario(paths, kind="agreement")
    ratio = api["rps"] / baseline
    record("B1 GET one agreement by id (1,000 ids)", baseline, api, "≥ 0.25 of baseline; p99 < 10 ms",
           ratio >= 0.25 and api["p99"] < 10)


def b2():
    first = f"/api/v1/agreements?organisationId={KEYS['hub_organisation_id']}&activeOn={KEYS['active_on']}&limit=50"
    deep, pages = first, 0
    while pages < 100:
        following = json.loads(expect_ok("GET", deep)).get("next")
        if not following:
            break
        deep, pages = following[following.index("/api/"):], pages + 1
    baseline_first, api_first = read_scenario([first])
    baseline_deep, api_deep = read_scenario([deep])
    record("B2a agreements active on a date for one organisation: first page of 50", baseline_first, api_first,
           "p99 < 10 ms", api_first["p99"] < 10)
    deep_over_first = api_first["rps"] / api_deep["rps"]  # the time a deep page takes, over the first page's
    record(f"B2b the same, page {pages + 1} (keyset cursor)", baseline_deep, api_deep,
           "within 1.5× of the first page; p99 < 10 ms", deep_over_first <= 1.5 and api_deep["p99"] < 10,
           f"a deep page takes {deep_over_first:.2f}× the first page's time")


def b3():
    fund, year = KEYS["fund_id"], KEYS["fund_financial_year"]
    baseline, api = read_scenario([f"/api/v1/pooled-funds/{fund}/summary?financialYear={year}"])
    record(f"B3a pooled-fund summary, one fund and year ({KEYS['fund_year_ledger_lines']} of 1,000,000 lines)", baseline, api,
           "≥ 0.25 of baseline; p99 < 10 ms", api["rps"] / baseline >= 0.25 and api["p99"] < 10)
    baseline, api = read_scenario([f"/api/v1/finance/summaries?financialYear={KEYS['finance_financial_year']}"], connections=1)
    record(f"B3b finance export, all funds for {KEYS['finance_financial_year']} (1 connection)", baseline, api,
           "time within 2× of PostgreSQL's GROUP BY", baseline / api["rps"] <= 2,
           f"API {1000 / api['rps']:.0f} ms per export, PostgreSQL {1000 / baseline:.0f} ms")


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


def b5():
    host, partner = KEYS["new_agreement_host_id"], KEYS["new_agreement_partner_id"]
    body = json.dumps({
        "reference": "%s", "title": "Benchmark agreement %s", "basis": KEYS["new_agreement_basis"],
        "flexibilities": [KEYS["new_agreement_flexibilities"]], "services": ["community equipment"],
        "parties": [{"organisationId": host, "role": "Host"}, {"organisationId": partner, "role": "Partner"}],
        "commencesOn": KEYS["new_agreement_commences_on"], "illustrative": False,
    })
    sample = body.replace("%s", f"{KEYS['new_agreement_reference_prefix']}SAMPLE", 2)
    expect_ok("POST", "/api/v1/agreements", body=sample.encode(), headers={"Idempotency-Key": "bench-sample"})
    row = psql(f"SELECT to_jsonb(a) FROM agreements a WHERE reference = '{KEYS['new_agreement_reference_prefix']}SAMPLE'")
    psql("DROP TABLE IF EXISTS bench_plain_agreements", "CREATE TABLE bench_plain_agreements (LIKE agreements INCLUDING ALL)")
    plain = ("INSERT INTO bench_plain_agreements SELECT * FROM jsonb_populate_record(NULL::bench_plain_agreements, "
             f"'{row.replace(chr(39), chr(39) * 2)}'::jsonb || jsonb_build_object('id', gen_random_uuid(), 'reference', 'PLAIN-' || gen_random_uuid()));\n")
    baseline = pgbench(plain)
    lua = f"""
local counter, thread_id = 0, 0
local template = {json.dumps(body)}
function setup(thread) thread_id = thread_id + 1; thread:set("tid", thread_id) end
request = function()
  counter = counter + 1
  local reference = string.format("{KEYS['new_agreement_reference_prefix']}%d-%d-%d", os.time(), tid, counter)
  local headers = {{}}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  headers["Content-Type"] = "application/json"
  headers["Idempotency-Key"] = reference
  return wrk.format("POST", "/api/v1/agreements", headers, string.format(template, reference, reference))
end
"""
    api = wrk(lua)
    record("B5 POST an agreement with Idempotency-Key (history, audit, change feed, stored response: one transaction)",
           baseline, api, "≥ 0.15 of a plain INSERT", api["rps"] / baseline >= 0.15)


def b6():
    post = KEYS["deep_post_id"]
    baseline, api = read_scenario([f"/api/v1/posts/{post}/chain?on={KEYS['chain_on']}"])
    record(f"B6 accountability chain for a post {KEYS['deep_post_chain_depth']} levels deep", baseline, api,
           "p99 < 10 ms", api["p99"] < 10)


# --- the report ---------------------------------------------------------------------------------------------------

def machine():
    cpu = re.search(r"model name\s*:\s*(.*)", open("/proc/cpuinfo").read())
    memory = int(re.search(r"MemTotal:\s+(\d+)", open("/proc/meminfo").read()).group(1)) / 1024 / 1024
    dotnet = subprocess.run(["dotnet", "--version"], capture_output=True, text=True).stdout.strip()
    postgres = psql("SHOW server_version")
    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    return (f"{os.cpu_count()} cores ({cpu.group(1) if cpu else 'unknown CPU'}), {memory:.0f} GiB, {platform.system()} {platform.release()}; "
            f"PostgreSQL {postgres} on the same machine; .NET SDK {dotnet} (API published in Release); {wrk_version}")


def write(path):
    rows = []
    for r in results:
        api = r["api"]
        rows.append(f"| {r['name']} | {r['baseline']:,.1f} | {api['rps']:,.1f} | {api['rps'] / r['baseline']:.2f} | "
                    f"{api['p50']:.2f} ms | {api['p99']:.2f} ms | {r['memory']:.0f} MB | {r['target']} | {'yes' if r['met'] else '**no**'} | {r['note']} |")
    with open(path, "w") as out:
        out.write(f"""# Benchmark results

Written by `scripts/bench` on {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC. Machine: {machine()}.

Each scenario runs {WARMUP} s of warm-up, then {SECONDS} s measured, at {CONNECTIONS} connections unless it says otherwise, on a data set of
10,000 organisations, 100,000 agreements, 2,000 pooled funds with 1,000,000 ledger lines, and 20,000 posts (`bench/dataset`).
The baseline is PostgreSQL alone (`pgbench -M prepared`) running the SQL the API sent for the same request, taken from the
server's statement log; for B4 it is `\\copy` of the same lines, for B5 a plain INSERT of the same row into a copy of the
table without the record-keeping trigger. API figures are wrk over HTTP on loopback; memory is the API process's peak
resident set so far. The API, PostgreSQL and the load generators share the same 2 cores.

| Scenario | Baseline per s | API per s | Ratio | API p50 | API p99 | API peak memory | Target | Met | Note |
|---|---:|---:|---:|---:|---:|---:|---|---|---|
""" + "\n".join(rows) + "\n")
        peak = max(r["memory"] for r in results)
        out.write(f"\nThe API's peak memory over the whole run: {peak:.0f} MB (target: under 300 MB; {'met' if peak < 300 else '**missed**'}).\n")
    print(f"Wrote {path}")


for scenario in (b1, b2, b3, b4, b5, b6):
    scenario()
write(sys.argv[1])
