"""The demo organization's master data, shared by `seed_demo` and the simulator's seed."""

from decimal import Decimal

ORGANIZATION = {"name": "Demo Brands Pvt Ltd", "slug": "demo"}
PASSWORD = "vendorflow-demo"
USERS = [
    ("admin", "admin"),
    ("manager", "manager"),
    ("operator", "operator"),
    ("viewer", "viewer"),
]
VENDOR_CODE = "DEMOV"
SALES_CHANNEL = "Amazon B2B India"
SIM_CLIENT_ID = "amzn1.application-oa2-client.demo"
SIM_CLIENT_SECRET = "demo-client-secret"
SIM_REFRESH_TOKEN = "Atzr|demo-refresh-token"

LOCATIONS = [
    {
        "code": "WH-BLR",
        "name": "Bengaluru warehouse",
        "city": "Bengaluru",
        "state_or_region": "KA",
        "postal_code": "562123",
    },
    {
        "code": "WH-DEL",
        "name": "Delhi NCR warehouse",
        "city": "Gurugram",
        "state_or_region": "HR",
        "postal_code": "122001",
    },
]

# (FC code, customer code, customer name, GSTIN, city, state, fulfilling location)
CUSTOMERS = [
    (
        "BLR7",
        "AMZ-KA",
        "Amazon Retail India Pvt Ltd (Karnataka)",
        "29AAICA3918J1ZE",
        "Bengaluru",
        "KA",
        "WH-BLR",
    ),
    (
        "BOM5",
        "AMZ-MH",
        "Amazon Retail India Pvt Ltd (Maharashtra)",
        "27AAICA3918J1ZI",
        "Bhiwandi",
        "MH",
        "WH-BLR",
    ),
    (
        "DEL4",
        "AMZ-DL",
        "Amazon Retail India Pvt Ltd (Delhi)",
        "07AAICA3918J1ZK",
        "New Delhi",
        "DL",
        "WH-DEL",
    ),
]
# An FC Amazon ships to that has no customer yet: its POs become import exceptions.
UNMAPPED_FC = "HYD8"

# (SKU, name, EAN-13, ASIN, MRP, cost, case pack, case GTIN-14)
PRODUCTS = [
    (
        "TEA-GRN-100",
        "Green tea, 100 bags",
        "8901234500019",
        "B0DEMO0001",
        "499.00",
        "310.00",
        12,
        "18901234500016",
    ),
    (
        "TEA-MAS-250",
        "Masala chai, 250 g",
        "8901234500026",
        "B0DEMO0002",
        "349.00",
        "215.00",
        24,
        "18901234500023",
    ),
    (
        "COF-FIL-500",
        "Filter coffee, 500 g",
        "8901234500033",
        "B0DEMO0003",
        "699.00",
        "455.00",
        None,
        "",
    ),
    (
        "HNY-RAW-500",
        "Raw honey, 500 g",
        "8901234500040",
        "B0DEMO0004",
        "425.00",
        "270.00",
        6,
        "18901234500047",
    ),
    (
        "OAT-ROL-1KG",
        "Rolled oats, 1 kg",
        "8901234500057",
        "B0DEMO0005",
        "275.00",
        "160.00",
        None,
        "",
    ),
    ("NUT-ALM-250", "Almonds, 250 g", "8901234500064", "B0DEMO0006", "399.00", "268.00", None, ""),
]
# Where each product is kept (its bin), for the scan screen and the pick lists.
BINS = {
    "TEA-GRN-100": "A-01-02",
    "TEA-MAS-250": "A-01-05",
    "COF-FIL-500": "A-03-01",
    "HNY-RAW-500": "B-07-11",
    "OAT-ROL-1KG": "C-02-04",
    "NUT-ALM-250": "C-05-02",
}
# An item Amazon orders that is not mapped to a SKU yet.
UNMAPPED_ITEM = ("B0DEMO0099", "8901234500996")


def money(value: str) -> Decimal:
    return Decimal(value)
