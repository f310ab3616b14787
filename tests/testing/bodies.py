"""Valid request bodies for every entity type, against the demo data's ids."""

from __future__ import annotations

from typing import Any

BODIES: dict[str, dict[str, Any]] = {
    "campaign": {
        "name": "Test campaign",
        "workspaceId": 1,
        "trafficSource": 1,
        "costModel": {"type": "CPC", "value": 0.01, "currency": "USD"},
        "country": {"code": "FR"},
        "domain": "18342.gopeerclick.com",
        "tags": ["test"],
        "redirectTarget": {
            "destination": "PATH",
            "path": {
                "defaultPaths": [{"weight": 100, "direct": 1, "offers": [{"id": 1, "weight": 100}]}]
            },
        },
    },
    "offer": {
        "name": "Test offer",
        "workspaceId": 1,
        "url": "https://example.com/o?sub1={clickid}",
        "country": {"code": "US"},
        "affiliateNetwork": {"id": 2},
        "payout": {"type": "MANUAL", "value": 3.5, "currency": "USD"},
    },
    "lander": {"name": "Test lander", "url": "https://lp.example.com/t", "numberOfOffers": 1},
    "flow": {
        "name": "Test flow",
        "countries": [{"code": "GLB"}],
        "defaultPaths": [{"weight": 100, "direct": 1, "offers": [{"id": 2, "weight": 100}]}],
    },
    "traffic-source": {
        "name": "Test source",
        "parameters": [{"name": "zone", "parameter": "zone", "placeholder": "{zone}"}],
    },
    "affiliate-network": {"name": "Test network", "offerUrlTemplate": "{url}?s={clickid}"},
}

KEYS = {
    "campaign": ("campaign", "campaigns"),
    "offer": ("offer", "offers"),
    "lander": ("lander", "landers"),
    "flow": ("flow", "flows"),
    "traffic-source": ("trafficSource", "trafficSources"),
    "affiliate-network": ("affiliateNetwork", "affiliateNetworks"),
}
"""Path segment -> (envelope key, list key)."""
