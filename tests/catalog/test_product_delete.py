from tests import factories
from vendorflow.catalog.models import Barcode, Product, ProductMapping


def test_product_without_order_lines_is_deleted_with_its_barcodes_and_mappings(member_client, org):
    product = factories.make_product(org, "SKU-1", barcodes=["8901234567890"])
    factories.map_product(factories.make_channel(org), product, asin="B0TESTASIN")
    response = member_client("manager").post(f"/catalog/products/{product.pk}/delete/")
    assert response.status_code == 302
    assert response.url == "/catalog/products/"
    assert not Product.objects.exists()
    assert not Barcode.objects.exists()
    assert not ProductMapping.objects.exists()


def test_product_on_order_lines_is_kept_with_a_clear_message(member_client, org):
    product = factories.make_product(org, "SKU-1")
    channel = factories.make_channel(org)
    factories.make_order(channel, factories.make_customer(org), lines=[{"product": product}])
    response = member_client("manager").post(f"/catalog/products/{product.pk}/delete/", follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Product SKU-1 cannot be deleted: 1 order line(s) use it."
    ]
    assert Product.objects.filter(pk=product.pk).exists()
