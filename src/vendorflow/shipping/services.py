"""Shipping settings: the organization's GS1 company prefix and SSCC extension digit.

Boxes opened after a change get their carton ids from the new values (a new prefix starts its
own serial series); boxes already opened keep theirs.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from vendorflow.accounts import audit
from vendorflow.shipping import sscc
from vendorflow.shipping.models import ShippingSettings


def update_settings(
    *, organization, user, gs1_company_prefix: str, sscc_extension_digit: int
) -> ShippingSettings:
    """Set the GS1 identity; an empty prefix means boxes get Amazon's CIDs instead of SSCCs."""
    prefix = (gs1_company_prefix or "").strip()
    errors = {}
    if prefix:
        try:
            sscc.check_prefix(prefix)
        except sscc.SsccError as exc:
            errors["gs1_company_prefix"] = str(exc)
    if sscc_extension_digit is None or not 0 <= sscc_extension_digit <= 9:
        errors["sscc_extension_digit"] = "The extension digit is one digit, 0 to 9."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = (
            ShippingSettings.objects.select_for_update().filter(organization=organization).first()
        )
        before = (
            {
                "gs1_company_prefix": current.gs1_company_prefix,
                "sscc_extension_digit": current.sscc_extension_digit,
            }
            if current
            else {}
        )
        options, _ = ShippingSettings.objects.update_or_create(
            organization=organization,
            defaults={"gs1_company_prefix": prefix, "sscc_extension_digit": sscc_extension_digit},
        )
        after = {"gs1_company_prefix": prefix, "sscc_extension_digit": sscc_extension_digit}
        changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
        if changes:
            audit.record(
                organization=organization,
                actor=user,
                action="shipping.settings_updated",
                obj=options,
                changes=changes,
            )
    return options
