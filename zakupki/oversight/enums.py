from django.db import models


class ComplaintStatus(models.TextChoices):
    FILED = "filed", "Подана, ожидает решения о принятии"
    ACCEPTED = "accepted", "Принята к рассмотрению"
    RETURNED = "returned", "Возвращена заявителю"
    WITHDRAWN = "withdrawn", "Отозвана заявителем"
    DECIDED = "decided", "Рассмотрена, принято решение"


class ComplaintSubject(models.TextChoices):
    TERMS = "terms", "Положения извещения (условия закупки)"
    RESULT = "result", "Протокол, результаты определения поставщика"


class Respondent(models.TextChoices):
    CUSTOMER = "customer", "Заказчик"
    COMMISSION = "commission", "Комиссия по осуществлению закупок"
    OPERATOR = "operator", "Оператор электронной площадки"


class Decision(models.TextChoices):
    JUSTIFIED = "justified", "Обоснованная"
    PARTLY_JUSTIFIED = "partly_justified", "Частично обоснованная"
    UNFOUNDED = "unfounded", "Необоснованная"


class OrderStatus(models.TextChoices):
    ISSUED = "issued", "Выдано, ожидает исполнения"
    EXECUTED = "executed", "Исполнено (заказчик отчитался)"


class StepKind(models.TextChoices):
    """A document in the complaint's file, in the order the steps happen."""

    COMPLAINT = "complaint", "Жалоба"
    ATTACHMENT = "attachment", "Приложение к жалобе"
    ACCEPTANCE = "acceptance", "Уведомление о принятии жалобы к рассмотрению"
    RETURN = "return", "Уведомление о возврате жалобы"
    WITHDRAWAL = "withdrawal", "Отзыв жалобы"
    DECISION = "decision", "Решение по жалобе"
    ORDER = "order", "Предписание"
    ORDER_REPORT = "order_report", "Отчёт об исполнении предписания"


# K9 counts these (domain.md §4.3).
K9_DECISIONS = frozenset({Decision.JUSTIFIED, Decision.PARTLY_JUSTIFIED})
OPEN_STATUSES = frozenset({ComplaintStatus.FILED, ComplaintStatus.ACCEPTED})
