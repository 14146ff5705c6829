"""The case workbook: its schema, cell conversion, loading and a new empty workbook."""
