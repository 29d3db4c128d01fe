"""Derived figures: pure functions over the model, no HTML and no MkDocs."""
