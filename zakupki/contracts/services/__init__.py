"""Contract services, split by subdomain. Contracts are created only by `contract_create_from_award`
(architecture rule 2); the names below are the app's public write API."""

from zakupki.contracts.services.acceptance import (
    AcceptanceLineData,
    acceptance_correct,
    acceptance_decide,
    acceptance_submit,
)
from zakupki.contracts.services.changes import (
    contract_change_decline,
    contract_change_propose,
    contract_change_sign_customer,
    contract_change_sign_supplier,
    contract_change_withdraw,
)
from zakupki.contracts.services.commission import acceptance_commission_appoint, acceptance_vote
from zakupki.contracts.services.creation import ContractItemData, contract_create_from_award
from zakupki.contracts.services.payments import payment_record
from zakupki.contracts.services.signing import contract_sign_customer, contract_sign_supplier
from zakupki.contracts.services.stage_plan import StagePlanData, contract_stage_plan_set
from zakupki.contracts.services.subcontracts import contract_subcontract_add
from zakupki.contracts.services.termination import (
    contract_cure_breach,
    contract_terminate_by_agreement,
    contract_terminate_by_court,
    contract_time_event,
    contract_unilateral_refusal,
    termination_agreement_accept,
    termination_agreement_decline,
    termination_agreement_propose,
)

__all__ = [
    "StagePlanData",
    "contract_change_decline",
    "contract_change_propose",
    "contract_change_sign_customer",
    "contract_change_sign_supplier",
    "contract_change_withdraw",
    "contract_stage_plan_set",
    "contract_subcontract_add",
    "acceptance_commission_appoint",
    "acceptance_vote",
    "termination_agreement_accept",
    "termination_agreement_decline",
    "termination_agreement_propose",
    "AcceptanceLineData",
    "ContractItemData",
    "acceptance_correct",
    "acceptance_decide",
    "acceptance_submit",
    "contract_create_from_award",
    "contract_cure_breach",
    "contract_sign_customer",
    "contract_sign_supplier",
    "contract_terminate_by_agreement",
    "contract_terminate_by_court",
    "contract_time_event",
    "contract_unilateral_refusal",
    "payment_record",
]
