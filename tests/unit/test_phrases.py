"""A question is read the same way in every process: its aliases are spelled out in one order, whatever
Python's string hashing (which orders sets) happens to be in that process."""

import os
import subprocess
import sys

from interviewer.phrases import with_aliases

SAY = "from interviewer.phrases import with_aliases; print(with_aliases('How many DAU?'))"


def test_aliases_are_spelled_out_in_one_order_in_every_process():
    said = {
        subprocess.run([sys.executable, "-c", SAY], capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout.strip()
        for seed in ("1", "2", "3", "4")
    }
    assert said == {with_aliases("How many DAU?")}
    assert "daily active users" in said.pop()
