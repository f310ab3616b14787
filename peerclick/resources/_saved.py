"""What `create`, `update` and `replace` return: the read model with the sent fields filled in.

A read model (`Offer`) types every field but `id` as `X | Unset`, and rightly: a `get` or a
`list(fields=...)` answer may leave any of them out. A saved entity is different: its body was
built from the input model, which requires some fields (an offer's name, url, country,
affiliate network and payout), and the answer is completed with that body. So those fields are
there, and `SavedOffer` says so to the type checker: `pc.offers.create(...).payout.type_` needs
no check for `Unset`. The facade enforces the promise: an answer that sets one of them to null is
a ResponseValidationError (`EntityKind.entity_from`).

At run time each `Saved*` *is* the generated class (`SavedOffer is Offer`): same objects, same
`isinstance`, same equality; only the type checker sees the narrower subclass. The narrowed
fields are exactly the input model's required ones, with the input model's types; a test
(`tests/resources/test_fields.py`) keeps them so when the spec changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from peerclick_api.models import (
    AffiliateNetwork,
    Campaign,
    CostModel,
    Country,
    EntityRef,
    Flow,
    Lander,
    Money,
    Offer,
    RedirectTarget,
    TrafficSource,
)

__all__ = [
    "SavedAffiliateNetwork",
    "SavedCampaign",
    "SavedFlow",
    "SavedLander",
    "SavedOffer",
    "SavedTrafficSource",
]

if TYPE_CHECKING:

    class SavedCampaign(Campaign):
        name: str
        traffic_source: int
        cost_model: CostModel
        country: Country
        domain: str
        redirect_target: RedirectTarget

    class SavedOffer(Offer):
        name: str
        url: str
        country: Country
        affiliate_network: EntityRef
        payout: Money

    class SavedLander(Lander):
        name: str
        url: str

    class SavedFlow(Flow):
        name: str

    class SavedTrafficSource(TrafficSource):
        name: str

    class SavedAffiliateNetwork(AffiliateNetwork):
        name: str

else:
    SavedCampaign = Campaign
    SavedOffer = Offer
    SavedLander = Lander
    SavedFlow = Flow
    SavedTrafficSource = TrafficSource
    SavedAffiliateNetwork = AffiliateNetwork
