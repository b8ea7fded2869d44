"""Carton ids for new boxes: an SSCC from the organization's GS1 prefix, or a CID without one.

Serials come from a per-organization series row locked for the update, so two boxes opened at
once never get the same serial; the unique constraint on (organization, carton_id) would refuse
it anyway. Serials only go up, so an id is never handed out twice.
"""

from vendorflow.shipping import sscc
from vendorflow.shipping.choices import CartonIdType
from vendorflow.shipping.models import SerialSeries, ShippingSettings

CID_SERIES = "CID"
SHIPMENT_SERIES = "SHIPMENT"


def next_serial(organization_id: int, key: str) -> int:
    """The next serial of a series. Inside a transaction: the row stays locked until it ends."""
    SerialSeries.objects.get_or_create(organization_id=organization_id, key=key)
    series = SerialSeries.objects.select_for_update().get(organization_id=organization_id, key=key)
    series.last_serial += 1
    series.save(update_fields=["last_serial"])
    return series.last_serial


def settings_for(organization_id: int) -> ShippingSettings:
    found = ShippingSettings.objects.filter(organization_id=organization_id).first()
    return found or ShippingSettings(organization_id=organization_id)


def new_carton_id(organization_id: int) -> tuple[str, str]:
    """(carton id, CartonIdType) for a new box."""
    options = settings_for(organization_id)
    prefix = options.gs1_company_prefix
    if not prefix:
        return f"C{next_serial(organization_id, CID_SERIES):010d}", CartonIdType.CID
    key = f"SSCC:{options.sscc_extension_digit}{prefix}"
    code = sscc.build(
        extension_digit=options.sscc_extension_digit,
        company_prefix=prefix,
        serial=next_serial(organization_id, key),
    )
    return code, CartonIdType.SSCC


def new_shipment_reference(organization_id: int) -> str:
    return f"SHP{next_serial(organization_id, SHIPMENT_SERIES):07d}"
