"""Files brought in from elsewhere: untrusted-file checks, table reading, importers.

Below `ui/` and `cli/`, above `services/`; no Qt. openpyxl is imported only when a
workbook is read (`table_reader`), never when this package is imported.
"""
