"""The scan screen's markup for handhelds: a text keyboard by default, the keyboard modes, the
bin and the next line, bulk quantities checked by the server, no inline styles or scripts."""

import re

import pytest

from tests.warehouse.builders import line, order_for, soap_line, world


@pytest.fixture
def order(org):
    w = world(org)
    w.soap.bin = "A-12-03"
    w.soap.save()
    return order_for(
        w,
        [
            {"asin": "B0BRUSH002", "product": w.brush, "ordered_quantity": 1, "scanned_eaches": 1},
            soap_line(product=w.soap, ordered_quantity=4),
            {"asin": "B0UNMAPPED", "product": None},
        ],
    )


def _page(client, order) -> str:
    return client.get(f"/orders/{order.pk}/scan/").content.decode()


def test_the_barcode_field_opens_the_text_keyboard(order, member_client):
    page = _page(member_client("operator"), order)
    assert 'inputmode="text"' in page and 'inputmode="numeric" autofocus' not in page
    assert 'autocapitalize="off"' in page and 'spellcheck="false"' in page
    modes = re.findall(r'data-scan-mode="(\w+)" aria-pressed="(\w+)"', page)
    assert modes == [("text", "true"), ("numeric", "false"), ("scanner", "false")]


def test_the_next_line_is_marked_and_shows_its_bin(order, member_client):
    page = _page(member_client("operator"), order)
    soap = line(order, 2)
    assert f'<tr id="line-{soap.pk}" class=" next">' in page
    assert '<div class="bin">Bin <b>A-12-03</b></div>' in page
    assert f'href="#line-{soap.pk}">Next: SKU-1 · bin A-12-03</a>' in page
    assert f'<tr id="line-{line(order, 1).pk}" class="complete">' in page
    assert f'<tr id="line-{line(order, 3).pk}" class="unmapped">' in page


def test_bulk_fields_leave_the_limit_to_the_server(order, member_client):
    page = _page(member_client("operator"), order)
    assert 'class="bulk-form js-scan" novalidate' in page
    assert 'name="quantity_eaches" min="1" inputmode="numeric"' in page
    assert re.findall(r'<input type="number"[^>]*>', page) == [
        '<input type="number" name="quantity_eaches" min="1" inputmode="numeric" '
        'aria-label="Eaches to add to line 2" placeholder="eaches">'
    ]


def test_the_undo_button_is_on_the_screen_for_an_open_order(order, member_client):
    page = _page(member_client("operator"), order)
    assert 'class="undo-button"' in page and "Undo my last scan" in page


def test_no_inline_styles_scripts_or_handlers(order, member_client):
    page = _page(member_client("operator"), order)
    assert " style=" not in page
    assert re.findall(r"<script(?![^>]*\bsrc=)", page) == []
    assert re.findall(r"\son[a-z]+=", page) == []
