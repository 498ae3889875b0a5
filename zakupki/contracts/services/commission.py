"""The customer's acceptance commission (ч.6 ст.94): at least the rules' number of the customer's
employees, one of them the chair. While a contract has one, each member approves or dissents on every
acceptance document (signing the supplier's PDF), and the customer's decision waits for all votes.

Lock order as in acceptance.py: acceptance document → stage → contract. A vote locks the acceptance
document, as a decision does, so a decision sees either all of a concurrent vote or none of it."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from zakupki.accounts.models import User
from zakupki.accounts.roles import is_member_of
from zakupki.contracts.enums import AcceptanceStatus
from zakupki.contracts.models import (
    AcceptanceApproval,
    AcceptanceCommission,
    AcceptanceCommissionMember,
    AcceptanceDocument,
    AcceptancePaper,
    Contract,
    Stage,
)
from zakupki.contracts.services._common import contract_rule_int, require_in_force, require_member
from zakupki.contracts.services.acceptance_papers import PURPOSE_COMMISSION, require_signing_key
from zakupki.core.errors import Conflict, PermissionDenied, ValidationFailed
from zakupki.documents.events import EventType
from zakupki.documents.services.audit import audit_record
from zakupki.documents.services.signatures import document_sign

MSG_NOT_CUSTOMER = "Приёмочную комиссию назначает только сотрудник заказчика по контракту"
MSG_NOT_MEMBER = "Голосовать по документу о приёмке может только член приёмочной комиссии по контракту"
MSG_ALREADY_VOTED = "Вы уже проголосовали по этому документу о приёмке"
MSG_NOT_UNDER_REVIEW = "Решение по этому документу о приёмке уже принято: голосование закрыто"


def _name(user: User) -> str:
    return user.full_name or user.username


def acceptance_commission_appoint(
    *, contract: Contract, user: User, members: list[User], chair: User | None, now: dt.datetime | None = None
) -> AcceptanceCommission:
    """Appoints the contract's commission once; members are employees of the customer."""
    require_member(user, contract.customer, MSG_NOT_CUSTOMER)
    now = now or timezone.now()
    unique = list({member.pk: member for member in members}.values())
    minimum = contract_rule_int("contract.acceptance.commission_min_members", contract=contract, at=now)
    if len(unique) < minimum:
        raise ValidationFailed(
            {"members": f"В приёмочную комиссию входят не менее {minimum} человек, выбрано {len(unique)}"}
        )
    outsiders = [_name(m) for m in unique if not is_member_of(m, contract.customer)]
    if outsiders:
        raise ValidationFailed(
            {"members": "Членами комиссии могут быть только сотрудники заказчика: " + ", ".join(outsiders)}
        )
    if chair is None or chair.pk not in {m.pk for m in unique}:
        raise ValidationFailed({"chair": "Председатель назначается из членов комиссии"})
    with transaction.atomic():
        locked = (
            Contract.objects.select_for_update(of=("self",))
            .select_related("customer__region")
            .get(pk=contract.pk)
        )
        require_in_force(locked, now)
        if AcceptanceCommission.objects.filter(contract=locked).exists():
            raise Conflict("Приёмочная комиссия по контракту уже назначена")
        commission = AcceptanceCommission.objects.create(contract=locked, appointed_by=user, appointed_at=now)
        AcceptanceCommissionMember.objects.bulk_create(
            AcceptanceCommissionMember(commission=commission, user=m, is_chair=m.pk == chair.pk)
            for m in unique
        )
        audit_record(
            actor=user,
            event=EventType.ACCEPTANCE_COMMISSION_APPOINTED,
            obj=commission,
            details={
                "contract": locked.number,
                "members": [m.pk for m in unique],
                "chair": chair.pk,
            },
        )
    return commission


def commission_of(contract_id: int) -> AcceptanceCommission | None:
    return AcceptanceCommission.objects.filter(contract_id=contract_id).first()


def commission_missing_votes(
    *, acceptance: AcceptanceDocument, commission: AcceptanceCommission
) -> list[User]:
    """Members who have not voted on the document yet, chair first."""
    voted = set(AcceptanceApproval.objects.filter(acceptance=acceptance).values_list("member_id", flat=True))
    return [
        row.user
        for row in commission.members.select_related("user").order_by("-is_chair", "pk")
        if row.user_id not in voted
    ]


def acceptance_vote(
    *,
    document: AcceptanceDocument,
    user: User,
    approve: bool,
    dissent_reason: str = "",
    now: dt.datetime | None = None,
) -> AcceptanceApproval:
    """A commission member approves or dissents (with a reason) once, signing the supplier's PDF."""
    contract = document.stage.contract
    commission = commission_of(contract.pk)
    if (
        commission is None
        or not commission.members.filter(user=user).exists()
        or not is_member_of(user, contract.customer)
    ):
        raise PermissionDenied(MSG_NOT_MEMBER)
    dissent_reason = dissent_reason.strip()
    if not approve and not dissent_reason:
        raise ValidationFailed({"reason": "Укажите, с чем вы не согласны (особое мнение)"})
    now = now or timezone.now()
    require_signing_key(user, now)
    with transaction.atomic():
        locked = AcceptanceDocument.objects.select_for_update().get(pk=document.pk)
        if locked.status != AcceptanceStatus.SUBMITTED:
            raise Conflict(MSG_NOT_UNDER_REVIEW)
        stage = Stage.objects.select_for_update(of=("self",)).get(pk=locked.stage_id)
        require_in_force(
            Contract.objects.select_for_update(of=("self",))
            .select_related("customer__region")
            .get(pk=stage.contract_id),
            now,
        )
        if AcceptanceApproval.objects.filter(acceptance=locked, member=user).exists():
            raise Conflict(MSG_ALREADY_VOTED)
        paper = AcceptancePaper.objects.filter(
            acceptance=locked, kind=AcceptancePaper.Kind.SUBMISSION
        ).first()
        if paper is None:
            raise Conflict("У документа о приёмке нет подписанного поставщиком файла: голосовать не по чему")
        signature = document_sign(
            document=paper.file,
            signer=user,
            purpose=PURPOSE_COMMISSION,
            expected_organization=contract.customer,
            now=now,
        )
        vote = AcceptanceApproval.objects.create(
            acceptance=locked,
            member=user,
            verdict=AcceptanceApproval.Verdict.APPROVE if approve else AcceptanceApproval.Verdict.DISSENT,
            dissent_reason="" if approve else dissent_reason,
            signature=signature,
            voted_at=now,
        )
        audit_record(
            actor=user,
            event=EventType.ACCEPTANCE_VOTED,
            obj=vote,
            details={
                "number": locked.number,
                "version": locked.version,
                "verdict": vote.verdict,
                "reason": vote.dissent_reason,
                "signature_id": signature.pk,
            },
        )
    return vote
