"""tagpage admin: the `tagpage` CLI, demo data, statistics and index upkeep, explain, and the benchmark harness (bench*, workload, legacy, upstream), which only the bench command starts."""
