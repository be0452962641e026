"""Item pipelines, one per file, each counting what it changed or dropped in crawler.stats."""
