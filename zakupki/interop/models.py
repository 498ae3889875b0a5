"""EIS open data as imported: one row per document identity (its current version) and typed rows under it.

These tables are not the platform's own contracts (`zakupki.contracts`): they are someone else's published
records, kept as published, replaced only by a newer version of the same document (ADR 0007). Every row
below `EisDocument` cascades from it, so replacing a version is «delete the document, insert the new one»
in one transaction. The raw XML sits in `EisRawDocument`, away from the tables analytics scans."""

from __future__ import annotations

import zlib

from django.db import models

from zakupki.interop.enums import EisDocumentKind, EisExecutionDocumentKind


class EisDocument(models.Model):
    """The identity (kind, regNum, part) holds exactly one version: the newest seen."""

    kind = models.CharField("тип", max_length=20, choices=EisDocumentKind.choices)
    reg_num = models.CharField("реестровый номер контракта", max_length=19)
    # "" for a contract; executions/ordinalNumber for an execution report; "" for a termination-only report.
    part = models.CharField("часть", max_length=10, blank=True)
    version_number = models.PositiveIntegerField("номер версии")
    publish_date = models.DateTimeField("опубликован в ЕИС")
    eis_id = models.CharField("id документа в ЕИС", max_length=20)
    current_stage = models.CharField("статус контракта", max_length=4, blank=True)
    region_code = models.CharField("код региона", max_length=2, db_index=True)
    source = models.CharField("файл", max_length=500)
    content_sha256 = models.CharField("SHA-256 документа", max_length=64)
    imported_at = models.DateTimeField("импортирован")

    class Meta:
        verbose_name = "документ ЕИС"
        verbose_name_plural = "документы ЕИС"
        constraints = [
            models.UniqueConstraint(fields=["kind", "reg_num", "part"], name="interop_eis_document_identity"),
        ]
        indexes = [models.Index(fields=["reg_num"], name="interop_eis_doc_regnum")]

    def __str__(self) -> str:
        return f"{self.kind} {self.reg_num}/{self.part or '-'} v{self.version_number}"


class EisRawDocument(models.Model):
    """The document's XML exactly as it came, zlib-compressed (the EIS print-form signatures make a report
    ~60 KB; compressed ~8 KB), for audit and re-parsing; never read by analytics."""

    document = models.OneToOneField(
        EisDocument, on_delete=models.CASCADE, primary_key=True, related_name="raw"
    )
    xml_zlib = models.BinaryField("XML (zlib)")

    def __str__(self) -> str:
        return f"XML {self.document_id}"

    def xml(self) -> bytes:
        return zlib.decompress(bytes(self.xml_zlib))


class EisContract(models.Model):
    """A `contract` document: who bought what from whom, for how much."""

    document = models.OneToOneField(EisDocument, on_delete=models.CASCADE, related_name="contract")
    reg_num = models.CharField("реестровый номер", max_length=19, unique=True)
    number = models.CharField("номер контракта", max_length=200, blank=True)
    region_code = models.CharField("код региона", max_length=2)
    sign_date = models.DateField("дата заключения")
    customer_reg_num = models.CharField("код заказчика в ЕИС", max_length=20, blank=True)
    customer_inn = models.CharField("ИНН заказчика", max_length=12, db_index=True)
    customer_kpp = models.CharField("КПП заказчика", max_length=9, blank=True)
    customer_name = models.CharField("заказчик", max_length=2000, blank=True)
    price = models.DecimalField("цена контракта", max_digits=20, decimal_places=2)
    currency = models.CharField("валюта", max_length=3)
    nmck = models.DecimalField("НМЦК", null=True, blank=True, max_digits=20, decimal_places=2)
    placing_way = models.CharField("способ определения поставщика", max_length=20, blank=True)
    notification_number = models.CharField("номер извещения", max_length=30, blank=True)
    execution_start = models.DateField("начало исполнения", null=True, blank=True)
    execution_end = models.DateField("окончание исполнения", null=True, blank=True)
    # ч.1.1 ст.30 ground read from the document (only «single_supplier» is derivable from a contract
    # document: from its placing way); "" = not excluded or not known. Values of contracts.SgozExclusion.
    sgoz_exclusion = models.CharField("исключение из СГОЗ (ч. 1.1 ст. 30)", max_length=20, blank=True)

    class Meta:
        verbose_name = "контракт из ЕИС"
        verbose_name_plural = "контракты из ЕИС"
        indexes = [models.Index(fields=["region_code", "sign_date"], name="interop_eis_contract_region")]

    def __str__(self) -> str:
        return self.reg_num


class EisContractSupplier(models.Model):
    contract = models.ForeignKey(EisContract, on_delete=models.CASCADE, related_name="suppliers")
    participant_type = models.CharField("вид участника", max_length=40, blank=True)
    inn = models.CharField("ИНН", max_length=12, blank=True, db_index=True)
    kpp = models.CharField("КПП", max_length=9, blank=True)
    name = models.CharField("наименование", max_length=2000, blank=True)
    # None: the document does not say.
    is_smp = models.BooleanField("СМП/СОНКО", null=True)

    class Meta:
        verbose_name = "поставщик по контракту из ЕИС"
        verbose_name_plural = "поставщики по контрактам из ЕИС"

    def __str__(self) -> str:
        return f"{self.inn} {self.name}"


class EisContractPaymentYear(models.Model):
    """The contract's finance by year as the document gives it (`finances/…/year` + sum); a contract whose
    document has no such data gets one row: the whole price in the sign year (ADR 0007)."""

    contract = models.ForeignKey(EisContract, on_delete=models.CASCADE, related_name="payment_years")
    year = models.PositiveSmallIntegerField("год")
    amount = models.DecimalField("сумма", max_digits=20, decimal_places=2)
    from_document = models.BooleanField("из документа (иначе — вся цена в год заключения)")

    class Meta:
        verbose_name = "финансирование контракта из ЕИС по годам"
        verbose_name_plural = "финансирование контрактов из ЕИС по годам"
        constraints = [
            models.UniqueConstraint(fields=["contract", "year"], name="interop_eis_payment_year_once")
        ]

    def __str__(self) -> str:
        return f"{self.contract_id} {self.year}: {self.amount}"


class EisContractProduct(models.Model):
    contract = models.ForeignKey(EisContract, on_delete=models.CASCADE, related_name="products")
    name = models.CharField("наименование", max_length=2000, blank=True)
    okpd2_code = models.CharField("ОКПД2", max_length=20, blank=True)
    okei_code = models.CharField("ОКЕИ", max_length=10, blank=True)
    price = models.DecimalField("цена за единицу", null=True, blank=True, max_digits=20, decimal_places=2)
    quantity = models.DecimalField("количество", max_digits=24, decimal_places=6, null=True, blank=True)
    amount = models.DecimalField("сумма", null=True, blank=True, max_digits=20, decimal_places=2)

    class Meta:
        verbose_name = "позиция контракта из ЕИС"
        verbose_name_plural = "позиции контрактов из ЕИС"

    def __str__(self) -> str:
        return self.name


class EisExecution(models.Model):
    """One execution report (`contractProcedure/executions`) of a stage."""

    document = models.OneToOneField(EisDocument, on_delete=models.CASCADE, related_name="execution")
    reg_num = models.CharField("реестровый номер контракта", max_length=19, db_index=True)
    ordinal_number = models.PositiveIntegerField("порядковый номер отчёта")
    final_stage = models.BooleanField("окончательное исполнение")
    stage_end_date = models.DateField("окончание этапа", null=True, blank=True)

    class Meta:
        verbose_name = "исполнение контракта из ЕИС"
        verbose_name_plural = "исполнения контрактов из ЕИС"

    def __str__(self) -> str:
        return f"{self.reg_num} №{self.ordinal_number}"


class EisExecutionDocument(models.Model):
    execution = models.ForeignKey(EisExecution, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField("вид", max_length=12, choices=EisExecutionDocumentKind.choices)
    code = models.CharField("код вида документа", max_length=10, blank=True)
    name = models.CharField("наименование", max_length=2000, blank=True)
    number = models.CharField("номер", max_length=200, blank=True)
    date = models.DateField("дата", null=True, blank=True)
    currency = models.CharField("валюта", max_length=3, blank=True)
    paid = models.DecimalField("оплачено", max_digits=20, decimal_places=2)
    paid_rub = models.DecimalField(
        "оплачено в рублях", null=True, blank=True, max_digits=20, decimal_places=2
    )
    paid_vat = models.DecimalField("НДС", null=True, blank=True, max_digits=20, decimal_places=2)
    paid_vat_rub = models.DecimalField("НДС в рублях", null=True, blank=True, max_digits=20, decimal_places=2)
    improper_execution_text = models.TextField("ненадлежащее исполнение", blank=True)

    class Meta:
        verbose_name = "документ исполнения из ЕИС"
        verbose_name_plural = "документы исполнения из ЕИС"

    def __str__(self) -> str:
        return f"{self.name} №{self.number}"


class EisTermination(models.Model):
    document = models.OneToOneField(EisDocument, on_delete=models.CASCADE, related_name="termination")
    reg_num = models.CharField("реестровый номер контракта", max_length=19, db_index=True)
    termination_date = models.DateField("дата расторжения")
    decision_date = models.DateField("дата решения", null=True, blank=True)
    reason_code = models.CharField("код основания", max_length=10)
    reason_name = models.CharField("основание", max_length=2000, blank=True)
    reason_info = models.TextField("причина", blank=True)
    paid = models.DecimalField(
        "оплачено на дату расторжения", null=True, blank=True, max_digits=20, decimal_places=2
    )
    document_code = models.CharField("код документа", max_length=10, blank=True)
    document_name = models.CharField("документ", max_length=2000, blank=True)
    document_date = models.DateField("дата документа", null=True, blank=True)
    document_number = models.CharField("номер документа", max_length=200, blank=True)

    class Meta:
        verbose_name = "расторжение контракта из ЕИС"
        verbose_name_plural = "расторжения контрактов из ЕИС"

    def __str__(self) -> str:
        return f"{self.reg_num} {self.termination_date}"


class EisPenalty(models.Model):
    document = models.ForeignKey(EisDocument, on_delete=models.CASCADE, related_name="penalties")
    reg_num = models.CharField("реестровый номер контракта", max_length=19, db_index=True)
    contract_party = models.CharField("сторона (код ЕИС)", max_length=2, blank=True)
    penalty_type = models.CharField("вид неустойки (код ЕИС)", max_length=2, blank=True)
    reason_code = models.CharField("код основания", max_length=10, blank=True)
    reason_name = models.CharField("основание", max_length=2000, blank=True)
    document_name = models.CharField("документ", max_length=2000, blank=True)
    document_number = models.CharField("номер документа", max_length=200, blank=True)
    document_date = models.DateField("дата документа", null=True, blank=True)
    amount = models.DecimalField("начислено", max_digits=20, decimal_places=2)
    currency = models.CharField("валюта", max_length=3, blank=True)

    class Meta:
        verbose_name = "неустойка из ЕИС"
        verbose_name_plural = "неустойки из ЕИС"

    def __str__(self) -> str:
        return f"{self.reg_num} {self.amount}"


class EisImportRun(models.Model):
    """One run of `import_eis`: the object its audit event is about."""

    sources = models.PositiveIntegerField("файлов")
    counts = models.JSONField("итоги", default=dict)
    finished_at = models.DateTimeField("завершён")

    class Meta:
        verbose_name = "импорт из ЕИС"
        verbose_name_plural = "импорты из ЕИС"

    def __str__(self) -> str:
        return f"импорт ЕИС {self.finished_at:%Y-%m-%d %H:%M}"
