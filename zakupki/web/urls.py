from django.urls import URLPattern, URLResolver, include, path

from zakupki.web.views import auth, home, organizations, platform, region, region_contracts, tokens

app_name = "web"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", home.index, name="index"),
    path("home/", home.home, name="home"),
    path("login/", auth.login_view, name="login"),
    path("logout/", auth.logout_view, name="logout"),
    path("register/", auth.register, name="register"),
    path("register/citizen/", auth.register_citizen, name="register_citizen"),
    path("organizations/", organizations.organization_list, name="organizations"),
    path("organizations/<int:organization_id>/", organizations.organization_card, name="organization"),
    # Before region/<code>/, which would otherwise read "contracts" as a region code.
    path("region/contracts/", region_contracts.region_contracts, name="region_contracts"),
    path("region/", region.region_page, name="region"),
    path("region/<str:code>/", region.region_page, name="region_detail"),
    path("region/<str:code>/settings/", region.region_settings, name="region_settings"),
    path(
        "region/<str:code>/organizations/<int:organization_id>/confirm/",
        region.organization_confirm_view,
        name="organization_confirm",
    ),
    path(
        "region/<str:code>/organizations/<int:organization_id>/reject/",
        region.organization_reject_view,
        name="organization_reject",
    ),
    path("region/<str:code>/rules/", region.rule_override_add, name="rule_override_add"),
    path("platform/regions/", platform.regions, name="platform_regions"),
    path("account/tokens/", tokens.tokens, name="tokens"),
    path("account/tokens/<int:token_id>/revoke/", tokens.token_revoke, name="token_revoke"),
]

# Each purchasing domain keeps its pages' routes in its own module (names stay in the "web" namespace).
urlpatterns += [
    path("", include("zakupki.web.urls_analytics")),
    path("", include("zakupki.web.urls_catalog")),
    path("", include("zakupki.web.urls_contract_claims")),  # before urls_contracts
    path("", include("zakupki.web.urls_contract_subcontracts")),  # before urls_contracts
    path("", include("zakupki.web.urls_contract_terms")),  # before urls_contracts
    path("", include("zakupki.web.urls_contracts")),
    path("", include("zakupki.web.urls_notifications")),
    path("", include("zakupki.web.urls_oversight")),
    path("", include("zakupki.web.urls_procedures")),
    path("", include("zakupki.web.urls_purchases")),
    path("", include("zakupki.web.urls_signals")),
]
