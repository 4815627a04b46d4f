"""The domain: trackers, records, status schemes, meetings and validation (pure Python)."""
