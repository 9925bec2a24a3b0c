#!/bin/bash
# bench/python.sh - the Python frontend's speed: crosstask on the Python sources of Debian's
# python3-anyio, python3-httpx, python3-httpcore, python3-aiohttp (those installed) and the
# standard library's asyncio, against `python3 -m py_compile` on the same files (byte-compiling
# each file into a scratch folder, in one process). Prints a markdown table: lines, seconds
# (best of 3) and lines per second for each. Part of `make bench`; docs/python.md explains it.
set -euo pipefail
crosstask=${1:-build/crosstask}
py=${PYTHON:-/usr/bin/python3}
site=/usr/lib/python3/dist-packages
stdlib=$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

best_of_3() { # best_of_3 CMD...: the best wall time of three runs, in seconds
    local best="" t s e
    for _ in 1 2 3; do
        s=$(date +%s.%N)
        "$@" >/dev/null 2>&1 || true
        e=$(date +%s.%N)
        t=$(echo "$e - $s" | bc)
        if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
    done
    echo "$best"
}

echo "| sources | files | lines | crosstask -j1 (s) | lines/s | crosstask -j2 (s) | py_compile (s) | lines/s |"
echo "|---|---|---|---|---|---|---|---|"
for name in anyio httpx httpcore aiohttp asyncio; do
    if [ "$name" = asyncio ]; then dir=$stdlib/asyncio; else dir=$site/$name; fi
    [ -d "$dir" ] || continue
    find "$dir" -name '*.py' | sort >"$tmp/files"
    n=$(wc -l <"$tmp/files")
    lines=$(xargs cat <"$tmp/files" | wc -l)
    mapfile -t files <"$tmp/files"
    t1=$(best_of_3 "$crosstask" --no-cache -j 1 "${files[@]}")
    t2=$(best_of_3 "$crosstask" --no-cache -j 2 "${files[@]}")
    tp=$(best_of_3 "$py" -c 'import py_compile, sys
for i, f in enumerate(sys.argv[2:]):
    py_compile.compile(f, cfile="%s/%d.pyc" % (sys.argv[1], i), doraise=False, quiet=2)' "$tmp" "${files[@]}")
    printf '| %s | %d | %d | %.2f | %.0f | %.2f | %.2f | %.0f |\n' "$name" "$n" "$lines" "$t1" \
        "$(echo "$lines / $t1" | bc -l)" "$t2" "$tp" "$(echo "$lines / $tp" | bc -l)"
done
