"""`vendorflow pick_list --organization acme --po 4Z32PABC [--po …] --out pick-list.pdf`: the pick
list of one PO or a batch as PDF (or CSV, for `--out list.csv`), as the orders list and
`GET /api/v1/orders/pick-list.pdf` give it."""

import csv
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from vendorflow.accounts.models import Organization
from vendorflow.lib.csvio import safe_cell
from vendorflow.orders import picking, printing
from vendorflow.orders.models import Order


class Command(BaseCommand):
    help = "Write the pick list of one or more open POs as a PDF file."

    def add_arguments(self, parser):
        parser.add_argument("--organization", required=True, help="organization slug")
        parser.add_argument(
            "--po", action="append", required=True, help="PO number; repeat for a batch"
        )
        parser.add_argument(
            "--out", required=True, help="the file to write: PDF, or CSV when it ends in .csv"
        )
        parser.add_argument("--paper", choices=list(printing.PAPERS), default="a4")

    def handle(self, *args, **opts):
        organization = organization_named(opts["organization"])
        ids = order_ids(organization, opts["po"])
        try:
            pick_list = picking.pick_list_for(organization=organization, order_ids=ids)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        out = Path(opts["out"])
        if out.suffix.lower() == ".csv":
            write_csv(out, picking.CSV_COLUMNS, picking.csv_rows(pick_list))
        else:
            context = {"pick_list": pick_list, "paper": opts["paper"]}
            pdf = printing.render_pdf(
                "orders/print/_pick_list.html", context, time_zone=organization.time_zone
            )
            out.write_bytes(pdf)
        self.stdout.write(
            f"Wrote {opts['out']}: {len(pick_list.orders)} POs, {len(pick_list.rows)} SKUs, "
            f"{pick_list.eaches} eaches."
        )


def write_csv(path: Path, header: list[str], rows) -> None:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        for row in rows:
            writer.writerow([safe_cell(value) for value in row])


def organization_named(slug: str) -> Organization:
    organization = Organization.objects.filter(slug=slug).first()
    if organization is None:
        raise CommandError(f"No organization has the slug {slug!r}.")
    return organization


def order_ids(organization, po_numbers: list[str]) -> list[int]:
    """The ids of the organization's orders with these PO numbers; every one must exist."""
    if len(set(po_numbers)) > picking.MAX_BATCH:
        raise CommandError(f"A pick list takes at most {picking.MAX_BATCH} orders.")
    rows = Order.objects.filter(organization=organization, po_number__in=po_numbers)
    found: dict[str, list[int]] = {}
    for po_number, pk in rows.values_list("po_number", "pk"):
        found.setdefault(po_number, []).append(pk)
    missing = sorted(set(po_numbers) - set(found))
    if missing:
        raise CommandError(f"No order with PO number {', '.join(missing)}.")
    twice = sorted(po for po, pks in found.items() if len(pks) > 1)
    if twice:
        raise CommandError(f"PO number {', '.join(twice)} is on more than one channel.")
    return [pks[0] for pks in found.values()]
