"""What every maintenance script needs of a spec: its methods, its operations, one way to load it.

The core is `peerclick._openapi` (the shipped `peerclick spec diff` needs it too, and scripts/ is
not installed): this module re-exports it and adds reading from a file. Loading is PyYAML with dates
kept as strings, for JSON and YAML alike, so every script sees the same document.
"""

from __future__ import annotations

from pathlib import Path

from peerclick._openapi import (
    HTTP_METHODS,
    Doc,
    Operation,
    is_spec,
    load_text,
    operations,
    resolve,
)

__all__ = [
    "HTTP_METHODS",
    "Doc",
    "Operation",
    "is_spec",
    "load_spec",
    "load_text",
    "operations",
    "resolve",
]


def load_spec(path: Path) -> Doc:
    """Read a JSON or YAML OpenAPI/Swagger file; ValueError (or yaml.YAMLError) if it is not one."""
    doc = load_text(path.read_text(encoding="utf-8"))
    if not is_spec(doc):
        raise ValueError(f"{path} is not an OpenAPI document")
    return dict(doc)
