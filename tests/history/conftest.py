"""Fixtures of the history tests: the lifecycle tests' seeded warehouses (one definition, in
tests/lifecycle/conftest.py), made visible here."""

from tests.lifecycle.conftest import _templates, carerix_org, org, seed

__all__ = ["_templates", "carerix_org", "org", "seed"]
