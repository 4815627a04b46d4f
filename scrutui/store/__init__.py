"""The store: TOML files, the workspace on disk and its git history."""
