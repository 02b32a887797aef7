"""Benchmark harness: `python -m bench.run` (not part of the test suite's pass/fail)."""
