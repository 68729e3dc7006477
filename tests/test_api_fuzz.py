"""serve.api fuzzed against its own OpenAPI document (schemathesis): whatever the
parameters and bodies, no server error, and every answer matches the document."""
from __future__ import annotations

import shutil
import warnings

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode, checks

from tacitus.serve.api import create_app, router
from test_api import AUTH, TOKEN, fill_with_samples

warnings.filterwarnings("ignore", message=".*httpx2")  # Starlette's test client asks for httpx2

pytestmark = pytest.mark.slow  # fuzzing: `make test-fast` leaves these out

EXAMPLES_PER_OPERATION = 40


@pytest.fixture(scope="module")
def fuzz_db(tmp_path_factory, pipeline):
    return fill_with_samples(tmp_path_factory.mktemp("fuzz") / "samples.db", pipeline)


# Every operation the API declares (the routes are known without a database).
OPERATIONS = sorted((method, route.path_format) for route in router.routes for method in route.methods)


@pytest.fixture()
def api_schema(fuzz_db, tmp_path):
    copy = tmp_path / "fuzzed.db"  # writes with the token may land: keep them off the shared store
    shutil.copy(fuzz_db, copy)
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(str(copy), TOKEN))


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("method,path", OPERATIONS)
def test_api_fuzz_no_server_error_and_answers_match_the_document(api_schema, method, path, mode):
    """Data that fits the document (positive) and data that breaks it (negative)."""
    operation = api_schema[path][method]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
    def call(case):
        case.call_and_validate(headers=AUTH, checks=[
            checks.not_a_server_error, checks.status_code_conformance, checks.content_type_conformance,
            checks.response_schema_conformance,
        ])

    call()
