"""The quote archive: documents and quotes stored once, the same utterance linked across outlets (store.py)."""
