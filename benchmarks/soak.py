"""The history soak: many quiz sessions at once against one database. Run by hand.

    python benchmarks/soak.py                 # 100 sessions, each its own `newsquiz` process
    python benchmarks/soak.py --sessions 40 --answers 10

Every session starts at once and answers from a file. The script reports how many sessions
failed, how many of those were refused as "locked", whether every answer landed, and whether
the database passes `PRAGMA integrity_check` afterwards. The test suite runs a 20-session version
(tests/test_faults.py); this one is too slow for it on a small machine.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    """Run the soak and print its numbers; exit 1 when any session failed or an answer is lost."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--answers", type=int, default=5, help="answers per session")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newsquiz-soak-"))
    db = work / "history.sqlite3"
    answers = work / "answers.txt"
    answers.write_text("t\nf\n" * args.answers)
    env = {**os.environ, "NEWSQUIZ_DB": str(db), "XDG_CACHE_HOME": str(work / "cache")}
    command = [sys.executable, "-m", "newsquiz", "quiz", "--kind", "tf", "--json"]
    command += ["--count", str(args.answers), "--answers", str(answers)]
    subprocess.run([*command, "--no-save"], env=env, capture_output=True, check=False)  # cache
    start = time.perf_counter()
    procs = [
        subprocess.Popen(
            [*command, "--seed", str(seed)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for seed in range(args.sessions)
    ]
    errors = [(p.wait(), p.stderr.read() if p.stderr else "") for p in procs]
    wall = time.perf_counter() - start
    failed = [e for code, e in errors if code != 0]
    locked = [e for e in failed if "locked" in e]
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    sessions = conn.execute("SELECT count(*) FROM sessions").fetchone()[0]
    finished = conn.execute("SELECT count(*) FROM sessions WHERE finished IS NOT NULL").fetchone()[
        0
    ]
    landed = conn.execute("SELECT count(*) FROM answers").fetchone()[0]
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    expected = (args.sessions - len(failed)) * args.answers
    print(f"sessions started together: {args.sessions}, {args.answers} answers each")
    print(f"wall time: {wall:.1f} s")
    print(f"failed: {len(failed)} (refused as locked: {len(locked)})")
    for message in sorted(set(failed))[:5]:
        print("   ", message.strip().splitlines()[-1] if message.strip() else "(no message)")
    print(f"sessions recorded: {sessions}, finished: {finished}")
    print(f"answers recorded: {landed} of {expected} from the sessions that succeeded")
    print(f"integrity_check: {integrity}")
    ok = not failed and landed == expected and finished == sessions and integrity == "ok"
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
