"""The convenience layer: one resource class per API area, sync and async twins side by side."""

from peerclick.resources._report import Report
from peerclick.resources.accounts import AsyncDomains, AsyncWorkspaces, Domains, Workspaces
from peerclick.resources.conversions import AsyncConversions, Conversion, Conversions
from peerclick.resources.costs import AsyncCosts, Costs
from peerclick.resources.entities import (
    AffiliateNetworks,
    AsyncAffiliateNetworks,
    AsyncCampaigns,
    AsyncFlows,
    AsyncLanders,
    AsyncOffers,
    AsyncTrafficSources,
    Campaigns,
    Flows,
    Landers,
    Offers,
    TrafficSources,
)
from peerclick.resources.reports import AsyncReports, Reports

__all__ = [
    "AffiliateNetworks",
    "AsyncAffiliateNetworks",
    "AsyncCampaigns",
    "AsyncConversions",
    "AsyncCosts",
    "AsyncDomains",
    "AsyncFlows",
    "AsyncLanders",
    "AsyncOffers",
    "AsyncReports",
    "AsyncTrafficSources",
    "AsyncWorkspaces",
    "Campaigns",
    "Conversion",
    "Conversions",
    "Costs",
    "Domains",
    "Flows",
    "Landers",
    "Offers",
    "Report",
    "Reports",
    "TrafficSources",
    "Workspaces",
]
