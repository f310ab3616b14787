"""`make pull-spec`: find the spec behind a docs page, convert, normalise, write safely.

Every test serves its own docs site on 127.0.0.1 and writes into a temporary copy of openapi/.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from scripts import pull_spec
from scripts._codegen import SPEC
from scripts.pull_spec import Fetcher, PullError, discover, dump_spec, load_spec_text, normalize
from scripts.spec_diff import csv_array_params

from ._spec_server import Reply, SpecServer, small_spec, swagger2_spec

SPEC_JSON = json.dumps(small_spec())
SWAGGER_UI_PAGE = """<!doctype html><html><head><title>API</title>
<script src="./swagger-ui-bundle.js"></script></head><body><div id="swagger-ui"></div>
<script>{script}</script></body></html>"""
# What Swagger UI's own bundle contains: discovery must never read it.
BUNDLE = Reply('var d={url:"https://petstore.swagger.io/v2/swagger.json"};', "text/javascript")


def ui_page(script: str) -> Reply:
    return Reply(SWAGGER_UI_PAGE.replace("{script}", script), "text/html; charset=utf-8")


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """A copy of the committed openapi/ folder for a pull to write into."""
    dest = tmp_path / "openapi"
    shutil.copytree(SPEC.parent, dest)
    return dest


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(timeout=5) as f:
        yield f


class TestDiscovery:
    """The spec URL is found the way a browser would find it."""

    def test_swagger_ui_inline_url(self, fetcher: Fetcher) -> None:
        """`SwaggerUIBundle({url: ...})` in the page; the library bundle is never fetched."""
        routes = {
            "/": ui_page('window.ui = SwaggerUIBundle({ url: "/specs/api.json", dom_id: "#x" })'),
            "/swagger-ui-bundle.js": BUNDLE,
            "/specs/api.json": Reply(SPEC_JSON),
        }
        with SpecServer(routes) as site:
            found = discover(site.url("/"), fetcher)
        assert found.spec_urls == [site.url("/specs/api.json")]
        assert found.how == "inline script: url"
        assert "/swagger-ui-bundle.js" not in site.hits

    def test_urls_list_picks_primary_name(self, fetcher: Fetcher) -> None:
        script = """SwaggerUIBundle({
            urls: [{url: "/a.json", name: "Auth"}, {name: "Main", url: "/b.json"}],
            "urls.primaryName": "Main",
        })"""
        with SpecServer({"/": ui_page(script)}) as site:
            found = discover(site.url("/"), fetcher)
        assert found.spec_urls == [site.url("/b.json")]
        assert "urls.primaryName" in found.how

    def test_urls_list_without_primary_takes_the_first_or_all(self, fetcher: Fetcher) -> None:
        script = 'SwaggerUIBundle({urls: [{url: "a.json", name: "A"}, {url: "b.json", name: "B"}]})'
        with SpecServer({"/docs/": ui_page(script)}) as site:
            first = discover(site.url("/docs/"), fetcher)
            every = discover(site.url("/docs/"), fetcher, all_urls=True)
        assert first.spec_urls == [site.url("/docs/a.json")]
        assert every.spec_urls == [site.url("/docs/a.json"), site.url("/docs/b.json")]

    def test_swagger_initializer_js(self, fetcher: Fetcher) -> None:
        """The stock layout: the page loads swagger-initializer.js, whose url is page-relative."""
        initializer = """window.onload = function() {
          // url: "https://petstore.swagger.io/v2/swagger.json",
          window.ui = SwaggerUIBundle({
            url: "openapi.yaml",
            dom_id: '#swagger-ui',
          });
        };"""
        page = SWAGGER_UI_PAGE.replace(
            "<script>{script}</script>", '<script src="./swagger-initializer.js"></script>'
        )
        routes = {
            "/docs/": Reply(page, "text/html"),
            "/docs/swagger-ui-bundle.js": BUNDLE,
            "/docs/swagger-initializer.js": Reply(initializer, "application/javascript"),
        }
        with SpecServer(routes) as site:
            found = discover(site.url("/docs/"), fetcher)
        assert found.spec_urls == [site.url("/docs/openapi.yaml")]
        assert found.how == "swagger-initializer.js: url"

    def test_settings_spread_over_scripts(self, fetcher: Fetcher) -> None:
        """The page sets the primary name inline; a script it loads sets the list."""
        page = SWAGGER_UI_PAGE.replace("{script}", 'var cfg = {"urls.primaryName": "B"};').replace(
            "</body>", '<script src="/config.js"></script></body>'
        )
        config = 'cfg.urls = [{url: "/a.json", name: "A"}, {url: "/b.json", name: "B"}];'
        routes = {"/": Reply(page, "text/html"), "/config.js": Reply(config, "text/javascript")}
        with SpecServer(routes) as site:
            found = discover(site.url("/"), fetcher)
        assert found.spec_urls == [site.url("/b.json")]
        assert found.how == "config.js: urls.primaryName"

    def test_config_url(self, fetcher: Fetcher) -> None:
        """`configUrl` names a JSON document holding the real settings."""
        config = {"urls": [{"url": "/v1/spec.json", "name": "v1"}], "urls.primaryName": "v1"}
        routes = {
            "/": ui_page('SwaggerUIBundle({configUrl: "/swagger-config.json", dom_id: "#x"})'),
            "/swagger-config.json": Reply(json.dumps(config)),
        }
        with SpecServer(routes) as site:
            found = discover(site.url("/"), fetcher)
        assert found.spec_urls == [site.url("/v1/spec.json")]
        assert found.how == "configUrl: urls.primaryName"

    def test_redoc_tag(self, fetcher: Fetcher) -> None:
        page = "<html><body><redoc spec-url='/redoc/spec.yaml'></redoc></body></html>"
        with SpecServer({"/": Reply(page, "text/html")}) as site:
            found = discover(site.url("/"), fetcher)
        assert found.spec_urls == [site.url("/redoc/spec.yaml")]
        assert found.how == "<redoc spec-url>"

    def test_redoc_init(self, fetcher: Fetcher) -> None:
        page = (
            '<html><body><div id="r"></div><script src="/redoc.standalone.js"></script>'
            "<script>Redoc.init('/r/spec.json', {}, document.getElementById('r'))</script>"
            "</body></html>"
        )
        with SpecServer({"/": Reply(page, "text/html")}) as site:
            found = discover(site.url("/"), fetcher)
        assert found.spec_urls == [site.url("/r/spec.json")]

    def test_no_ui_falls_back_to_usual_paths(self, fetcher: Fetcher) -> None:
        routes = {
            "/": Reply("<html><body>Developers</body></html>", "text/html"),
            "/v3/api-docs": Reply(SPEC_JSON),
        }
        with SpecServer(routes) as site:
            found = discover(site.url("/"), fetcher)
        assert found.spec_urls == [site.url("/v3/api-docs")]
        assert found.how == "usual path /v3/api-docs"
        assert "/swagger.json" in site.hits  # tried first, answered 404

    def test_spec_inlined_by_swagger_ui_express(self, fetcher: Fetcher) -> None:
        """swagger-ui-express puts the whole spec into swagger-ui-init.js as `swaggerDoc`."""
        init = 'var options = {"swaggerDoc": ' + SPEC_JSON + ', "customOptions": {}};'
        page = SWAGGER_UI_PAGE.replace("{script}", "").replace(
            "</body>", '<script src="./swagger-ui-init.js"></script></body>'
        )
        routes = {"/api/": Reply(page, "text/html"), "/api/swagger-ui-init.js": Reply(init)}
        with SpecServer(routes) as site:
            pulled = pull_spec.pull(source=site.url("/api/"), fetcher=fetcher)
        assert pulled.how == "swagger-ui-init.js: spec inlined"
        assert pulled.doc["paths"].keys() == {"/thing/{thingId}"}

    def test_location_origin_and_base_href(self, fetcher: Fetcher) -> None:
        origin = ui_page('SwaggerUIBundle({url: window.location.origin + "/o/spec.json"})')
        based = Reply(
            '<html><head><base href="/static/"></head><body>'
            '<script>SwaggerUIBundle({url: "spec.json"})</script></body></html>',
            "text/html",
        )
        with SpecServer({"/a/": origin, "/b/": based}) as site:
            assert discover(site.url("/a/"), fetcher).spec_urls == [site.url("/o/spec.json")]
            assert discover(site.url("/b/"), fetcher).spec_urls == [site.url("/static/spec.json")]

    def test_source_that_is_the_spec(self, fetcher: Fetcher) -> None:
        with SpecServer({"/openapi.json": Reply(SPEC_JSON)}) as site:
            found = discover(site.url("/openapi.json"), fetcher)
        assert found.how == "the source is the spec"

    def test_nothing_found_lists_everything_tried(self, fetcher: Fetcher) -> None:
        page = Reply("<html>nothing here</html>", "text/html")
        with SpecServer({"/": page}) as site, pytest.raises(PullError) as info:
            discover(site.url("/"), fetcher)
        message = str(info.value)
        assert "no Swagger UI or ReDoc configuration found" in message
        for path in ("/swagger.json", "/openapi.json", "/v2/api-docs", "/v3/api-docs"):
            assert f"{site.url(path)}: HTTP 404" in message


class TestDocsPageUrl:
    """`make pull-spec URL=` takes a spec or a docs page; a hostile page: a clear error, exit 2."""

    def pull_page(self, routes: dict[str, Reply], out_dir: Path, *args: str) -> int:
        with SpecServer(routes) as site:
            return pull_spec.main(["--url", site.url("/docs"), "--out-dir", str(out_dir), *args])

    def test_service_desc_link(self, out_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
        page = '<html><head><link rel="service-desc" href="/api/openapi.json"></head></html>'
        routes = {"/docs": Reply(page, "text/html"), "/api/openapi.json": Reply(SPEC_JSON)}
        assert self.pull_page(routes, out_dir) == 0
        assert "(<link rel=service-desc>)" in capsys.readouterr().out
        provenance = json.loads((out_dir / "provenance.json").read_text())
        assert provenance["discovered_by"] == "<link rel=service-desc>"
        assert provenance["source_url"].endswith("/docs")

    def test_swagger_ui_page(self, out_dir: Path) -> None:
        routes = {
            "/docs": ui_page('SwaggerUIBundle({url: "/v1/spec.json"})'),
            "/v1/spec.json": Reply(SPEC_JSON),
        }
        assert self.pull_page(routes, out_dir) == 0
        assert (
            "/thing/{thingId}" in yaml.safe_load((out_dir / "peerclick.yaml").read_text())["paths"]
        )

    def test_alternate_link_typed_as_openapi_not_any_json(self, fetcher: Fetcher) -> None:
        """A CMS page's JSON alternates (oEmbed, REST views) are not specs."""
        page = (
            '<html><head><link rel="alternate" type="application/json+oembed" href="/oembed">'
            '<link rel="alternate" type="application/json" href="/wp-json/pages/1">'
            '<link rel="alternate" type="application/vnd.oai.openapi+json" href="/api/spec">'
            "</head></html>"
        )
        with SpecServer({"/docs": Reply(page, "text/html")}) as site:
            found = discover(site.url("/docs"), fetcher, guess=False)
        assert (found.spec_urls, found.how) == ([site.url("/api/spec")], "<link rel=alternate>")
        assert site.hits == ["/docs"]

    def test_anchor_to_a_spec_file_skips_other_json(self, fetcher: Fetcher) -> None:
        page = (
            '<html><body><a href="/package.json">deps</a> <a href="/about">about</a>'
            '<a href="files/openapi.yaml">the spec</a></body></html>'
        )
        routes = {
            "/docs/": Reply(page, "text/html"),
            "/package.json": Reply('{"name": "site"}'),
            "/docs/files/openapi.yaml": Reply(yaml.safe_dump(small_spec()), "application/yaml"),
        }
        with SpecServer(routes) as site:
            found = discover(site.url("/docs/"), fetcher, guess=False)
        assert found.spec_urls == [site.url("/docs/files/openapi.yaml")]
        assert found.how == "<a href> to a spec file"
        assert "/about" not in site.hits

    @pytest.mark.parametrize(
        ("routes", "args", "message"),
        [
            (
                {"/docs": Reply("<html><body><h1>Developers</h1></body></html>", "text/html")},
                [],
                "got an HTML page (text/html) that names no spec; looked for <redoc spec-url>",
            ),
            (
                {"/docs": Reply('<link rel="service-desc" href="/gone.json">', "text/html")},
                [],
                "/gone.json: HTTP 404\n  (spec URL found by <link rel=service-desc>)",
            ),
            (
                {"/docs": Reply("<html>" + "<p>filler</p>" * 100_000, "text/html")},
                ["--max-bytes", "100000"],
                "too large",
            ),
            (
                {
                    "/docs": Reply("", "text/html", 302, headers={"Location": "/loop"}),
                    "/loop": Reply("", "text/html", 302, headers={"Location": "/docs"}),
                },
                [],
                "/docs: a redirect loop (over 5 redirects)",
            ),
        ],
        ids=["no-link", "link-to-404", "huge-page", "redirect-loop"],
    )
    def test_hostile_pages(
        self,
        out_dir: Path,
        capsys: pytest.CaptureFixture[str],
        routes: dict[str, Reply],
        args: list[str],
        message: str,
    ) -> None:
        before = snapshot(out_dir)
        assert self.pull_page(routes, out_dir, *args) == 2
        err = capsys.readouterr().err
        assert err.startswith("pull-spec: nothing written: ")
        assert message in err
        assert snapshot(out_dir) == before

    def test_a_page_with_no_link_guesses_no_paths(self, fetcher: Fetcher) -> None:
        """Only the default source falls back to /swagger.json and friends."""
        site = SpecServer({"/docs": Reply("<html></html>", "text/html")})
        with site, pytest.raises(PullError, match="names no spec"):
            discover(site.url("/docs"), fetcher, guess=False)
        assert site.hits == ["/docs"]


class TestOverlayReport:
    """The summary names a stale overlay action, and says nothing of one with nothing to fix."""

    def test_a_spec_that_carries_the_fixes_prints_no_overlay_line(
        self, out_dir: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        text = SPEC.read_text()
        with SpecServer({"/spec.yaml": Reply(text, "application/yaml")}) as site:
            assert pull_spec.main(["--url", site.url("/spec.yaml"), "--out-dir", str(out_dir)]) == 0
        assert "overlay action" not in capsys.readouterr().out

    def test_a_stale_action_is_named(
        self, out_dir: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        overlay = yaml.safe_load((out_dir / "overlay.yaml").read_text())
        overlay["actions"].append(
            {
                "target": "$.paths['/report'].get",
                "description": "the vendor forgot the operationId",
                "update": {"operationId": "getReport"},
            }
        )
        (out_dir / "overlay.yaml").write_text(yaml.safe_dump(overlay))
        with SpecServer({"/spec.json": Reply(SPEC_JSON)}) as site:
            assert pull_spec.main(["--url", site.url("/spec.json"), "--out-dir", str(out_dir)]) == 0
        out = capsys.readouterr().out
        assert (
            "pull-spec: overlay action 1 is stale: $['paths']['/report'] selects nothing in the "
            "pulled spec (the vendor forgot the operationId)"
        ) in out
        assert "overlay action 0" not in out


class TestFormats:
    """JSON and YAML, OpenAPI 3 and Swagger 2.0, all end as the same normalised YAML."""

    def test_openapi3_yaml_is_normalised(self, out_dir: Path) -> None:
        raw = yaml.safe_dump(small_spec(), sort_keys=True)
        routes = {"/spec.yaml": Reply(raw, "application/yaml")}
        with SpecServer(routes) as site:
            code = pull_spec.main(["--url", site.url("/spec.yaml"), "--out-dir", str(out_dir)])
        assert code == 0
        assert (out_dir / "vendor" / "raw.yaml").read_text() == raw
        written = (out_dir / "peerclick.yaml").read_text()
        doc = yaml.safe_load(written)
        assert list(doc)[:5] == ["openapi", "info", "servers", "security", "paths"]
        op = doc["paths"]["/thing/{thingId}"]["get"]
        assert op["security"] == [{"apiToken": []}], "global security is copied onto operations"
        assert op["x-evidence"] == "documented", "the committed overlay marks vendor operations"
        provenance = json.loads((out_dir / "provenance.json").read_text())
        assert provenance["kind"] == "pull"
        assert provenance["source_url"] is None
        assert provenance["spec_urls"] == [site.url("/spec.yaml")]
        assert provenance["converter"] is None
        (raw_entry,) = provenance["raw"]
        assert raw_entry["file"] == "vendor/raw.yaml"
        assert raw_entry["sha256"] == pull_spec.hashlib.sha256(raw.encode()).hexdigest()
        assert provenance["overlay"]["file"] == "overlay.yaml"

    def test_swagger2_json_is_converted(
        self, out_dir: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The real swagger2openapi makes csv arrays form/explode=false; the summary lists them."""
        if not pull_spec.CONVERTER.exists():
            if shutil.which("npm") is None:
                pytest.skip("npm is not installed, so swagger2openapi cannot be (make node)")
            pytest.fail("scripts/node_modules lacks swagger2openapi: run `make node`")
        raw = json.dumps(swagger2_spec(), indent=1)
        with SpecServer({"/swagger.json": Reply(raw)}) as site:
            code = pull_spec.main(["--url", site.url("/swagger.json"), "--out-dir", str(out_dir)])
        out = capsys.readouterr().out
        assert code == 0, out
        doc = yaml.safe_load((out_dir / "peerclick.yaml").read_text())
        assert doc["openapi"].startswith("3.0")
        (columns,) = [
            p for p in doc["paths"]["/report"]["get"]["parameters"] if p["name"] == "columns"
        ]
        assert (columns["style"], columns["explode"]) == ("form", False)
        assert [c.name for c in csv_array_params(doc)] == ["columns"]
        assert "GET /report query columns joined by ','" in out
        assert (out_dir / "vendor" / "raw.json").read_text() == raw
        converter = json.loads((out_dir / "provenance.json").read_text())["converter"]
        assert converter["name"] == "swagger2openapi"
        assert converter["version"] == "7.0.8"

    def test_all_urls_are_merged(self, fetcher: Fetcher) -> None:
        other = small_spec()
        ok = {"200": {"description": "ok"}}
        other["paths"] = {"/other": {"get": {"operationId": "getOther", "responses": ok}}}
        script = (
            'SwaggerUIBundle({urls: [{url: "/a.json", name: "A"}, {url: "/b.json", name: "B"}]})'
        )
        routes = {
            "/": ui_page(script),
            "/a.json": Reply(SPEC_JSON),
            "/b.json": Reply(json.dumps(other)),
        }
        with SpecServer(routes) as site:
            pulled = pull_spec.pull(source=site.url("/"), all_urls=True, fetcher=fetcher)
        assert set(pulled.doc["paths"]) == {"/thing/{thingId}", "/other"}
        assert len(pulled.raws) == 2


class TestSafety:
    """A failed pull writes nothing and says what was wrong."""

    @pytest.mark.parametrize(
        ("reply", "args", "message"),
        [
            (Reply("gone", "text/plain", 404), [], "HTTP 404"),
            (Reply("<!doctype html><p>Docs</p>", "text/html"), [], "got an HTML page (text/html)"),
            (Reply("<html><p>Docs</p>", "application/json"), [], "got an HTML page"),
            (Reply('{"hello": "world"}'), [], "not an OpenAPI or Swagger document"),
            (
                Reply(json.dumps({**small_spec(), "info": {"title": "t"}})),
                [],
                "not a valid OpenAPI",
            ),
            (Reply(SPEC_JSON.replace("schemas/Thing", "schemas/Nope")), [], "broken $ref"),
            (Reply("x" * 5000, "application/json"), ["--max-bytes", "1000"], "too large (5000"),
            (Reply("x" * 5000, send_length=False), ["--max-bytes", "1000"], "too large (over 1000"),
            (Reply(SPEC_JSON, delay=3), ["--timeout", "0.3"], "timed out after 0.3 s"),
            (Reply(SPEC_JSON, "image/png"), [], "unexpected content type 'image/png'"),
            (Reply("openapi: [unclosed", "text/yaml"), [], "neither JSON nor YAML"),
        ],
        ids=[
            "404",
            "html",
            "html-labelled-json",
            "not-a-spec",
            "invalid",
            "broken-ref",
            "oversize",
            "oversize-unannounced",
            "timeout",
            "content-type",
            "bad-yaml",
        ],
    )
    def test_failure_leaves_out_dir_untouched(
        self,
        out_dir: Path,
        capsys: pytest.CaptureFixture[str],
        reply: Reply,
        args: list[str],
        message: str,
    ) -> None:
        before = snapshot(out_dir)
        with SpecServer({"/spec": reply}) as site:
            code = pull_spec.main(["--url", site.url("/spec"), "--out-dir", str(out_dir), *args])
        err = capsys.readouterr().err
        assert code == 2
        assert "nothing written" in err
        assert message in err
        assert snapshot(out_dir) == before

    def test_bad_overlay_stops_the_pull(
        self, out_dir: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        (out_dir / "overlay.yaml").write_text(
            "overlay: 1.0.0\ninfo: {title: t, version: '1'}\n"
            "actions:\n- target: $.paths[\n  remove: true\n"
        )
        before = snapshot(out_dir)
        with SpecServer({"/spec": Reply(SPEC_JSON)}) as site:
            code = pull_spec.main(["--url", site.url("/spec"), "--out-dir", str(out_dir)])
        assert code == 2
        assert "overlay action 0: bad target" in capsys.readouterr().err
        assert snapshot(out_dir) == before

    def test_only_http_urls(self) -> None:
        with Fetcher() as f, pytest.raises(PullError, match="only http and https"):
            f.get("file:///etc/passwd")


class TestStability:
    """An unchanged spec changes no byte; a changed one rewrites only what changed."""

    def test_repull_is_byte_identical(
        self, out_dir: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        with SpecServer({"/spec.json": Reply(SPEC_JSON)}) as site:
            args = ["--url", site.url("/spec.json"), "--out-dir", str(out_dir)]
            assert pull_spec.main(args) == 0
            first = snapshot(out_dir)
            capsys.readouterr()
            assert pull_spec.main(args) == 0
        assert snapshot(out_dir) == first
        assert "unchanged" in capsys.readouterr().out

    def test_stale_raw_files_are_removed(self, out_dir: Path) -> None:
        (out_dir / "vendor").mkdir()
        (out_dir / "vendor" / "raw.yaml").write_text("old")
        with SpecServer({"/spec.json": Reply(SPEC_JSON)}) as site:
            assert pull_spec.main(["--url", site.url("/spec.json"), "--out-dir", str(out_dir)]) == 0
        assert sorted(p.name for p in (out_dir / "vendor").iterdir()) == ["raw.json"]

    def test_committed_spec_is_already_normalised(self) -> None:
        """Pulling the committed spec back would change no byte of it."""
        text = SPEC.read_text()
        assert dump_spec(normalize(load_spec_text(text))) == text

    def test_dates_stay_strings(self) -> None:
        doc = normalize(load_spec_text("openapi: 3.0.3\ninfo: {title: t, version: 2024-01-02}\n"))
        assert doc["info"]["version"] == "2024-01-02"
        assert "version: '2024-01-02'" in dump_spec(doc)

    def test_committed_provenance_matches_the_committed_files(self) -> None:
        """Until the first pull it describes the reconstruction; after one, the files it pulled.

        A pulled spec is never edited by hand (fixes go in the overlay), so its sha256 must match.
        """
        provenance = json.loads((SPEC.parent / "provenance.json").read_text())
        assert provenance["kind"] in {"reconstruction", "pull"}
        if provenance["kind"] == "reconstruction":
            assert provenance["source_url"] == pull_spec.DEFAULT_SOURCE
            assert provenance["raw"] == []
            return
        assert (
            pull_spec.hashlib.sha256(SPEC.read_bytes()).hexdigest() == provenance["spec"]["sha256"]
        )
        for raw in provenance["raw"]:
            data = (SPEC.parent / raw["file"]).read_bytes()
            assert pull_spec.hashlib.sha256(data).hexdigest() == raw["sha256"]


def test_make_pull_spec_passes_the_url_whole() -> None:
    """`make pull-spec URL=<x>` hands x, query string and all, to --url."""
    url = "https://docs.example.test/api/?v=2&lang=en"
    done = subprocess.run(
        ["make", "-n", "pull-spec", f"URL={url}"],
        cwd=SPEC.parent.parent,
        capture_output=True,
        text=True,
        check=True,
    )
    assert f"scripts/pull_spec.py --url '{url}'" in done.stdout
