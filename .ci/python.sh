# Python tools some tests call (each skips with a note when its tool is missing):
# openapi-spec-validator checks the server's /api/openapi.json (crates/server/tests/api.rs).
if ! python3 -c "import openapi_spec_validator" 2>/dev/null; then
  python3 -m pip install --quiet --disable-pip-version-check openapi-spec-validator \
    || echo ".ci/python.sh: openapi-spec-validator not installed; its test will skip" >&2
fi
# pyspark runs the Spark job's test (crates/cli/tests/spark.rs, deploy/spark/); it needs Java 17.
if ! command -v java >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    { apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless; } >/dev/null \
      || echo ".ci/python.sh: Java not installed; the Spark test will skip" >&2
  fi
fi
if ! python3 -c "import pyspark" 2>/dev/null; then
  python3 -m pip install --quiet --disable-pip-version-check pyspark \
    || echo ".ci/python.sh: pyspark not installed; the Spark test will skip" >&2
fi
