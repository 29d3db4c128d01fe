"""The MkDocs adapter: everything that knows MkDocs or Material (plugin, search entries, theme markup fixes and their CSS/JS)."""
