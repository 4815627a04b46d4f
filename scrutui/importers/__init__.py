"""Importers: records proposed from minutes and from existing tracker tables."""
