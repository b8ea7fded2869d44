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


CHUNK_CHARS = 64 * 1024


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence[object]]):
    """A streamed CSV download. Lines go out in chunks of about 64 KB: one write to the socket
    per chunk rather than per row, and never more than a chunk in memory."""
    writer = csv.writer(_Echo())

    def generate() -> Iterator[str]:
        chunk, size = [writer.writerow(header)], 0
        for row in rows:
            line = writer.writerow([safe_cell(value) for value in row])
            chunk.append(line)
            size += len(line)
            if size >= CHUNK_CHARS:
                yield "".join(chunk)
                chunk, size = [], 0
        if chunk:
            yield "".join(chunk)

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
    """The file cannot be read: encoding, missing columns, or a line that is not valid CSV.

    `line` is where the problem is; whole-file problems are on line 1 (the header)."""

    def __init__(self, reason: str, *, line: int | None = None):
        super().__init__(reason if line is None else f"line {line}: {reason}")
        self.reason = reason
        self.line = line or 1


MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def read_csv(
    data: bytes | str, required: Sequence[str], known: Sequence[str] = ()
) -> list[tuple[int, dict[str, str]]]:
    """Rows as (line number, {column: stripped value}); line 1 is the header.

    The header must name each of `required`, no column twice and, when `known` is given, no column
    outside it (a misspelt column would otherwise be ignored without a word). A line that is not
    valid CSV (a quote never closed, more cells than the header has columns, an over-long cell, a
    NUL character) rejects the file with its line number."""
    text = _decoded(data)
    _refuse_nul(text)
    reader = csv.DictReader(io.StringIO(text), strict=True)
    columns = _columns(reader, required, known)
    rows: list[tuple[int, dict[str, str]]] = []
    last_line = 1
    try:
        for record in reader:
            _refuse_extra_cells(record.get(None), len(columns), reader.line_num)
            values = {k: unquote_cell((v or "").strip()) for k, v in record.items() if k}
            if any(values.values()):
                rows.append((reader.line_num, values))
            last_line = reader.line_num
    except csv.Error as exc:
        raise CsvFormatError(_csv_problem(exc), line=last_line + 1) from exc
    return rows


def _decoded(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    if len(data) > MAX_UPLOAD_BYTES:
        raise CsvFormatError("the file is larger than 5 MB")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CsvFormatError("the file is not UTF-8 text") from exc


def _refuse_nul(text: str) -> None:
    position = text.find("\x00")
    if position >= 0:
        raise CsvFormatError(
            "a NUL character (\\0) is not allowed; save the file as UTF-8 CSV text",
            line=text.count("\n", 0, position) + 1,
        )


def _columns(reader: csv.DictReader, required: Sequence[str], known: Sequence[str]) -> list[str]:
    try:
        columns = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    except csv.Error as exc:
        raise CsvFormatError(_csv_problem(exc), line=1) from exc
    if not columns:
        raise CsvFormatError("the file is empty; expected a header row")
    missing = [name for name in required if name not in columns]
    if missing:
        raise CsvFormatError("missing column(s): " + ", ".join(missing))
    twice = sorted({name for name in columns if name and columns.count(name) > 1})
    if twice:
        raise CsvFormatError("column(s) named more than once: " + ", ".join(twice))
    unknown = [name for name in columns if known and name and name not in known]
    if unknown:
        raise CsvFormatError(
            f"unknown column(s): {', '.join(unknown)}; the columns are: {', '.join(known)}"
        )
    reader.fieldnames = columns
    return columns


def _refuse_extra_cells(extra: object, columns: int, line: int) -> None:
    """Cells past the header's columns, unless blank: usually a comma in an unquoted cell."""
    if isinstance(extra, list) and any(cell.strip() for cell in extra):
        raise CsvFormatError(
            f"{columns + len(extra)} cells, but the header has {columns} columns; "
            'put a cell that contains a comma in double quotes ("Filter coffee, 500 g")',
            line=line,
        )


def _csv_problem(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return f"a cell is longer than {csv.field_size_limit()} characters"
    if "unexpected end of data" in text:
        return 'a cell opens a double quote (") that is never closed'
    if "expected after" in text:
        return 'a quoted cell goes on after its closing quote; write "" for a quote inside it'
    return f"not valid CSV ({text})"
