"""The published site: page and file specs, paging, the plan, and one module per section."""
