"""Pull PeerClick's OpenAPI spec from its docs site into openapi/, with provenance and a summary.

The spec's URL is found the way a browser finds it: Swagger UI's `url`, `urls` (with
`urls.primaryName`) or `configUrl`, in the page or in a script it loads (`swagger-initializer.js`;
swagger-ui-express's `swagger-ui-init.js` with the spec inline), ReDoc's `<redoc spec-url>` or
`Redoc.init(url)`; failing that, the usual paths (`/swagger.json`, `/v3/api-docs`, ...). Swagger 2.0
is converted with the pinned swagger2openapi, openapi/overlay.yaml is applied (scripts/overlay.py),
global security is copied onto each operation (the generator reads only operation-level security),
and the result is validated and dumped with a stable key order and layout, so pulling an unchanged
spec changes no byte.

Nothing in the output directory changes until every check has passed; each file is then replaced
atomically. Written: peerclick.yaml (normalised), vendor/raw.<json|yaml> (the bytes as served),
provenance.json (where, when, sha256, converter, overlay; rewritten only when one of them changes).

Usage: python scripts/pull_spec.py [--url SPEC_URL | --source PAGE_URL] [--all-urls] [--out-dir DIR]
Exit codes: 0 written or already up to date, 2 nothing written (the message says why).
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx
import yaml

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts._codegen import ROOT
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
MAX_BYTES = 20 * 1024 * 1024
TIMEOUT = 30.0
MAX_SCRIPTS = 8
CONVERTER = ROOT / "scripts" / "node_modules" / ".bin" / "swagger2openapi"
CONVERTER_ARGS = ("--patch",)
# Tried in order when the page names no spec; each against the site root and the page's folder.
USUAL_PATHS = (
    "/swagger.json", "/openapi.json", "/swagger.yaml", "/openapi.yaml",
    "/v1/swagger.json", "/v1_1/swagger.json", "/swagger/v1/swagger.json",
    "/api-docs", "/api-docs.json", "/v2/api-docs", "/v3/api-docs",
    "/api/swagger.json", "/api/openapi.json", "/docs/swagger.json", "/api-json",
    "/swagger/doc.json",
)  # fmt: skip
SPEC_TYPES = {
    "", "application/json", "application/yaml", "application/x-yaml", "application/vnd.oai.openapi",
    "application/octet-stream", "text/yaml", "text/x-yaml", "text/plain", "text/json",
}  # fmt: skip
TOP_LEVEL_ORDER = (
    "openapi", "info", "jsonSchemaDialect", "servers", "security", "tags", "paths", "webhooks",
    "components", "externalDocs",
)  # fmt: skip
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


class PullError(RuntimeError):
    """The spec could not be fetched, found, converted or validated; nothing was written."""


# --- fetching ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fetched:
    url: str
    content_type: str
    body: bytes


class Fetcher:
    """GET with a timeout, a size cap and errors that say what went wrong, for each URL."""

    def __init__(
        self,
        timeout: float = TIMEOUT,
        max_bytes: int = MAX_BYTES,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.timeout, self.max_bytes = timeout, max_bytes
        self._client = httpx.Client(
            timeout=timeout,
            follow_redirects=True,
            max_redirects=5,
            headers={"User-Agent": "peerclick-sdk-pull-spec", "Accept": "*/*"},
            transport=transport,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str) -> Fetched:
        if urlsplit(url).scheme not in ("http", "https"):
            raise PullError(f"{url}: only http and https URLs can be pulled")
        deadline = time.monotonic() + self.timeout
        try:
            with self._client.stream("GET", url) as response:
                if response.status_code != 200:
                    raise PullError(f"{url}: HTTP {response.status_code}")
                length = response.headers.get("content-length", "")
                if length.isdigit() and int(length) > self.max_bytes:
                    raise PullError(f"{url}: too large ({length} bytes > {self.max_bytes})")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > self.max_bytes:
                        raise PullError(f"{url}: too large (over {self.max_bytes} bytes)")
                    if time.monotonic() > deadline:
                        raise PullError(f"{url}: timed out after {self.timeout:g} s")
                ctype = response.headers.get("content-type", "")
                return Fetched(str(response.url), ctype, bytes(body))
        except httpx.TimeoutException:
            raise PullError(f"{url}: timed out after {self.timeout:g} s") from None
        except httpx.HTTPError as exc:
            raise PullError(f"{url}: {type(exc).__name__}: {exc}") from None


# --- reading a document -----------------------------------------------------------------------


class _SpecLoader(yaml.SafeLoader):
    """SafeLoader that keeps dates as strings: a spec is JSON data, and `2024-01-01` is text."""


_SpecLoader.yaml_implicit_resolvers = {
    key: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_spec_text(text: str) -> Any:
    """Parse JSON or YAML text the way the pull does (dates stay strings)."""
    return yaml.load(text, Loader=_SpecLoader)


def parse_document(fetched: Fetched) -> tuple[dict[str, Any], str]:
    """Return (document, "json" | "yaml"), or say why the bytes are not a spec."""
    ctype = fetched.content_type.split(";")[0].strip().lower()
    head = fetched.body.lstrip()[:1]
    if ctype in ("text/html", "application/xhtml+xml") or head == b"<":
        shown = ctype or "no content type"
        raise PullError(f"{fetched.url}: got an HTML page ({shown}), not a spec")
    if ctype not in SPEC_TYPES and not ctype.endswith(("+json", "+yaml", "/json", "/yaml")):
        raise PullError(f"{fetched.url}: unexpected content type {ctype!r} for a spec")
    try:
        text = fetched.body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PullError(f"{fetched.url}: not UTF-8 text") from None
    try:
        doc, fmt = json.loads(text), "json"
    except ValueError:
        try:
            doc, fmt = load_spec_text(text), "yaml"
        except yaml.YAMLError as exc:
            raise PullError(f"{fetched.url}: neither JSON nor YAML ({exc})") from None
    if not isinstance(doc, dict) or not ("openapi" in doc or "swagger" in doc):
        raise PullError(f"{fetched.url}: not an OpenAPI or Swagger document")
    version = str(doc.get("openapi") or doc.get("swagger"))
    if not (version == "2.0" or re.match(r"^3\.[01]\.\d+$", version)):
        raise PullError(f"{fetched.url}: unsupported spec version {version!r}")
    return doc, fmt


# --- discovery --------------------------------------------------------------------------------

_Q = r"""(["'`])([^"'`]+)\1"""
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.I | re.S)
_SRC = re.compile(r"""\bsrc\s*=\s*["']([^"']+)["']""", re.I)
_BASE = re.compile(r"""<base\b[^>]*\bhref\s*=\s*["']([^"']+)["']""", re.I)
_REDOC_TAG = re.compile(r"""<redoc\b[^>]*\bspec-url\s*=\s*["']([^"']+)["']""", re.I)
_REDOC_INIT = re.compile(r"\bRedoc\.init\(\s*" + _Q)
_URLS = re.compile(r"""["']?\burls["']?\s*[:=]\s*\[(.*?)\]""", re.S)
_URL = re.compile(r"""(?<![\w.$-])["']?url["']?\s*[:=]\s*""" + _Q)
_ORIGIN_URL = re.compile(r"""["']?\burl["']?\s*:\s*(?:window\.)?location\.origin\s*\+\s*""" + _Q)
_CONFIG_URL = re.compile(r"""["']?\bconfigUrl["']?\s*:\s*""" + _Q)
_PRIMARY = re.compile(r"""["']urls\.primaryName["']\s*:\s*""" + _Q)
_NAME = re.compile(r"""["']?\bname["']?\s*:\s*""" + _Q)
_ENTRY = re.compile(r"\{(.*?)\}", re.S)
_EMBEDDED = re.compile(r"""["']?\b(?:swaggerDoc|spec)["']?\s*:\s*(?=\{)""")
_LINE_COMMENT = re.compile(r"""(?<![:"'`\\/])//[^\n]*""")
_BLOCK_COMMENT = re.compile(r"^\s*/\*.*?\*/", re.S | re.M)
# Library bundles are large and carry Swagger UI's own example URL (the Petstore): never read them.
_LIBRARY = re.compile(
    r"(swagger-ui-bundle|swagger-ui-standalone-preset|swagger-ui(\.min)?\.js|swagger-ui-es-bundle"
    r"|redoc\.standalone|redoc(\.min)?\.js|jquery|react)",
    re.I,
)
_EXAMPLE_HOSTS = {"petstore.swagger.io", "petstore3.swagger.io"}


@dataclass
class Found:
    """Spec URLs the docs site names, how they were found, and what discovery already fetched."""

    spec_urls: list[str]
    how: str
    tried: list[str] = field(default_factory=list)
    fetched: dict[str, Fetched] = field(default_factory=dict)


@dataclass
class _UiConfig:
    """Swagger UI / ReDoc settings gathered from a page's scripts, each with where it was seen."""

    url: str | None = None
    urls: list[tuple[str, str]] = field(default_factory=list)  # (name, url)
    primary: str | None = None
    config_url: str | None = None
    redoc: str | None = None
    embedded: str | None = None  # JSON text of a spec inlined in a script
    origin_url: str | None = None
    where: str = ""
    whence: dict[str, str] = field(default_factory=dict)  # setting -> script it came from

    def merge(self, other: _UiConfig) -> None:
        """Take the settings this one lacks from `other` (a script later in the page)."""
        for name in ("url", "primary", "config_url", "redoc", "embedded", "origin_url", "urls"):
            if not getattr(self, name) and getattr(other, name):
                setattr(self, name, getattr(other, name))
                self.whence[name] = other.where

    def source(self, name: str) -> str:
        return self.whence.get(name, self.where)


def _strip_comments(js: str) -> str:
    return _LINE_COMMENT.sub("", _BLOCK_COMMENT.sub("", js))


def _scan_js(js: str, where: str) -> _UiConfig:
    """Read Swagger UI / ReDoc settings out of script text, without running it."""
    js = _strip_comments(js)
    cfg = _UiConfig(where=where)
    for match in _EMBEDDED.finditer(js):
        try:
            obj, end = json.JSONDecoder().raw_decode(js, match.end())
        except ValueError:
            continue
        if isinstance(obj, dict) and ("openapi" in obj or "swagger" in obj):
            # Cut the spec out: its `servers: [{url: ...}]` must not pass for Swagger UI's url.
            cfg.embedded = js[match.end() : end]
            js = js[: match.start()] + js[end:]
            break
    urls = _URLS.search(js)
    if urls:
        for entry in _ENTRY.findall(urls.group(1)):
            url, name = _URL.search(entry), _NAME.search(entry)
            if url:
                cfg.urls.append((name.group(2) if name else "", url.group(2)))
        js = js[: urls.start()] + js[urls.end() :]
    for attr, pattern in (
        ("url", _URL),
        ("origin_url", _ORIGIN_URL),
        ("config_url", _CONFIG_URL),
        ("primary", _PRIMARY),
        ("redoc", _REDOC_INIT),
    ):
        found = pattern.search(js)
        if found:
            setattr(cfg, attr, found.group(2))
    return cfg


def _scan_json_config(text: str, where: str) -> _UiConfig:
    """A Swagger UI `configUrl` document: {"url": ..., "urls": [...], "urls.primaryName": ...}."""
    cfg = _UiConfig(where=where)
    try:
        data = json.loads(text)
    except ValueError:
        data = load_spec_text(text)
    if not isinstance(data, dict):
        return cfg
    if isinstance(data.get("url"), str):
        cfg.url = data["url"]
    for entry in data.get("urls") or []:
        if isinstance(entry, dict) and isinstance(entry.get("url"), str):
            cfg.urls.append((str(entry.get("name", "")), entry["url"]))
    if isinstance(data.get("urls.primaryName"), str):
        cfg.primary = data["urls.primaryName"]
    return cfg


def _choose(cfg: _UiConfig, base: str, all_urls: bool) -> tuple[list[str], str] | None:
    """The spec URLs a browser would load for this configuration, absolute."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base))
    if cfg.urls:
        where = cfg.source("urls")
        if all_urls:
            return [urljoin(base, u) for _, u in cfg.urls], f"{where}: all urls"
        chosen = next((u for n, u in cfg.urls if cfg.primary and n == cfg.primary), None)
        how = "urls.primaryName" if chosen else "first of urls"
        return [urljoin(base, chosen or cfg.urls[0][1])], f"{where}: {how}"
    if cfg.url and urlsplit(urljoin(base, cfg.url)).hostname not in _EXAMPLE_HOSTS:
        return [urljoin(base, cfg.url)], f"{cfg.source('url')}: url"
    if cfg.origin_url:
        return [origin + cfg.origin_url], f"{cfg.source('origin_url')}: location.origin + url"
    if cfg.redoc:
        return [urljoin(base, cfg.redoc)], f"{cfg.source('redoc')}: Redoc.init"
    return None


def _scan_page(page: Fetched, fetcher: Fetcher, all_urls: bool, found: Found) -> bool:
    html = page.body.decode("utf-8", errors="replace")
    base_tag = _BASE.search(html)
    base = urljoin(page.url, base_tag.group(1)) if base_tag else page.url
    redoc = _REDOC_TAG.search(html)
    if redoc:
        found.spec_urls, found.how = [urljoin(base, redoc.group(1))], "<redoc spec-url>"
        return True
    cfg = _UiConfig()
    scripts = 0
    for attrs, body in _SCRIPT.findall(html):
        src = _SRC.search(attrs)
        if not src:
            cfg.merge(_scan_js(body, "inline script"))
            continue
        script_url = urljoin(base, src.group(1))
        if _LIBRARY.search(urlsplit(script_url).path) or scripts >= MAX_SCRIPTS:
            continue
        scripts += 1
        try:
            script = fetcher.get(script_url)
        except PullError as exc:
            found.tried.append(f"script {exc}")
            continue
        name = urlsplit(script_url).path.rsplit("/", 1)[-1] or script_url
        cfg.merge(_scan_js(script.body.decode("utf-8", errors="replace"), name))
    if cfg.config_url:
        config_url = urljoin(base, cfg.config_url)
        try:
            remote = fetcher.get(config_url)
            remote_cfg = _scan_json_config(remote.body.decode("utf-8", "replace"), "configUrl")
        except (PullError, yaml.YAMLError) as exc:
            found.tried.append(f"configUrl {exc}")
        else:
            chosen = _choose(remote_cfg, base, all_urls)
            if chosen:
                found.spec_urls, found.how = chosen
                return True
    chosen = _choose(cfg, base, all_urls)
    if chosen:
        found.spec_urls, found.how = chosen
        return True
    if cfg.embedded:
        where = cfg.source("embedded")
        url = f"{page.url}#{where}"
        body = cfg.embedded.encode("utf-8")
        found.spec_urls, found.how = [url], f"{where}: spec inlined"
        found.fetched[url] = Fetched(url, "application/json", body)
        return True
    return False


def _usual_candidates(source: str) -> list[str]:
    parts = urlsplit(source)
    origin = f"{parts.scheme}://{parts.netloc}"
    folder = parts.path if parts.path.endswith("/") else parts.path.rsplit("/", 1)[0] + "/"
    out: list[str] = []
    for path in USUAL_PATHS:
        for url in (origin + path, origin + folder.rstrip("/") + path):
            if url not in out:
                out.append(url)
    return out


def discover(source: str, fetcher: Fetcher, all_urls: bool = False) -> Found:
    """Find the spec URL(s) behind a docs page, or raise PullError listing everything tried."""
    found = Found([], "")
    try:
        page = fetcher.get(source)
    except PullError as exc:
        found.tried.append(f"page {exc}")
    else:
        try:
            parse_document(page)
        except PullError:
            if _scan_page(page, fetcher, all_urls, found):
                return found
            found.tried.append(f"page {page.url}: no Swagger UI or ReDoc configuration found")
        else:
            found.spec_urls, found.how = [page.url], "the source is the spec"
            found.fetched[page.url] = page
            return found
    for url in _usual_candidates(source):
        try:
            fetched = fetcher.get(url)
            parse_document(fetched)
        except PullError as exc:
            found.tried.append(str(exc))
            continue
        found.spec_urls, found.how = [url], f"usual path {urlsplit(url).path}"
        found.fetched[url] = fetched
        return found
    tried = "\n  ".join(found.tried)
    raise PullError(f"no spec found behind {source}; tried:\n  {tried}")


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


def _operations(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        op
        for item in (doc.get("paths") or {}).values()
        if isinstance(item, dict)
        for method, op in item.items()
        if method in HTTP_METHODS and isinstance(op, dict)
    ]


def inline_security(doc: dict[str, Any]) -> None:
    """Give every operation without `security` the global one: the generator reads no other."""
    if "security" not in doc:
        return
    for op in _operations(doc):
        op.setdefault("security", copy.deepcopy(doc["security"]))


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
    """String keys everywhere (YAML's `200:` is an int), keeping shared nodes shared."""
    if id(node) in memo:
        return memo[id(node)]
    if isinstance(node, dict):
        out: dict[str, Any] = {}
        memo[id(node)] = out
        for key, value in node.items():
            out[str(key)] = _jsonable(value, memo)
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
        found = Found([url], "--url") if url else discover(source, fetcher, all_urls)
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
    return Pulled(
        doc, dump_spec(doc), raws, None if url else source, found.how, converted, overlay, results
    )


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
    from scripts.facade_map import facade_usage
    from scripts.spec_diff import csv_array_params, diff_specs, render_text, usage_by_module

    lines = []
    if pulled.converted:
        lines.append(f"converted Swagger 2.0 with swagger2openapi {converter_version()}")
    lines += [result.stale_message() for result in pulled.overlay_results if result.stale]
    if previous is None:
        lines.append("no previous spec to compare with")
    else:
        changes = diff_specs(previous, pulled.doc, usage_by_module(facade_usage(facade)))
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
    parser.add_argument("--url", help="the spec's own URL: skips discovery")
    parser.add_argument("--all-urls", action="store_true", help="merge every spec in `urls`")
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    parser.add_argument("--overlay", type=Path, help=f"default: OUT_DIR/{OVERLAY_NAME}")
    parser.add_argument("--facade", type=Path, default=ROOT / "peerclick")
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
