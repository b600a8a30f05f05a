"""
The modules that make the benchmark's data set, one concern each; bench/dataset.py runs them in order.

Every record takes its creation time (and so its change-feed position) from records.CLOCK as it is made, and
ledger_rows() adds up each fund's spend for contribution_rows(): call them in the order bench/dataset.py does, or
different rows come out.
"""
