"""Triangulate's domain logic: reading, decoding, normalising and describing news articles.

Everything here is plain Python over str, bytes, dataclasses and pyarrow. Nothing in this package
imports dagster: orchestration lives in ``assets/``, ``checks/`` and ``pipelines/``.
"""

__version__ = "0.1.0"
