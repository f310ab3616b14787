"""Pull PeerClick's OpenAPI spec from its docs site into openapi/, with provenance and a summary.

`--url` takes a spec's URL or a docs page's; without it discovery starts at the vendor's docs site
(scripts/_discover.py says how a spec is found on a page). Swagger 2.0 is converted with the pinned
swagger2openapi, openapi/overlay.yaml is applied (scripts/overlay.py), global security is copied
onto each operation (the generator reads only operation-level security), and the result is
validated and dumped with a stable key order and layout, so pulling an unchanged spec changes no
byte.

Nothing in the output directory changes until every check has passed; each file is then replaced
atomically. Written: peerclick.yaml (normalised), vendor/raw.<json|yaml> (the bytes as served),
provenance.json (where, when, sha256, converter, overlay; rewritten only when one of them changes).

Usage: python scripts/pull_spec.py [--url SPEC_OR_PAGE_URL | --source PAGE_URL] [--all-urls]
       [--out-dir DIR]
Exit codes: 0 written or already up to date, 2 nothing written (the message says why).
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts import _spec
from scripts._codegen import ROOT
from scripts._discover import (
    MAX_BYTES,
    TIMEOUT,
    Fetcher,
    Found,
    PullError,
    discover,
    parse_document,
)
from scripts.facade_map import FACADE
from scripts.overlay import ActionResult, OverlayError, apply_overlay, load_overlay

__all__ = [
    "DEFAULT_SOURCE",
    "Fetcher",
    "PullError",
    "Pulled",
    "discover",
    "dump_spec",
    "load_spec_text",
    "normalize",
    "pull",
    "write_pulled",
]

DEFAULT_SOURCE = "https://developers.peerclick.com/"
OUT_DIR = ROOT / "openapi"
SPEC_NAME, PROVENANCE_NAME = "peerclick.yaml", "provenance.json"
OVERLAY_NAME, VENDOR_DIR = "overlay.yaml", "vendor"
CONVERTER = ROOT / "scripts" / "node_modules" / ".bin" / "swagger2openapi"
CONVERTER_ARGS = ("--patch",)
TOP_LEVEL_ORDER = (
    "openapi", "info", "jsonSchemaDialect", "servers", "security", "tags", "paths", "webhooks",
    "components", "externalDocs",
)  # fmt: skip


def load_spec_text(text: str) -> Any:
    """Parse JSON or YAML text the way the pull does (dates stay strings)."""
    return _spec.load_text(text)


# --- converting, merging, normalising -----------------------------------------------------------


def converter_version() -> str | None:
    """The installed swagger2openapi version, from its package.json (None when not installed)."""
    manifest = CONVERTER.parent.parent / "swagger2openapi" / "package.json"
    try:
        return str(json.loads(manifest.read_text())["version"])
    except (OSError, ValueError, KeyError):
        return None


def convert_swagger2(doc: dict[str, Any], label: str) -> dict[str, Any]:
    """Swagger 2.0 -> OpenAPI 3.0 with the pinned swagger2openapi (scripts/package.json).

    `collectionFormat: csv` arrays become `style: form, explode: false`, which the generator sends
    exploded anyway: `csv_array_params` in scripts/spec_diff.py lists them for the facade.
    """
    if not CONVERTER.exists():
        raise PullError(f"{label} is Swagger 2.0 and swagger2openapi is missing: run `make node`")
    with tempfile.TemporaryDirectory(prefix="peerclick-s2o-") as scratch:
        src, out = Path(scratch) / "swagger.json", Path(scratch) / "openapi.json"
        src.write_text(json.dumps(doc), encoding="utf-8")
        cmd = [str(CONVERTER), *CONVERTER_ARGS, str(src), "-o", str(out)]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PullError(f"swagger2openapi did not run: {exc}") from None
        if proc.returncode != 0 or not out.exists():
            tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-5:])
            raise PullError(f"swagger2openapi could not convert {label}:\n{tail}")
        converted = json.loads(out.read_text(encoding="utf-8"))
    if not isinstance(converted, dict):
        raise PullError(f"swagger2openapi gave no document for {label}")
    return converted


def inline_security(doc: dict[str, Any]) -> None:
    """Give every operation without `security` the global one: the generator reads no other."""
    if "security" not in doc:
        return
    for o in _spec.operations(doc):
        o.op.setdefault("security", copy.deepcopy(doc["security"]))


def merge_documents(docs: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """One document from several (Swagger UI `urls`, pulled with --all-urls).

    Paths and components are unioned; the same name with different content is an error to settle
    in the overlay. A document whose servers differ from the first one's keeps them per path.
    """
    label, first = docs[0]
    merged = copy.deepcopy(first)
    inline_security(merged)
    for label, doc in docs[1:]:
        doc = copy.deepcopy(doc)
        inline_security(doc)
        if doc.get("servers") and doc.get("servers") != merged.get("servers"):
            for item in (doc.get("paths") or {}).values():
                item.setdefault("servers", doc["servers"])
        paths = merged.setdefault("paths", {})
        for path, item in (doc.get("paths") or {}).items():
            if path not in paths:
                paths[path] = item
                continue
            for key, value in item.items():
                if key in paths[path] and paths[path][key] != value:
                    raise PullError(f"{label}: {path} {key} differs from another spec's")
                paths[path][key] = value
        for section, entries in (doc.get("components") or {}).items():
            target = merged.setdefault("components", {}).setdefault(section, {})
            for name, value in entries.items():
                if name in target and target[name] != value:
                    raise PullError(f"{label}: components.{section}.{name} differs from another's")
                target[name] = value
        known = {t.get("name") for t in merged.get("tags") or []}
        for tag in doc.get("tags") or []:
            if tag.get("name") not in known:
                merged.setdefault("tags", []).append(tag)
    return merged


def _jsonable(node: Any, memo: dict[int, Any]) -> Any:
    """String keys everywhere (YAML's `200:` is an int), keeping shared nodes shared (the committed
    spec's anchors stay anchors)."""
    if id(node) in memo:
        return memo[id(node)]
    if isinstance(node, dict):
        out: dict[str, Any] = {}
        memo[id(node)] = out
        out.update((str(key), _jsonable(value, memo)) for key, value in node.items())
        return out
    if isinstance(node, list):
        items: list[Any] = []
        memo[id(node)] = items
        items.extend(_jsonable(v, memo) for v in node)
        return items
    if isinstance(node, dt.date | dt.datetime):
        return node.isoformat()
    return node


def normalize(doc: dict[str, Any]) -> dict[str, Any]:
    """The document in the form we commit: JSON data, operation-level security, canonical top."""
    doc = _jsonable(doc, {})
    inline_security(doc)
    ordered = {k: doc[k] for k in TOP_LEVEL_ORDER if k in doc}
    ordered.update({k: v for k, v in doc.items() if k not in ordered})
    return ordered


def dump_spec(doc: dict[str, Any]) -> str:
    """YAML in one fixed layout (block style, 100 columns, source key order)."""
    return yaml.safe_dump(doc, sort_keys=False, width=100, allow_unicode=True)


def validate_spec(doc: dict[str, Any], label: str) -> None:
    """openapi-spec-validator's verdict, as a PullError that says where."""
    from openapi_spec_validator import validate
    from openapi_spec_validator.exceptions import OpenAPISpecValidatorError
    from openapi_spec_validator.validation.exceptions import OpenAPIValidationError
    from referencing.exceptions import Unresolvable

    try:
        validate(doc)
    except Unresolvable as exc:
        ref = getattr(exc, "ref", "?")
        raise PullError(f"{label} has a broken $ref {ref!r} (fix it in the overlay)") from None
    except (OpenAPIValidationError, OpenAPISpecValidatorError) as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]
        raise PullError(f"{label} is not a valid OpenAPI document: {first}") from None


# --- the pipeline ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Raw:
    url: str
    body: bytes
    content_type: str
    fmt: str  # json | yaml
    version: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body).hexdigest()


@dataclass
class Pulled:
    """A spec ready to write: normalised text, the raw bytes, and how it came to be."""

    doc: dict[str, Any]
    text: str
    raws: list[Raw]
    source: str | None
    how: str
    converted: bool
    overlay: dict[str, Any] | None
    overlay_results: list[ActionResult]


def pull(
    *,
    source: str = DEFAULT_SOURCE,
    url: str | None = None,
    all_urls: bool = False,
    overlay_path: Path | None = None,
    fetcher: Fetcher | None = None,
) -> Pulled:
    """Fetch, convert, overlay, normalise and validate, all in memory; PullError on failure."""
    own = fetcher is None
    fetcher = fetcher or Fetcher()
    found: Found | None = None
    try:
        found = discover(url or source, fetcher, all_urls, guess=url is None)
        if url and found.how == "the source is the spec":
            found.how = "--url"
        raws, docs, converted = [], [], False
        for spec_url in found.spec_urls:
            fetched = found.fetched.get(spec_url) or fetcher.get(spec_url)
            doc, fmt = parse_document(fetched)
            version = str(doc.get("openapi") or doc.get("swagger"))
            raws.append(Raw(spec_url, fetched.body, fetched.content_type, fmt, version))
            if version == "2.0":
                doc, converted = convert_swagger2(doc, spec_url), True
            docs.append((spec_url, doc))
    except PullError as exc:
        if found is not None and found.how != "--url":
            raise PullError(f"{exc}\n  (spec URL found by {found.how})") from None
        raise
    finally:
        if own:
            fetcher.close()
    merged = merge_documents(docs)
    overlay: dict[str, Any] | None = None
    results: list[ActionResult] = []
    if overlay_path is not None and overlay_path.exists():
        try:
            overlay = load_overlay(overlay_path)
            merged, results = apply_overlay(merged, overlay)
        except OverlayError as exc:
            raise PullError(str(exc)) from None
    doc = normalize(merged)
    validate_spec(doc, "the pulled spec" + (" after the overlay" if overlay else ""))
    origin = None if found.how == "--url" else (url or source)
    return Pulled(doc, dump_spec(doc), raws, origin, found.how, converted, overlay, results)


def _raw_names(raws: list[Raw]) -> list[str]:
    if len(raws) == 1:
        return [f"{VENDOR_DIR}/raw.{raws[0].fmt}"]
    return [f"{VENDOR_DIR}/raw-{i}.{raw.fmt}" for i, raw in enumerate(raws, 1)]


def provenance(pulled: Pulled, out_dir: Path, retrieved_at: str) -> dict[str, Any]:
    """What provenance.json records about a pull."""
    overlay_file = out_dir / OVERLAY_NAME
    return {
        "kind": "pull",
        "tool": "scripts/pull_spec.py",
        "source_url": pulled.source,
        "discovered_by": pulled.how,
        "spec_urls": [raw.url for raw in pulled.raws],
        "retrieved_at": retrieved_at,
        "raw": [
            {
                "file": name,
                "url": raw.url,
                "sha256": raw.sha256,
                "bytes": len(raw.body),
                "content_type": raw.content_type,
                "spec_version": raw.version,
            }
            for name, raw in zip(_raw_names(pulled.raws), pulled.raws, strict=True)
        ],
        "converter": (
            {"name": "swagger2openapi", "version": converter_version(), "args": [*CONVERTER_ARGS]}
            if pulled.converted
            else None
        ),
        "overlay": (
            {
                "file": OVERLAY_NAME,
                "sha256": hashlib.sha256(overlay_file.read_bytes()).hexdigest(),
                "actions": len(pulled.overlay["actions"]),
            }
            if pulled.overlay is not None and overlay_file.exists()
            else None
        ),
        "spec": {
            "file": SPEC_NAME,
            "sha256": hashlib.sha256(pulled.text.encode("utf-8")).hexdigest(),
        },
    }


def _dump_json(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def write_pulled(pulled: Pulled, out_dir: Path, now: dt.datetime | None = None) -> list[str]:
    """Write what changed into `out_dir`, each file atomically; return the names written."""
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    record = provenance(pulled, out_dir, stamp)
    files: dict[str, bytes] = {SPEC_NAME: pulled.text.encode("utf-8")}
    for name, raw in zip(_raw_names(pulled.raws), pulled.raws, strict=True):
        files[name] = raw.body
    previous = _read_provenance(out_dir / PROVENANCE_NAME)
    if {**previous, "retrieved_at": stamp} != record:
        files[PROVENANCE_NAME] = _dump_json(record)
    changed = {
        name: data
        for name, data in files.items()
        if not (out_dir / name).is_file() or (out_dir / name).read_bytes() != data
    }
    staged = [(_stage(out_dir / name, data), out_dir / name) for name, data in changed.items()]
    for tmp, final in staged:
        os.replace(tmp, final)
    keep = set(_raw_names(pulled.raws))
    for stale in sorted((out_dir / VENDOR_DIR).glob("raw*")):
        if f"{VENDOR_DIR}/{stale.name}" not in keep:
            stale.unlink()
            changed[f"{VENDOR_DIR}/{stale.name} (removed)"] = b""
    return sorted(changed)


def _read_provenance(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _stage(path: Path, data: bytes) -> Path:
    """Write `data` to a temporary file beside `path`, ready for os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(name, 0o644)
    except OSError:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


# --- the command ----------------------------------------------------------------------------------


def summary(pulled: Pulled, previous: dict[str, Any] | None, facade: Path) -> list[str]:
    """A few lines on what the pull changed: drift, stale overlay actions, CSV arrays."""
    from scripts.facade_map import by_operation, load_calls
    from scripts.spec_diff import csv_array_params, diff_specs, render_text

    lines: list[str] = []
    if pulled.converted:
        lines.append(f"converted Swagger 2.0 with swagger2openapi {converter_version()}")
    lines += [result.stale_message() for result in pulled.overlay_results if result.stale]
    if previous is None:
        lines.append("no previous spec to compare with")
    else:
        changes = diff_specs(previous, pulled.doc, by_operation(load_calls(facade)))
        report = render_text(changes, "previous spec", "pulled spec").splitlines()
        lines += report[:40]
        if len(report) > 40:
            lines.append(f"... {len(report) - 40} more lines: run scripts/check_drift.py")
    csv = csv_array_params(pulled.doc)
    if csv:
        lines.append("CSV arrays (the generator sends them exploded; the facade must join them):")
        lines += [f"  {c.operation} {c.location} {c.name} joined by {c.delimiter!r}" for c in csv]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default=DEFAULT_SOURCE, help="docs page to discover from")
    parser.add_argument("--url", help="a spec's URL, or a docs page to find it on")
    parser.add_argument("--all-urls", action="store_true", help="merge every spec in `urls`")
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    parser.add_argument("--overlay", type=Path, help=f"default: OUT_DIR/{OVERLAY_NAME}")
    parser.add_argument("--facade", type=Path, default=FACADE, help="recorded facade calls")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds per request")
    parser.add_argument("--max-bytes", type=int, default=MAX_BYTES)
    args = parser.parse_args(argv)
    out_dir: Path = args.out_dir
    overlay = args.overlay or out_dir / OVERLAY_NAME
    try:
        with Fetcher(args.timeout, args.max_bytes) as fetcher:
            pulled = pull(
                source=args.source,
                url=args.url,
                all_urls=args.all_urls,
                overlay_path=overlay,
                fetcher=fetcher,
            )
    except PullError as exc:
        print(f"pull-spec: nothing written: {exc}", file=sys.stderr)
        return 2
    spec_file = out_dir / SPEC_NAME
    previous = load_spec_text(spec_file.read_text(encoding="utf-8")) if spec_file.exists() else None
    lines = summary(pulled, previous, args.facade)
    try:
        written = write_pulled(pulled, out_dir)
    except OSError as exc:
        print(f"pull-spec: could not write {out_dir}: {exc}", file=sys.stderr)
        return 2
    print(f"pull-spec: {', '.join(r.url for r in pulled.raws)} ({pulled.how})")
    print("\n".join(f"pull-spec: {line}" for line in lines))
    if written:
        print(f"pull-spec: wrote {', '.join(written)} in {out_dir}")
        print("pull-spec: next: make regenerate && make drift")
    else:
        print(f"pull-spec: unchanged: {out_dir} already holds this spec")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
