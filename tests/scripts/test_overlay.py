"""openapi/overlay.yaml: declared fixes to the vendor's spec (OpenAPI Overlay 1.0 actions)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from scripts._codegen import SPEC
from scripts.overlay import OverlayError, apply_overlay, load_overlay

OVERLAY = SPEC.parent / "overlay.yaml"


def overlay(*actions: dict[str, Any]) -> dict[str, Any]:
    return {"overlay": "1.0.0", "info": {"title": "t", "version": "1"}, "actions": list(actions)}


def doc() -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "paths": {
            "/report": {"get": {"tags": ["Reports API"], "responses": {}}},
            "/offer": {
                "get": {"operationId": "listOffers", "tags": ["offer"], "responses": {}},
                "post": {"operationId": "createOffer", "tags": ["offer"], "responses": {}},
            },
        },
        "tags": [{"name": "offer"}],
    }


class TestUpdate:
    def test_merges_into_objects(self) -> None:
        """A missing operationId is added; objects merge, scalars and arrays are replaced."""
        action = {"target": "$.paths['/report'].get", "update": {"operationId": "getReport"}}
        out, (result,) = apply_overlay(doc(), overlay(action))
        assert out["paths"]["/report"]["get"] == {
            "tags": ["Reports API"],
            "responses": {},
            "operationId": "getReport",
        }
        assert result.matched == 1

    def test_filter_target_renames_a_tag(self) -> None:
        """Tags decide module names: `[?@.tags[0] == 'Reports API']` selects by tag."""
        action = {
            "target": "$.paths.*[?@.tags[0] == 'Reports API']",
            "update": {"tags": ["report"]},
        }
        out, _ = apply_overlay(doc(), overlay(action))
        assert out["paths"]["/report"]["get"]["tags"] == ["report"]
        assert out["paths"]["/offer"]["get"]["tags"] == ["offer"]

    def test_recursive_merge_keeps_siblings(self) -> None:
        action = {
            "target": "$",
            "update": {"paths": {"/offer": {"get": {"x-evidence": "observed"}}}},
        }
        out, _ = apply_overlay(doc(), overlay(action))
        assert out["paths"]["/offer"]["get"]["operationId"] == "listOffers"
        assert out["paths"]["/offer"]["get"]["x-evidence"] == "observed"
        assert "post" in out["paths"]["/offer"]

    def test_appends_to_arrays(self) -> None:
        action = {"target": "$.tags", "update": {"name": "report"}}
        out, _ = apply_overlay(doc(), overlay(action))
        assert out["tags"] == [{"name": "offer"}, {"name": "report"}]

    def test_every_match_gets_its_own_copy(self) -> None:
        action = {"target": "$.paths['/offer'].*", "update": {"x-mark": {"n": 1}}}
        out, (result,) = apply_overlay(doc(), overlay(action))
        first, second = (out["paths"]["/offer"][m]["x-mark"] for m in ("get", "post"))
        assert result.matched == 2
        assert first == second and first is not second

    def test_input_is_not_modified(self) -> None:
        original = doc()
        apply_overlay(original, overlay({"target": "$.paths.*.*", "update": {"x-a": 1}}))
        assert original == doc()


class TestRemove:
    def test_removes_from_objects(self) -> None:
        action = {"target": "$.paths['/offer'].post", "remove": True}
        out, _ = apply_overlay(doc(), overlay(action))
        assert list(out["paths"]["/offer"]) == ["get"]

    def test_removes_several_array_items(self) -> None:
        data = {"openapi": "3.0.3", "list": [1, 5, 2, 6, 3]}
        out, (result,) = apply_overlay(data, overlay({"target": "$.list[?@ > 4]", "remove": True}))
        assert out["list"] == [1, 2, 3]
        assert result.matched == 2

    def test_stale_action_matches_nothing(self) -> None:
        action = {"target": "$.paths['/gone'].get", "remove": True, "description": "fixed upstream"}
        out, (result,) = apply_overlay(doc(), overlay(action))
        assert out == doc()
        assert (result.matched, result.description) == (0, "fixed upstream")


class TestStale:
    """Stale means what the action was written for is gone, not that a filter found it fixed."""

    def test_a_missing_step_is_stale_and_named(self) -> None:
        action = {"target": "$.paths['/gone'].get", "remove": True, "description": "fixed upstream"}
        _, (result,) = apply_overlay(doc(), overlay(action))
        assert result.stale == "$['paths']['/gone']"
        message = result.stale_message()
        assert message.startswith("overlay action 0 is stale: $['paths']['/gone'] selects nothing")
        assert "(fixed upstream)" in message

    def test_a_filter_with_nothing_left_to_fix_is_not_stale(self) -> None:
        """The committed overlay's own rule, on a spec whose operations all carry x-evidence."""
        marked = doc()
        for item in marked["paths"].values():
            for op in item.values():
                op["x-evidence"] = "observed"
        action = {"target": "$.paths.*[?@.responses && !@['x-evidence']]", "update": {"x-a": 1}}
        out, (result,) = apply_overlay(marked, overlay(action))
        assert (result.matched, result.stale) == (0, "")
        assert out == marked

    def test_a_filter_over_a_missing_step_is_stale(self) -> None:
        action = {"target": "$.webhooks.*[?@.post]", "update": {"x-a": 1}}
        _, (result,) = apply_overlay(doc(), overlay(action))
        assert result.stale == "$['webhooks']"

    def test_an_action_that_matched_is_not_stale(self) -> None:
        action = {"target": "$.paths['/offer'].get", "update": {"x-a": 1}}
        _, (result,) = apply_overlay(doc(), overlay(action))
        assert (result.matched, result.stale) == (1, "")

    def test_the_committed_overlay_is_not_stale_on_the_committed_spec(self) -> None:
        """Every pull of a spec that already carries the fixes printed `matched nothing` before."""
        spec = yaml.safe_load(SPEC.read_text())
        _, results = apply_overlay(spec, load_overlay(OVERLAY))
        assert [r for r in results if r.stale] == []


class TestErrors:
    @pytest.mark.parametrize(
        ("document", "message"),
        [
            ({**overlay(), "overlay": "2.0.0"}, "expected 1.0.x"),
            ({"overlay": "1.0.0", "actions": []}, "info needs a title and a version"),
            (overlay({"target": "$.paths["}), "bad target"),
            (overlay({"target": "paths", "remove": True}), "starting with $"),
            (overlay({"target": "$.paths"}), "needs `update` or `remove: true`"),
            (overlay({"target": "$.paths", "updates": {}}), "unknown keys ['updates']"),
        ],
        ids=["version", "info", "syntax", "not-jsonpath", "no-verb", "typo"],
    )
    def test_malformed_overlay(self, document: dict[str, Any], message: str) -> None:
        with pytest.raises(OverlayError, match=message.replace("[", r"\[").replace("$", r"\$")):
            apply_overlay(doc(), document)

    def test_scalar_target_and_root_removal(self) -> None:
        with pytest.raises(OverlayError, match="is a scalar"):
            apply_overlay(doc(), overlay({"target": "$.openapi", "update": "3.1.0"}))
        with pytest.raises(OverlayError, match="root cannot be removed"):
            apply_overlay(doc(), overlay({"target": "$", "remove": True}))

    def test_unreadable_file(self, tmp_path: Path) -> None:
        bad = tmp_path / "overlay.yaml"
        bad.write_text("overlay: [")
        with pytest.raises(OverlayError, match="cannot read overlay"):
            load_overlay(bad)


class TestCommittedOverlay:
    def test_is_valid_and_changes_nothing_in_the_committed_spec(self) -> None:
        """Re-pulling the committed spec must change no byte, so the overlay is a no-op on it."""
        spec = yaml.safe_load(SPEC.read_text())
        out, results = apply_overlay(spec, load_overlay(OVERLAY))
        assert out == spec
        assert results

    def test_marks_operations_only_the_vendor_describes(self) -> None:
        out, _ = apply_overlay(doc(), load_overlay(OVERLAY))
        for op in (out["paths"]["/offer"]["get"], out["paths"]["/report"]["get"]):
            assert op["x-evidence"] == "documented"
            assert op["x-source"]

    def test_is_idempotent(self) -> None:
        once, _ = apply_overlay(doc(), load_overlay(OVERLAY))
        twice, _ = apply_overlay(copy.deepcopy(once), load_overlay(OVERLAY))
        assert once == twice
