"""Give the demo's simulator the demo organization's vendor, FCs, items and a first set of POs."""

from datetime import UTC, datetime, timedelta

import httpx

from vendorflow.demo import data
from vendorflow.simulator import catalog

DEMO_FCS = [row[0] for row in data.CUSTOMERS] + [data.UNMAPPED_FC]


def seed_document() -> dict:
    fcs = [fc for fc in catalog.default_fcs() if fc["code"] in DEMO_FCS]
    vendor = {
        **catalog.default_vendors()[0],
        "code": data.VENDOR_CODE,
        "name": data.ORGANIZATION["name"],
    }
    items = [
        {
            "asin": asin,
            "vendorProductIdentifier": ean,
            "caseSize": case_pack or 1,
            "netCost": cost,
            "listPrice": mrp,
        }
        for _sku, _name, ean, asin, mrp, cost, case_pack, _case in data.PRODUCTS
    ]
    unmapped_asin, unmapped_ean = data.UNMAPPED_ITEM
    items.append(
        {
            "asin": unmapped_asin,
            "vendorProductIdentifier": unmapped_ean,
            "caseSize": 1,
            "netCost": "99.00",
            "listPrice": "149.00",
        }
    )
    return {"vendors": [vendor], "fcs": fcs, "items": items}


def seed_simulator(base_url: str) -> None:
    """Load the reference data; on a fresh simulator also create the first POs."""
    control = f"{base_url}/_sim"
    with httpx.Client(timeout=60) as http:
        http.post(f"{control}/seed", json=seed_document()).raise_for_status()
        if http.get(f"{control}/").json()["orders"]:
            return
        now = datetime.now(UTC)
        recent = {
            "created_from": (now - timedelta(hours=20)).isoformat(),
            "created_to": now.isoformat(),
        }
        batches = [
            {
                "count": 10,
                "vendor_code": data.VENDOR_CODE,
                "lines_per_order": [2, 5],
                "items": [row[3] for row in data.PRODUCTS],
                "fcs": [row[0] for row in data.CUSTOMERS],
            },
            {
                "count": 2,
                "vendor_code": data.VENDOR_CODE,
                "lines_per_order": [2, 3],
                "items": [row[3] for row in data.PRODUCTS],
                "fcs": [data.UNMAPPED_FC],
            },
            {
                "count": 1,
                "vendor_code": data.VENDOR_CODE,
                "lines_per_order": [2, 2],
                "items": [data.PRODUCTS[0][3], data.UNMAPPED_ITEM[0]],
                "fcs": [data.CUSTOMERS[0][0]],
            },
        ]
        for batch in batches:
            response = http.post(f"{control}/orders", json={"generate": {**batch, **recent}})
            response.raise_for_status()
