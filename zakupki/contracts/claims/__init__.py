"""Claims under a contract: пени for delay, ПП 1042 fines and their cap, the ПП 783 write-off.

Pure functions: every legal number comes from the rules engine on the stated date (no database unless a
region with overrides is passed). Each returns its working so that a contract manager can check it by hand.
"""

from zakupki.contracts.claims.fines import customer_fine, fines_cap, supplier_fine
from zakupki.contracts.claims.penalties import customer_delay_penalty, days_late, supplier_delay_penalty
from zakupki.contracts.claims.working import Calculation, ClaimError, Term
from zakupki.contracts.claims.writeoff import WriteOff, pp783_writeoff

__all__ = [
    "Calculation",
    "ClaimError",
    "Term",
    "WriteOff",
    "customer_delay_penalty",
    "customer_fine",
    "days_late",
    "fines_cap",
    "pp783_writeoff",
    "supplier_delay_penalty",
    "supplier_fine",
]
