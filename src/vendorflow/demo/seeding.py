"""Create (or refresh) the demo organization. Safe to run any number of times."""

from django.contrib.auth import get_user_model
from django.db import transaction

from vendorflow.accounts.models import Membership, Organization
from vendorflow.catalog.models import Barcode, Location, Product, ProductMapping
from vendorflow.channels.models import AmazonChannel, SalesChannel
from vendorflow.customers.models import Customer, WarehouseCodeMapping
from vendorflow.demo import data


@transaction.atomic
def seed(*, simulator_url: str) -> Organization:
    org, _ = Organization.objects.get_or_create(
        slug=data.ORGANIZATION["slug"], defaults={"name": data.ORGANIZATION["name"]}
    )
    _seed_users(org)
    locations = _seed_locations(org)
    _seed_customers(org, locations)
    products = _seed_products(org)
    channel = _seed_channel(org, simulator_url)
    _seed_mappings(channel, products)
    return org


def _seed_users(org: Organization) -> None:
    users = get_user_model().objects
    for username, role in data.USERS:
        user, created = users.get_or_create(
            username=username, defaults={"email": f"{username}@demo.local"}
        )
        if created:
            user.set_password(data.PASSWORD)
            user.save(update_fields=["password"])
        Membership.objects.update_or_create(user=user, defaults={"organization": org, "role": role})


def _seed_locations(org: Organization) -> dict[str, Location]:
    result = {}
    for row in data.LOCATIONS:
        row = dict(row)
        code = row.pop("code")
        result[code], _ = Location.objects.update_or_create(
            organization=org, code=code, defaults=row
        )
    return result


def _seed_customers(org: Organization, locations: dict[str, Location]) -> None:
    for fc, code, name, gstin, city, state, location_code in data.CUSTOMERS:
        customer, _ = Customer.objects.update_or_create(
            organization=org,
            code=code,
            defaults={
                "name": name,
                "tax_id": gstin,
                "city": city,
                "state_or_region": state,
                "country_code": "IN",
                "contact_email": f"vendor-{fc.lower()}@amazon.example",
            },
        )
        WarehouseCodeMapping.objects.update_or_create(
            organization=org,
            code=fc,
            defaults={"customer": customer, "location": locations[location_code]},
        )


def _seed_products(org: Organization) -> dict[str, Product]:
    result = {}
    for sku, name, ean, _asin, mrp, cost, case_pack, case_gtin in data.PRODUCTS:
        product, _ = Product.objects.update_or_create(
            organization=org,
            sku=sku,
            defaults={
                "name": name,
                "mrp": data.money(mrp),
                "expected_cost": data.money(cost),
                "case_pack_size": case_pack,
                "case_barcode": case_gtin,
                "bin": data.BINS.get(sku, ""),
            },
        )
        Barcode.objects.get_or_create(organization=org, code=ean, defaults={"product": product})
        result[sku] = product
    return result


def _seed_channel(org: Organization, simulator_url: str) -> AmazonChannel:
    sales_channel, _ = SalesChannel.objects.get_or_create(organization=org, name=data.SALES_CHANNEL)
    channel, _ = AmazonChannel.objects.get_or_create(
        organization=org,
        vendor_code=data.VENDOR_CODE,
        defaults={"sales_channel": sales_channel, "name": "Amazon Retail B2B (demo)"},
    )
    channel.sales_channel = sales_channel
    channel.warehouse_codes = [row["code"] for row in data.LOCATIONS]
    channel.registered_emails = ["ops@demo.local"]
    channel.region = "EU"
    channel.lwa_client_id = data.SIM_CLIENT_ID
    channel.client_secret = data.SIM_CLIENT_SECRET
    channel.refresh_token = data.SIM_REFRESH_TOKEN
    channel.endpoint_override = simulator_url
    channel.lwa_endpoint_override = simulator_url.rstrip("/") + "/auth/o2/token"
    channel.poll_interval_minutes = 1
    channel.save()
    return channel


def _seed_mappings(channel: AmazonChannel, products: dict[str, Product]) -> None:
    for sku, _name, ean, asin, *_ in data.PRODUCTS:
        ProductMapping.objects.update_or_create(
            channel=channel,
            asin=asin,
            defaults={
                "organization": channel.organization,
                "vendor_product_id": ean,
                "product": products[sku],
            },
        )
