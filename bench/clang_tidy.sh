#!/bin/bash
# bench/clang_tidy.sh CROSSTASK - crosstask's held-across-suspend against clang-tidy's two checks
# for locks at a suspension point (misc-coroutine-hostile-raii, cppcoreguidelines-no-suspend-with-lock)
# on every C++ testdata file with a co_await or co_yield: per file, what the file expects (its
# `// expect: held-across-suspend` lines), what each tool reports, and the totals. Needs
# clang-tidy-19 (Debian's clang-tidy-19); skipped with a note without it.
set -u
bin=${1:-build/crosstask}
tidy=${CLANG_TIDY:-clang-tidy-19}
if ! command -v "$tidy" >/dev/null 2>&1; then
    echo "clang_tidy.sh: $tidy not found (apt-get install clang-tidy-19); comparison skipped"
    exit 0
fi
checks='-*,misc-coroutine-hostile-raii,cppcoreguidelines-no-suspend-with-lock'
files=$(grep -lE 'co_await|co_yield' testdata/*/*.cpp | sort)
printf '%-58s %6s %10s %12s %12s\n' file expect crosstask hostile-raii suspend-lock
te=0; tc=0; th=0; ts=0
for f in $files; do
    flags=$(sed -n 's|^// flags: ||p' "$f" | head -1)
    [ -n "$flags" ] || flags="-std=c++20 -pthread"
    # shellcheck disable=SC2086
    e=$(grep -c 'expect: held-across-suspend' "$f")
    c=$("$bin" --no-cache "$f" -- $flags 2>/dev/null | grep -c '\[held-across-suspend\]')
    out=$("$tidy" --quiet --checks="$checks" "$f" -- $flags 2>/dev/null)
    h=$(printf '%s\n' "$out" | grep -c '\[misc-coroutine-hostile-raii\]')
    s=$(printf '%s\n' "$out" | grep -c '\[cppcoreguidelines-no-suspend-with-lock\]')
    printf '%-58s %6d %10d %12d %12d\n' "${f#testdata/}" "$e" "$c" "$h" "$s"
    te=$((te + e)); tc=$((tc + c)); th=$((th + h)); ts=$((ts + s))
done
printf '%-58s %6d %10d %12d %12d\n' total "$te" "$tc" "$th" "$ts"
