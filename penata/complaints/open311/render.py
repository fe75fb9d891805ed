"""Writing Open311 documents as XML or JSON, and the spec's error documents.

A document is plain Python data (dicts, lists, strings, numbers, booleans, None) with the
XML root element named by the caller; lists become a wrapper element holding one element
per item, named by ``ITEM_TAGS``. Both writers are hand-rolled on purpose: a list of 1,000
requests is written in a few milliseconds, with no XML library or serializer in the way.
Such a list comes as ``Records`` (the documents kept by column), written the same, byte for
byte, as the list of dicts it stands for, only faster.
"""

import json
import math
import re
from dataclasses import dataclass, field
from itertools import chain, repeat
from json.encoder import encode_basestring

from django.http import HttpResponse

XML = "xml"
JSON = "json"
FORMATS = (XML, JSON)
CONTENT_TYPES = {XML: "text/xml; charset=utf-8", JSON: "application/json; charset=utf-8"}

# Wrapper element → item element, as in the spec's examples.
ITEM_TAGS = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}

# Characters XML 1.0 does not allow even when escaped. A report typed on the website can
# hold them (a pasted control character); they are dropped from XML output only.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass
class Document:
    root: str
    data: object
    status: int = 200
    headers: dict = field(default_factory=dict)


class Open311Error(Exception):
    """An error answered in the spec's format: 404 unknown resource, 403 api_key, 400 the rest."""

    def __init__(self, status: int, *descriptions: str, headers: dict | None = None):
        self.status = status
        self.descriptions = [str(description) for description in descriptions]
        self.headers = headers or {}
        super().__init__("; ".join(self.descriptions))


class Records:
    """A list of documents that share their keys (a page of requests), kept by column.

    The writers encode a column at a time (one C-level call per column where they can) and
    join the columns with the constant text between them (tags, keys, empty values) in one
    pass, instead of walking 17 keys of 1,000 dicts. Iterating gives the documents as dicts."""

    __slots__ = ("columns", "fields", "length")

    def __init__(self, fields, columns, *, length: int):
        self.fields = tuple(fields)
        self.columns = [column if isinstance(column, list | tuple) else list(column) for column in columns]
        self.length = length
        if len(self.fields) != len(self.columns) or any(len(column) != length for column in self.columns):
            raise ValueError("Records: one column of `length` values per field.")

    def __len__(self) -> int:
        return self.length

    def __iter__(self):
        fields = self.fields
        if not fields:
            return iter([{} for _ in range(self.length)])
        return (dict(zip(fields, values, strict=True)) for values in zip(*self.columns, strict=True))


class _Rows:
    """Each document of a Records written as constant text between the values of its
    columns: ``pieces[0] + columns[0][i] + pieces[1] + … + pieces[-1]``."""

    def __init__(self):
        self.pieces = [""]
        self.columns: list = []

    def text(self, text: str) -> None:
        self.pieces[-1] += text

    def column(self, column) -> None:
        self.columns.append(column)
        self.pieces.append("")

    def join(self, length: int) -> str:
        """Every document, in order, in one C-level pass (no Python code per document)."""
        if not self.columns:
            return self.pieces[0] * length
        streams = [repeat(self.pieces[0])] if self.pieces[0] else []
        for column, piece in zip(self.columns, self.pieces[1:], strict=True):
            streams.append(column)
            if piece:
                streams.append(repeat(piece))
        return "".join(chain.from_iterable(zip(*streams, strict=False)))


def _xml_text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# Element name → its start tag, end tag and empty element, made once per name (the names
# come from this code, never from the input).
_TAGS: dict[str, tuple[str, str, str]] = {}


def _tags(name: str) -> tuple[str, str, str]:
    tags = _TAGS.get(name)
    if tags is None:
        tags = _TAGS[name] = (f"<{name}>", f"</{name}>", f"<{name}/>")
    return tags


def _xml_write(parts: list[str], tag: str, value) -> None:
    if value is None:
        parts.append(_tags(tag)[2])
    elif isinstance(value, bool):
        parts.append(f"<{tag}>{'true' if value else 'false'}</{tag}>")
    elif isinstance(value, dict):
        append = parts.append
        start, end, _empty = _tags(tag)
        append(start)
        for key, item in value.items():
            # Strings, numbers and empty values inline.
            if item is None:
                append(_tags(key)[2])
            elif type(item) is str:
                key_start, key_end, _empty = _tags(key)
                append(key_start + _xml_text(item) + key_end)
            elif type(item) is float or type(item) is int:
                key_start, key_end, _empty = _tags(key)
                append(key_start + str(item) + key_end)
            else:
                _xml_write(parts, key, item)
        append(end)
    elif isinstance(value, Records):
        _xml_records(parts, tag, value)
    elif isinstance(value, list):
        item_tag = ITEM_TAGS[tag]
        start, end, _empty = _tags(tag)
        parts.append(start)
        for item in value:
            _xml_write(parts, item_tag, item)
        parts.append(end)
    else:
        start, end, _empty = _tags(tag)
        parts.append(start + _xml_text(str(value)) + end)


def _xml_element(tag: str, value) -> str:
    parts: list[str] = []
    _xml_write(parts, tag, value)
    return "".join(parts)


def _xml_texts(column) -> list[str] | None:
    """A column of strings escaped, escaping all of it at once; None if it holds anything else."""
    try:
        joined = "\x00".join(column)
    except TypeError:
        return None
    if "&" not in joined and "<" not in joined and ">" not in joined:
        return column
    texts = _xml_text(joined).split("\x00")
    if len(texts) != len(column):  # A value held a NUL itself.
        return [_xml_text(value) for value in column]
    return texts


def _xml_elements(tag: str, column) -> list[str]:
    """A column of mixed values (strings, numbers, None…) as elements, as _xml_write writes them."""
    start, end, empty = _tags(tag)
    elements = []
    append = elements.append
    for value in column:
        if value is None:
            append(empty)
        elif type(value) is str:
            append(start + _xml_text(value) + end)
        elif type(value) is float or type(value) is int:
            append(start + str(value) + end)
        else:
            append(_xml_element(tag, value))
    return elements


def _xml_records(parts: list[str], tag: str, records: Records) -> None:
    start, end, _empty = _tags(tag)
    parts.append(start)
    if records.length:
        rows = _Rows()
        item_start, item_end, _empty = _tags(ITEM_TAGS[tag])
        rows.text(item_start)
        for key, column in zip(records.fields, records.columns, strict=True):
            key_start, key_end, key_empty = _tags(key)
            if column.count(None) == records.length:
                rows.text(key_empty)
                continue
            texts = _xml_texts(column)
            if texts is None:
                rows.column(_xml_elements(key, column))
            else:
                rows.text(key_start)
                rows.column(texts)
                rows.text(key_end)
        rows.text(item_end)
        parts.append(rows.join(records.length))
    parts.append(end)


def _xml_join(root: str, data) -> str:
    parts = ['<?xml version="1.0" encoding="utf-8"?>\n']
    _xml_write(parts, root, data)
    return "".join(parts)


# The control characters of _XML_INVALID. In UTF-8 they are single bytes that occur in no
# multi-byte sequence: deleting the bytes deletes the characters.
_XML_INVALID_CONTROL_BYTES = bytes(range(0x20)).translate(None, b"\t\n\r")


def xml_bytes(root: str, data) -> bytes:
    """The document as UTF-8 XML without the characters XML does not allow. Control
    characters are deleted from the bytes (a page of requests: <1 ms, against ~7 ms for
    _XML_INVALID on the text), unless the text holds lone surrogates, which UTF-8 cannot
    carry."""
    text = _xml_join(root, data)
    # (Looking for a character above U+00FF in a text without any is free.)
    if "\ufffe" in text or "\uffff" in text:
        text = text.replace("\ufffe", "").replace("\uffff", "")
    try:
        body = text.encode("utf-8")
    except UnicodeEncodeError:
        return _XML_INVALID.sub("", text).encode("utf-8", "replace")
    return body.translate(None, _XML_INVALID_CONTROL_BYTES)


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_json_default)


def _json_default(value):
    if isinstance(value, Records):
        return list(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


# What json.dumps writes strings with when ensure_ascii is off (C when available).
_json_string = encode_basestring


def _json_column(column) -> list[str]:
    try:
        return list(map(_json_string, column))  # A column of strings, in one call.
    except TypeError:
        pass
    values = []
    append = values.append
    for value in column:
        if value is None:
            append("null")
        elif type(value) is str:
            append(_json_string(value))
        elif type(value) is float and math.isfinite(value):
            append(float.__repr__(value))  # As json.dumps writes a finite float.
        else:
            append(_json(value))
    return values


def _json_records(records: Records) -> str:
    if not records.length:
        return "[]"
    rows = _Rows()
    separator = "{"
    for key, column in zip(records.fields, records.columns, strict=True):
        rows.text(f"{separator}{_json_string(key)}:")
        separator = ","
        if column.count(None) == records.length:
            rows.text("null")
        else:
            rows.column(_json_column(column))
    rows.text("},")
    return "[" + rows.join(records.length)[:-1] + "]"


def json_bytes(data) -> bytes:
    """The document as UTF-8 JSON. "<", ">" and "&" only occur inside JSON strings:
    escaping them keeps a body that a browser might sniff as HTML (a "</script>" in a
    description) inert. They are single bytes in UTF-8, escaped on the bytes."""
    text = _json_records(data) if isinstance(data, Records) else _json(data)
    body = text.encode("utf-8", "replace")
    return body.replace(b"<", b"\\u003c").replace(b">", b"\\u003e").replace(b"&", b"\\u0026")


def response_for(fmt: str, document: Document) -> HttpResponse:
    body = json_bytes(document.data) if fmt == JSON else xml_bytes(document.root, document.data)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt], status=document.status)
    for name, value in document.headers.items():
        response[name] = value
    return response


def error_response(fmt: str, error: Open311Error) -> HttpResponse:
    data = [{"code": error.status, "description": description} for description in error.descriptions]
    return response_for(fmt, Document("errors", data, status=error.status, headers=error.headers))
