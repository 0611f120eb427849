"""The documents tests use the shared self-evaluation fixtures of tests/conftest.py."""
