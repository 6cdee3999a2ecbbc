"""The newsquiz benchmark: run by hand, prints the numbers PRODUCT.md section 5 asks for.

    python benchmarks/bench.py            # everything (a few minutes)
    python benchmarks/bench.py --quick    # fewer runs, no 100,000-claim bank

Everything is measured side by side in one run: each ratio is the median of pairwise ratios over
alternating runs, for wall time and for user+sys CPU time (steadier on a loaded machine).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from genbank import write_bank

MINI_APP = """\
import typer

app = typer.Typer()


@app.command()
def main(name: str = "world") -> None:
    print(f"hello {name}")


if __name__ == "__main__":
    app()
"""

MINI_PROMPT = """\
import questionary

questionary.select("Question 1 of 1 pick one", choices=["True", "False"]).unsafe_ask()
"""


def run(cmd: Sequence[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Run a command; its wall time, user+sys CPU time and peak memory (KiB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def timer(cmd: Sequence[str], env: dict[str, str]) -> Callable[[], tuple[float, float]]:
    """A function that runs a command and returns its wall and CPU time."""

    def go() -> tuple[float, float]:
        wall, cpu, _ = run(cmd, env)
        return wall, cpu

    return go


def peak_memory(cmd: Sequence[str], env: dict[str, str]) -> str:
    """Peak resident memory of a command, measured by /usr/bin/time.

    Not from os.wait4: a child forked from this process reports this process's memory too.
    """
    if not Path("/usr/bin/time").exists():
        return "n/a"
    with tempfile.NamedTemporaryFile("r") as out:
        subprocess.run(
            ["/usr/bin/time", "-f", "%M", "-o", out.name, *cmd],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        return f"{int(out.read().split()[-1]) / 1024:.0f}"


def paired(
    base: Callable[[], tuple[float, float]], other: Callable[[], tuple[float, float]], rounds: int
) -> tuple[float, float, float, float]:
    """Median of base and other (wall), and the medians of the wall and CPU ratios."""
    walls: list[tuple[float, float]] = []
    cpus: list[float] = []
    for i in range(rounds):
        first, second = (base, other) if i % 2 == 0 else (other, base)
        a = first()
        b = second()
        bw, bc = a if first is base else b
        ow, oc = b if first is base else a
        walls.append((bw, ow))
        cpus.append(oc / bc if bc else float("nan"))
    return (
        statistics.median(w[0] for w in walls),
        statistics.median(w[1] for w in walls),
        statistics.median(w[1] / w[0] for w in walls),
        statistics.median(cpus),
    )


def startup(env: dict[str, str], folder: Path, rounds: int) -> None:
    """Scripted commands against a minimal one-command Typer app."""
    mini = folder / "mini.py"
    mini.write_text(MINI_APP)
    exe = shutil.which("newsquiz")
    if exe is None:
        raise SystemExit("install newsquiz first (pip install -e .)")
    cases = [
        ("--help", [sys.executable, str(mini), "--help"], [exe, "--help"]),
        ("claims --json", [sys.executable, str(mini)], [exe, "claims", "--json"]),
        ("ask", [sys.executable, str(mini)], [exe, "ask", "--seed", "1", "--count", "10"]),
        ("check", [sys.executable, str(mini)], [exe, "check", "trip-length:tf", "f"]),
        ("validate", [sys.executable, str(mini)], [exe, "validate"]),
    ]
    run([exe, "validate"], env)  # warm the bank cache, as every later run finds it
    print(f"\n## Start-up against a minimal Typer app ({rounds} alternating pairs)\n")
    print("| command | minimal app | newsquiz | wall ratio | CPU ratio | budget |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, base_cmd, cmd in cases:
        b, o, wall, cpu = paired(timer(base_cmd, env), timer(cmd, env), rounds)
        budget = "≤ 1.2×" if name in ("claims --json", "ask", "check") else "-"
        print(
            f"| `{name}` | {b * 1000:.0f} ms | {o * 1000:.0f} ms | {wall:.2f}× | {cpu:.2f}× "
            f"| {budget} |"
        )


def first_prompt(env: dict[str, str], folder: Path, rounds: int) -> None:
    """Launch to the first question in a pty, against a minimal questionary prompt."""
    try:
        import pexpect
    except ImportError:
        print("\n(pexpect is not installed: skipping launch-to-first-prompt)")
        return
    script = folder / "prompt.py"
    script.write_text(MINI_PROMPT)
    penv = {**env, "TERM": "xterm-256color", "PROMPT_TOOLKIT_NO_CPR": "1"}
    exe = shutil.which("newsquiz") or "newsquiz"

    def until_prompt(cmd: list[str]) -> Callable[[], tuple[float, float]]:
        def go() -> tuple[float, float]:
            start = time.perf_counter()
            child = pexpect.spawn(cmd[0], cmd[1:], env=penv, encoding="utf-8", timeout=30)
            child.expect("Question 1 of")
            took = time.perf_counter() - start
            child.sendcontrol("c")
            child.expect(pexpect.EOF)
            child.close()
            return took, took

        return go

    b, o, wall, _ = paired(
        until_prompt([sys.executable, str(script)]),
        until_prompt([exe, "quiz", "--no-save", "--seed", "1"]),
        rounds,
    )
    print(f"\n## Launch to first question in a pty ({rounds} alternating pairs)\n")
    print("| minimal questionary prompt | newsquiz quiz | ratio |")
    print("| --- | --- | --- |")
    print(f"| {b * 1000:.0f} ms | {o * 1000:.0f} ms | {wall:.2f}× |")


def big_banks(env: dict[str, str], folder: Path, sizes: list[int], rounds: int) -> None:
    """Cold validate against PyYAML's bare CSafeLoader load; warm validate; memory."""
    import yaml

    os.environ["NEWSQUIZ_NO_CACHE"] = "1"
    os.environ["NEWSQUIZ_MAX_BYTES"] = str(1 << 30)  # the 100,000-claim bank is over 25 MB
    from newsquiz.bank import check_bank

    exe = shutil.which("newsquiz") or "newsquiz"
    cold_env = {**env, "NEWSQUIZ_NO_CACHE": "1", "NEWSQUIZ_MAX_BYTES": str(1 << 30)}
    warm_env = {**env, "NEWSQUIZ_MAX_BYTES": str(1 << 30)}
    print("\n## Big banks\n")
    print(
        "Cold: in one process, `check_bank` with the cache off against "
        "`yaml.load(text, Loader=yaml.CSafeLoader)` of the same file (budget ≤ 0.5×). "
        "Warm: `newsquiz validate BANK` with the cache filled, against `newsquiz validate` "
        "of the shipped bank (budget ≤ 1.3×). Peak memory is the maximum resident size of "
        "the `newsquiz validate` process.\n"
    )
    print(
        "| claims | file | CSafeLoader load | cold validate | cold ratio | µs per claim "
        "| warm ratio (wall / CPU) | peak memory cold / warm |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for n in sizes:
        path = write_bank(folder / f"bank{n}", n)
        text = path.read_text(encoding="utf-8")

        def load(t: str = text) -> tuple[float, float]:
            start = time.perf_counter()
            yaml.load(t, Loader=yaml.CSafeLoader)
            took = time.perf_counter() - start
            return took, took

        def cold(p: Path = path) -> tuple[float, float]:
            start = time.perf_counter()
            bank, problems = check_bank(p)
            took = time.perf_counter() - start
            assert bank is not None and not problems, problems[:3]
            return took, took

        reps = 1 if n >= 100_000 else rounds
        base, ours, ratio, _ = paired(load, cold, reps)
        run([exe, "validate", str(path)], warm_env)  # fill the cache
        run([exe, "validate"], warm_env)
        _, _, wwall, wcpu = paired(
            timer([exe, "validate"], warm_env),
            timer([exe, "validate", str(path)], warm_env),
            max(reps, 3) if n < 100_000 else 3,
        )
        mem_cold = peak_memory([exe, "validate", str(path)], cold_env)
        mem_warm = peak_memory([exe, "validate", str(path)], warm_env)
        print(
            f"| {n:,} | {path.stat().st_size / 1e6:.1f} MB | {base:.2f} s | {ours:.2f} s "
            f"| {ratio:.2f}× | {ours / n * 1e6:.0f} | {wwall:.2f}× / {wcpu:.2f}× "
            f"| {mem_cold} / {mem_warm} MiB |"
        )


def find_startup(env: dict[str, str], rounds: int) -> None:
    """`find` on the shipped bank against `claims --json` (PRODUCT.md section 5: at most 1.5x)."""
    exe = shutil.which("newsquiz")
    if exe is None:
        raise SystemExit("install newsquiz first (pip install -e .)")
    run([exe, "validate"], env)  # warm the bank cache, as every later run finds it
    print(f"\n## find against claims --json ({rounds} alternating pairs)\n")
    print("| find | claims --json | find | wall ratio | CPU ratio | budget |")
    print("| --- | --- | --- | --- | --- | --- |")
    base = [exe, "claims", "--json"]
    for name, extra in (("into a pipe", []), ("--json", ["--json"])):
        cmd = [exe, "find", "two-fifths of India's crude comes from Russia", *extra]
        b, o, wall, cpu = paired(timer(base, env), timer(cmd, env), rounds)
        cells = f"{b * 1000:.0f} ms | {o * 1000:.0f} ms | {wall:.2f}× | {cpu:.2f}×"
        print(f"| {name} | {cells} | ≤ 1.5× |")


def main() -> None:
    """Run every section and print a Markdown report."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer runs; no 100,000 claims")
    parser.add_argument("--rounds", type=int, default=None, help="alternating pairs per case")
    parser.add_argument(
        "--only", choices=["startup", "find", "prompt", "banks"], help="run one section alone"
    )
    args = parser.parse_args()
    rounds = args.rounds or (6 if args.quick else 15)
    sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000]
    with tempfile.TemporaryDirectory(prefix="newsquiz-bench-") as tmp:
        folder = Path(tmp)
        env = {
            **os.environ,
            "XDG_CACHE_HOME": str(folder / "cache"),
            "XDG_DATA_HOME": str(folder / "data"),
            "NEWSQUIZ_DB": str(folder / "history.sqlite3"),
        }
        env.pop("NEWSQUIZ_BANK", None)
        # Python caches compiled modules by default; a machine that turns that off (as this
        # workplace's does) would otherwise recompile newsquiz's own modules on every run of an
        # editable install, which no user's installed copy does.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        print(
            f"# newsquiz benchmark ({time.strftime('%Y-%m-%d')}, Python "
            f"{sys.version.split()[0]}, {os.cpu_count()} CPUs)"
        )
        if args.only in (None, "startup"):
            startup(env, folder, rounds)
        if args.only in (None, "find"):
            find_startup(env, rounds)
        if args.only in (None, "prompt"):
            first_prompt(env, folder, max(rounds // 2, 3))
        if args.only in (None, "banks"):
            big_banks(env, folder, sizes, 3 if not args.quick else 2)


if __name__ == "__main__":
    main()
