"""`peerclick spec diff`: the shipped spec against a file or a loopback URL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from peerclick.cli._spec import shipped_spec_text
from tests.cli.conftest import Cli
from tests.scripts._spec_server import Reply, SpecServer

REPO_SPEC = Path(__file__).resolve().parents[2] / "openapi" / "peerclick.yaml"


def shipped() -> dict[str, Any]:
    doc = yaml.safe_load(shipped_spec_text()[0])
    assert isinstance(doc, dict)
    return doc


def without_report_operation() -> dict[str, Any]:
    """The shipped spec with GET /report removed: a breaking change for the facade."""
    doc = shipped()
    del doc["paths"]["/report"]["get"]
    return doc


def test_the_shipped_spec_is_the_checkout_spec() -> None:
    """What ships is openapi/peerclick.yaml (editable install: read from the checkout)."""
    assert shipped_spec_text()[0] == REPO_SPEC.read_text(encoding="utf-8")


def test_no_drift_against_itself(cli: Cli, tmp_path: Path) -> None:
    """Comparing with an identical copy: exit 0, 'no drift'."""
    copy = tmp_path / "same.yaml"
    copy.write_text(REPO_SPEC.read_text(encoding="utf-8"))
    out = cli("spec", "diff", "--against", str(copy))
    assert out.exit_code == 0, out.stderr
    assert out.stdout.startswith("no drift")


def test_a_removed_operation_is_breaking(cli: Cli, tmp_path: Path) -> None:
    """A spec file without GET /report: exit 1, the operation named as BREAKING."""
    path = tmp_path / "new.json"
    path.write_text(json.dumps(without_report_operation()))
    out = cli("spec", "diff", "--against", str(path))
    assert out.exit_code == 1
    assert "BREAKING" in out.stdout and "GET /report" in out.stdout


def test_a_url_on_loopback_with_json_output(cli: Cli) -> None:
    """A URL is fetched (here from 127.0.0.1) and the JSON report says what broke."""
    body = json.dumps(without_report_operation())
    with SpecServer({"/openapi.json": Reply(body)}) as site:
        out = cli("spec", "diff", "--against", f"{site.base}/openapi.json", "--json")
        assert site.hits == ["/openapi.json"]
    assert out.exit_code == 1
    report = json.loads(out.stdout)
    assert report["breaking"] >= 1
    assert any(c["kind"] == "operation-removed" for c in report["changes"])


def test_a_harmless_addition_exits_3(cli: Cli, tmp_path: Path) -> None:
    """A new operation only: non-breaking drift, exit 3."""
    doc = shipped()
    doc["paths"]["/brand-new"] = {
        "get": {"operationId": "brandNew", "responses": {"200": {"description": "ok"}}}
    }
    path = tmp_path / "new.yaml"
    path.write_text(yaml.safe_dump(doc))
    out = cli("spec", "diff", "--against", str(path))
    assert out.exit_code == 3
    assert "operation added" in out.stdout


def test_unusable_inputs_exit_2(cli: Cli, tmp_path: Path) -> None:
    """A missing file, a non-spec and an HTTP error all exit 2 with one line."""
    assert cli("spec", "diff", "--against", str(tmp_path / "missing.yaml")).exit_code == 2
    junk = tmp_path / "junk.yaml"
    junk.write_text("just: text\n")
    out = cli("spec", "diff", "--against", str(junk))
    assert out.exit_code == 2 and "not an OpenAPI document" in out.stderr
    with SpecServer({}) as site:
        out = cli("spec", "diff", "--against", f"{site.base}/nope.json")
    assert out.exit_code == 2 and "404" in out.stderr
