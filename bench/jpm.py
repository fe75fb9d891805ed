"""Time and peak memory of the bulk JPM matrix: 50,000 employees × 5,000 positions × 12
competencies (target ≤ 5 s and ≤ 4 GB on the project's 2-core machine; reported, not
asserted). Run: .venv/bin/python bench/jpm.py [--employees N] [--positions N]"""

import argparse
import platform
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from penata.competency.jpm import jpm_matrix


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--employees", type=int, default=50_000)
    parser.add_argument("--positions", type=int, default=5_000)
    parser.add_argument("--competencies", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    rng = np.random.default_rng(2026)
    levels = rng.integers(0, 6, size=(args.employees, args.competencies), dtype=np.int8)
    # About two thirds of the competencies are in a given position's standard.
    in_standard = rng.random((args.positions, args.competencies)) < 0.66
    required = (rng.integers(1, 6, size=(args.positions, args.competencies)) * in_standard).astype(np.int8)

    times = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        matrix = jpm_matrix(levels, required)
        times.append(time.perf_counter() - started)
        del matrix
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result_mib = args.employees * args.positions * 4 / 2**20
    print(
        f"JPM {args.employees:,} × {args.positions:,} × {args.competencies}: "
        f"best {min(times):.2f} s, median {sorted(times)[len(times) // 2]:.2f} s, "
        f"peak RSS {peak_mib:,.0f} MiB (result {result_mib:,.0f} MiB float32); "
        f"numpy {np.__version__}, Python {platform.python_version()}"
    )


if __name__ == "__main__":
    main()
