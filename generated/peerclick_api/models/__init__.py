"""Contains all the data models used in inputs/outputs"""

from .access_session_request import AccessSessionRequest
from .affiliate_network import AffiliateNetwork
from .affiliate_network_envelope import AffiliateNetworkEnvelope
from .affiliate_network_input import AffiliateNetworkInput
from .affiliate_network_list import AffiliateNetworkList
from .campaign import Campaign
from .campaign_envelope import CampaignEnvelope
from .campaign_input import CampaignInput
from .campaign_list import CampaignList
from .campaign_paths import CampaignPaths
from .campaign_paths_rules_item import CampaignPathsRulesItem
from .column_info_response import ColumnInfoResponse
from .column_mapping import ColumnMapping
from .conversion_upload_result import ConversionUploadResult
from .cost_model import CostModel
from .country import Country
from .domain import Domain
from .domain_list import DomainList
from .entity_ref import EntityRef
from .envelope import Envelope
from .error import Error
from .error_detail import ErrorDetail
from .flow import Flow
from .flow_conditional_paths_groups_item import FlowConditionalPathsGroupsItem
from .flow_envelope import FlowEnvelope
from .flow_input import FlowInput
from .flow_input_conditional_paths_groups_item import (
    FlowInputConditionalPathsGroupsItem,
)
from .flow_list import FlowList
from .id_list import IdList
from .lander import Lander
from .lander_envelope import LanderEnvelope
from .lander_input import LanderInput
from .lander_list import LanderList
from .live_report_response import LiveReportResponse
from .manual_cost_request import ManualCostRequest
from .money import Money
from .offer import Offer
from .offer_envelope import OfferEnvelope
from .offer_input import OfferInput
from .offer_list import OfferList
from .path import Path
from .redirect_target import RedirectTarget
from .report_response import ReportResponse
from .report_row import ReportRow
from .report_totals import ReportTotals
from .session_request import SessionRequest
from .session_response import SessionResponse
from .session_status import SessionStatus
from .traffic_source import TrafficSource
from .traffic_source_envelope import TrafficSourceEnvelope
from .traffic_source_input import TrafficSourceInput
from .traffic_source_input_parameters_item import TrafficSourceInputParametersItem
from .traffic_source_list import TrafficSourceList
from .traffic_source_parameters_item import TrafficSourceParametersItem
from .weighted_ref import WeightedRef
from .workspace import Workspace
from .workspace_list import WorkspaceList

__all__ = (
    "AccessSessionRequest",
    "AffiliateNetwork",
    "AffiliateNetworkEnvelope",
    "AffiliateNetworkInput",
    "AffiliateNetworkList",
    "Campaign",
    "CampaignEnvelope",
    "CampaignInput",
    "CampaignList",
    "CampaignPaths",
    "CampaignPathsRulesItem",
    "ColumnInfoResponse",
    "ColumnMapping",
    "ConversionUploadResult",
    "CostModel",
    "Country",
    "Domain",
    "DomainList",
    "EntityRef",
    "Envelope",
    "Error",
    "ErrorDetail",
    "Flow",
    "FlowConditionalPathsGroupsItem",
    "FlowEnvelope",
    "FlowInput",
    "FlowInputConditionalPathsGroupsItem",
    "FlowList",
    "IdList",
    "Lander",
    "LanderEnvelope",
    "LanderInput",
    "LanderList",
    "LiveReportResponse",
    "ManualCostRequest",
    "Money",
    "Offer",
    "OfferEnvelope",
    "OfferInput",
    "OfferList",
    "Path",
    "RedirectTarget",
    "ReportResponse",
    "ReportRow",
    "ReportTotals",
    "SessionRequest",
    "SessionResponse",
    "SessionStatus",
    "TrafficSource",
    "TrafficSourceEnvelope",
    "TrafficSourceInput",
    "TrafficSourceInputParametersItem",
    "TrafficSourceList",
    "TrafficSourceParametersItem",
    "WeightedRef",
    "Workspace",
    "WorkspaceList",
)
