"""`vendorflow po_sheet --organization acme --po 4Z32PABC --out po.pdf`: the printable PO sheet as
PDF, as the order page and `GET /api/v1/orders/{id}/sheet.pdf` give it."""

from pathlib import Path

from django.core.management.base import BaseCommand

from vendorflow.orders import printing, sheets
from vendorflow.orders.management.commands.pick_list import order_ids, organization_named
from vendorflow.orders.models import Order


class Command(BaseCommand):
    help = "Write the PO sheet of one order as a PDF file."

    def add_arguments(self, parser):
        parser.add_argument("--organization", required=True, help="organization slug")
        parser.add_argument("--po", required=True, help="PO number")
        parser.add_argument("--out", required=True, help="the PDF file to write")
        parser.add_argument("--paper", choices=list(printing.PAPERS), default="a4")

    def handle(self, *args, **opts):
        organization = organization_named(opts["organization"])
        [order_id] = order_ids(organization, [opts["po"]])
        sheet = sheets.po_sheet(Order.objects.get(pk=order_id))
        context = {"sheet": sheet, "paper": opts["paper"]}
        pdf = printing.render_pdf(
            "orders/print/_po_sheet.html", context, time_zone=organization.time_zone
        )
        Path(opts["out"]).write_bytes(pdf)
        self.stdout.write(f"Wrote {opts['out']}: PO {opts['po']}, {len(sheet.lines)} lines.")
