"""Demo complaints in Moscow, one in each state the control body meets, all through the real services
(GOST keys issued, every step rendered, stored and signed): waiting for acceptance, accepted with the
running session suspended, returned, withdrawn, decided unfounded, and decided partly justified with an
order to the customer. Runs after the sessions and contracts demo (it needs their sessions)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from zakupki.accounts.enums import OrganizationStatus, UserRole
from zakupki.accounts.models import User
from zakupki.contracts.enums import SourceKind
from zakupki.core.timeutil import local_date
from zakupki.documents.services.signatures import signing_key_issue
from zakupki.oversight.enums import ComplaintSubject, Decision, Respondent
from zakupki.oversight.models import Complaint
from zakupki.oversight.services.complaints import complaint_file, complaint_withdraw
from zakupki.oversight.services.review import complaint_accept, complaint_decide, complaint_return
from zakupki.procedures.enums import SessionStatus
from zakupki.procedures.models import QuotationSession

TERMS_GROUNDS = [
    "Срок поставки 5 рабочих дней не позволяет поставщикам из других районов участвовать в закупке",
    "В описании картриджей указана модель без слов «или эквивалент»",
]
RESULT_GROUNDS = ["Победитель предложил товар, не соответствующий описанию объекта закупки"]


def _key(user: User) -> None:
    if not user.signing_keys.filter(revoked_at__isnull=True).exists():
        signing_key_issue(user=user, valid_days=365, actor=user)


def _file(
    user: User, session: QuotationSession, subject: ComplaintSubject, grounds: list[str], now: dt.datetime
) -> Complaint:
    _key(user)
    return complaint_file(
        actor=user,
        target_kind=SourceKind.QUOTATION_SESSION,
        target_id=session.pk,
        subject=subject,
        respondent=Respondent.CUSTOMER if subject == ComplaintSubject.TERMS else Respondent.COMMISSION,
        grounds=grounds,
        remedy="Выдать заказчику предписание об устранении нарушений",
        now=now,
    )


def load_demo_complaints(*, now: dt.datetime) -> list[Complaint]:
    inspector = User.objects.filter(username="control").select_related("organization__region").first()
    customer = User.objects.filter(username="customer").select_related("organization__region").first()
    if inspector is None or customer is None or customer.organization is None:
        return []
    region = customer.organization.region
    suppliers = list(
        User.objects.filter(
            role=UserRole.SUPPLIER,
            organization__region=region,
            organization__status=OrganizationStatus.CONFIRMED,
        ).order_by("username")[:4]
    )
    sessions = QuotationSession.objects.filter(customer=customer.organization)
    running = sessions.filter(status=SessionStatus.PUBLISHED, ends_at__gt=now).order_by("pk").first()
    closed = sessions.filter(closed_at__isnull=False).exclude(ranking=[]).order_by("pk").first()
    if len(suppliers) < 4 or running is None or closed is None:
        return []
    first, second, third, fourth = suppliers
    for user in (inspector, *suppliers):
        _key(user)
    # a key signs only from its issue: the steps happen after the keys (now may be a little earlier)
    now = max(now, timezone.now())
    participants = {row["supplier_id"] for row in closed.ranking}
    losers = [
        u for u in suppliers if u.organization_id in participants and u.organization_id != closed.winner_id
    ]

    waiting = _file(fourth, running, ComplaintSubject.TERMS, TERMS_GROUNDS[1:], now)
    suspended = _file(first, running, ComplaintSubject.TERMS, TERMS_GROUNDS, now)
    complaint_accept(complaint=suspended, actor=inspector, suspend=True, now=now)
    returned = _file(third, running, ComplaintSubject.TERMS, ["Заказчик нарушил закон"], now)
    complaint_return(
        complaint=returned,
        actor=inspector,
        reason="Жалоба не содержит указания на нарушенные положения закона и доказательств",
        now=now,
    )
    withdrawn = _file(second, running, ComplaintSubject.TERMS, TERMS_GROUNDS[:1], now)
    complaint_withdraw(complaint=withdrawn, actor=second, now=now)
    result = [waiting, suspended, returned, withdrawn]
    if losers:
        unfounded = _file(losers[0], closed, ComplaintSubject.RESULT, RESULT_GROUNDS, now)
        complaint_accept(complaint=unfounded, actor=inspector, suspend=False, now=now)
        complaint_decide(
            complaint=unfounded,
            actor=inspector,
            decision=Decision.UNFOUNDED,
            decision_text="Предложенный товар соответствует описанию объекта закупки; доводы не подтвердились.",
            now=now,
        )
        result.append(unfounded)
    if len(losers) > 1:
        partly = _file(losers[1], closed, ComplaintSubject.RESULT, [*RESULT_GROUNDS, TERMS_GROUNDS[1]], now)
        complaint_accept(complaint=partly, actor=inspector, suspend=False, now=now)
        complaint_decide(
            complaint=partly,
            actor=inspector,
            decision=Decision.PARTLY_JUSTIFIED,
            decision_text="Довод об указании модели без слов «или эквивалент» подтвердился, остальные — нет.",
            order_text="Впредь указывать в описании объекта закупки слова «или эквивалент»; "
            "разместить исправленный шаблон описания",
            order_due=local_date(now, region.timezone) + dt.timedelta(days=10),
            now=now,
        )
        result.append(partly)
    return result
