"""The request schemas embedded in the fake match openapi/peerclick.yaml."""

from __future__ import annotations

import pytest

from peerclick.testing._schemas import SCHEMAS, validate
from peerclick.testing._wire import ApiError

from .spec_tools import extract_input_schemas


def test_embedded_schemas_match_the_spec() -> None:
    """Regenerate with `python tests/testing/spec_tools.py` when this fails after a spec change."""
    assert extract_input_schemas() == SCHEMAS


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"ids": []}, "ids: needs at least 1 item(s)"),
        ({"ids": [1, "2"]}, "ids[1]: expected an integer, got string"),
        ({"ids": [True]}, "ids[0]: expected an integer, got boolean"),
        ([], "body: expected an object, got array"),
        ({}, "ids: is required"),
    ],
)
def test_messages_name_the_field(value: object, message: str) -> None:
    """Errors say where, what was expected and what arrived."""
    with pytest.raises(ApiError) as caught:
        validate("IdList", value)
    assert caught.value.description == message and caught.value.status == 400


def test_numbers_accept_integers_and_nullable_accepts_null() -> None:
    """JSON numbers include integers; nullable fields take null."""
    validate("Money", {"type": "MANUAL", "value": 3})
    validate("Money", {"type": "AUTO", "value": None})
    with pytest.raises(ApiError, match="cost: must be >= 0"):
        validate(
            "ManualCostRequest",
            {"campaignId": 1, "from": "a", "to": "b", "timeZone": "UTC", "cost": -1},
        )
