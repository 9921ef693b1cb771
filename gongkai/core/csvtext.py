"""CSV text read the way the csv module asks (newline=""), with one Chinese refusal for a file
it cannot read. A bare CR inside a field was csv.Error, which the CLI answered as '内部错误'."""

from __future__ import annotations

import csv
import io


class CsvUnreadable(ValueError):
    """The text is not CSV the csv module can read; the message is for the user."""


def read_csv(text: str) -> tuple[list[str], list[dict]]:
    """The header and the rows of a CSV text."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        return list(reader.fieldnames or []), list(reader)
    except csv.Error:  # a field past csv's size limit, a NUL
        raise CsvUnreadable("CSV 格式错误：有无法读取的行（字段过长或引号不成对）") from None
