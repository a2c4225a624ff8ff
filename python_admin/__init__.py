"""tagpage admin package: CLI, configuration, cache, demo data and benchmarks."""
