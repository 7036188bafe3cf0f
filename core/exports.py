"""Spreadsheet exports that a Dutch editor's spreadsheet program opens safely and as they expect.

Wagtail's admin listings export CSV and XLSX (``list_export``). Two things are added here.

**Safe.** Whatever a visitor typed into a public form ends up in those files, and a spreadsheet
program runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (also after a tab or carriage
return) as a formula: ``=cmd|' /C calc'!A0`` or a ``HYPERLINK`` that sends the sheet's data
elsewhere ("CSV injection", OWASP). Such a cell gets a leading apostrophe, the spreadsheet
programs' own sign for "this is text". Wagtail's XLSX writer already stores formula-looking values
as text. (``SafeExportMixin``.)

**Dutch.** Wagtail writes times in UTC, raw ISO strings in CSV and commas between columns, which
Dutch Excel puts into one column. ``DutchExportMixin`` (and ``ExportIndexView``) writes:

- times in the editor's own time zone (their Wagtail profile, else ``TIME_ZONE``, Amsterdam),
  taken when the request comes in: a CSV is streamed after the admin's time-zone override ended;
- XLSX (the first button): real date cells, shown as ``31-12-2026 14:30``, a bold frozen heading
  row, a sheet named after the list;
- CSV: ``;`` between columns and a UTF-8 byte-order mark (so Excel reads "ë" as "ë"), dates as
  ``31-12-2026 14:30``;
- ``ja``/``nee`` for yes/no values in both.

Every admin listing that exports uses ``ExportIndexView`` (or ``DutchExportMixin``).
"""

import csv
import datetime
import re

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.views.generic import IndexView
from wagtail.admin.widgets.button import Button, HeaderButton

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_DELIMITER = ";"
BOM = "\ufeff"
# Python's and Excel's spelling of the same Dutch formats.
DATETIME_FORMAT, XLSX_DATETIME_FORMAT = "%d-%m-%Y %H:%M", "dd-mm-yyyy hh:mm"
DATE_FORMAT, XLSX_DATE_FORMAT = "%d-%m-%Y", "dd-mm-yyyy"
# Characters Excel refuses in a sheet's name, and its length limit.
SHEET_NAME_REFUSED = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_LENGTH = 31
COLUMN_WIDTH_MIN, COLUMN_WIDTH_MAX = 10, 50


def neutralise(value):
    """``value`` with a leading apostrophe when a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class Echo:
    """The one method of a file ``csv.writer`` needs: it hands back the row as UTF-8 bytes."""

    def write(self, value):
        return value.encode("utf-8")


class SafeExportMixin:
    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: neutralise(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )


class DutchExportMixin(SafeExportMixin):
    """Wagtail's ``SpreadsheetExportMixin`` with Dutch dates, time zone and separators (see module)."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # Inside Wagtail's override of the editor's time zone; a CSV is written after it ends.
        self.export_timezone = timezone.get_current_timezone()

    # Values -------------------------------------------------------------------------------------

    def preprocess_field_value(self, field, value, export_format):
        if export_format in self.custom_field_preprocess.get(field, {}):
            return super().preprocess_field_value(field, value, export_format)
        if isinstance(value, bool):
            return _("ja") if value else _("nee")
        if isinstance(value, datetime.datetime):
            if timezone.is_aware(value):
                value = timezone.localtime(value, self.export_timezone)
            if export_format == self.FORMAT_XLSX:
                return value.replace(tzinfo=None)  # Excel has no time zones: local time it is
            return value.strftime(DATETIME_FORMAT)
        if isinstance(value, datetime.date):
            return value if export_format == self.FORMAT_XLSX else value.strftime(DATE_FORMAT)
        return super().preprocess_field_value(field, value, export_format)

    # XLSX ---------------------------------------------------------------------------------------

    def sheet_name(self, queryset):
        name = SHEET_NAME_REFUSED.sub(" ", capfirst(str(queryset.model._meta.verbose_name_plural)))
        return name[:SHEET_NAME_LENGTH].strip() or "Export"

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415 - only when exporting, as Wagtail does

        for field, value in row_dict.items():
            cell = WriteOnlyCell(worksheet, self.preprocess_field_value(field, value, self.FORMAT_XLSX))
            if cell.data_type == "f":
                cell.data_type = "s"  # text that looks like a formula stays text
            if isinstance(cell.value, datetime.datetime):
                cell.number_format = XLSX_DATETIME_FORMAT
            elif isinstance(cell.value, datetime.date):
                cell.number_format = XLSX_DATE_FORMAT
            yield cell

    def write_xlsx(self, queryset, output):
        from openpyxl import Workbook  # noqa: PLC0415
        from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415
        from openpyxl.styles import Font  # noqa: PLC0415
        from openpyxl.utils import get_column_letter  # noqa: PLC0415

        workbook = Workbook(write_only=True, iso_dates=True)
        worksheet = workbook.create_sheet(title=self.sheet_name(queryset))
        headings = [self.get_heading(queryset, field) for field in self.list_export]
        # Write-only sheets take their layout before the first row.
        worksheet.freeze_panes = "A2"
        for number, heading in enumerate(headings, start=1):
            width = min(max(len(heading) + 2, COLUMN_WIDTH_MIN), COLUMN_WIDTH_MAX)
            worksheet.column_dimensions[get_column_letter(number)].width = width
        bold = Font(bold=True)
        heading_cells = []
        for heading in headings:
            cell = WriteOnlyCell(worksheet, heading)
            cell.font = bold
            heading_cells.append(cell)
        worksheet.append(heading_cells)
        for item in queryset:
            worksheet.append(self.generate_xlsx_row(worksheet, self.to_row_dict(item)))
        workbook.save(output)

    # CSV ----------------------------------------------------------------------------------------

    def stream_csv(self, queryset):
        # The headings now, while the editor's language is active; the rows as they are sent.
        headings = {field: self.get_heading(queryset, field) for field in self.list_export}
        writer = csv.DictWriter(Echo(), fieldnames=self.list_export, delimiter=CSV_DELIMITER)
        header = BOM.encode("utf-8") + writer.writerow(headings)

        def rows():
            yield header
            for item in queryset:
                yield self.write_csv_row(writer, self.to_row_dict(item))

        return rows()

    def write_csv_response(self, queryset):
        response = StreamingHttpResponse(self.stream_csv(queryset), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
        return response

    # Buttons ------------------------------------------------------------------------------------

    @property
    def header_buttons(self):
        # XLSX is what an editor wants: a button in sight. CSV stays under "…".
        buttons = list(super().header_buttons)
        if self.show_export_buttons:
            buttons.append(HeaderButton(XLSX_LABEL, url=self.xlsx_export_url, icon_name="download"))
        return buttons

    @property
    def header_more_buttons(self):
        buttons = [button for button in super().header_more_buttons if button.url != self.xlsx_export_url]
        return [
            Button(CSV_LABEL, url=button.url, icon_name="download", priority=button.priority)
            if button.url == self.csv_export_url
            else button
            for button in buttons
        ]


XLSX_LABEL = gettext_lazy("Downloaden voor Excel")
CSV_LABEL = gettext_lazy("Downloaden als CSV (met ;)")


class ExportIndexView(DutchExportMixin, IndexView):
    pass
