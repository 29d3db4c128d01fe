"""What this plugin needs to know about Material for MkDocs: the class names its templates borrow, and the
class prefix user text may not carry because Material's CSS and JavaScript act on it."""

from __future__ import annotations

from ..render.templates import ThemeClasses

MATERIAL_CLASSES = ThemeClasses(visually_hidden="md-visually-hidden", button="md-button", typeset="md-typeset")
"""Material's screen-reader-only text, its button style and its content container."""

MATERIAL_CLASS_PREFIXES = ("md-",)
"""Classes user text may not borrow: Material styles and scripts everything named ``md-*``."""
