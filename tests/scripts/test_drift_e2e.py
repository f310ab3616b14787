"""The whole maintenance loop: the vendor changes its spec -> pull -> regenerate -> drift report.

A local docs site (127.0.0.1) serves Swagger UI pointing at a spec: once a changed copy of the
committed one, once the committed one itself. Everything is written into temporary folders.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts import check_drift, facade_map, pull_spec
from scripts._codegen import GENERATED, PACKAGE, SPEC
from scripts.check_drift import compare_trees
from scripts.regenerate import regenerate

from ._spec_server import Reply, SpecServer

# What the contract suite would record for a facade of two classes (scripts/facade_map.py).
FACADE_CALLS = {
    "Offers.get": ["getOffer"],
    "Offers.list": ["listOffers"],
    "Reports.get": ["getReport"],
}
PAGE = """<!doctype html><html><body><div id="swagger-ui"></div>
<script src="/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({url: "/openapi.yaml", dom_id: "#swagger-ui"});</script>
</body></html>"""


def vendor_change(doc: dict[str, Any]) -> dict[str, Any]:
    """getOffer removed, ReportResponse.totalRows retyped, Campaign.budget added (optional)."""
    doc = copy.deepcopy(doc)
    del doc["paths"]["/offer/{offerId}"]["get"]
    schemas = doc["components"]["schemas"]
    schemas["ReportResponse"]["properties"]["totalRows"] = {"type": "string"}
    schemas["Campaign"]["properties"]["budget"] = {"type": "number"}
    return doc


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def facade(tmp_path: Path) -> Path:
    path = tmp_path / "facade_map.json"
    facade_map.write_calls(FACADE_CALLS, {}, path)
    return path


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    dest = tmp_path / "openapi"
    shutil.copytree(SPEC.parent, dest)
    return dest


def docs_site(spec_text: str) -> SpecServer:
    return SpecServer(
        {
            "/": Reply(PAGE, "text/html"),
            "/swagger-ui-bundle.js": Reply("/* library */", "text/javascript"),
            "/openapi.yaml": Reply(spec_text, "application/yaml"),
        }
    )


def test_changed_spec_is_reported_with_the_broken_facade_method(
    facade: Path, out_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    changed = pull_spec.dump_spec(vendor_change(yaml.safe_load(SPEC.read_text())))
    with docs_site(changed) as site:
        pulled = pull_spec.main(
            ["--source", site.url("/"), "--out-dir", str(out_dir), "--facade", str(facade)]
        )
        pull_out = capsys.readouterr().out
        assert pulled == 0, pull_out
        assert "BREAKING" in pull_out and "Offers.get" in pull_out

        generated = tmp_path / "generated" / PACKAGE
        regenerate(out_dir / "peerclick.yaml", generated)
        assert not (generated / "api" / "offer" / "get_offer.py").exists()

        # The report the weekly workflow writes: the committed spec before the pull vs after.
        new_spec = str(out_dir / "peerclick.yaml")
        args = ["--spec", str(SPEC), "--against", new_spec, "--facade", str(facade)]
        assert check_drift.main(args) == 1
        report = capsys.readouterr().out
        assert "GET /offer/{offerId} (getOffer)  facade: Offers.get" in report
        assert "! operation removed" in report
        assert "GET /report (getReport)  facade: Reports.get" in report
        assert "! response 200 body: totalRows: retyped integer -> string" in report
        assert "+ response 200 body: campaign.budget: optional field added" in report
        assert report.rstrip().endswith(
            "facade methods touched by breaking changes: Offers.get, Reports.get"
        )

        assert check_drift.main([*args, "--json"]) == 1
        data = json.loads(capsys.readouterr().out)
        assert data["facade_touched"] == ["Offers.get", "Reports.get"]

        # The same report straight from the served spec's URL.
        url_args = ["--spec", str(SPEC), "--against", site.url("/openapi.yaml")]
        assert check_drift.main([*url_args, "--facade", str(facade)]) == 1
        assert "Offers.get" in capsys.readouterr().out

        # And with --live: discovery through the docs page, nothing written anywhere.
        live = ["--spec", str(SPEC), "--live", "--source", site.url("/"), "--facade", str(facade)]
        assert check_drift.main(live) == 1
        assert "GET /offer/{offerId} (getOffer)  facade: Offers.get" in capsys.readouterr().out

    # And plain `make drift` on the pulled spec: generated/ matches, the facade does not.
    plain = ["--spec", new_spec, "--generated", str(generated), "--facade", str(facade)]
    assert check_drift.main(plain) == 1
    assert capsys.readouterr().out.strip() == (
        "facade calls getOffer, which peerclick.yaml does not have: Offers.get"
    )


def test_unchanged_spec_changes_no_file(
    facade: Path, out_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with docs_site(SPEC.read_text()) as site:
        args = ["--source", site.url("/"), "--out-dir", str(out_dir), "--facade", str(facade)]
        assert pull_spec.main(args) == 0
        assert "no drift" in capsys.readouterr().out
        assert (out_dir / "peerclick.yaml").read_bytes() == SPEC.read_bytes()
        after_first = snapshot(out_dir)
        assert pull_spec.main(args) == 0
        assert "unchanged" in capsys.readouterr().out
        assert snapshot(out_dir) == after_first

    generated = tmp_path / "generated" / PACKAGE
    regenerate(out_dir / "peerclick.yaml", generated)
    assert compare_trees(GENERATED / PACKAGE, generated) == ([], [], [])
    new_spec = str(out_dir / "peerclick.yaml")
    assert check_drift.main(["--against", new_spec, "--facade", str(facade)]) == 0
    assert "no drift" in capsys.readouterr().out


def test_comparison_that_cannot_run_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check_drift.main(["--against", str(tmp_path / "missing.yaml")]) == 2
    assert "could not compare" in capsys.readouterr().err
    with SpecServer({}) as site:
        assert check_drift.main(["--against", site.url("/openapi.json")]) == 2
    assert "HTTP 404" in capsys.readouterr().err
