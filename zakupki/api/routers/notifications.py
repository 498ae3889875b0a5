"""The caller's own notifications: list (unread first), mark one or all read. Someone else's
notification does not exist for the caller (404)."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.pagination import PageNumberPagination, paginate

from zakupki.api.auth import AUTH, current_user
from zakupki.api.schemas.common import ERROR_CODES, ErrorOut
from zakupki.api.schemas.notifications import NotificationOut, ReadAllOut
from zakupki.notifications.models import Notification
from zakupki.notifications.selectors import notifications_of
from zakupki.notifications.services import notification_mark_all_read, notification_mark_read

router = Router(tags=["Уведомления"], auth=AUTH)


@router.get("/notifications", response={200: list[NotificationOut], ERROR_CODES: ErrorOut})
@paginate(PageNumberPagination, page_size=50)
def notification_list(request: HttpRequest, unread: bool = False) -> QuerySet[Notification]:
    """Свои уведомления: сначала непрочитанные, внутри — новые первыми. `unread=true` — только непрочитанные."""
    return notifications_of(user=current_user(request), unread_only=unread)


@router.post("/notifications/read-all", response={200: ReadAllOut, ERROR_CODES: ErrorOut})
def notification_read_all(request: HttpRequest) -> ReadAllOut:
    """Отметить прочитанными все свои уведомления; возвращает, сколько было непрочитанных."""
    return ReadAllOut(marked=notification_mark_all_read(actor=current_user(request)))


@router.post("/notifications/{notification_id}/read", response={200: NotificationOut, ERROR_CODES: ErrorOut})
def notification_read(request: HttpRequest, notification_id: int) -> Notification:
    """Отметить своё уведомление прочитанным (повторно — без изменений). Чужое — 404."""
    return notification_mark_read(notification_id=notification_id, actor=current_user(request))
