"""The value types callers see: the generated models, re-exported so nobody imports peerclick_api.

Entities come back as these attrs classes (`offer.id`, `offer.payout.type_`); unknown fields the
API sends are kept in each model's `additional_properties`, so nothing is dropped. `create`,
`update` and `replace` return the `Saved*` types (the same classes at run time; the fields that
were sent are not `Unset` for the type checker) and take the `*Fields` keywords.
`ReportOptions` are the keywords every report method takes.

`Progress` is the hook long calls (`reports.get`, `iter_rows`, `export_csv`, `conversions`,
`iter_conversions`) accept as `progress=`.
"""

from peerclick._progress import Progress
from peerclick.resources._fields import (
    AffiliateNetworkFields,
    CampaignFields,
    FlowFields,
    LanderFields,
    OfferFields,
    TrafficSourceFields,
)
from peerclick.resources._report import Report
from peerclick.resources._report_params import ReportOptions
from peerclick.resources._saved import (
    SavedAffiliateNetwork,
    SavedCampaign,
    SavedFlow,
    SavedLander,
    SavedOffer,
    SavedTrafficSource,
)
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
    "AffiliateNetworkFields",
    "AffiliateNetworkInput",
    "Campaign",
    "CampaignFields",
    "CampaignInput",
    "CampaignPaths",
    "ColumnMapping",
    "Conversion",
    "CostModel",
    "Country",
    "Domain",
    "EntityRef",
    "Flow",
    "FlowFields",
    "FlowInput",
    "Lander",
    "LanderFields",
    "LanderInput",
    "Money",
    "Offer",
    "OfferFields",
    "OfferInput",
    "Path",
    "Progress",
    "RedirectTarget",
    "Report",
    "ReportOptions",
    "SavedAffiliateNetwork",
    "SavedCampaign",
    "SavedFlow",
    "SavedLander",
    "SavedOffer",
    "SavedTrafficSource",
    "TrafficSource",
    "TrafficSourceFields",
    "TrafficSourceInput",
    "Unset",
    "WeightedRef",
    "Workspace",
]
