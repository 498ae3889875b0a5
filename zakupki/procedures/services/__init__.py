"""Writes of the procedures domain. Import from here: `from zakupki.procedures.services import bid_place`."""

from zakupki.procedures.services.bidding import autobid_cancel, autobid_set, bid_place, parse_price
from zakupki.procedures.services.closing import economy, session_close
from zakupki.procedures.services.offers import (
    contract_offer_accept,
    contract_offer_expire,
    contract_offer_refuse,
)
from zakupki.procedures.services.sessions import (
    SessionItemData,
    session_cancel,
    session_create,
    session_publish,
)

__all__ = [
    "SessionItemData",
    "autobid_cancel",
    "autobid_set",
    "bid_place",
    "contract_offer_accept",
    "contract_offer_expire",
    "contract_offer_refuse",
    "economy",
    "parse_price",
    "session_cancel",
    "session_close",
    "session_create",
    "session_publish",
]
