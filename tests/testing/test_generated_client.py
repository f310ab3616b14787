"""The generated low-level client (peerclick_api) talks to the fake as it would to PeerClick."""

from __future__ import annotations

import io

from peerclick.testing import DEFAULT_BASE_URL, FakeClock, FakePeerClick
from peerclick_api import AuthenticatedClient, Client
from peerclick_api.api.auth import create_access_session
from peerclick_api.api.conversion import upload_conversions
from peerclick_api.api.offer import get_offer, list_offers
from peerclick_api.api.report import get_live_clicks, get_report
from peerclick_api.models import (
    AccessSessionRequest,
    OfferEnvelope,
    ReportResponse,
    SessionResponse,
)
from peerclick_api.types import File


def test_generated_operations_round_trip() -> None:
    """Login, entity reads, a grouped report and a CSV upload parse into the generated models."""
    fake = FakePeerClick(clock=FakeClock(), rate_limits=None)
    base_url = f"{DEFAULT_BASE_URL}/v1_1"
    anonymous = Client(base_url=base_url)
    anonymous.set_httpx_client(fake.http_client())
    login = create_access_session.sync(
        client=anonymous,
        body=AccessSessionRequest(access_id=fake.access_id, access_key=fake.access_key),
    )
    assert isinstance(login, SessionResponse)

    api = AuthenticatedClient(
        base_url=base_url, token=login.token, prefix="", auth_header_name="api-token"
    )
    api.set_httpx_client(fake.http_client(headers={"api-token": login.token}))
    offer = get_offer.sync(client=api, offer_id=1)
    assert isinstance(offer, OfferEnvelope) and offer.offer is not None
    assert offer.offer.name_postfix == "Sweepstakes iPhone"
    assert list_offers.sync_detailed(client=api, include_deleted=True).status_code == 200

    report = get_report.sync(
        client=api,
        from_="2026-11-01",
        to="2026-11-27",
        group_by=["campaign", "day"],
        columns=["visits", "roi"],
        limit=10,
    )
    assert isinstance(report, ReportResponse)
    assert report.total_rows == 130 and len(report.rows or []) == 10

    clicks = get_live_clicks.sync_detailed(client=api, campaign_id=1)
    click = clicks.parsed.rows[0]["clickId"]  # type: ignore[union-attr,index]
    uploaded = upload_conversions.sync_detailed(
        client=api,
        body=File(payload=io.BytesIO(f"{click},4.2,t1\n".encode()), mime_type="text/csv"),
    )
    assert uploaded.status_code == 200 and uploaded.parsed.number_of_rows == 1  # type: ignore[union-attr]
