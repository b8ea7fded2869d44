"""Catalog services: every write to locations, products and product mappings goes through here."""

from vendorflow.catalog.services.common import CsvImportError, ImportResult
from vendorflow.catalog.services.locations import (
    LOCATION_FIELDS,
    create_location,
    delete_location,
    import_locations_csv,
    location_export_rows,
    location_usage,
    update_location,
)
from vendorflow.catalog.services.lookup import (
    find_mapped_product,
    find_product_by_asin,
    find_product_by_code,
    find_product_by_identifier,
)
from vendorflow.catalog.services.mapping_csv import (
    MAPPING_COLUMNS,
    import_product_mappings_csv,
    mapping_export_rows,
)
from vendorflow.catalog.services.mappings import (
    Suggestion,
    apply_mapping_changes,
    delete_product_mapping,
    save_product_mapping,
    suggest_mappings,
    suggest_product,
)
from vendorflow.catalog.services.product_csv import import_products_csv, product_export_rows
from vendorflow.catalog.services.product_values import PRODUCT_FIELDS
from vendorflow.catalog.services.products import (
    create_product,
    delete_product,
    product_usage,
    update_product,
)
from vendorflow.catalog.services.unmapped import (
    MappedItem,
    UnmappedItem,
    create_product_for_item,
    map_unmapped_item,
    product_values_from_po,
    unmapped_item,
    unmapped_item_rows,
    unmapped_items,
)

__all__ = [
    "LOCATION_FIELDS",
    "MappedItem",
    "UnmappedItem",
    "create_product_for_item",
    "map_unmapped_item",
    "product_values_from_po",
    "unmapped_item",
    "unmapped_item_rows",
    "unmapped_items",
    "MAPPING_COLUMNS",
    "PRODUCT_FIELDS",
    "CsvImportError",
    "ImportResult",
    "Suggestion",
    "apply_mapping_changes",
    "create_location",
    "create_product",
    "delete_location",
    "delete_product",
    "delete_product_mapping",
    "find_mapped_product",
    "find_product_by_asin",
    "find_product_by_code",
    "find_product_by_identifier",
    "import_locations_csv",
    "import_product_mappings_csv",
    "import_products_csv",
    "location_export_rows",
    "location_usage",
    "mapping_export_rows",
    "product_export_rows",
    "product_usage",
    "save_product_mapping",
    "suggest_mappings",
    "suggest_product",
    "update_location",
    "update_product",
]
