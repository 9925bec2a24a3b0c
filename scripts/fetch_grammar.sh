#!/bin/sh
# fetch_grammar.sh NAME VERSION INTEGRITY DIR - fetches the npm package NAME@VERSION (a tree-sitter
# grammar) with npm, checks its tarball against INTEGRITY (npm's sha512-BASE64 form), unpacks it
# into DIR and checks that its generated parser's grammar ABI is one the installed tree-sitter
# runtime accepts. Nothing fetched is committed: DIR is under build/ (make clean removes it).
set -eu
name=$1 version=$2 integrity=$3 dir=$4
command -v npm >/dev/null 2>&1 || {
    echo "fetch_grammar: npm not found: run 'make deps' (apt-get install npm)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
( cd "$tmp" && npm pack --silent --fetch-retries=2 --fetch-timeout=60000 "$name@$version" >/dev/null ) || {
    echo "fetch_grammar: npm could not fetch $name@$version (no network? an npm cache with it works offline)" >&2
    exit 1; }
tgz=$(ls "$tmp"/*.tgz)
got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 | tr -d '\n')"
if [ "$got" != "$integrity" ]; then
    echo "fetch_grammar: $name@$version: integrity mismatch (got $got, expected $integrity)" >&2
    exit 1
fi
mkdir -p "$tmp/x"
tar -xzf "$tgz" -C "$tmp/x"
abi=$(sed -n 's/^#define LANGUAGE_VERSION \([0-9]*\).*/\1/p' "$tmp/x/package/src/parser.c")
hdr=/usr/include/tree_sitter/api.h
if [ -f "$hdr" ]; then
    max=$(sed -n 's/^#define TREE_SITTER_LANGUAGE_VERSION \([0-9]*\).*/\1/p' "$hdr")
    min=$(sed -n 's/^#define TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION \([0-9]*\).*/\1/p' "$hdr")
    if [ -n "$max" ] && { [ "$abi" -gt "$max" ] || [ "$abi" -lt "$min" ]; }; then
        echo "fetch_grammar: $name@$version has grammar ABI $abi; the tree-sitter runtime accepts $min..$max" >&2
        exit 1
    fi
fi
rm -rf "$dir"
mkdir -p "$(dirname "$dir")"
mv "$tmp/x/package" "$dir"
echo "fetch_grammar: $name@$version (grammar ABI $abi) in $dir"
