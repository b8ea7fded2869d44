"""`vendorflow unmapped_items --user ana [--channel VEND1] [--q B0DEMO]`: the unmapped items of
open orders, as the Unmapped items page and `GET /api/v1/catalog/unmapped-items` list them.

`--map B0DEMO0099 --sku TEA-1` maps the item (its ASIN or vendor product id) to a product;
`--create-product B0DEMO0099 [--sku TEA-1] [--name "Green tea"]` creates its product from the PO
data first. Both need the Manager role; the orders that waited only for it are printed."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from vendorflow.accounts.choices import Role
from vendorflow.accounts.commands import acting_member, add_user_argument, error_text
from vendorflow.catalog import services
from vendorflow.channels.models import AmazonChannel

COLUMNS = ("channel", "asin", "vendor_product_id", "pos", "units", "earliest_deadline", "suggested")


class Command(BaseCommand):
    help = "List the unmapped items of open orders, or map one."

    def add_arguments(self, parser):
        add_user_argument(parser)
        parser.add_argument("--channel", default="", help="vendor code of the Amazon channel")
        parser.add_argument("--q", default="", help="only items whose identifiers contain this")
        action = parser.add_mutually_exclusive_group()
        action.add_argument("--map", default="", metavar="ITEM", help="ASIN or vendor id to map")
        action.add_argument(
            "--create-product", default="", metavar="ITEM", help="create the item's product, map it"
        )
        parser.add_argument("--sku", default="", help="the product to map to (or the new SKU)")
        parser.add_argument("--name", default="", help="the new product's name")

    def handle(self, *args, **opts):
        writing = opts["map"] or opts["create_product"]
        member = acting_member(opts["user"], Role.MANAGER if writing else Role.VIEWER)
        channel = self._channel(member.organization, opts["channel"])
        if not writing:
            self._list(member.organization, channel, opts["q"])
            return
        item = self._item(member.organization, channel, writing)
        try:
            result = self._write(member, item, opts)
        except ValidationError as exc:
            raise CommandError(error_text(exc)) from exc
        fixed = " ".join(order.po_number for order in result.orders_fixed) or "none"
        self.stdout.write(
            f"Mapped {writing} to {result.product.sku}: {result.lines_mapped} order line(s) set. "
            f"Ready to scan: {fixed}."
        )

    def _channel(self, organization, vendor_code: str) -> AmazonChannel | None:
        if not vendor_code:
            return None
        channel = AmazonChannel.objects.filter(
            organization=organization, vendor_code=vendor_code.strip()
        ).first()
        if channel is None:
            raise CommandError(f"No Amazon channel has the vendor code {vendor_code!r}.")
        return channel

    def _list(self, organization, channel, q: str) -> None:
        rows = services.unmapped_item_rows(
            organization, channel_id=channel.pk if channel else None, q=q
        )
        codes = dict(
            AmazonChannel.objects.filter(organization=organization).values_list("pk", "vendor_code")
        )
        self.stdout.write("\t".join(COLUMNS))
        for item in services.unmapped_items(rows):
            suggested = item.suggestion.product.sku if item.suggestion else ""
            values = (
                codes[item.channel_id],
                item.asin,
                item.vendor_product_id,
                item.po_count,
                item.units,
                item.earliest_deadline.isoformat(),
                suggested,
            )
            self.stdout.write("\t".join(str(value) for value in values))

    def _item(self, organization, channel, identifier: str) -> services.UnmappedItem:
        rows = services.unmapped_item_rows(organization, channel_id=channel.pk if channel else None)
        found = [
            row
            for row in rows.filter(asin=identifier.strip().upper())
            or rows.filter(vendor_product_id=identifier.strip())
        ]
        if not found:
            raise CommandError(f"No open order waits for the item {identifier}.")
        if len(found) > 1:
            raise CommandError(f"{identifier} is unmapped on several channels: give --channel.")
        return services.unmapped_items(found)[0]

    def _write(self, member, item: services.UnmappedItem, opts) -> services.MappedItem:
        channel = AmazonChannel.objects.get(pk=item.channel_id)
        identifiers = {"asin": item.asin, "vendor_product_id": item.vendor_product_id}
        if opts["map"]:
            return services.map_unmapped_item(
                channel=channel, actor=member.user, sku=opts["sku"], **identifiers
            )
        data = {"sku": opts["sku"] or None, "name": opts["name"] or None}
        return services.create_product_for_item(
            channel=channel, actor=member.user, data=data, **identifiers
        )
