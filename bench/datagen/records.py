"""Record ids and record creation times."""
import hashlib
import uuid
from datetime import timedelta

from .parameters import LOADED_AT


def ident(kind, n):
    """Equals md5('<kind>:' || n)::uuid in PostgreSQL."""
    return str(uuid.UUID(hashlib.md5(f"{kind}:{n}".encode()).hexdigest()))


class Clock:
    """Record times: the n-th record created in the load was created at LOADED_AT + n ms (n = its feed position)."""

    def __init__(self):
        self.seq = 0

    def next(self):
        self.seq += 1
        return LOADED_AT + timedelta(milliseconds=self.seq)


CLOCK = Clock()
