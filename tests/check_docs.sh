#!/bin/sh
# check_docs.sh CROSSTASK - every scope kind of the built-in packs is documented in
# docs/scope-kinds.md (what it finds, why it is a bug, an example, the fix) and the testdata files
# a section names exist. Prints one line per failure and "N passed, M failed".
set -u
bin=${1:-build/crosstask}
doc=docs/scope-kinds.md
passed=0
failed=0
kinds=$("$bin" --list-rules 2>/dev/null | awk '/^scope kinds:/{s=1;next} /^[a-z]/{s=0} s && /^  [a-z]/{print $1}')
if [ -z "$kinds" ]; then
    echo "check_docs: $bin --list-rules listed no scope kinds"
    echo "0 passed, 1 failed"
    exit 1
fi
for kind in $kinds; do
    section=$(awk -v k="## \`$kind\`" '$0 == k {s=1; next} /^## /{s=0} s' "$doc")
    ok=1
    if [ -z "$section" ]; then
        echo "$doc: no section for scope kind '$kind'"
        ok=0
    else
        for part in "What it finds" "Why it is a bug" "Example" "Fix"; do
            if ! printf '%s\n' "$section" | grep -q "\*\*$part:\*\*"; then
                echo "$doc: section '$kind' has no '$part'"
                ok=0
            fi
        done
        for f in $(printf '%s\n' "$section" | grep -oE 'testdata/[A-Za-z0-9_/.-]*\.(cpp|c)'); do
            if [ ! -f "$f" ]; then
                echo "$doc: section '$kind' names $f, which does not exist"
                ok=0
            fi
        done
    fi
    if [ "$ok" = 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
