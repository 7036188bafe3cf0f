"""Spreadsheet exports that a spreadsheet program can open safely.

Wagtail's admin listings export CSV and XLSX (``list_export``). Whatever a visitor typed into a
public form ends up in those files, and a spreadsheet program runs a cell that starts with ``=``,
``+``, ``-`` or ``@`` (also after a tab or carriage return) as a formula: ``=cmd|' /C calc'!A0``
or a ``HYPERLINK`` that sends the sheet's data elsewhere ("CSV injection", OWASP). Such a cell
gets a leading apostrophe, the spreadsheet programs' own sign for "this is text". Wagtail's XLSX
writer already stores formula-looking values as text.

Every admin listing that exports uses ``SafeExportIndexView`` (or ``SafeExportMixin``).
"""

from wagtail.admin.views.generic import IndexView

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """``value`` with a leading apostrophe when a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeExportMixin:
    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: neutralise(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )


class SafeExportIndexView(SafeExportMixin, IndexView):
    pass
