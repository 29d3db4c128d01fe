"""Turning derived figures into text, HTML, SVG, XML, CSV and JSON: templates, Markdown, words, writers."""
