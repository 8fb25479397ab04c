"""Property-based run of schemathesis against the service's own OpenAPI document: requests
generated from the schema (valid and invalid ones, per operation) never get a 5xx, and the
responses conform to the documented models.  Bounded by example count (a slow test)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from service_support import demo_folder, reconciled_folder

from eventwire.service import create_app

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis (a dev dependency) is not installed")
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import response_schema_conformance  # noqa: E402

pytestmark = pytest.mark.slow

#: examples per operation (and per generation mode)
MAX_EXAMPLES = 40


def run_operation(operation, mode: GenerationMode) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
              database=None)
    def check(case):
        # a request the schema forbids is answered 4xx: its body is then not checked against a 2xx model
        checks = [not_a_server_error, response_schema_conformance] if mode is GenerationMode.POSITIVE else [
            not_a_server_error]
        case.call_and_validate(checks=checks)

    check()


@pytest.fixture(scope="module", params=["reconciled", "plain"])
def schema(request, tmp_path_factory):
    folder = reconciled_folder(tmp_path_factory)[0] if request.param == "reconciled" else demo_folder(tmp_path_factory)
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(folder, max_body_bytes=256 * 1024))


def test_every_operation_is_covered(schema):
    ops = {(op.ok().method.upper(), op.ok().path) for op in schema.get_all_operations()}
    assert ops == {("GET", p) for p in ("/health", "/events", "/events/{event_id}", "/stories", "/stories/{story_id}",
                                         "/actors", "/stats", "/report")} | {("POST", "/code")}


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("path,method", [
    ("/health", "GET"), ("/events", "GET"), ("/events/{event_id}", "GET"), ("/stories", "GET"),
    ("/stories/{story_id}", "GET"), ("/actors", "GET"), ("/stats", "GET"), ("/report", "GET"), ("/code", "POST"),
])
def test_no_server_errors(schema, path, method, mode):
    if mode is GenerationMode.NEGATIVE and path in ("/health", "/stats", "/report"):
        pytest.skip("an operation without parameters or body has no invalid request to generate")
    run_operation(schema[path][method], mode)
