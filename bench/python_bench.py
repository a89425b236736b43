#!/usr/bin/env python3
"""The Python binding's cost and scaling, side by side in one run:
  - overhead: Analyzer.analyze(sample) called from Python against the same calls made in C++
    (target <= 10%); the report is converted to Python objects in both Python timings;
  - analyze_many with 2 threads against 1 thread on the bundled articles (target >= 1.8x).

    PYTHONPATH=build/python /usr/bin/python3 bench/python_bench.py
"""

import glob
import os
import time

import greenlight
from greenlight import _greenlight

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def best_of(runs, fn):
    return min(fn() for _ in range(runs))


def main():
    analyzer = greenlight.Analyzer()
    sample = open(os.path.join(ROOT, "data", "samples", "rilakkuma-and-kaoru-season-2.txt"), encoding="utf-8").read()
    repeat = 2000

    def python_calls():
        start = time.perf_counter()
        for _ in range(repeat):
            analyzer.analyze(sample)
        return time.perf_counter() - start

    cxx = best_of(5, lambda: _greenlight._time_cxx_analyze(analyzer, sample, repeat))
    py = best_of(5, python_calls)
    print(f"sample article ({len(sample.encode())} bytes): C++ {cxx / repeat * 1e6:.1f} us/call, "
          f"Python {py / repeat * 1e6:.1f} us/call, overhead {100 * (py - cxx) / cxx:.1f}%")

    paths = sorted(glob.glob(os.path.join(ROOT, "data", "samples", "*.txt")) +
                   glob.glob(os.path.join(ROOT, "data", "eval", "articles", "*.txt")))
    texts = [open(p, encoding="utf-8").read() for p in paths]
    while sum(len(t) for t in texts) < 20_000_000:
        texts = texts * 2
    mb = sum(len(t.encode()) for t in texts) / 1e6

    def many(threads):
        def run():
            start = time.perf_counter()
            analyzer.analyze_many(texts, threads=threads)
            return time.perf_counter() - start
        return run

    one = best_of(3, many(1))
    two = best_of(3, many(2))
    print(f"analyze_many on {len(texts)} articles ({mb:.1f} MB): 1 thread {mb / one:.1f} MB/s, "
          f"2 threads {mb / two:.1f} MB/s, speed-up {one / two:.2f}x")


if __name__ == "__main__":
    main()
