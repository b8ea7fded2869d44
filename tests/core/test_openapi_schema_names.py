"""The OpenAPI document at /api/v1/docs describes each endpoint with its own schemas.

Schemas are named after their classes; two classes with one name would make the document show
one endpoint's body or answer for another's."""

from collections import defaultdict

from ninja import Schema

from vendorflow.api import api


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_no_two_api_schemas_share_a_name():
    api.get_openapi_schema()  # every schema of every router is built and imported by now
    modules = defaultdict(set)
    for cls in _subclasses(Schema):
        # Nested ones are the paginators' query parameters, not documented schemas.
        if cls.__module__.startswith("vendorflow.") and "." not in cls.__qualname__:
            modules[cls.__name__].add(f"{cls.__module__}.{cls.__qualname__}")
    assert {name: sorted(found) for name, found in modules.items() if len(found) > 1} == {}


def _body(document, path, method):
    ref = document["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"]
    return document["components"]["schemas"][ref["$ref"].split("/")[-1]]


def _answer(document, path, method, status):
    content = document["paths"][path][method]["responses"][status]["content"]
    ref = content["application/json"]["schema"]["$ref"]
    return document["components"]["schemas"][ref.split("/")[-1]]


def test_warehouse_code_and_product_mapping_endpoints_show_their_own_fields():
    document = api.get_openapi_schema()
    warehouse = _body(document, "/api/v1/customers/warehouse-codes", "post")
    assert sorted(warehouse["properties"]) == ["code", "customer_id", "location_id"]
    product = _body(document, "/api/v1/catalog/mappings", "post")
    assert sorted(product["properties"]) == ["asin", "channel_id", "sku", "vendor_product_id"]
    customers = _answer(document, "/api/v1/customers/import", "post", 200)
    assert sorted(customers["properties"]) == ["created", "mapped_codes", "updated"]
    products = _answer(document, "/api/v1/catalog/products/import", "post", 200)
    assert sorted(products["properties"]) == ["created", "unchanged", "updated"]
