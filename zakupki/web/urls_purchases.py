from django.urls import URLPattern, URLResolver, path

from zakupki.web.views import purchases

urlpatterns: list[URLPattern | URLResolver] = [
    path("purchases/", purchases.purchases_home, name="purchases"),
    path("purchases/<int:purchase_id>/", purchases.purchase_detail, name="purchase"),
    path("offers/<int:offer_id>/buy/", purchases.offer_buy, name="offer_buy"),
    path("needs/", purchases.need_list, name="needs"),
    path("needs/new/", purchases.need_new, name="need_new"),
    path("needs/<int:need_id>/", purchases.need_detail, name="need"),
    path("needs/<int:need_id>/publish/", purchases.need_publish_view, name="need_publish"),
    path("needs/<int:need_id>/propose/", purchases.need_propose_view, name="need_propose"),
    path("needs/<int:need_id>/award/", purchases.need_award_view, name="need_award"),
    path("needs/<int:need_id>/cancel/", purchases.need_cancel_view, name="need_cancel"),
    path("needs/<int:need_id>/convert/", purchases.need_convert_view, name="need_convert"),
]
