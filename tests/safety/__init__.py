"""Data-safety tests: crashes, disk full, one instance per file, risky locations."""
