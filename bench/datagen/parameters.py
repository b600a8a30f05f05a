"""The days the data set is built around and how many of each record it makes."""
from datetime import date, datetime, timedelta, timezone

AS_AT = date(2026, 11, 1)  # nothing recorded as having happened after this day (commencements may be later)
LAST_BOOKING = AS_AT - timedelta(days=1)
ACTIVE_ON = date(2026, 6, 1)  # the day the benchmark asks "active on"
FUND_YEAR = 2025  # financial year 2025-26: fund 1's busy year, and the finance export's
LOADED_AT = datetime(2026, 11, 2, tzinfo=timezone.utc)  # record n of the load was created at LOADED_AT + n ms
LEDGER_AT = LOADED_AT + timedelta(hours=1)  # ledger imports came after every record
ACTOR = "system:bench-dataset"
ACTION = "bench-dataset"

S75_IN_FORCE = date(2007, 3, 1)
PCT_END, CCG_START, CCG_END, ICB_START = date(2013, 3, 31), date(2013, 4, 1), date(2022, 6, 30), date(2022, 7, 1)
CCG_MERGED = date(2020, 4, 1)  # some CCGs merged into larger ones (the merged ones then merged into ICBs)
EARLIEST = date(2010, 4, 1)

N_AGREEMENTS = 100_000
N_FUNDS = 2_000
CURRENT_FUNDS = 1_300  # funds still running in FUND_YEAR (fund 1 among them)
N_LEDGER = 1_000_000
FUND1_LINES, FUND1_YEAR_LINES = 60_000, 25_000
N_POSTS = 20_000
HUB_POSTS = 400
SPINE = 11  # hub posts 1..11: post 11 is 10 line-management steps below post 1
N_SECONDMENTS = 1_000
MAX_CROSS_LINES = 1_000
