"""Oversight writes. Only the ban service is re-exported here: procedures imports it, and the complaint
services (which call into procedures to resume a suspended session) must not load with it.
Complaint services: `zakupki.oversight.services.complaints`, `.review`, `.orders`."""

from zakupki.oversight.services.bans import supplier_ban_create

__all__ = ["supplier_ban_create"]
