"""The signed-in person's notifications: the list (unread first, paginated), mark one or all read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from zakupki.core.words import plural_form
from zakupki.notifications.selectors import notifications_of, unread_count
from zakupki.notifications.services import notification_mark_all_read, notification_mark_read
from zakupki.web.errors import acting_user, domain_errors

PER_PAGE = 20


@require_GET
@login_required
@domain_errors
def notification_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    page = Paginator(notifications_of(user=user), PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "unread": unread_count(user=user)}
    return render(request, "web/notifications/list.html", context)


@require_POST
@login_required
@domain_errors
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Marks it read and follows its link (a notification's own link, or back to the list)."""
    notification = notification_mark_read(notification_id=notification_id, actor=acting_user(request))
    target = notification.link
    if request.POST.get("follow") and target and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return redirect(target)
    return redirect(_back(request))


@require_POST
@login_required
@domain_errors
def notification_read_all(request: HttpRequest) -> HttpResponse:
    marked = notification_mark_all_read(actor=acting_user(request))
    if marked:
        word = plural_form(marked, ("уведомление", "уведомления", "уведомлений"))
        messages.success(request, f"Отмечено прочитанными: {marked} {word}")
    return redirect("web:notifications")


def _back(request: HttpRequest) -> str:
    page = request.POST.get("page", "")
    return f"/notifications/?page={page}" if page.isdigit() else "/notifications/"
