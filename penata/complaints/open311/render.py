"""Writing Open311 documents as XML or JSON, and the spec's error documents.

A document is plain Python data (dicts, lists, strings, numbers, booleans, None) with the
XML root element named by the caller; lists become a wrapper element holding one element
per item, named by ``ITEM_TAGS``. Both writers are hand-rolled on purpose: a list of 1,000
requests is written in a few milliseconds, with no XML library or serializer in the way.
"""

import json
import re
from dataclasses import dataclass, field

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


def _xml_text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _xml_write(parts: list[str], tag: str, value) -> None:
    if value is None:
        parts.append(f"<{tag}/>")
    elif isinstance(value, bool):
        parts.append(f"<{tag}>{'true' if value else 'false'}</{tag}>")
    elif isinstance(value, dict):
        parts.append(f"<{tag}>")
        for key, item in value.items():
            # Strings and empty values inline: a page of 1,000 requests has 17,000 of them.
            if item is None:
                parts.append(f"<{key}/>")
            elif type(item) is str:
                parts.append(f"<{key}>{_xml_text(item)}</{key}>")
            else:
                _xml_write(parts, key, item)
        parts.append(f"</{tag}>")
    elif isinstance(value, list):
        item_tag = ITEM_TAGS[tag]
        parts.append(f"<{tag}>")
        for item in value:
            _xml_write(parts, item_tag, item)
        parts.append(f"</{tag}>")
    else:
        parts.append(f"<{tag}>{_xml_text(str(value))}</{tag}>")


def xml_dumps(root: str, data) -> str:
    parts = ['<?xml version="1.0" encoding="utf-8"?>\n']
    _xml_write(parts, root, data)
    return _XML_INVALID.sub("", "".join(parts))


def json_dumps(data) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # "<", ">" and "&" only occur inside JSON strings: escaping them keeps a body that a
    # browser might sniff as HTML (a "</script>" in a description) inert.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def response_for(fmt: str, document: Document) -> HttpResponse:
    text = json_dumps(document.data) if fmt == JSON else xml_dumps(document.root, document.data)
    response = HttpResponse(
        text.encode("utf-8", "replace"), content_type=CONTENT_TYPES[fmt], status=document.status
    )
    for name, value in document.headers.items():
        response[name] = value
    return response


def error_response(fmt: str, error: Open311Error) -> HttpResponse:
    data = [{"code": error.status, "description": description} for description in error.descriptions]
    return response_for(fmt, Document("errors", data, status=error.status, headers=error.headers))
