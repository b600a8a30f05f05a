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
      and partnership boards without codes (a council's Cabinet is part of its council). PCTs (to 2013-03-31) split
      into CCGs (2013-04-01 to 2022-06-30); 200 of them merged in pairs into 100 larger CCGs (2020-04-01); the CCGs then
      running merged into ICBs (from 2022-07-01): 800 successions.
  100,000 agreements with 2-4 parties each, the parties and flexibilities each statutory basis demands, an approval
      for every party, a status history that the domain's transitions allow, variations for about a quarter, novations
      carrying each agreement in being through its parties' successions (the split's transfer scheme naming the
      successor CCG), the periods in force as the domain computes them (`terms`, expanded into agreement_terms rows
      as the register's trigger does), commencements from
      2010 to 2030 (section 31 ones from 2003 to 2007, section 65Z5 ones from July 2022). Organisation 1 (the hub,
      a county council) is a party to every sixth agreement, more than 5,000 of them active on ACTIVE_ON.
  2,000 pooled funds on agreements that use the pooled-fund flexibility, hosted by the agreement's Host party,
      with contributions per partner and financial year and 1,000,000 ledger lines (and their totals per fund, year,
      period and category, as the register's trigger keeps them); 1,300 funds still run in
      2025-26 (the finance export's year); fund 1 holds 60,000 lines, more than half of them in 2025-26.
  20,000 posts with their line-management trees, governance lines to their own boards, some clinical supervision
      lines, dotted lines across organisations under section 113 agreements, and up to 1,000 secondments under them. The hub's
      posts 1..11 are a chain: post 11 is ten line-management steps below post 1.

The modules of bench/datagen/ make the rows, one concern each; main() runs them, in an order that matters (see
bench/datagen/__init__.py).
"""
import os
import sys

from datagen.agreement_parties import Pools
from datagen.agreements import AGREEMENT_COLUMNS, agreement_rows, make_agreements
from datagen.funds import (CONTRIBUTION_COLUMNS, FUND_COLUMNS, LEDGER_LINE_COLUMNS, LEDGER_TOTALS_SQL, contribution_rows,
                           fund_rows, ledger_rows, make_funds)
from datagen.history import HISTORY_TABLES, write_agreement_terms, write_checks, write_history
from datagen.keys import write_keys
from datagen.organisations import (ORGANISATION_COLUMNS, SUCCESSION_COLUMNS, SUCCESSION_PARTY_COLUMNS, make_organisations,
                                   make_successions, org_rows, succession_party_rows, succession_rows)
from datagen.output import begin, commit, copy, write_sql
from datagen.people import (HOLDING_COLUMNS, LINE_COLUMNS, POST_COLUMNS, SECONDMENT_COLUMNS, holding_rows, line_rows,
                            make_people, post_rows, secondment_rows)
from datagen.records import CLOCK


def main():
    keys_path = sys.argv[sys.argv.index("--keys") + 1] if "--keys" in sys.argv else None
    orgs = make_organisations()
    by_type = {}
    for o in orgs:
        by_type.setdefault(o.type, []).append(o)
    begin(orgs[0].id)
    counts = {}
    counts["organisations"] = copy("organisations", ORGANISATION_COLUMNS, org_rows(orgs))
    successions = make_successions(by_type)
    # recorded before the agreements, which carry them out as novations; the transfers each split names for an
    # agreement are known once the agreements are made, so the successions are written after them
    agreements = make_agreements(Pools(by_type), successions, orgs)
    counts["agreements"] = copy("agreements", AGREEMENT_COLUMNS, agreement_rows(agreements))
    counts["successions"] = copy("successions", SUCCESSION_COLUMNS, succession_rows(successions))
    copy("succession_parties", SUCCESSION_PARTY_COLUMNS, succession_party_rows(successions))
    funds = make_funds(agreements)
    counts["pooled_funds"] = copy("pooled_funds", FUND_COLUMNS, fund_rows(funds))
    # ledger_rows() adds up each fund's spend per year as it goes; contribution_rows() sizes the contributions on it
    counts["ledger_lines"] = copy("ledger_lines", LEDGER_LINE_COLUMNS, ledger_rows(funds))
    write_sql(LEDGER_TOTALS_SQL)
    counts["contributions"] = copy("contributions", CONTRIBUTION_COLUMNS, contribution_rows(funds))
    posts, lines, secondments = make_people(by_type, agreements)
    counts["posts"] = copy("posts", POST_COLUMNS, post_rows(posts))
    counts["accountability_lines"] = copy("accountability_lines", LINE_COLUMNS, line_rows(lines))
    counts["secondments"] = copy("secondments", SECONDMENT_COLUMNS, secondment_rows(secondments))
    counts["post_holdings"] = copy("post_holdings", HOLDING_COLUMNS, holding_rows(posts))
    records = CLOCK.seq
    assert records == sum(counts[t] for t in HISTORY_TABLES), (records, counts)

    write_history()
    write_agreement_terms()
    write_checks(records)
    commit()

    if keys_path:
        write_keys(keys_path, orgs, by_type, agreements, funds, posts, counts, successions)


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:  # psql stopped reading: it has said why
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
