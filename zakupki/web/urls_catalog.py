from django.urls import URLPattern, URLResolver, path

from zakupki.web.views import catalog

urlpatterns: list[URLPattern | URLResolver] = [
    path("catalog/", catalog.catalog_search_page, name="catalog"),
    path("catalog/items/<str:ste_id>/", catalog.catalog_item_page, name="catalog_item"),
    path("catalog/my-offers/", catalog.my_offers, name="my_offers"),
    path("catalog/my-offers/<int:offer_id>/withdraw/", catalog.my_offer_withdraw, name="my_offer_withdraw"),
]
