"""`vendorflow export_orders --organization acme [--status open] [--q SKU-7] > orders.csv`: the
orders list as CSV, as the list page and `GET /api/v1/orders/export.csv` give it."""

import csv

from django.core.management.base import BaseCommand, CommandError

from vendorflow.accounts.models import Organization
from vendorflow.lib.csvio import safe_cell
from vendorflow.orders import export, selectors
from vendorflow.orders.choices import OrderStatus


class Command(BaseCommand):
    help = "Write an organization's orders as CSV to standard output."

    def add_arguments(self, parser):
        parser.add_argument("--organization", required=True, help="organization slug")
        parser.add_argument("--status", choices=OrderStatus.values, default="")
        parser.add_argument("--q", default="", help="search text, as in the list's search box")
        parser.add_argument("--sort", choices=list(selectors.SORTS), default="po_date")

    def handle(self, *args, **opts):
        organization = Organization.objects.filter(slug=opts["organization"]).first()
        if organization is None:
            raise CommandError(f"No organization has the slug {opts['organization']!r}.")
        orders = selectors.search_orders(
            selectors.orders_for(organization), organization, opts["q"]
        )
        if opts["status"]:
            orders = orders.filter(status=opts["status"])
        _, keys = selectors.SORTS[opts["sort"]]
        writer = csv.writer(self.stdout)
        writer.writerow(export.CSV_COLUMNS)
        for row in export.export_rows(orders, keys):
            writer.writerow([safe_cell(value) for value in row])
