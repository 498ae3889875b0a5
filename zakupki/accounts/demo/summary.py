"""What the demo database holds, and the fixed logins to try it with."""

from __future__ import annotations

from django.db.models import Count, Q

from zakupki.accounts.enums import OrganizationKind, OrganizationStatus, UserRole
from zakupki.accounts.models import Organization, Region, User
from zakupki.accounts.roles import role_of
from zakupki.documents.models import AuditEvent

# One login per role, in the order a visitor would try them.
DEMO_LOGINS = ("admin", "region77", "customer", "supplier", "control", "moderator", "citizen")


def demo_counts() -> dict[str, int]:
    kinds = Organization.objects.aggregate(
        customers=Count("pk", filter=Q(kind=OrganizationKind.CUSTOMER)),
        pending=Count("pk", filter=Q(kind=OrganizationKind.CUSTOMER, status=OrganizationStatus.PENDING)),
        suppliers=Count("pk", filter=Q(kind=OrganizationKind.SUPPLIER)),
        smp=Count("pk", filter=Q(kind=OrganizationKind.SUPPLIER, is_smp=True)),
        sonko=Count("pk", filter=Q(kind=OrganizationKind.SUPPLIER, is_sonko=True)),
        individuals=Count("pk", filter=Q(kind=OrganizationKind.SUPPLIER, kpp="")),
        control_bodies=Count("pk", filter=Q(kind=OrganizationKind.CONTROL_BODY)),
    )
    return {
        "regions": Region.objects.count(),
        **kinds,
        "users": User.objects.count(),
        "audit_events": AuditEvent.objects.count(),
    }


def summary_lines(counts: dict[str, int]) -> list[str]:
    return [
        f"  регионов: {counts['regions']}",
        f"  заказчиков: {counts['customers']} (ожидают подтверждения: {counts['pending']})",
        f"  поставщиков: {counts['suppliers']} (СМП: {counts['smp']}, СОНКО: {counts['sonko']}, "
        f"ИП: {counts['individuals']})",
        f"  контрольных органов: {counts['control_bodies']}",
        f"  пользователей: {counts['users']}",
        f"  событий в журнале: {counts['audit_events']}",
    ]


def _role_label(user: User) -> str:
    return str(UserRole(role_of(user)).label)


def _describe(user: User) -> str:
    if user.organization is not None:
        return f"{user.organization.display_name}, {user.organization.region}"
    if user.region is not None:
        return str(user.region)
    return "вся платформа"


def login_lines() -> list[str]:
    users = {
        u.username: u
        for u in User.objects.filter(username__in=DEMO_LOGINS).select_related(
            "organization__region", "region"
        )
    }
    present = [users[username] for username in DEMO_LOGINS if username in users]
    width = max((len(_role_label(user)) for user in present), default=0)
    return [f"  {user.username:<9} {_role_label(user):<{width}}  {_describe(user)}" for user in present]
