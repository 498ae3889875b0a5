"""Catalogue pages: search, an item with its offers, and a supplier's «Мои оферты»."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from zakupki.accounts.models import Region, User
from zakupki.accounts.selectors import region_list
from zakupki.catalog.enums import CatalogSort
from zakupki.catalog.selectors import (
    CatalogPage,
    catalog_search,
    category_list,
    item_buyable_offers,
    item_get,
    offer_get,
    supplier_offers,
)
from zakupki.catalog.services.offers import offer_publish, offer_withdraw, supplier_of
from zakupki.core.errors import DomainError, NotFound
from zakupki.web.errors import acting_user, add_service_errors, domain_errors
from zakupki.web.forms.catalog import CatalogSearchForm, OfferForm

PER_PAGE = 20


def _region_choices(regions: list[Region]) -> list[tuple[str, str]]:
    return [(region.code, region.name) for region in regions]


def _page_query(params: QueryDict, page: int) -> str:
    query = params.copy()
    query["page"] = str(page)
    return query.urlencode()


@require_safe
def catalog_search_page(request: HttpRequest) -> HttpResponse:
    regions = list(region_list())
    categories = [(category.pk, category.name) for category in category_list()]
    form = CatalogSearchForm(request.GET or None, categories=categories, regions=_region_choices(regions))
    result: CatalogPage | None = None
    status = 200
    if not request.GET:
        result = catalog_search(sort=CatalogSort.NAME, per_page=PER_PAGE)
    elif form.is_valid():
        data = form.cleaned_data
        region = next((r for r in regions if r.code == data["region"]), None)
        try:
            result = catalog_search(
                query=data["q"],
                category_id=data["category"],
                region=region,
                price_min=data["price_min"],
                price_max=data["price_max"],
                sort=data["sort"] or CatalogSort.RELEVANCE,
                page=data["page"] or 1,
                per_page=PER_PAGE,
            )
        except DomainError as exc:
            add_service_errors(form, exc, field_map={"query": "q"})
            status = 400
    else:
        status = 400
    context = {
        "form": form,
        "result": result,
        "previous_query": _page_query(request.GET, result.number - 1)
        if result and result.has_previous
        else "",
        "next_query": _page_query(request.GET, result.number + 1) if result and result.has_next else "",
    }
    return render(request, "web/catalog/search.html", context, status=status)


@require_safe
@domain_errors
def catalog_item_page(request: HttpRequest, ste_id: str) -> HttpResponse:
    item = item_get(ste_id=ste_id)
    user = request.user
    region = user.home_region if isinstance(user, User) and user.is_authenticated else None
    offers = list(item_buyable_offers(item=item, region=region))
    context = {"item": item, "offers": offers, "region": region}
    return render(request, "web/catalog/item.html", context)


@require_http_methods(["GET", "POST"])
@login_required
@domain_errors
def my_offers(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    supplier = supplier_of(user)
    regions = _region_choices(list(region_list()))
    status = 200
    if request.method == "POST":
        form = OfferForm(request.POST, regions=regions)
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                item = item_get(ste_id=data["ste_id"].strip())
                offer = offer_publish(
                    supplier_user=user,
                    item=item,
                    price=data["price"],
                    stock=data["stock"],
                    region_codes=data["region_codes"],
                    valid_from=data["valid_from"],
                    valid_until=data["valid_until"],
                )
            except NotFound as exc:
                form.add_error("ste_id", exc.message)
            except DomainError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, f"Оферта на «{offer.item.name}» опубликована")
                return redirect("web:my_offers")
    else:
        form = OfferForm(regions=regions, initial={"region_codes": [supplier.region.code]})
    context = {"form": form, "supplier": supplier, "offers": list(supplier_offers(supplier=supplier))}
    return render(request, "web/catalog/my_offers.html", context, status=status)


@require_POST
@login_required
@domain_errors
def my_offer_withdraw(request: HttpRequest, offer_id: int) -> HttpResponse:
    offer = offer_withdraw(supplier_user=acting_user(request), offer=offer_get(offer_id=offer_id))
    messages.success(request, f"Оферта на «{offer.item.name}» отозвана")
    return redirect("web:my_offers")
