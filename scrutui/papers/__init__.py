"""Papers for meetings: Markdown trackers, chase lists and change summaries (pure functions)."""
