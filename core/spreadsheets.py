"""What every export for spreadsheets (CSV, XLSX) shares."""

# A cell starting with one of these is taken for a formula by Excel, LibreOffice and Google
# Sheets (CSV injection): such text gets a leading apostrophe, so opening the file runs nothing.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A cell as text that no spreadsheet evaluates; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
