"""Public analytics: the region dashboard, the customers' rating and one customer's drill-down.
Numbers are strings ("13.11", money with two decimals); null is «нет данных», never zero."""

from __future__ import annotations

import datetime as dt

from ninja import Schema

from zakupki.api.schemas.common import RegionBrief


class SourcesOut(Schema):
    platform: int  # contracts of the figure's base from the platform
    eis: int  # ... and from the imported EIS data
    label: str


class CountedOut(Schema):
    source: str  # "platform" | "eis"
    kind: str  # "contract" | "session" | "complaint"
    ref: str  # registry number (EIS), contract number, «КС № …», complaint number
    contract_id: int | None  # the platform contract's id, when it is one


class FigureOut(Schema):
    value: str | None
    unit: str
    numerator: str | None
    denominator: str | None
    label: str
    no_data_reason: str | None
    counted: list[CountedOut]


class ShareOut(Schema):
    key: str
    title: str
    figure: FigureOut
    sources: SourcesOut


class MonthOut(Schema):
    month: int
    name: str
    count: int
    amount: str
    days: int
    per_day: str | None


class DayOut(Schema):
    date: dt.date
    count: int
    amount: str


class SupplierRegionOut(Schema):
    name: str
    code: str
    suppliers: int
    contracts: int
    amount: str
    regions: int


class DashboardOut(Schema):
    region: RegionBrief
    year: int
    no_data: bool
    message: str | None  # «нет данных» with the reason, when no_data
    count: int | None
    amount: str | None
    per_day: str | None
    days: int | None
    sources: SourcesOut | None
    platform_amount: str | None
    eis_amount: str | None
    monthly: list[MonthOut]
    daily: list[DayOut]
    shares: list[ShareOut]
    supplier_regions: list[SupplierRegionOut]
    suppliers: int | None


class MethodologyOut(Schema):
    id: str
    name: str
    source: str
    tag: str
    effective_from: dt.date
    effective_to: dt.date | None
    weighted: bool
    overrides: list[str]  # indicators whose boundaries the region changed


class IndicatorOut(Schema):
    id: str
    name: str
    unit: str
    direction: str
    informational: bool
    weight: str | None
    thresholds: list[str] | None  # boundaries for 3, 2 and 1 points
    points: int | None  # null: informational, or no data
    figure: FigureOut


class CustomerBrief(Schema):
    id: int
    name: str
    inn: str


class RatingRowOut(Schema):
    place: int
    customer: CustomerBrief
    total: int
    weighted: str | None
    no_data: list[str]
    indicators: list[IndicatorOut]


class RatingOut(Schema):
    region: RegionBrief
    year: int
    no_data: bool
    message: str | None
    methodology: MethodologyOut | None
    rows: list[RatingRowOut]


class CustomerRatingOut(Schema):
    region: RegionBrief
    year: int
    methodology: MethodologyOut
    rows_total: int
    row: RatingRowOut
