import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.ru import ogrn as stdnum_ogrn

from zakupki.accounts.identifiers import (
    IdentifierError,
    clean_inn,
    clean_kpp,
    clean_ogrn,
    make_inn,
    make_ogrn,
)


def test_valid_legal_entity_inn():
    assert clean_inn(" 7707083893 ") == "7707083893"


def test_valid_individual_inn():
    assert clean_inn("500100732259") == "500100732259"


def test_inn_with_wrong_checksum_names_the_field():
    with pytest.raises(IdentifierError) as exc:
        clean_inn("7707083894")
    assert exc.value.field == "inn"
    assert exc.value.message == "Неверная контрольная сумма ИНН: проверьте номер"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Укажите ИНН"),
        ("77070838a3", "ИНН должен состоять только из цифр"),
        ("77070838", "ИНН должен содержать 10 цифр (организация) или 12 цифр (ИП)"),
    ],
)
def test_malformed_inn(value, message):
    with pytest.raises(IdentifierError) as exc:
        clean_inn(value)
    assert exc.value.message == message


@pytest.mark.parametrize("value", ["770701001", "7707AB001", "773301001"])
def test_kpp_shape_accepted(value):
    assert clean_kpp(value) == value


def test_kpp_lowercase_letters_are_normalised():
    assert clean_kpp("7707ab001") == "7707AB001"


@pytest.mark.parametrize("value", ["77070100", "7707010011", "7707-1A-001x", "77A701001", "7707!!001"])
def test_kpp_wrong_shape_refused(value):
    with pytest.raises(IdentifierError) as exc:
        clean_kpp(value)
    assert exc.value.field == "kpp"


def test_valid_ogrn():
    assert clean_ogrn("1027700132195", individual=False) == "1027700132195"


def test_ogrn_wrong_checksum():
    with pytest.raises(IdentifierError) as exc:
        clean_ogrn("1027700132196", individual=False)
    assert exc.value.message == "Неверная контрольная сумма ОГРН: проверьте номер"


def test_ogrnip_with_remainder_ten_is_valid_although_stdnum_rejects_it():
    # int("30450011600018") % 13 == 10, so the check digit is 0.
    assert int("30450011600018") % 13 == 10
    assert not stdnum_ogrn.is_valid("304500116000180")
    assert clean_ogrn("304500116000180", individual=True) == "304500116000180"


def test_ogrnip_wrong_checksum():
    with pytest.raises(IdentifierError) as exc:
        clean_ogrn("304500116000181", individual=True)
    assert exc.value.message == "Неверная контрольная сумма ОГРНИП: проверьте номер"


def test_ogrnip_needs_fifteen_digits_for_an_individual():
    with pytest.raises(IdentifierError) as exc:
        clean_ogrn("1027700132195", individual=True)
    assert exc.value.message == "ОГРНИП должен содержать 15 цифр"


def test_ogrnip_must_start_with_3_or_4():
    with pytest.raises(IdentifierError) as exc:
        clean_ogrn(make_ogrn("50450011600018"), individual=True)
    assert exc.value.message == "ОГРНИП должен начинаться с цифры 3 или 4"


@given(st.from_regex(r"\A[1-9][0-9]{8}\Z"))
def test_generated_legal_inn_is_valid(body):
    assert clean_inn(make_inn(body)) == make_inn(body)


@given(st.from_regex(r"\A[1-9][0-9]{9}\Z"))
def test_generated_individual_inn_is_valid(body):
    assert clean_inn(make_inn(body)) == make_inn(body)


@given(st.from_regex(r"\A[34][0-9]{13}\Z"))
def test_generated_ogrnip_is_valid_and_agrees_with_stdnum_when_remainder_below_ten(body):
    number = make_ogrn(body)
    assert clean_ogrn(number, individual=True) == number
    if int(body) % 13 < 10:
        assert stdnum_ogrn.is_valid(number)
