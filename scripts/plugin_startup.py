"""What the `peerclick` pytest plugin costs a project that merely has the SDK installed.

In a scratch directory holding one trivial test, runs pytest with the plugin (the default, as
the `pytest11` entry point loads it) and without it (`-p no:peerclick`), and prints:

* wall time of `python -m pytest --co -q` (collect only), mean and median of N runs each,
  interleaved so that load on the machine hits both sides alike;
* from `python -X importtime -m pytest --co -q`: the modules imported with the plugin that are
  not imported without it, their count, how many are `peerclick*`, and their summed own
  ("self") import time (median). Summed self times, because pytest loads the entry point
  through `importlib.import_module`, which `-X importtime` does not report.

Bytecode is compiled first, as pip does for an installed package. Prints figures, asserts
nothing. Usage: python scripts/plugin_startup.py [--runs 10]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRIVIAL_TEST = "def test_nothing():\n    assert 1 + 1 == 2\n"
SIDES = {"plugin on (default)": [], "plugin off (-p no:peerclick)": ["-p", "no:peerclick"]}


def _pytest(extra: list[str], cwd: Path, *, importtime: bool = False) -> tuple[float, str]:
    command = [sys.executable, *(["-X", "importtime"] if importtime else [])]
    command += ["-m", "pytest", "--co", "-q", "-p", "no:cacheprovider", *extra]
    started = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"pytest failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return elapsed, proc.stderr


def _self_times(stderr: str) -> dict[str, int]:
    """Module name to its own import time in microseconds, from `-X importtime` output."""
    times: dict[str, int] = {}
    for line in stderr.splitlines():
        parts = [p.strip() for p in line.removeprefix("import time:").split("|")]
        if len(parts) == 3 and parts[0].isdigit():
            times[parts[2]] = int(parts[0])
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args(argv)
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "peerclick", "generated/peerclick_api"],
        capture_output=True, check=True, cwd=ROOT,
    )  # fmt: skip
    walls: dict[str, list[float]] = {side: [] for side in SIDES}
    extra: list[tuple[int, int, float]] = []  # (modules, peerclick modules, self seconds)
    with tempfile.TemporaryDirectory(prefix="peerclick-startup-") as tmp:
        project = Path(tmp)
        (project / "test_trivial.py").write_text(TRIVIAL_TEST)
        (project / "pytest.ini").write_text("[pytest]\n")  # keeps pytest from looking upwards
        for options in SIDES.values():
            _pytest(options, project)  # warm the file cache
        for _ in range(args.runs):
            for side, options in SIDES.items():
                walls[side].append(_pytest(options, project)[0])
            on, off = (_self_times(_pytest(o, project, importtime=True)[1]) for o in SIDES.values())
            added = set(on) - set(off)
            extra.append(
                (len(added), sum(n.startswith("peerclick") for n in added),
                 sum(on[n] for n in added) / 1e6)
            )  # fmt: skip
    print(f"pytest --co -q of one trivial test, {args.runs} runs each ({sys.executable})")
    for side in SIDES:
        mean, median = statistics.mean(walls[side]), statistics.median(walls[side])
        print(f"  {side:30} mean {mean:.3f} s   median {median:.3f} s")
    on_median, off_median = (statistics.median(w) for w in walls.values())
    print(f"  plugin cost, median difference: {on_median - off_median:+.3f} s")
    modules = int(statistics.median(e[0] for e in extra))
    ours = int(statistics.median(e[1] for e in extra))
    seconds = statistics.median(e[2] for e in extra)
    print(
        f"  modules imported only with the plugin: {modules} ({ours} peerclick*), "
        f"their own import time {seconds:.3f} s (median)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
