"""The value types callers see: the generated models, re-exported so nobody imports peerclick_api.

Entities come back as these attrs classes (`offer.id`, `offer.payout.type`); unknown fields the
API sends are kept in each model's `additional_properties`, so nothing is dropped.

`Progress` is the hook long calls (`reports.get`, `iter_rows`, `export_csv`, `conversions`,
`iter_conversions`) accept as `progress=`.
"""

from peerclick._progress import Progress
from peerclick.resources._report import Report
from peerclick.resources.conversions import Conversion
from peerclick_api.models import (
    AffiliateNetwork,
    AffiliateNetworkInput,
    Campaign,
    CampaignInput,
    CampaignPaths,
    ColumnMapping,
    CostModel,
    Country,
    Domain,
    EntityRef,
    Flow,
    FlowInput,
    Lander,
    LanderInput,
    Money,
    Offer,
    OfferInput,
    Path,
    RedirectTarget,
    TrafficSource,
    TrafficSourceInput,
    WeightedRef,
    Workspace,
)
from peerclick_api.types import UNSET, Unset

__all__ = [
    "UNSET",
    "AffiliateNetwork",
    "AffiliateNetworkInput",
    "Campaign",
    "CampaignInput",
    "CampaignPaths",
    "ColumnMapping",
    "Conversion",
    "CostModel",
    "Country",
    "Domain",
    "EntityRef",
    "Flow",
    "FlowInput",
    "Lander",
    "LanderInput",
    "Money",
    "Offer",
    "OfferInput",
    "Path",
    "Progress",
    "RedirectTarget",
    "Report",
    "TrafficSource",
    "TrafficSourceInput",
    "Unset",
    "WeightedRef",
    "Workspace",
]
