"""Exports to compute with: records as spreadsheet rows whose amounts are numbers."""
