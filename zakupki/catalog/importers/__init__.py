"""Importers of catalogue data: the portal's СТЕ file and suppliers' offer lists (CSV or XLSX)."""
