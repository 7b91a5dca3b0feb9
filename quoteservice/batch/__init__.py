"""`quotes batch`: extract whole archives to JSONL or Parquet, on a local process pool or on Ray Data."""
