"""Fetch a spec, or find it behind a docs page the way a browser would (scripts/pull_spec.py).

A page names its spec in one of these, tried in order: ReDoc's `<redoc spec-url>`; Swagger UI's
`url`, `urls` (with `urls.primaryName`) or `configUrl`, in the page or in a script it loads
(`swagger-initializer.js`; swagger-ui-express's `swagger-ui-init.js` with the spec inline);
`Redoc.init(url)`; a `<link rel="service-desc">` (RFC 8631) or an alternate link to a JSON/YAML
file; an `<a href>` to a .json/.yaml file. Only for the default source (the vendor's docs site)
the usual paths (`/swagger.json`, `/v3/api-docs`, ...) are tried after that: a page someone names
with `URL=` that links to nothing is an error that says what was looked for.

The HTML is read with the standard library's `html.parser` (tags, attributes, script text), not
regular expressions; script text is JavaScript, which no maintained Python parser reads, so the
Swagger UI settings are found in it with the patterns below, after comments are stripped.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx
import yaml

from scripts import _spec

__all__ = ["Fetched", "Fetcher", "Found", "PullError", "discover", "parse_document"]

MAX_BYTES = 20 * 1024 * 1024
TIMEOUT = 30.0
MAX_REDIRECTS = 5
MAX_SCRIPTS = 8  # scripts, and links to .json/.yaml files, fetched from one page at most
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
SPEC_SUFFIXES = (".json", ".yaml", ".yml")
LOOKED_FOR = (
    "looked for <redoc spec-url>, Swagger UI's url/urls/configUrl, Redoc.init, "
    "<link rel=service-desc>, links to .json/.yaml files"
)


class PullError(RuntimeError):
    """The spec could not be fetched, found, converted or validated; nothing was written."""


@dataclass(frozen=True)
class Fetched:
    url: str
    content_type: str
    body: bytes

    @property
    def is_html(self) -> bool:
        ctype = self.content_type.split(";")[0].strip().lower()
        return ctype in ("text/html", "application/xhtml+xml") or self.body.lstrip()[:1] == b"<"


class Fetcher:
    """GET with a timeout, a size cap, a redirect cap and errors that say what went wrong."""

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
            max_redirects=MAX_REDIRECTS,
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
        except httpx.TooManyRedirects:
            raise PullError(f"{url}: a redirect loop (over {MAX_REDIRECTS} redirects)") from None
        except httpx.HTTPError as exc:
            raise PullError(f"{url}: {type(exc).__name__}: {exc}") from None


def parse_document(fetched: Fetched) -> tuple[dict[str, Any], str]:
    """Return (document, "json" | "yaml"), or say why the bytes are not a spec."""
    ctype = fetched.content_type.split(";")[0].strip().lower()
    if fetched.is_html:
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
            doc, fmt = _spec.load_text(text), "yaml"
        except yaml.YAMLError as exc:
            raise PullError(f"{fetched.url}: neither JSON nor YAML ({exc})") from None
    if not _spec.is_spec(doc):
        raise PullError(f"{fetched.url}: not an OpenAPI or Swagger document")
    version = str(doc.get("openapi") or doc.get("swagger"))
    if not (version == "2.0" or re.match(r"^3\.[01]\.\d+$", version)):
        raise PullError(f"{fetched.url}: unsupported spec version {version!r}")
    return doc, fmt


# --- reading a page -------------------------------------------------------------------------------


class _Page(HTMLParser):
    """What discovery needs of an HTML page: base, ReDoc tag, scripts, links and anchors."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base: str | None = None
        self.redoc: str | None = None
        self.scripts: list[tuple[str | None, str]] = []  # (src, inline text)
        self.links: list[tuple[str, str, str]] = []  # (rel, type, href)
        self.anchors: list[str] = []
        self._script: tuple[str | None, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        href = a.get("href", "").strip()
        if tag == "base" and href and self.base is None:
            self.base = href
        elif tag == "redoc" and a.get("spec-url") and self.redoc is None:
            self.redoc = a["spec-url"].strip()
        elif tag == "script":
            self._script = (a.get("src", "").strip() or None, [])
        elif tag == "link" and href:
            self.links.append((a.get("rel", "").lower(), a.get("type", "").lower(), href))
        elif tag == "a" and href:
            self.anchors.append(href)

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script[0], "".join(self._script[1])))
            self._script = None


def _spec_link(rel: str, ctype: str, href: str) -> bool:
    """`rel=service-desc`, or an alternate/describedby link typed as OpenAPI or to a spec file.

    Not any JSON alternate: CMS pages carry `application/json` ones (oEmbed, REST views).
    """
    rels = set(rel.split())
    if "service-desc" in rels:
        return True
    named = urlsplit(href).path.lower().endswith(SPEC_SUFFIXES) or any(
        word in ctype for word in ("openapi", "swagger")
    )
    return bool(rels & {"alternate", "describedby"}) and named


# --- reading Swagger UI and ReDoc settings out of script text -----------------------------------

_Q = r"""(["'`])([^"'`]+)\1"""
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


def _scan_js(js: str, where: str) -> _UiConfig:
    """Read Swagger UI / ReDoc settings out of script text, without running it."""
    js = _LINE_COMMENT.sub("", _BLOCK_COMMENT.sub("", js))
    cfg = _UiConfig(where=where)
    for match in _EMBEDDED.finditer(js):
        try:
            obj, end = json.JSONDecoder().raw_decode(js, match.end())
        except ValueError:
            continue
        if _spec.is_spec(obj):
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
    data = _spec.load_text(text)
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


# --- discovery ------------------------------------------------------------------------------------


def _ui_settings(page: _Page, base: str, fetcher: Fetcher, found: Found) -> _UiConfig:
    """Swagger UI / ReDoc settings from the page's inline scripts and the scripts it loads."""
    cfg, loaded = _UiConfig(), 0
    for src, body in page.scripts:
        if src is None:
            cfg.merge(_scan_js(body, "inline script"))
            continue
        script_url = urljoin(base, src)
        if _LIBRARY.search(urlsplit(script_url).path) or loaded >= MAX_SCRIPTS:
            continue
        loaded += 1
        try:
            script = fetcher.get(script_url)
        except PullError as exc:
            found.tried.append(f"script {exc}")
            continue
        name = urlsplit(script_url).path.rsplit("/", 1)[-1] or script_url
        cfg.merge(_scan_js(script.body.decode("utf-8", errors="replace"), name))
    return cfg


def _scan_page(page: Fetched, fetcher: Fetcher, all_urls: bool, found: Found) -> bool:
    """Fill `found` from what the page names; False when it names nothing."""
    html = _Page()
    html.feed(page.body.decode("utf-8", errors="replace"))
    html.close()
    base = urljoin(page.url, html.base) if html.base else page.url

    def done(urls: list[str], how: str) -> bool:
        found.spec_urls, found.how = urls, how
        return True

    if html.redoc:
        return done([urljoin(base, html.redoc)], "<redoc spec-url>")
    cfg = _ui_settings(html, base, fetcher, found)
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
                return done(*chosen)
    chosen = _choose(cfg, base, all_urls)
    if chosen:
        return done(*chosen)
    if cfg.embedded:
        where = cfg.source("embedded")
        url = f"{page.url}#{where}"
        found.fetched[url] = Fetched(url, "application/json", cfg.embedded.encode("utf-8"))
        return done([url], f"{where}: spec inlined")
    for rel, ctype, href in html.links:
        if _spec_link(rel, ctype, href):
            shown = "service-desc" if "service-desc" in rel.split() else rel
            return done([urljoin(base, href)], f"<link rel={shown}>")
    anchors = [
        urljoin(base, a) for a in html.anchors if urlsplit(a).path.lower().endswith(SPEC_SUFFIXES)
    ]
    if _first_spec(list(dict.fromkeys(anchors))[:MAX_SCRIPTS], fetcher, found, "link "):
        found.how = "<a href> to a spec file"
        return True
    return False


def _first_spec(urls: list[str], fetcher: Fetcher, found: Found, label: str = "") -> bool:
    """Fetch `urls` in order until one is a spec; note each failure in `found.tried`."""
    for url in urls:
        try:
            fetched = fetcher.get(url)
            parse_document(fetched)
        except PullError as exc:
            found.tried.append(f"{label}{exc}")
            continue
        found.spec_urls, found.fetched[url] = [url], fetched
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


def discover(source: str, fetcher: Fetcher, all_urls: bool = False, guess: bool = True) -> Found:
    """Find the spec URL(s) behind `source` (a spec or a docs page), or raise PullError.

    With `guess` (the default source), the usual paths are tried when the page names no spec and
    the error lists everything tried; without, a page that names no spec is the error.
    """
    found = Found([], "")
    try:
        page = fetcher.get(source)
    except PullError as exc:
        if not guess:
            raise
        found.tried.append(f"page {exc}")
    else:
        try:
            parse_document(page)
        except PullError:
            if not (page.is_html or guess):
                raise
            if _scan_page(page, fetcher, all_urls, found):
                return found
            if not guess:
                ctype = page.content_type.split(";")[0].strip() or "no content type"
                tried = "".join(f"\n  {t}" for t in found.tried)
                what = f"got an HTML page ({ctype}) that names no spec"
                raise PullError(f"{page.url}: {what}; {LOOKED_FOR}{tried}") from None
            found.tried.append(f"page {page.url}: no Swagger UI or ReDoc configuration found")
        else:
            found.spec_urls, found.how = [page.url], "the source is the spec"
            found.fetched[page.url] = page
            return found
    if _first_spec(_usual_candidates(source), fetcher, found):
        found.how = f"usual path {urlsplit(found.spec_urls[0]).path}"
        return found
    tried = "\n  ".join(found.tried)
    raise PullError(f"no spec found behind {source}; tried:\n  {tried}")
