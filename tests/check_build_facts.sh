#!/bin/sh
# check_build_facts.sh - facts as build outputs: the CMake + Ninja recipe (cmake/CrosstaskFacts.cmake)
# and the Makefile pattern rule (tests/facts_project/Makefile) build one facts file per source of
# a small multi-file project (tests/facts_project), and `crosstask --facts` on them prints, in
# every format, byte for byte what `crosstask -p` prints on the same build; each recipe rebuilds
# the facts of the sources a header edit touches and no others; a corrupt, truncated, foreign
# or other-version facts file is refused with an error naming it. Every input lives in a
# mktemp -d directory, removed at exit.
#
#   sh tests/check_build_facts.sh build/crosstask          (from the repository root)
#
# Prints one line per failed check, "check_build_facts: CASE: ...", then "N passed, M failed";
# exits 0 iff M is 0. Without cmake or ninja the CMake part is skipped with a note (make deps
# installs both).

if [ $# -ne 1 ]; then
    echo "usage: sh tests/check_build_facts.sh path/to/crosstask" >&2
    exit 2
fi
case $1 in
    /*) BIN=$1 ;;
    *) BIN=$(pwd)/$1 ;;
esac
ROOT=$(pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/check_build_facts.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
trap 'exit 130' HUP INT TERM
export XDG_CACHE_HOME="$T/cache"
PASSED=0
FAILED=0

ok() {
    PASSED=$((PASSED + 1))
}

fail() {
    FAILED=$((FAILED + 1))
    printf 'check_build_facts: %s: %s\n' "$1" "$2"
}

# same_as_p CASE DIR FACTS-DIR DB-DIR [FILE...]: in DIR, --facts FACTS-DIR and -p DB-DIR print
# the same, in each format (but for the run's seconds), and exit the same, with a finding.
same_as_p() {
    scase=$1
    sdir=$2
    sfacts=$3
    sdb=$4
    shift 4
    for fmt in text json sarif; do
        (cd "$sdir" && "$BIN" -f "$fmt" --facts "$sfacts" "$@") >"$T/f.out" 2>"$T/f.err"
        frc=$?
        (cd "$sdir" && "$BIN" -f "$fmt" --no-cache -p "$sdb" "$@") >"$T/p.out" 2>"$T/p.err"
        prc=$?
        sed 's/"seconds": *[-+.0-9eE]*//' "$T/f.out" >"$T/f.cmp"
        sed 's/"seconds": *[-+.0-9eE]*//' "$T/p.out" >"$T/p.cmp"
        if [ "$frc" -ne "$prc" ] || [ "$frc" -ne 1 ]; then
            fail "$scase-$fmt" "exit status 1 from both, got $frc from --facts, $prc from -p ($(head -n 1 "$T/f.err"))"
        elif ! cmp -s "$T/f.cmp" "$T/p.cmp" || ! cmp -s "$T/f.err" "$T/p.err"; then
            fail "$scase-$fmt" "the same output, got: $(diff "$T/f.cmp" "$T/p.cmp" | sed -n 2p)"
        else
            ok
        fi
    done
}

# refused CASE FILE FRAGMENT: --facts on a folder holding FILE exits 2 naming FILE and saying FRAGMENT.
refused() {
    mkdir -p "$T/bad"
    rm -f "$T/bad"/*
    cp "$2" "$T/bad/bad.ctf"
    "$BIN" --facts "$T/bad" >"$T/r.out" 2>"$T/r.err"
    rrc=$?
    if [ "$rrc" -ne 2 ]; then
        fail "$1" "exit status 2, got $rrc ($(head -n 1 "$T/r.err"))"
    elif ! grep -q "^$T/bad/bad.ctf: error: .*$3" "$T/r.err"; then
        fail "$1" "'$T/bad/bad.ctf: error: ...$3' on stderr, got: $(head -n 1 "$T/r.err")"
    else
        ok
    fi
}

cp -R "$ROOT/tests/facts_project" "$T/proj" || exit 2
P=$T/proj

# --- the CMake + Ninja recipe -------------------------------------------------------------------
if command -v cmake >/dev/null 2>&1 && command -v ninja >/dev/null 2>&1; then
    B=$T/cmake
    if ! cmake -G Ninja -S "$P" -B "$B" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
        -DCROSSTASK="$BIN" -DCROSSTASK_CMAKE_DIR="$ROOT/cmake" >"$T/cmake.log" 2>&1; then
        fail cmake-configure "cmake to configure the project: $(tail -n 3 "$T/cmake.log")"
    elif ! ninja -C "$B" crosstask_facts >"$T/ninja.log" 2>&1; then
        fail ninja-facts "ninja crosstask_facts to succeed: $(tail -n 3 "$T/ninja.log")"
    else
        n=$(find "$B" -name '*.ctf' | wc -l)
        [ "$n" -eq 4 ] && ok || fail ninja-facts "4 facts files, got $n"
        same_as_p ninja "$B" . .
        same_as_p ninja-file "$B" . . "$P/src/flush.c"
        ninja -C "$B" crosstask_facts >"$T/ninja.log" 2>&1
        grep -q 'no work to do' "$T/ninja.log" && ok ||
            fail ninja-up-to-date "no work on a second run, got: $(tail -n 1 "$T/ninja.log")"
        echo '/* flushed on release */' >>"$P/src/release.c"
        ninja -C "$B" crosstask_facts >"$T/ninja.log" 2>&1
        n=$(grep -c 'crosstask facts of' "$T/ninja.log")
        [ "$n" -eq 1 ] && ok || fail ninja-source-edit "1 facts file rebuilt, got $n"
        echo '/* the session */' >>"$P/include/session.h"
        ninja -C "$B" crosstask_facts >"$T/ninja.log" 2>&1
        n=$(grep -c 'crosstask facts of' "$T/ninja.log")
        [ "$n" -eq 4 ] && ok || fail ninja-header-edit "4 facts files rebuilt (the depfile), got $n"
        same_as_p ninja-after-edits "$B" . .
        CTF=$(find "$B" -name 'flush.c.ctf')
    fi
else
    echo "check_build_facts: note: cmake or ninja not found; the CMake recipe is not checked"
fi

# --- the Makefile pattern rule ------------------------------------------------------------------
if ! make -C "$P" CROSSTASK="$BIN" facts >"$T/make.log" 2>&1; then
    fail make-facts "make facts to succeed: $(tail -n 3 "$T/make.log")"
else
    n=$(find "$P/build" -name '*.ctf' | wc -l)
    [ "$n" -eq 4 ] && ok || fail make-facts "4 facts files, got $n"
    # the same commands as a compilation database, for -p
    mkdir "$P/db"
    {
        echo '['
        sep=
        for src in src/main.c src/session.c src/flush.c src/release.c; do
            printf '%s{"directory": "%s", "file": "%s",\n "command": "cc %s -c %s -o build/%s.o"}\n' \
                "$sep" "$P" "$src" "$(make -s -C "$P" print-cflags)" "$src" "${src%.c}"
            sep=,
        done
        echo ']'
    } >"$P/db/compile_commands.json"
    same_as_p make "$P" build db
    same_as_p make-file "$P" build db "$P/src/session.c"
    make -C "$P" CROSSTASK="$BIN" facts >"$T/make.log" 2>&1
    if grep -q -- '--emit-facts' "$T/make.log"; then
        fail make-up-to-date "nothing rebuilt on a second run, got: $(grep -m 1 -- '--emit-facts' "$T/make.log")"
    else
        ok
    fi
    echo '/* again */' >>"$P/include/session.h"
    make -C "$P" CROSSTASK="$BIN" facts >"$T/make.log" 2>&1
    n=$(grep -c -- '--emit-facts' "$T/make.log")
    [ "$n" -eq 4 ] && ok || fail make-header-edit "4 facts files rebuilt (the depfile), got $n"
    same_as_p make-after-edit "$P" build db
    [ -n "${CTF:-}" ] || CTF=$P/build/src/flush.o.ctf
fi

# --- refusing bad facts files -------------------------------------------------------------------
if [ -n "${CTF:-}" ] && [ -f "$CTF" ]; then
    size=$(wc -c <"$CTF")
    # the format version (bytes 9 to 12) made 999
    { head -c 8 "$CTF"; printf '\347\003\000\000'; tail -c +13 "$CTF"; } >"$T/version.ctf"
    refused other-version "$T/version.ctf" "facts format version 999, but this crosstask"
    head -c $((size / 2)) "$CTF" >"$T/truncated.ctf"
    refused truncated "$T/truncated.ctf" "corrupt facts file"
    { head -c $((size / 2)) "$CTF"; printf 'X'; tail -c +$((size / 2 + 2)) "$CTF"; } >"$T/flipped.ctf"
    refused corrupt "$T/flipped.ctf" "corrupt facts file"
    echo 'int main(void) { return 0; }' >"$T/source.ctf"
    refused not-facts "$T/source.ctf" "not a crosstask facts file"
else
    fail bad-files "a facts file to corrupt"
fi
mkdir "$T/empty"
"$BIN" --facts "$T/empty" >"$T/e.out" 2>"$T/e.err"
rc=$?
[ "$rc" -eq 2 ] && grep -q 'no facts' "$T/e.err" && ok ||
    fail no-facts "exit status 2 and 'no facts', got $rc: $(head -n 1 "$T/e.err")"
"$BIN" --emit-facts "$P/src/main.c" -- -I"$P/include" >"$T/e.out" 2>"$T/e.err"
rc=$?
[ "$rc" -eq 2 ] && grep -q 'emit-facts takes -o' "$T/e.err" && ok ||
    fail emit-without-output "exit status 2 naming -o, got $rc: $(head -n 1 "$T/e.err")"

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
