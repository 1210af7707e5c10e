"""Times scipy's C++ assignment solvers on OR-Library instances (parse excluded).

usage: python3 scipy_lap.py REPEATS FILE...
Prints one JSON line per file: {"file", "n", "kind", "cost", "solver", "solveMs"} where solveMs is
the best (minimum) of REPEATS runs, matching the Node side. Dense files use scipy.optimize.linear_sum_assignment; sparse files
use scipy.sparse.csgraph.min_weight_full_bipartite_matching.
"""
import json
import sys
import time

import numpy as np
import scipy
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_array
from scipy.sparse.csgraph import min_weight_full_bipartite_matching


def load(path):
    with open(path) as fh:
        data = np.array(fh.read().split(), dtype=np.int64)
    n = int(data[0])
    rest = data[1:]
    if rest.size == n * n:
        return n, "dense", rest.reshape(n, n).astype(np.float64)
    t = rest.reshape(-1, 3)
    m = csr_array((t[:, 2].astype(np.float64), (t[:, 0] - 1, t[:, 1] - 1)), shape=(n, n))
    m.sum_duplicates()
    return n, "sparse", m


def main():
    repeats = int(sys.argv[1])
    for path in sys.argv[2:]:
        n, kind, m = load(path)
        times = []
        cost = None
        for _ in range(repeats):
            t0 = time.perf_counter()
            if kind == "dense":
                r, c = linear_sum_assignment(m)
                cost = m[r, c].sum()
            else:
                r, c = min_weight_full_bipartite_matching(m)
                cost = m[r, c].sum()
            times.append((time.perf_counter() - t0) * 1000)
        print(json.dumps({
            "file": path, "n": n, "kind": kind, "cost": int(round(float(cost))),
            "solver": ("linear_sum_assignment" if kind == "dense" else "min_weight_full_bipartite_matching") + " (scipy " + scipy.__version__ + ")",
            "solveMs": min(times),
        }), flush=True)


if __name__ == "__main__":
    main()
