"""Barcodes as SVG images for printouts, drawn by python-barcode.

A 13-digit code is an EAN-13, 12 digits a UPC-A, 8 digits an EAN-8 when its check digit is right
(python-barcode computes its own: the image must carry exactly the stored code); anything else
(a GTIN-14, a SKU, a wrong check digit) is a Code 128.
"""

import base64
import functools
import io
from dataclasses import dataclass

import barcode
from barcode.writer import SVGWriter

# Sizes in millimetres: bars tall enough for a handheld's scan engine, a quiet zone each side.
_OPTIONS = {
    "module_width": 0.33,
    "module_height": 12.0,
    "quiet_zone": 4.0,
    "font_size": 8,
    "text_distance": 3.5,
    "background": "white",
    "foreground": "black",
}


@dataclass(frozen=True)
class BarcodeImage:
    code: str
    symbology: str  # "EAN-13", "UPC-A", "EAN-8" or "Code 128"
    svg: bytes

    @property
    def data_uri(self) -> str:
        """For <img src>: an image, not inline markup, so a strict Content-Security-Policy holds."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg).decode("ascii")


_RETAIL = {13: ("ean13", "EAN-13"), 12: ("upca", "UPC-A"), 8: ("ean8", "EAN-8")}


@functools.lru_cache(maxsize=1024)
def render(code: str) -> BarcodeImage:
    """The code as an SVG barcode; raises barcode.errors.BarcodeError for one Code 128 cannot
    carry (letters outside ASCII). Drawing one takes about 2 ms and a code's image never changes,
    so the last 1,024 drawn (about 10 MB) are kept: a pick list of 200 SKUs printed again is not
    drawn again."""
    symbol, label = _retail(code) or (barcode.get("code128", code, writer=SVGWriter()), "Code 128")
    options = dict(_OPTIONS)
    if label == "Code 128":
        options["module_width"] = 0.28
    out = io.BytesIO()
    symbol.write(out, options=options)
    return BarcodeImage(code=code, symbology=label, svg=out.getvalue())


def _retail(code: str):
    if not (code.isdigit() and len(code) in _RETAIL):
        return None
    name, label = _RETAIL[len(code)]
    symbol = barcode.get(name, code, writer=SVGWriter())
    return (symbol, label) if symbol.get_fullcode() == code else None


@functools.lru_cache(maxsize=256)
def render_gs1_128(element_string: str, *, height_mm: float = 25.0) -> BarcodeImage:
    """A GS1-128 barcode (FNC1 first, so scanners read it as GS1 data) of an element string
    without parentheses, e.g. "00" + SSCC. The human-readable line, with its "(00)", is the
    label's to print: the bars carry no text."""
    symbol = barcode.get("gs1_128", element_string, writer=SVGWriter())
    options = {**_OPTIONS, "module_width": 0.4, "module_height": height_mm, "write_text": False}
    out = io.BytesIO()
    symbol.write(out, options=options)
    return BarcodeImage(code=element_string, symbology="GS1-128", svg=out.getvalue())
