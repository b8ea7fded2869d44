"""CSV helpers: formula-safe export cells and strict, line-numbered import parsing."""

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from django.http import StreamingHttpResponse

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "|", "%")


def _quoted_formula(text: str) -> bool:
    """Starts with quotes that stand before a formula character (the quotes `safe_cell` adds)."""
    return text.lstrip("'").startswith(FORMULA_PREFIXES)


def safe_cell(value: object) -> str:
    """A cell a spreadsheet will never evaluate: a leading formula character gets a quote.

    A value already quoted that way gets one more quote, so `unquote_cell` gives it back exactly.
    """
    text = "" if value is None else str(value)
    if _quoted_formula(text):
        return "'" + text
    return text


def unquote_cell(text: str) -> str:
    """The value `safe_cell` quoted: an exported file imports back unchanged."""
    if text.startswith("'") and _quoted_formula(text):
        return text[1:]
    return text


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence[object]]):
    writer = csv.writer(_Echo())

    def generate() -> Iterator[str]:
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow([safe_cell(value) for value in row])

    response = StreamingHttpResponse(generate(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@dataclass(frozen=True)
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class CsvFormatError(ValueError):
    """The file as a whole cannot be read (encoding, missing columns)."""


MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def read_csv(data: bytes | str, required: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    """Rows as (line number, {column: stripped value}); line 1 is the header."""
    if isinstance(data, bytes):
        if len(data) > MAX_UPLOAD_BYTES:
            raise CsvFormatError("the file is larger than 5 MB")
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CsvFormatError("the file is not UTF-8 text") from exc
    reader = csv.DictReader(io.StringIO(data))
    columns = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    if not columns:
        raise CsvFormatError("the file is empty; expected a header row")
    missing = [name for name in required if name not in columns]
    if missing:
        raise CsvFormatError("missing column(s): " + ", ".join(missing))
    reader.fieldnames = columns
    rows = []
    for record in reader:
        line = reader.line_num
        values = {key: unquote_cell((value or "").strip()) for key, value in record.items() if key}
        if any(values.values()):
            rows.append((line, values))
    return rows
