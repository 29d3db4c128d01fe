"""Reading the content: YAML source, field types, the content format, the framework file, privacy checks, the loader, problems, git enrichment."""
