"""A CSV download streams its lines in chunks of about 64 KB: every row once, in order."""

import csv
import io

from vendorflow.lib.csvio import CHUNK_CHARS, csv_response


def _chunks(rows) -> list[str]:
    return list(csv_response("x.csv", ["sku", "name"], rows).streaming_content)


def test_a_small_file_is_one_chunk():
    chunks = _chunks([["SKU-1", "Soap"], ["SKU-2", "=cmd"]])
    assert [chunk.decode() for chunk in chunks] == ["sku,name\r\nSKU-1,Soap\r\nSKU-2,'=cmd\r\n"]


def test_a_large_file_is_chunked_and_whole():
    rows = [[f"SKU-{n:06d}", "x" * 40] for n in range(20_000)]
    chunks = _chunks(rows)
    sizes = [len(chunk.decode()) for chunk in chunks]
    assert len(chunks) == 17  # 20,000 lines of 53 characters in chunks of 64 KB and a line
    assert all(CHUNK_CHARS <= size < CHUNK_CHARS + 60 for size in sizes[:-1])
    assert 0 < sizes[-1] <= CHUNK_CHARS + 60
    text = b"".join(chunks).decode()
    assert list(csv.reader(io.StringIO(text))) == [["sku", "name"], *rows]


def test_no_rows_is_the_header_alone():
    assert [chunk.decode() for chunk in _chunks([])] == ["sku,name\r\n"]
