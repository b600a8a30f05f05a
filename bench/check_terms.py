#!/usr/bin/env python3
"""
Checks the loaded data set against the register itself: the periods each agreement row stores (`terms`, written by
bench/datagen) against the periods the API computes from the same row's history (`periods` of GET /agreements/{id},
the domain's Timeline()); the agreement_terms rows against what the agreements_terms_kept trigger writes for the same
row; and the ICB the benchmark's B7 asks about against what the generator says binds it.

    BENCH_API=... BENCH_TOKEN=... BENCH_KEYS=... BENCH_PG="-h ... -p ... -U postgres -d ..." python3 bench/check_terms.py [N]

N: how many agreements to read through the API (default all), spread over the whole set. scripts/bench runs it with a
sample before measuring; exits non-zero on the first kind of mismatch, saying which rows.
"""
import json
import os
import subprocess
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor

API = os.environ["BENCH_API"]
TOKEN = os.environ["BENCH_TOKEN"]
PG = os.environ["BENCH_PG"].split()
PG_BIN = os.environ.get("BENCH_PG_BIN", "/usr/bin")
KEYS = dict(line.split("=", 1) for line in open(os.environ["BENCH_KEYS"]).read().split("\n") if "=" in line)


def psql(sql):
    args = [f"{PG_BIN}/psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", *PG, "-c", sql]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def get(path):
    request = urllib.request.Request(API + path)
    request.add_header("Authorization", f"Bearer {TOKEN}")
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read())


def camel(value):
    """The stored PascalCase records in the API's camelCase, nulls kept."""
    if isinstance(value, dict):
        return {k[0].lower() + k[1:]: camel(v) for k, v in value.items()}
    if isinstance(value, list):
        return [camel(v) for v in value]
    return value


def periods_match(sample):
    stored = {}
    for line in psql("SELECT id, terms FROM agreements WHERE reference NOT LIKE 'BENCH-%' ORDER BY id").splitlines():
        agreement_id, terms = line.split("|", 1)
        stored[agreement_id] = camel(json.loads(terms))
    ids = sorted(stored)
    if sample and sample < len(ids):
        ids = [ids[i * len(ids) // sample] for i in range(sample)]

    def check(agreement_id):
        response = get(f"/api/v1/agreements/{agreement_id}")
        computed = [{k: p.get(k) for k in stored[agreement_id][0]} for p in response["periods"]]
        problems = []
        if computed != stored[agreement_id]:
            problems.append("periods differ")
        if response["unassignedTransfers"]:
            problems.append("unassigned transfers")
        return agreement_id, problems, len(computed)

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(check, ids))
    wrong = [(i, p) for i, p, _ in results if p]
    print(f"periods: {len(results) - len(wrong)} of {len(results)} agreements read through the API have exactly the stored periods "
          f"({sum(n for _, _, n in results)} periods)")
    for agreement_id, problems in wrong[:10]:
        print(f"  {agreement_id}: {', '.join(problems)}")
    return not wrong


TERM_COLUMNS = ("recorded_in, superseded_in, valid, basis, status, active, party_ids, party_roles, host_id, services, ends_on, review_on, "
                "notice_months, variation_number")
PARTY_COLUMNS = "organisation_id, role, recorded_in, superseded_in, valid, active"


def trigger_rows_match(count=2000):
    """Inserts copies of `count` agreements (every 50th) with the triggers on, compares the rows, and rolls back."""
    out = psql(f"""
BEGIN;
SET LOCAL register.actor_subject = 'system:bench-check';
CREATE TEMP TABLE picked ON COMMIT DROP AS
SELECT id, 'CHECK-' || row_number() OVER (ORDER BY id) AS reference, gen_random_uuid() AS copy_id
FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM agreements) a WHERE n % 50 = 0 LIMIT {count};
INSERT INTO agreements SELECT (jsonb_populate_record(a, jsonb_build_object('id', p.copy_id, 'reference', p.reference))).*
FROM agreements a JOIN picked p ON p.id = a.id;
SELECT count(*) FROM picked;
SELECT count(*) FROM (
  SELECT p.id, {TERM_COLUMNS} FROM agreement_terms t JOIN picked p ON p.id = t.agreement_id
  EXCEPT ALL SELECT p.id, {TERM_COLUMNS} FROM agreement_terms t JOIN picked p ON p.copy_id = t.agreement_id) x;
SELECT count(*) FROM (
  SELECT p.id, {TERM_COLUMNS} FROM agreement_terms t JOIN picked p ON p.copy_id = t.agreement_id
  EXCEPT ALL SELECT p.id, {TERM_COLUMNS} FROM agreement_terms t JOIN picked p ON p.id = t.agreement_id) x;
SELECT count(*) FROM agreement_terms t JOIN picked p ON p.copy_id = t.agreement_id;
SELECT count(*) FROM agreement_terms t JOIN picked p ON p.copy_id = t.agreement_id AND t.reference <> p.reference;
SELECT count(*) FROM (
  SELECT p.id, {PARTY_COLUMNS} FROM agreement_party_terms t JOIN picked p ON p.id = t.agreement_id
  EXCEPT ALL SELECT p.id, {PARTY_COLUMNS} FROM agreement_party_terms t JOIN picked p ON p.copy_id = t.agreement_id) x;
SELECT count(*) FROM (
  SELECT p.id, {PARTY_COLUMNS} FROM agreement_party_terms t JOIN picked p ON p.copy_id = t.agreement_id
  EXCEPT ALL SELECT p.id, {PARTY_COLUMNS} FROM agreement_party_terms t JOIN picked p ON p.id = t.agreement_id) x;
ROLLBACK;
""").split()
    picked, loaded_only, trigger_only, trigger_rows, wrong_reference, parties_loaded_only, parties_trigger_only = map(int, out)
    ok = (loaded_only == 0 and trigger_only == 0 and wrong_reference == 0 and trigger_rows > 0
          and parties_loaded_only == 0 and parties_trigger_only == 0)
    print(f"agreement_terms: for {picked} agreements copied with the triggers on (rolled back), the trigger wrote {trigger_rows} rows; "
          f"{loaded_only} loaded rows and {trigger_only} trigger rows have no equal on the other side; of their parties' rows, "
          f"{parties_loaded_only} loaded and {parties_trigger_only} written by the trigger")
    return ok


def binding_matches():
    icb, day = KEYS["bound_icb_id"], KEYS["bound_on"]
    bound = get(f"/api/v1/organisations/{icb}/agreements?activeOn={day}&limit=500")["items"]
    depths = {}
    for b in bound:
        depths[b["successionDepth"]] = depths.get(b["successionDepth"], 0) + 1
    said = " ".join(f"{d}:{n}" for d, n in sorted(depths.items()))
    by_sql = psql(f"""SELECT count(*) FROM agreement_terms WHERE superseded_in IS NULL AND active AND valid @> date '{day}'
                      AND party_ids @> ARRAY['{icb}'::uuid]""").strip()
    ok = said == KEYS["bound_by_depth"] and int(by_sql) == len(bound)
    print(f"binding: the API finds {len(bound)} agreements binding ICB {KEYS['bound_icb_code']} on {day}, by succession depth {said} "
          f"(the generator: {KEYS['bound_by_depth']}; agreement_terms: {by_sql})")
    return ok


if __name__ == "__main__":
    sample = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    results = [periods_match(sample), trigger_rows_match(), binding_matches()]
    sys.exit(0 if all(results) else 1)
