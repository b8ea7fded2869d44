from tests import factories
from tests.catalog.builders import UPC_A


def _skus(response):
    return [product.sku for product in response.context["page_obj"]]


def test_search_by_sku_name_and_barcode_in_any_gtin_form(member_client, org):
    factories.make_product(org, "TEA-1", name="Green tea", barcodes=[UPC_A])
    factories.make_product(org, "COF-1", name="Coffee")
    client = member_client("viewer")
    assert _skus(client.get("/catalog/products/?q=tea")) == ["TEA-1"]
    assert _skus(client.get("/catalog/products/?q=coffee")) == ["COF-1"]
    assert _skus(client.get("/catalog/products/?q=00" + UPC_A)) == ["TEA-1"]
    assert _skus(client.get("/catalog/products/")) == ["COF-1", "TEA-1"]


def test_pagination_keeps_the_query(member_client, org):
    for n in range(55):
        factories.make_product(org, f"SKU-{n:03}")
    client = member_client("viewer")
    first = client.get("/catalog/products/?q=SKU")
    assert len(first.context["page_obj"]) == 50
    assert 'href="?q=SKU&amp;page=2"' in first.content.decode()
    assert _skus(client.get("/catalog/products/?q=SKU&page=2")) == [
        f"SKU-{n:03}" for n in range(50, 55)
    ]
