"""The Textual application: screens, widgets, styles and commands."""
