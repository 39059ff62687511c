"""Benchmarks: ``python -m bench`` (all, writes bench/results.md) or ``python -m bench.<name>``.

Never run by ``make test``; ``tests/test_bench_smoke.py`` only proves they still run.
"""
