"""Writing content for people: skeletons for mic new (and, next, the starter site and spreadsheet import/export)."""
