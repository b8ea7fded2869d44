"""`vendorflow export_orders --organization acme [--status open] [--sku SKU-7] > orders.csv`: the
orders list as the list page and `GET /api/v1/orders/export.csv` give it; `--lines` for one row
per order line, `--format json` for a JSON array."""

import csv

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from vendorflow.accounts.commands import error_text
from vendorflow.accounts.models import Organization
from vendorflow.lib.csvio import safe_cell
from vendorflow.orders import export, listing, selectors
from vendorflow.orders.choices import AckState, OrderStatus


class Command(BaseCommand):
    help = "Write an organization's orders (or their lines) as CSV or JSON to standard output."

    def add_arguments(self, parser):
        parser.add_argument("--organization", required=True, help="organization slug")
        parser.add_argument("--status", choices=OrderStatus.values, default="")
        parser.add_argument("--q", default="", help="search text, as in the list's search box")
        parser.add_argument("--po-number", default="", help="exactly this PO number")
        parser.add_argument("--sku", default="", help="orders with a line for this SKU")
        parser.add_argument("--asin", default="", help="orders with a line for this ASIN")
        parser.add_argument("--fc", default="", help="orders shipping to this Amazon FC")
        parser.add_argument("--ack", choices=AckState.values, default="", help="ack state")
        parser.add_argument("--sort", choices=list(selectors.SORTS), default="")
        parser.add_argument("--lines", action="store_true", help="one row per order line")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")

    def handle(self, *args, **opts):
        organization = Organization.objects.filter(slug=opts["organization"]).first()
        if organization is None:
            raise CommandError(f"No organization has the slug {opts['organization']!r}.")
        params = {name: opts[name] for name in ("status", "q", "po_number", "sku", "asin", "fc")}
        params.update(ack=opts["ack"], sort=opts["sort"])
        try:
            orders, keys = listing.filtered_orders(organization, params)
        except ValidationError as exc:
            raise CommandError(error_text(exc)) from exc
        records = (export.line_records if opts["lines"] else export.order_records)(orders, keys)
        if opts["format"] == "json":
            for chunk in export.json_chunks(records):
                self.stdout.write(chunk, ending="")
            self.stdout.write("")
            return
        writer = csv.writer(self.stdout)
        writer.writerow(export.LINE_COLUMNS if opts["lines"] else export.CSV_COLUMNS)
        for row in export.csv_rows(records):
            writer.writerow([safe_cell(value) for value in row])
