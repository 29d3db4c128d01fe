"""Writing content for people: skeletons (mic new), the starter site (mic init), spreadsheet import and export."""
