# Python tools some tests call (each skips with a note when its tool is missing):
# openapi-spec-validator checks the server's /api/openapi.json (crates/server/tests/api.rs).
if ! python3 -c "import openapi_spec_validator" 2>/dev/null; then
  python3 -m pip install --quiet --disable-pip-version-check openapi-spec-validator \
    || echo ".ci/python.sh: openapi-spec-validator not installed; its test will skip" >&2
fi
