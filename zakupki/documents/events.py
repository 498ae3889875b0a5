"""Typed audit event names. Each domain adds its events here; the journal refuses unknown names."""

from django.db import models


class EventType(models.TextChoices):
    REGION_CREATED = "region.created", "Регион подключён к платформе"
    REGION_SETTINGS_CHANGED = "region.settings_changed", "Изменены настройки региона"
    RULE_OVERRIDE_SET = "rules.override_set", "Региональное значение параметра"
    ORGANIZATION_REGISTERED = "organization.registered", "Организация зарегистрирована"
    ORGANIZATION_CONFIRMED = "organization.confirmed", "Организация подтверждена"
    ORGANIZATION_REJECTED = "organization.rejected", "Организации отказано в подтверждении"
    ORGANIZATION_CONFIRMATION_OVERDUE = (
        "organization.confirmation_overdue",
        "Просрочено подтверждение организации",
    )
    USER_REGISTERED = "user.registered", "Пользователь зарегистрирован"
    API_TOKEN_CREATED = "api_token.created", "Выпущен API-токен"
    API_TOKEN_REVOKED = "api_token.revoked", "API-токен отозван"
    DOCUMENT_STORED = "document.stored", "Документ сохранён"
    CONTRACT_CREATED = "contract.created", "Создан проект контракта"
    SUPPLIER_BANNED = "supplier.banned", "Поставщик заблокирован"
    OFFER_PUBLISHED = "offer.published", "Опубликована оферта"
    OFFER_CHANGED = "offer.changed", "Изменена оферта"
    OFFER_WITHDRAWN = "offer.withdrawn", "Оферта отозвана"
    CATALOG_IMPORTED = "catalog.imported", "Импортирован каталог"
    DIRECT_PURCHASE_CREATED = "purchase.direct_created", "Прямая закупка по оферте"
    NEED_CREATED = "need.created", "Создана потребность"
    NEED_PUBLISHED = "need.published", "Опубликована потребность"
    NEED_PROPOSAL_SUBMITTED = "need.proposal_submitted", "Подано предложение по потребности"
    NEED_CLOSED = "need.closed", "Завершён приём предложений по потребности"
    NEED_AWARDED = "need.awarded", "Выбрано предложение по потребности"
    NEED_CANCELLED = "need.cancelled", "Потребность отменена"
    NEED_CONVERTED = "need.converted", "Потребность переведена в котировочную сессию"
    SESSION_CREATED = "session.created", "Создана котировочная сессия"
    SESSION_PUBLISHED = "session.published", "Котировочная сессия опубликована"
    SESSION_CANCELLED = "session.cancelled", "Котировочная сессия отменена"
    BID_PLACED = "session.bid_placed", "Подано ценовое предложение"
    AUTOBID_SET = "session.autobid_set", "Установлена автоставка"
    AUTOBID_CANCELLED = "session.autobid_cancelled", "Автоставка отключена"
    SESSION_FINISHED = "session.finished", "Котировочная сессия завершена, определён победитель"
    SESSION_FAILED = "session.failed", "Котировочная сессия не состоялась"
    CONTRACT_OFFERED = "session.contract_offered", "Контракт направлен участнику сессии"
    CONTRACT_OFFER_ACCEPTED = "session.contract_offer_accepted", "Участник сессии принял контракт"
    CONTRACT_OFFER_REFUSED = "session.contract_offer_refused", "Участник сессии отказался от контракта"
    CONTRACT_OFFER_EXPIRED = "session.contract_offer_expired", "Участник сессии не подписал контракт в срок"
    SESSION_NO_PARTICIPANT_LEFT = (
        "session.no_participant_left",
        "Контракт по сессии не заключён: участников не осталось",
    )
    CONTRACT_SIGNED_BY_SUPPLIER = "contract.signed_by_supplier", "Контракт подписан поставщиком"
    CONTRACT_CONCLUDED = "contract.concluded", "Контракт заключён"
    CONTRACT_EXECUTING = "contract.executing", "Начато исполнение контракта"
    CONTRACT_EXECUTED = "contract.executed", "Контракт исполнен"
    CONTRACT_STAGE_CREATED = "contract.stage_created", "Создан этап контракта"
    ACCEPTANCE_SUBMITTED = "contract.acceptance_submitted", "Поставщик разместил документ о приёмке"
    ACCEPTANCE_CORRECTED = "contract.acceptance_corrected", "Размещён исправленный документ о приёмке"
    ACCEPTANCE_DECIDED = "contract.acceptance_decided", "Заказчик принял решение по документу о приёмке"
    PAYMENT_RECORDED = "contract.payment_recorded", "Зарегистрирована оплата по контракту"
    CONTRACT_UNILATERAL_REFUSAL = (
        "contract.unilateral_refusal",
        "Заказчик принял решение об одностороннем отказе от исполнения контракта",
    )
    CONTRACT_REFUSAL_CANCELLED = (
        "contract.refusal_cancelled",
        "Решение об одностороннем отказе отменено: нарушение устранено",
    )
    CONTRACT_TERMINATED = "contract.terminated", "Контракт расторгнут"
    CONTRACT_TERMINATION_PROPOSED = (
        "contract.termination_proposed",
        "Предложено расторгнуть контракт по соглашению",
    )
    CONTRACT_TERMINATION_DECLINED = "contract.termination_declined", "Предложение о расторжении отклонено"
    RNP_REFERRAL_CREATED = "contract.rnp_referral", "Сведения о поставщике направлены для включения в РНП"
    SIGNING_KEY_ISSUED = "signing_key.issued", "Выдан ключ электронной подписи"
    SIGNING_KEY_REVOKED = "signing_key.revoked", "Ключ электронной подписи отозван"
    DOCUMENT_SIGNED = "document.signed", "Документ подписан электронной подписью"
