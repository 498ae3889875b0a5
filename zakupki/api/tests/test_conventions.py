"""House rules every endpoint keeps, checked over the whole API (a new router inherits them)."""

from collections.abc import Iterator

from ninja.operation import Operation

from zakupki.api.root import api
from zakupki.api.schemas.common import ERROR_CODES, ErrorOut
from zakupki.api.validation import BODY_PARAM


def operations() -> Iterator[tuple[str, Operation]]:
    for _, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                yield path, operation


def test_every_json_body_parameter_is_named_payload():
    """Field names in 422 errors drop the body parameter's name; that only works for `payload`."""
    misnamed = [
        path
        for path, operation in operations()
        for model in operation.models
        if model.__ninja_param_source__ == "body" and list(model.model_fields) != [BODY_PARAM]
    ]

    assert misnamed == []


def test_every_endpoint_documents_the_error_format():
    undocumented = [
        (path, sorted(operation.methods))
        for path, operation in operations()
        if any(
            code not in operation.response_models
            or operation.response_models[code].model_fields["response"].annotation is not ErrorOut
            for code in ERROR_CODES
        )
    ]

    assert undocumented == []
