import pytest
from django.core.exceptions import ValidationError

from tests.factories import make_customer, make_location, make_org, map_warehouse
from vendorflow.accounts.models import AuditLog
from vendorflow.customers import services
from vendorflow.customers.models import WarehouseCodeMapping


def _save(org, **kw):
    return services.save_warehouse_mapping(organization=org, actor=None, **kw)


def test_code_is_trimmed_and_uppercased_and_returned_as_mapped(org):
    customer = make_customer(org)
    assert _save(org, code="  blr7 ", customer=customer) == ["BLR7"]
    assert list(WarehouseCodeMapping.objects.values_list("code", "customer")) == [
        ("BLR7", customer.pk)
    ]


def test_duplicate_code_names_the_current_customer(org):
    first = make_customer(org, code="AMZ-1", name="Amazon One")
    second = make_customer(org, code="AMZ-2", name="Amazon Two")
    map_warehouse(org, "BLR7", first)
    with pytest.raises(ValidationError) as exc:
        _save(org, code="blr7", customer=second)
    assert exc.value.message_dict == {
        "code": ["Warehouse code BLR7 is already mapped to customer AMZ-1 (Amazon One)."]
    }
    assert list(WarehouseCodeMapping.objects.values_list("customer", flat=True)) == [first.pk]


def test_same_code_in_another_organization_is_fine(org):
    other = make_org()
    map_warehouse(other, "BLR7", make_customer(other))
    assert _save(org, code="BLR7", customer=make_customer(org)) == ["BLR7"]


def test_location_must_belong_to_the_organization(org):
    foreign = make_location(make_org(), code="WH9")
    with pytest.raises(ValidationError) as exc:
        _save(org, code="BLR7", customer=make_customer(org), location=foreign)
    assert exc.value.message_dict == {"location": ["Choose a location of your organization."]}
    assert not WarehouseCodeMapping.objects.exists()


def test_customer_must_belong_to_the_organization(org):
    other = make_org()
    with pytest.raises(ValidationError) as exc:
        _save(org, code="BLR7", customer=make_customer(other))
    assert exc.value.message_dict == {"customer": ["Choose a customer of your organization."]}


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("  ", "Enter the marketplace warehouse (FC) code, e.g. BLR7."),
        ("BL R7", "'BL R7' is not a warehouse code: use letters, digits, '-' or '_'."),
        ("X" * 21, f"A warehouse code has at most 20 characters; {'X' * 21!r} has 21."),
    ],
)
def test_bad_codes_are_refused(org, code, message):
    with pytest.raises(ValidationError) as exc:
        _save(org, code=code, customer=make_customer(org))
    assert exc.value.message_dict == {"code": [message]}


def test_changing_customer_or_location_returns_the_code_and_is_audited(org):
    a, b = make_customer(org, code="A"), make_customer(org, code="B")
    wh = make_location(org, "WH1")
    mapping = map_warehouse(org, "BLR7", a)
    assert _save(org, code="BLR7", customer=b, location=wh, mapping=mapping) == ["BLR7"]
    entry = AuditLog.objects.get(action="warehouse_mapping.updated")
    assert entry.changes == {"customer": ["A", "B"], "location": [None, "WH1"]}


def test_saving_unchanged_mapping_returns_nothing(org):
    a = make_customer(org, code="A")
    mapping = map_warehouse(org, "BLR7", a)
    assert _save(org, code="blr7", customer=a, mapping=mapping) == []
    assert not AuditLog.objects.exists()
