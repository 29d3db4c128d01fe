"""The engine-independent core: load, validate, derive, render. Never imports mkdocs."""
