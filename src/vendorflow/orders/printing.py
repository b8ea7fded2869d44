"""Printouts as PDF: the same sheet templates the browser prints, laid out by WeasyPrint.

The page is A4 or a 4×6 in label (`paper`), set by the print stylesheet's named pages.
"""

from zoneinfo import ZoneInfo

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

PAPERS = {"a4": "A4", "label": "4×6 in label"}
PRINT_CSS = "vendorflow/print.css"


def paper_from(value: str | None) -> str:
    return value if value in PAPERS else "a4"


def render_pdf(template: str, context: dict, *, time_zone: str) -> bytes:
    """The sheet `template` (a partial of orders/print/) as a PDF document, its times in
    `time_zone` (the reader's: a member's own or the organization's)."""
    from weasyprint import CSS, HTML  # imported on use: it loads Pango, which pages never need

    with timezone.override(ZoneInfo(time_zone)):
        html = render_to_string(
            "orders/print/document.html", {**context, "sheet_template": template}
        )
    stylesheet = finders.find(PRINT_CSS)
    assert isinstance(stylesheet, str), f"{PRINT_CSS} is missing from the static files"
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=stylesheet)])
