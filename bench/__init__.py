"""The benchmark harness: legacy, upstream and tagpage timed side by side on the same data (`tagpage bench`, `make bench`), with its results under bench/results/. Nothing else imports it."""
