"""Shared test tools, one module per kind: import as ``from kits.NAME import ...`` (tests/ is on the path)."""
