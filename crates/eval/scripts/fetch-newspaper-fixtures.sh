#!/usr/bin/env bash
# Fetches the test pages of the `newspaper4k` PyPI package (MIT: news pages of 2013-2023 from CNN,
# TIME, Wired, cleveland.com, Fox 13 and others, in English and seven other languages, each with
# the article text, title and date newspaper4k extracts) from PyPI into target/fixtures/newspaper4k,
# for `newsgraph eval html --set newspaper` and the test that runs it. The source tarball is
# checked against its SHA-256; nothing else is downloaded.
# Usage: crates/eval/scripts/fetch-newspaper-fixtures.sh [DEST]   (run from the repository root)
set -euo pipefail
dest=${1:-target/fixtures/newspaper4k}
version=0.9.6
sha256=a3f2f0e017dddb6f1019ee77aaa8980e13e6ecea0b949abc7167aae4770d2d0e
url=https://files.pythonhosted.org/packages/b6/20/733d9dd3adfb6295454e6ba81f6407d96bf66bfda36c75c99b1f99accbf0/newspaper4k-$version.tar.gz
if [ -f "$dest/tests/data/txt/cnn_article.txt" ]; then
  exit 0
fi
mkdir -p "$dest"
tarball="$dest/newspaper4k-$version.tar.gz"
if ! curl -fsSL --retry 2 -o "$tarball" "$url"; then
  python3 -m pip download --quiet --no-deps --no-binary :all: "newspaper4k==$version" -d "$dest"
fi
echo "$sha256  $tarball" | sha256sum -c --quiet -
tar -xzf "$tarball" -C "$dest" --strip-components=1 \
  "newspaper4k-$version/tests/data/html" "newspaper4k-$version/tests/data/txt" \
  "newspaper4k-$version/tests/data/metadata" "newspaper4k-$version/LICENSE"
echo "newspaper4k $version test pages in $dest/tests/data"
