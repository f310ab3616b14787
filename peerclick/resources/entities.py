"""The six entity resources: campaigns, offers, landers, flows, traffic sources, affiliate networks.

Each is an `EntityKind` (its generated operations and shorthands) bound to the generic twins in
`_entities.py`. Shorthands spare callers the nesting the API wants: `country="US"` for
`{"code": "US"}`, `affiliate_network=7` for `{"id": 7}`, `payout=1.5` for a manual payout.

Example::

    offer = pc.offers.create(name="Summer", url="https://adv.example/?c={clickid}",
                             country="US", affiliate_network=7)
    pc.offers.update(offer.id, url="https://adv.example/v2?c={clickid}")
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Unpack

from peerclick.resources._base import check_id
from peerclick.resources._checks import (
    a_mapping,
    an_id,
    money_value,
    non_empty_str,
    read_str,
    str_list,
    url_str,
)
from peerclick.resources._entities import AsyncEntities, EntityKind, SyncEntities, Wire
from peerclick.resources._fields import (
    AffiliateNetworkFields,
    CampaignFields,
    FlowFields,
    LanderFields,
    OfferFields,
    TrafficSourceFields,
)
from peerclick.resources._saved import (
    SavedAffiliateNetwork,
    SavedCampaign,
    SavedFlow,
    SavedLander,
    SavedOffer,
    SavedTrafficSource,
)
from peerclick_api.api.affiliate_network import (
    create_affiliate_network,
    delete_affiliate_network,
    get_affiliate_network,
    list_affiliate_networks,
    restore_affiliate_networks,
    update_affiliate_network,
)
from peerclick_api.api.campaign import (
    create_campaign,
    delete_campaign,
    get_campaign,
    list_campaigns,
    restore_campaigns,
    update_campaign,
)
from peerclick_api.api.flow import (
    create_flow,
    delete_flow,
    get_flow,
    list_flows,
    restore_flows,
    update_flow,
)
from peerclick_api.api.lander import (
    create_lander,
    delete_lander,
    get_lander,
    list_landers,
    restore_landers,
    update_lander,
)
from peerclick_api.api.offer import (
    create_offer,
    delete_offer,
    get_offer,
    list_offers,
    restore_offers,
    update_offer,
)
from peerclick_api.api.traffic_source import (
    create_traffic_source,
    delete_traffic_source,
    get_traffic_source,
    list_traffic_sources,
    restore_traffic_sources,
    update_traffic_source,
)
from peerclick_api.models import (
    AffiliateNetwork,
    AffiliateNetworkInput,
    Campaign,
    CampaignInput,
    Flow,
    FlowInput,
    Lander,
    LanderInput,
    Offer,
    OfferInput,
    TrafficSource,
    TrafficSourceInput,
)

__all__ = [
    "AffiliateNetworks",
    "AsyncAffiliateNetworks",
    "AsyncCampaigns",
    "AsyncFlows",
    "AsyncLanders",
    "AsyncOffers",
    "AsyncTrafficSources",
    "Campaigns",
    "Flows",
    "Landers",
    "Offers",
    "TrafficSources",
]


# ---------------------------------------------------------------------- shorthands
# Each gets the value and the field's name (for messages) and returns the API's form.
PAYOUT_TYPES = ("AUTO", "MANUAL")
COST_MODEL_TYPES = ("AUTO", "CPC", "CPM", "CPA", "REVSHARE", "NONE")


def _country(value: object, what: str) -> object:
    """ "US" -> {"code": "US"}; "WO"/"GLOBAL" -> the API's GLB (Global)."""
    if isinstance(value, str):
        code = value.strip().upper()
        if code in {"WO", "GLOBAL", "WORLD"}:
            code = "GLB"
        if not (len(code) == 2 and code.isalpha()) and code != "GLB":
            raise ValueError(f"{what} must be an ISO 3166-1 alpha-2 code or 'GLB', got {value!r}")
        return {"code": code}
    if isinstance(value, Mapping):
        given = value.get("code")
        if not isinstance(given, str) or not given.strip():
            raise ValueError(f"{what}.code must be a country code such as 'US', got {given!r}")
        return value
    raise TypeError(
        f"{what} must be a country code such as 'US' or {{'code': 'US'}}, got {value!r}"
    )


def _countries(value: object, what: str) -> object:
    if not isinstance(value, list | tuple):
        raise TypeError(f"{what} must be a list of country codes, got {type(value).__name__}")
    return [_country(v, f"{what}[{i}]") for i, v in enumerate(value)]


def _ref(value: object, what: str) -> object:
    """7 -> {"id": 7}; {"id": 7} is checked and kept."""
    if isinstance(value, Mapping):
        check_id(value.get("id"), f"{what}.id")
        return value
    check_id(value, what)
    return {"id": value}


def _bare_id(value: object, what: str) -> object:
    """{"id": 7} -> 7: campaigns name their traffic source by a bare integer (observed)."""
    if isinstance(value, Mapping) and set(value) == {"id"}:
        value = value["id"]
    check_id(value, what)
    return value


def _payout(value: object, what: str) -> object:
    """ "AUTO" -> amount from the postback; a number -> a manual payout in USD; a mapping as is.

    Only AUTO works without an amount: `payout="free"` or `payout="manual"` is refused rather
    than sent as a type PeerClick does not know or a manual payout of nothing.
    """
    if isinstance(value, str):
        if value.strip().upper() != "AUTO":
            raise ValueError(
                f"{what} must be 'AUTO', a number >= 0 (a manual payout in USD) or a mapping "
                f"{{'type': ..., 'value': ..., 'currency': ...}}, got {value!r}"
            )
        return {"type": "AUTO", "value": None, "currency": "USD"}
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not math.isfinite(value) or value < 0:
            raise ValueError(f"{what} must be a finite number >= 0, got {value!r}")
        return {"type": "MANUAL", "value": value, "currency": "USD"}
    if isinstance(value, Mapping):
        money_value(value, what)
        return value
    raise TypeError(
        f"{what} must be 'AUTO', a number or a mapping, got {type(value).__name__} {value!r}"
    )


def _cost_model(value: object, what: str) -> object:
    if isinstance(value, str):
        kind = value.strip().upper()
        if kind not in COST_MODEL_TYPES:
            raise ValueError(
                f"{what} must be one of {', '.join(COST_MODEL_TYPES)} or a mapping, got {value!r}"
            )
        return {"type": kind, "currency": "USD"}
    if isinstance(value, Mapping):
        given = value.get("type")
        if not isinstance(given, str) or not given.strip():
            raise ValueError(f"{what}.type must be a cost model type such as 'CPC', got {given!r}")
        return value
    raise TypeError(f"{what} must be a cost model type or a mapping, got {value!r}")


def _auto_payout() -> Wire:
    return {"type": "AUTO", "value": None, "currency": "USD"}


def _auto_cost() -> Wire:
    return {"type": "AUTO", "currency": "USD"}


def _offer_read_to_input(wire: Wire) -> Wire:
    """An offer reads back `name` as the display name and the custom part as `namePostfix`;
    PUT wants the custom part in `name` and no `workspaceId` (observed)."""
    out = dict(wire)
    postfix = out.pop("namePostfix", None)
    if postfix is not None:
        out["name"] = postfix
    out.pop("workspaceId", None)
    return out


def _postfix_to_name(wire: Wire) -> Wire:
    out = dict(wire)
    postfix = out.pop("namePostfix", None)
    if postfix is not None:
        out["name"] = postfix
    return out


def _campaign_read_to_input(wire: Wire) -> Wire:
    out = dict(wire)
    out.pop("url", None)  # the tracking URL is computed by PeerClick
    return out


_COMMON_CHECKS = {"name": non_empty_str, "workspaceId": an_id, "tags": str_list}

CAMPAIGN = EntityKind[Campaign, CampaignInput, SavedCampaign](
    name="campaign",
    key="campaign",
    plural_key="campaigns",
    path="/campaign",
    model=Campaign,
    input_model=CampaignInput,
    saved_model=SavedCampaign,
    list_op=list_campaigns,
    create_op=create_campaign,
    get_op=get_campaign,
    update_op=update_campaign,
    delete_op=delete_campaign,
    restore_op=restore_campaigns,
    shorthands={"country": _country, "trafficSource": _bare_id, "costModel": _cost_model},
    create_defaults={"costModel": _auto_cost},
    checks={
        **_COMMON_CHECKS,
        "trafficSource": an_id,
        "domain": non_empty_str,
        "redirectTarget": a_mapping,
    },
    read_to_input=_campaign_read_to_input,
    read_checks={"url": read_str},
)
OFFER = EntityKind[Offer, OfferInput, SavedOffer](
    name="offer",
    key="offer",
    plural_key="offers",
    path="/offer",
    model=Offer,
    input_model=OfferInput,
    saved_model=SavedOffer,
    list_op=list_offers,
    create_op=create_offer,
    get_op=get_offer,
    update_op=update_offer,
    delete_op=delete_offer,
    restore_op=restore_offers,
    shorthands={"country": _country, "affiliateNetwork": _ref, "payout": _payout},
    create_defaults={"payout": _auto_payout},
    checks={**_COMMON_CHECKS, "url": url_str, "payout": money_value},
    read_to_input=_offer_read_to_input,
    read_checks={"namePostfix": read_str},
)
LANDER = EntityKind[Lander, LanderInput, SavedLander](
    name="lander",
    key="lander",
    plural_key="landers",
    path="/lander",
    model=Lander,
    input_model=LanderInput,
    saved_model=SavedLander,
    list_op=list_landers,
    create_op=create_lander,
    get_op=get_lander,
    update_op=update_lander,
    delete_op=delete_lander,
    restore_op=restore_landers,
    shorthands={"country": _country},
    checks={**_COMMON_CHECKS, "url": url_str},
    read_to_input=_postfix_to_name,
    read_checks={"namePostfix": read_str},
)
FLOW = EntityKind[Flow, FlowInput, SavedFlow](
    name="flow",
    key="flow",
    plural_key="flows",
    path="/flow",
    model=Flow,
    input_model=FlowInput,
    saved_model=SavedFlow,
    list_op=list_flows,
    create_op=create_flow,
    get_op=get_flow,
    update_op=update_flow,
    delete_op=delete_flow,
    restore_op=restore_flows,
    shorthands={"countries": _countries},
    checks=_COMMON_CHECKS,
)
TRAFFIC_SOURCE = EntityKind[TrafficSource, TrafficSourceInput, SavedTrafficSource](
    name="traffic source",
    key="trafficSource",
    plural_key="trafficSources",
    path="/traffic-source",
    model=TrafficSource,
    input_model=TrafficSourceInput,
    saved_model=SavedTrafficSource,
    list_op=list_traffic_sources,
    create_op=create_traffic_source,
    get_op=get_traffic_source,
    update_op=update_traffic_source,
    delete_op=delete_traffic_source,
    restore_op=restore_traffic_sources,
    checks=_COMMON_CHECKS,
)
AFFILIATE_NETWORK = EntityKind[AffiliateNetwork, AffiliateNetworkInput, SavedAffiliateNetwork](
    name="affiliate network",
    key="affiliateNetwork",
    plural_key="affiliateNetworks",
    path="/affiliate-network",
    model=AffiliateNetwork,
    input_model=AffiliateNetworkInput,
    saved_model=SavedAffiliateNetwork,
    list_op=list_affiliate_networks,
    create_op=create_affiliate_network,
    get_op=get_affiliate_network,
    update_op=update_affiliate_network,
    delete_op=delete_affiliate_network,
    restore_op=restore_affiliate_networks,
    checks=_COMMON_CHECKS,
)


# `data` of create/update/replace: the generated input model or a mapping (camelCase or snake_case).
CampaignData = CampaignInput | Mapping[str, object]
OfferData = OfferInput | Mapping[str, object]
LanderData = LanderInput | Mapping[str, object]
FlowData = FlowInput | Mapping[str, object]
TrafficSourceData = TrafficSourceInput | Mapping[str, object]
AffiliateNetworkData = AffiliateNetworkInput | Mapping[str, object]


def _check_bool(value: object, name: str) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be a bool, got {type(value).__name__} {value!r}")
    return value


class Campaigns(SyncEntities[Campaign, CampaignInput, SavedCampaign]):
    """`pc.campaigns`: `get(id, with_pages=True)` also expands the campaign's paths."""

    kind = CAMPAIGN

    def get(self, id: int, *, with_pages: bool = False) -> Campaign:
        """One campaign by id; `with_pages=True` sends withPages=1 (expands the paths).

        Example: `pc.campaigns.get(12, with_pages=True).redirect_target`
        """
        return self._get(id, with_pages=_check_bool(with_pages, "with_pages"))

    def create(
        self, data: CampaignData | None = None, /, **fields: Unpack[CampaignFields]
    ) -> SavedCampaign:
        """Create a campaign from a `CampaignInput`, a mapping and/or `CampaignFields` keywords.

        Example: `pc.campaigns.create(name="Summer US", traffic_source=4, ...)` (README: Entities)
        """
        return self._create(data, fields)

    def update(
        self, id: int, data: CampaignData | None = None, /, **changes: Unpack[CampaignFields]
    ) -> SavedCampaign:
        """Change fields of a campaign: checked first, then read, merged and PUT whole.

        Example: `pc.campaigns.update(5, name="Summer US v2")`
        """
        return self._update(id, data, changes)

    def replace(
        self, id: int, data: CampaignData, /, **fields: Unpack[CampaignFields]
    ) -> SavedCampaign:
        """PUT a whole campaign body as is (fields left out are erased on the server).

        Example: `pc.campaigns.replace(5, {"name": "Summer US", ...})`
        """
        return self._replace(id, data, fields)


class AsyncCampaigns(AsyncEntities[Campaign, CampaignInput, SavedCampaign]):
    """`apc.campaigns`."""

    kind = CAMPAIGN

    async def get(self, id: int, *, with_pages: bool = False) -> Campaign:
        """One campaign by id; `with_pages=True` sends withPages=1 (expands the paths).

        Example: `(await apc.campaigns.get(12)).url`
        """
        return await self._get(id, with_pages=_check_bool(with_pages, "with_pages"))

    async def create(
        self, data: CampaignData | None = None, /, **fields: Unpack[CampaignFields]
    ) -> SavedCampaign:
        """Create a campaign; as `Campaigns.create`.

        Example: `await apc.campaigns.create(name="Summer US", traffic_source=4, ...)`
        """
        return await self._create(data, fields)

    async def update(
        self, id: int, data: CampaignData | None = None, /, **changes: Unpack[CampaignFields]
    ) -> SavedCampaign:
        """Change some fields of a campaign; as `Campaigns.update`.

        Example: `await apc.campaigns.update(5, name="Summer US v2")`
        """
        return await self._update(id, data, changes)

    async def replace(
        self, id: int, data: CampaignData, /, **fields: Unpack[CampaignFields]
    ) -> SavedCampaign:
        """PUT a whole campaign body as is; as `Campaigns.replace`.

        Example: `await apc.campaigns.replace(5, {"name": "Summer US", ...})`
        """
        return await self._replace(id, data, fields)


class Offers(SyncEntities[Offer, OfferInput, SavedOffer]):
    """`pc.offers`."""

    kind = OFFER

    def create(self, data: OfferData | None = None, /, **fields: Unpack[OfferFields]) -> SavedOffer:
        """Create an offer from an `OfferInput`, a mapping and/or `OfferFields` keywords.

        Example: `pc.offers.create(name="Summer", url=..., country="US", affiliate_network=7)`
        """
        return self._create(data, fields)

    def update(
        self, id: int, data: OfferData | None = None, /, **changes: Unpack[OfferFields]
    ) -> SavedOffer:
        """Change fields of an offer: checked first, then read, merged and PUT whole.

        Example: `pc.offers.update(5, url="https://adv.example/v2?c={clickid}")`
        """
        return self._update(id, data, changes)

    def replace(self, id: int, data: OfferData, /, **fields: Unpack[OfferFields]) -> SavedOffer:
        """PUT a whole offer body as is (fields left out are erased on the server).

        Example: `pc.offers.replace(5, {"name": "Summer", "url": ..., ...})`
        """
        return self._replace(id, data, fields)


class AsyncOffers(AsyncEntities[Offer, OfferInput, SavedOffer]):
    """`apc.offers`."""

    kind = OFFER

    async def create(
        self, data: OfferData | None = None, /, **fields: Unpack[OfferFields]
    ) -> SavedOffer:
        """Create an offer; as `Offers.create`.

        Example: `await apc.offers.create(name="Summer", url=..., affiliate_network=7)`
        """
        return await self._create(data, fields)

    async def update(
        self, id: int, data: OfferData | None = None, /, **changes: Unpack[OfferFields]
    ) -> SavedOffer:
        """Change some fields of an offer; as `Offers.update`.

        Example: `await apc.offers.update(5, url="https://adv.example/v2?c={clickid}")`
        """
        return await self._update(id, data, changes)

    async def replace(
        self, id: int, data: OfferData, /, **fields: Unpack[OfferFields]
    ) -> SavedOffer:
        """PUT a whole offer body as is; as `Offers.replace`.

        Example: `await apc.offers.replace(5, {"name": "Summer", "url": ..., ...})`
        """
        return await self._replace(id, data, fields)


class Landers(SyncEntities[Lander, LanderInput, SavedLander]):
    """`pc.landers`."""

    kind = LANDER

    def create(
        self, data: LanderData | None = None, /, **fields: Unpack[LanderFields]
    ) -> SavedLander:
        """Create a lander from a `LanderInput`, a mapping and/or `LanderFields` keywords.

        Example: `pc.landers.create(name="LP", url="https://lp.example/")`
        """
        return self._create(data, fields)

    def update(
        self, id: int, data: LanderData | None = None, /, **changes: Unpack[LanderFields]
    ) -> SavedLander:
        """Change fields of a lander: checked first, then read, merged and PUT whole.

        Example: `pc.landers.update(5, url="https://lp.example/v2")`
        """
        return self._update(id, data, changes)

    def replace(self, id: int, data: LanderData, /, **fields: Unpack[LanderFields]) -> SavedLander:
        """PUT a whole lander body as is (fields left out are erased on the server).

        Example: `pc.landers.replace(5, {"name": "LP", "url": "https://lp.example/"})`
        """
        return self._replace(id, data, fields)


class AsyncLanders(AsyncEntities[Lander, LanderInput, SavedLander]):
    """`apc.landers`."""

    kind = LANDER

    async def create(
        self, data: LanderData | None = None, /, **fields: Unpack[LanderFields]
    ) -> SavedLander:
        """Create a lander; as `Landers.create`.

        Example: `await apc.landers.create(name="LP", url="https://lp.example/")`
        """
        return await self._create(data, fields)

    async def update(
        self, id: int, data: LanderData | None = None, /, **changes: Unpack[LanderFields]
    ) -> SavedLander:
        """Change some fields of a lander; as `Landers.update`.

        Example: `await apc.landers.update(5, url="https://lp.example/v2")`
        """
        return await self._update(id, data, changes)

    async def replace(
        self, id: int, data: LanderData, /, **fields: Unpack[LanderFields]
    ) -> SavedLander:
        """PUT a whole lander body as is; as `Landers.replace`.

        Example: `await apc.landers.replace(5, {"name": "LP", "url": "https://lp.example/"})`
        """
        return await self._replace(id, data, fields)


class Flows(SyncEntities[Flow, FlowInput, SavedFlow]):
    """`pc.flows`."""

    kind = FLOW

    def create(self, data: FlowData | None = None, /, **fields: Unpack[FlowFields]) -> SavedFlow:
        """Create a flow from a `FlowInput`, a mapping and/or `FlowFields` keywords.

        Example: `pc.flows.create(name="US flow", countries=["US"])`
        """
        return self._create(data, fields)

    def update(
        self, id: int, data: FlowData | None = None, /, **changes: Unpack[FlowFields]
    ) -> SavedFlow:
        """Change fields of a flow: checked first, then read, merged and PUT whole.

        Example: `pc.flows.update(5, name="US flow v2")`
        """
        return self._update(id, data, changes)

    def replace(self, id: int, data: FlowData, /, **fields: Unpack[FlowFields]) -> SavedFlow:
        """PUT a whole flow body as is (fields left out are erased on the server).

        Example: `pc.flows.replace(5, {"name": "US flow"})`
        """
        return self._replace(id, data, fields)


class AsyncFlows(AsyncEntities[Flow, FlowInput, SavedFlow]):
    """`apc.flows`."""

    kind = FLOW

    async def create(
        self, data: FlowData | None = None, /, **fields: Unpack[FlowFields]
    ) -> SavedFlow:
        """Create a flow; as `Flows.create`.

        Example: `await apc.flows.create(name="US flow", countries=["US"])`
        """
        return await self._create(data, fields)

    async def update(
        self, id: int, data: FlowData | None = None, /, **changes: Unpack[FlowFields]
    ) -> SavedFlow:
        """Change some fields of a flow; as `Flows.update`.

        Example: `await apc.flows.update(5, name="US flow v2")`
        """
        return await self._update(id, data, changes)

    async def replace(self, id: int, data: FlowData, /, **fields: Unpack[FlowFields]) -> SavedFlow:
        """PUT a whole flow body as is; as `Flows.replace`.

        Example: `await apc.flows.replace(5, {"name": "US flow"})`
        """
        return await self._replace(id, data, fields)


class TrafficSources(SyncEntities[TrafficSource, TrafficSourceInput, SavedTrafficSource]):
    """`pc.traffic_sources`."""

    kind = TRAFFIC_SOURCE

    def create(
        self, data: TrafficSourceData | None = None, /, **fields: Unpack[TrafficSourceFields]
    ) -> SavedTrafficSource:
        """Create a traffic source from a `TrafficSourceInput`, a mapping and/or keywords.

        Example: `pc.traffic_sources.create(name="PropellerAds", workspace_id=1)`
        """
        return self._create(data, fields)

    def update(
        self,
        id: int,
        data: TrafficSourceData | None = None,
        /,
        **changes: Unpack[TrafficSourceFields],
    ) -> SavedTrafficSource:
        """Change fields of a traffic source: checked first, then read, merged and PUT whole.

        Example: `pc.traffic_sources.update(5, name="PropellerAds v2")`
        """
        return self._update(id, data, changes)

    def replace(
        self, id: int, data: TrafficSourceData, /, **fields: Unpack[TrafficSourceFields]
    ) -> SavedTrafficSource:
        """PUT a whole traffic source body as is (fields left out are erased on the server).

        Example: `pc.traffic_sources.replace(5, {"name": "PropellerAds"})`
        """
        return self._replace(id, data, fields)


class AsyncTrafficSources(AsyncEntities[TrafficSource, TrafficSourceInput, SavedTrafficSource]):
    """`apc.traffic_sources`."""

    kind = TRAFFIC_SOURCE

    async def create(
        self, data: TrafficSourceData | None = None, /, **fields: Unpack[TrafficSourceFields]
    ) -> SavedTrafficSource:
        """Create a traffic source; as `TrafficSources.create`.

        Example: `await apc.traffic_sources.create(name="PropellerAds", workspace_id=1)`
        """
        return await self._create(data, fields)

    async def update(
        self,
        id: int,
        data: TrafficSourceData | None = None,
        /,
        **changes: Unpack[TrafficSourceFields],
    ) -> SavedTrafficSource:
        """Change some fields of a traffic source; as `TrafficSources.update`.

        Example: `await apc.traffic_sources.update(5, name="PropellerAds v2")`
        """
        return await self._update(id, data, changes)

    async def replace(
        self, id: int, data: TrafficSourceData, /, **fields: Unpack[TrafficSourceFields]
    ) -> SavedTrafficSource:
        """PUT a whole traffic source body as is; as `TrafficSources.replace`.

        Example: `await apc.traffic_sources.replace(5, {"name": "PropellerAds"})`
        """
        return await self._replace(id, data, fields)


class AffiliateNetworks(
    SyncEntities[AffiliateNetwork, AffiliateNetworkInput, SavedAffiliateNetwork]
):
    """`pc.affiliate_networks`."""

    kind = AFFILIATE_NETWORK

    def create(
        self, data: AffiliateNetworkData | None = None, /, **fields: Unpack[AffiliateNetworkFields]
    ) -> SavedAffiliateNetwork:
        """Create an affiliate network from an `AffiliateNetworkInput`, a mapping and/or keywords.

        Example: `pc.affiliate_networks.create(name="MaxBounty", workspace_id=1)`
        """
        return self._create(data, fields)

    def update(
        self,
        id: int,
        data: AffiliateNetworkData | None = None,
        /,
        **changes: Unpack[AffiliateNetworkFields],
    ) -> SavedAffiliateNetwork:
        """Change fields of an affiliate network: checked first, then read, merged and PUT whole.

        Example: `pc.affiliate_networks.update(5, postback_url="https://an.example/pb")`
        """
        return self._update(id, data, changes)

    def replace(
        self, id: int, data: AffiliateNetworkData, /, **fields: Unpack[AffiliateNetworkFields]
    ) -> SavedAffiliateNetwork:
        """PUT a whole affiliate network body as is (fields left out are erased on the server).

        Example: `pc.affiliate_networks.replace(5, {"name": "MaxBounty"})`
        """
        return self._replace(id, data, fields)


class AsyncAffiliateNetworks(
    AsyncEntities[AffiliateNetwork, AffiliateNetworkInput, SavedAffiliateNetwork]
):
    """`apc.affiliate_networks`."""

    kind = AFFILIATE_NETWORK

    async def create(
        self, data: AffiliateNetworkData | None = None, /, **fields: Unpack[AffiliateNetworkFields]
    ) -> SavedAffiliateNetwork:
        """Create an affiliate network; as `AffiliateNetworks.create`.

        Example: `await apc.affiliate_networks.create(name="MaxBounty", workspace_id=1)`
        """
        return await self._create(data, fields)

    async def update(
        self,
        id: int,
        data: AffiliateNetworkData | None = None,
        /,
        **changes: Unpack[AffiliateNetworkFields],
    ) -> SavedAffiliateNetwork:
        """Change some fields of an affiliate network; as `AffiliateNetworks.update`.

        Example: `await apc.affiliate_networks.update(5, postback_url="https://an.example/pb")`
        """
        return await self._update(id, data, changes)

    async def replace(
        self, id: int, data: AffiliateNetworkData, /, **fields: Unpack[AffiliateNetworkFields]
    ) -> SavedAffiliateNetwork:
        """PUT a whole affiliate network body as is; as `AffiliateNetworks.replace`.

        Example: `await apc.affiliate_networks.replace(5, {"name": "MaxBounty"})`
        """
        return await self._replace(id, data, fields)
