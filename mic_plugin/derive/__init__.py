"""Figures derived from the model: pure functions and views over the records, no HTML and no engine."""
