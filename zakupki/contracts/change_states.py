"""Contract change (дополнительное соглашение, ст.95 ч.1) kinds, statuses and transitions.

Diagram: docs/lifecycles/contract_change.md. The customer proposes; the supplier signs or declines; the
customer signs last and the change comes into force. The customer may withdraw until then."""

from django.db import models


class ChangeKind(models.TextChoices):
    QUANTITY = "quantity", "Изменение количества (не более 10 %) с пропорциональным изменением цены"
    PRICE_REDUCTION = "price_reduction", "Снижение цены без изменения количества"


class ChangeStatus(models.TextChoices):
    PROPOSED = "proposed", "Направлено поставщику"
    SIGNED_BY_SUPPLIER = "signed_by_supplier", "Подписано поставщиком"
    IN_FORCE = "in_force", "Вступило в силу"
    DECLINED = "declined", "Отклонено поставщиком"
    WITHDRAWN = "withdrawn", "Отозвано заказчиком"


CHANGE_TRANSITIONS: dict[ChangeStatus, frozenset[ChangeStatus]] = {
    ChangeStatus.PROPOSED: frozenset(
        {ChangeStatus.SIGNED_BY_SUPPLIER, ChangeStatus.DECLINED, ChangeStatus.WITHDRAWN}
    ),
    ChangeStatus.SIGNED_BY_SUPPLIER: frozenset({ChangeStatus.IN_FORCE, ChangeStatus.WITHDRAWN}),
    ChangeStatus.IN_FORCE: frozenset(),
    ChangeStatus.DECLINED: frozenset(),
    ChangeStatus.WITHDRAWN: frozenset(),
}

# At most one change per contract is open at a time (a DB constraint backs this up).
CHANGE_OPEN = frozenset({ChangeStatus.PROPOSED, ChangeStatus.SIGNED_BY_SUPPLIER})
