"""The keyword fields of `create` / `update` / `replace`, one TypedDict per entity kind.

They exist for type checkers: `pc.offers.create(nme="x")` is a mypy error, and every value is
typed as the facade accepts it (the generated model or a camelCase mapping, plus the shorthands:
`country="US"`, `affiliate_network=7`, `payout=1.5` or `"AUTO"`, `cost_model="CPC"`). At run
time the same rules are enforced by `EntityKind.wire_fields` and the kind's checks, so an untyped
caller gets the same TypeError/ValueError before any request.

Every key is optional (`total=False`): the positional `data` may carry the rest, and `update`
takes any subset. The keys are the snake_case attributes of the generated input model; a test
(`tests/resources/test_fields.py`) keeps them equal, so a regenerated model cannot drift from
what is typed here. Written by hand rather than generated: the generator knows nothing of the
shorthands, and six small classes are easier to read than a code generator for them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypedDict

from peerclick_api.models import (
    CostModel,
    Country,
    EntityRef,
    FlowInputConditionalPathsGroupsItem,
    Money,
    Path,
    RedirectTarget,
    TrafficSourceInputParametersItem,
)

__all__ = [
    "AffiliateNetworkFields",
    "CampaignFields",
    "FlowFields",
    "LanderFields",
    "OfferFields",
    "TrafficSourceFields",
]

# A nested object may always be given as the generated model or as the API's camelCase mapping.
Obj = Mapping[str, Any]
CountryArg = str | Country | Obj  # "US" -> {"code": "US"}; "WO"/"GLOBAL" -> GLB
Tags = list[str] | tuple[str, ...]  # not Sequence[str]: a str is one, and is refused


class _Common(TypedDict, total=False):
    name: str
    workspace_id: int
    tags: Tags


class CampaignFields(_Common, total=False):
    """`pc.campaigns.create(...)` / `update(id, ...)` keywords."""

    traffic_source: int | Obj  # a bare id (observed); {"id": 4} is unwrapped
    cost_model: str | CostModel | Obj  # AUTO, CPC, CPM, CPA, REVSHARE or NONE (any case)
    country: CountryArg
    domain: str
    redirect_target: RedirectTarget | Obj
    notes: str


class OfferFields(_Common, total=False):
    """`pc.offers.create(...)` / `update(id, ...)` keywords; `payout` defaults to AUTO."""

    url: str
    country: CountryArg
    affiliate_network: int | EntityRef | Obj  # 7 -> {"id": 7}
    payout: float | Literal["AUTO", "auto"] | Money | Obj  # a number: a manual payout in USD


class LanderFields(_Common, total=False):
    """`pc.landers.create(...)` / `update(id, ...)` keywords."""

    url: str
    number_of_offers: int
    country: CountryArg


class FlowFields(TypedDict, total=False):
    """`pc.flows.create(...)` / `update(id, ...)` keywords."""

    name: str
    workspace_id: int
    countries: list[CountryArg] | tuple[CountryArg, ...]
    default_paths: list[Path | Obj]
    conditional_paths_groups: list[FlowInputConditionalPathsGroupsItem | Obj]
    default_offer_redirect_mode: str


class TrafficSourceFields(_Common, total=False):
    """`pc.traffic_sources.create(...)` / `update(id, ...)` keywords."""

    for_affiliates: bool
    postback_url: str
    pixel_redirect_url: str
    parameters: list[TrafficSourceInputParametersItem | Obj]


class AffiliateNetworkFields(_Common, total=False):
    """`pc.affiliate_networks.create(...)` / `update(id, ...)` keywords."""

    offer_url_template: str
    postback_url: str
