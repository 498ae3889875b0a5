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
    NOTIFICATION_SENT = "notification.sent", "Направлено уведомление"
    ACCEPTANCE_COMMISSION_APPOINTED = (
        "contract.acceptance_commission_appointed",
        "Заказчик назначил приёмочную комиссию по контракту",
    )
    ACCEPTANCE_VOTED = (
        "contract.acceptance_voted",
        "Член приёмочной комиссии проголосовал по документу о приёмке",
    )
    SIGNAL_SUBMITTED = "signal.submitted", "Гражданин подал сообщение"
    SIGNAL_PUBLISHED = "signal.published", "Сообщение гражданина опубликовано и направлено организации"
    SIGNAL_REJECTED = "signal.rejected", "Сообщение гражданина отклонено модератором"
    SIGNAL_ANSWER_SUBMITTED = "signal.answer_submitted", "Организация дала ответ на сообщение"
    SIGNAL_ANSWER_PUBLISHED = "signal.answer_published", "Ответ на сообщение опубликован"
    SIGNAL_ANSWER_REJECTED = "signal.answer_rejected", "Ответ на сообщение отклонён модератором"
    SIGNAL_RATED = "signal.rated", "Гражданин оценил ответ"
    SIGNAL_RETURNED = "signal.returned", "Гражданин вернул сообщение на повторный ответ"
    SIGNAL_DUE_SOON = "signal.due_soon", "Истекает срок ответа на сообщение"
    SIGNAL_OVERDUE = "signal.overdue", "Просрочен срок ответа на сообщение"
    CONTRACT_CHANGE_PROPOSED = (
        "contract.change_proposed",
        "Заказчик направил поставщику дополнительное соглашение",
    )
    CONTRACT_CHANGE_SIGNED_BY_SUPPLIER = (
        "contract.change_signed_by_supplier",
        "Дополнительное соглашение подписано поставщиком",
    )
    CONTRACT_CHANGE_IN_FORCE = "contract.change_in_force", "Дополнительное соглашение вступило в силу"
    CONTRACT_CHANGE_DECLINED = "contract.change_declined", "Поставщик отклонил дополнительное соглашение"
    CONTRACT_CHANGE_WITHDRAWN = "contract.change_withdrawn", "Заказчик отозвал дополнительное соглашение"
    CONTRACT_SIGNING_OVERDUE = "contract.signing_overdue", "Сторона не подписала контракт в срок"
    CONTRACT_STAGE_PLAN_SET = "contract.stage_plan_set", "Заказчик установил этапы исполнения контракта"
    COMPLAINT_FILED = "complaint.filed", "Подана жалоба в контрольный орган"
    COMPLAINT_ACCEPTED = "complaint.accepted", "Жалоба принята к рассмотрению"
    COMPLAINT_RETURNED = "complaint.returned", "Жалоба возвращена заявителю"
    COMPLAINT_WITHDRAWN = "complaint.withdrawn", "Жалоба отозвана заявителем"
    COMPLAINT_DECIDED = "complaint.decided", "Принято решение по жалобе"
    COMPLAINT_REVIEW_OVERDUE = "complaint.review_overdue", "Просрочен срок рассмотрения жалобы"
    COMPLAINT_ORDER_ISSUED = "complaint.order_issued", "Заказчику выдано предписание"
    COMPLAINT_ORDER_EXECUTED = "complaint.order_executed", "Заказчик отчитался об исполнении предписания"
    COMPLAINT_ORDER_OVERDUE = "complaint.order_overdue", "Просрочен срок исполнения предписания"
    EIS_IMPORTED = "interop.eis_imported", "Импортированы открытые данные ЕИС"
    ANALYTICS_METHODOLOGY_SET = "analytics.methodology_set", "Регион выбрал методику оценки эффективности"
    CONTRACT_CLAIM_RAISED = (
        "contract.claim_raised",
        "Заказчик предъявил поставщику требование об уплате неустойки",
    )
    CONTRACT_CLAIM_PAID = "contract.claim_paid", "Требование об уплате неустойки оплачено"
    CONTRACT_CLAIM_WRITTEN_OFF = "contract.claim_written_off", "Неустойка списана по ПП РФ № 783"
    CONTRACT_CLAIM_WITHDRAWN = "contract.claim_withdrawn", "Заказчик отозвал требование об уплате неустойки"
    CONTRACT_TERMINATION_PAPER_SIGNED = (
        "contract.termination_paper_signed",
        "Подписан документ о расторжении контракта",
    )
    CONTRACT_SUBCONTRACT_ADDED = (
        "contract.subcontract_added",
        "Поставщик сообщил о договоре субподряда (ч. 5 ст. 30)",
    )
