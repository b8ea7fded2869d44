"""`make bench`: every benchmark on SQLite, and on PostgreSQL when reachable; JSON figures.

Each benchmark module exposes `run(database: str) -> dict`. Results are written to
benchmarks/results/latest.json and printed.
"""

import json
import os
import platform
import subprocess
import sys
import time
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parent
BENCHMARKS = ["bench_import", "bench_scan", "bench_scale"]
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")


def postgres_reachable() -> bool:
    sys.path.insert(0, str(ROOT.parent / "tests"))
    from services import postgres_ok

    return postgres_ok(POSTGRES_URL)


def run_one(module: str, database: str) -> dict:
    """Each benchmark runs in its own process, so peak memory is its own."""
    if not (ROOT / f"{module}.py").exists():
        return {"benchmark": module, "database": database, "skipped": f"no benchmarks/{module}.py"}
    env = dict(os.environ, BENCH_DATABASE=database, BENCH_POSTGRES_URL=POSTGRES_URL)
    completed = subprocess.run(
        [sys.executable, str(ROOT / f"{module}.py")], env=env, capture_output=True, text=True
    )
    sys.stderr.write(f"{module} on {database}: done (exit {completed.returncode})\n")
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout + completed.stderr)
        return {
            "benchmark": module,
            "database": database,
            "error": completed.stderr.strip()[-2000:],
        }
    return json.loads(completed.stdout.strip().splitlines()[-1])


def reference_loop_ms() -> float:
    """How fast this machine's CPU is, to compare figures across machines: the best of five runs of
    `sum(range(1_000_000))` in milliseconds (about 12 on the machine of docs/performance.md's latest
    figures, 41-49 on the slower one of earlier rounds)."""
    return round(min(timeit.repeat("sum(range(1_000_000))", number=5, repeat=5)) / 5 * 1000, 1)


def main() -> int:
    """`run.py [MODULE ...] [--database NAME]`: all benchmarks on every database by default; with
    names, only those, their results replacing the same benchmark's in latest.json."""
    args = sys.argv[1:]
    only_db = args[args.index("--database") + 1] if "--database" in args else None
    modules = [a for a in args if a.startswith("bench_")] or BENCHMARKS
    databases = ["sqlite"] + (["postgresql"] if postgres_reachable() else [])
    databases = [db for db in databases if only_db in (None, db)]
    results = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "reference_loop_ms": reference_loop_ms(),
            "load_average_1m": round(os.getloadavg()[0], 2),
        },
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "databases": databases,
        "results": [run_one(module, db) for module in modules for db in databases],
    }
    if "postgresql" not in databases:
        results["note"] = f"PostgreSQL not reachable at {POSTGRES_URL}: SQLite only"
    out = ROOT / "results" / "latest.json"
    if modules != BENCHMARKS or only_db:
        results = _merged(out, results)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))
    return 1 if any("error" in r for r in results["results"]) else 0


def _merged(out: Path, results: dict) -> dict:
    """The earlier latest.json with these results in place of the same benchmark and database's;
    each result keeps the machine and time it ran at."""
    earlier = json.loads(out.read_text()) if out.exists() else {"results": []}
    for result in results["results"]:
        result["ran"] = {"started_at": results["started_at"], "machine": results["machine"]}
    fresh = {(r["benchmark"], r["database"]) for r in results["results"]}
    kept = [r for r in earlier["results"] if (r["benchmark"], r["database"]) not in fresh]
    return earlier | {"results": kept + results["results"]}


if __name__ == "__main__":
    sys.exit(main())
