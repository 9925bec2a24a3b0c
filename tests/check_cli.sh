#!/bin/sh
# check_cli.sh - the crosstask command against a catalogue of bad inputs: missing, binary and
# broken files, bad options and rule packs, odd file names in JSON output, huge and deeply nested
# programs, -j determinism. Each case has the exit status (and message) it must give; no case may
# crash (exit status >= 128, or a sanitizer report on standard error) or hang (120 s each).
# Never writes into the source tree: every input lives in a mktemp -d directory, removed at exit.
#
#   sh tests/check_cli.sh build/crosstask            (from the repository root)
#
# Prints one line per failed check, "check_cli: CASE: expected ..., got ...", then
# "N passed, M failed"; exits 0 iff M is 0.

if [ $# -ne 1 ]; then
    echo "usage: sh tests/check_cli.sh path/to/crosstask" >&2
    exit 2
fi
case $1 in
    /*) BIN=$1 ;;
    *) BIN=$(pwd)/$1 ;;
esac
ROOT=$(pwd)
if [ ! -x "$BIN" ]; then
    echo "check_cli: $1 is not an executable" >&2
    exit 2
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/check_cli.XXXXXX") || exit 2
WRITER=
cleanup() {
    if [ -n "$WRITER" ]; then
        kill "$WRITER" 2>/dev/null
    fi
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' HUP INT TERM

IN=$T/in     # the inputs, and the working directory of every run but the -j ones
OUT=$T/out   # what the runs print, and -o targets
CACHE=$T/cache  # XDG_CACHE_HOME of the runs: the user's own cache is neither read nor written
mkdir "$IN" "$OUT" || exit 2

PASSED=0
FAILED=0
RC=0
BROKEN=0

pass() {
    PASSED=$((PASSED + 1))
}

# fail CASE WHAT-WAS-EXPECTED WHAT-WAS-GOT
fail() {
    FAILED=$((FAILED + 1))
    printf 'check_cli: %s: expected %s, got %s\n' "$1" "$2" "$3"
}

# The first line of FILE, shortened, for a failure message.
first_line() {
    if [ -s "$1" ]; then
        sed -n '1{s/^\(.\{0,120\}\).*/\1/;p;}' "$1"
    else
        echo "nothing"
    fi
}

# run CASE DIR ARGS...: runs crosstask in DIR with ARGS under a 120 s timeout, standard output
# to $OUT/stdout, standard error to $OUT/stderr, exit status in RC. Checks it neither crashed,
# hung nor drew a sanitizer report; the caller checks the rest.
run() {
    rcase=$1
    rdir=$2
    shift 2
    # (the braces keep the shell's own "Segmentation fault" line off our output)
    {
        (cd "$rdir" && XDG_CACHE_HOME=$CACHE && export XDG_CACHE_HOME &&
            exec timeout 120 "$BIN" "$@") >"$OUT/stdout" 2>"$OUT/stderr" </dev/null
        RC=$?
    } 2>/dev/null
    BROKEN=1
    if [ "$RC" -eq 124 ]; then
        fail "$rcase" "no hang" "no answer within 120 s"
    elif [ "$RC" -ge 128 ]; then
        fail "$rcase" "no crash" "exit status $RC (killed by signal $((RC - 128)))"
    elif grep -E -q 'Sanitizer|runtime error:' "$OUT/stderr"; then
        fail "$rcase" "no sanitizer report" \
            "$(grep -E -m 1 'Sanitizer|runtime error:' "$OUT/stderr")"
    else
        BROKEN=0
        pass
    fi
}

# status CASE WANT...: the exit status of the last run is one of WANT (not checked again when
# the run crashed or hung: that failure is already counted).
status() {
    scase=$1
    shift
    [ "$BROKEN" -eq 0 ] || return 1
    for want in "$@"; do
        if [ "$RC" -eq "$want" ]; then
            pass
            return 0
        fi
    done
    want=$(echo "$*" | sed 's/ / or /g')
    fail "$scase" "exit status $want" "$RC ($(first_line "$OUT/stderr"))"
    return 1
}

# has CASE STREAM FRAGMENT: standard output or error (STREAM) of the last run contains
# FRAGMENT, a fixed string.
has() {
    if grep -F -q -e "$3" "$OUT/$2"; then
        pass
    else
        fail "$1" "'$3' on $2" "$(first_line "$OUT/$2")"
    fi
}

# has_re CASE STREAM REGEX: the same with an extended regular expression.
has_re() {
    if grep -E -q -e "$3" "$OUT/$2"; then
        pass
    else
        fail "$1" "/$3/ on $2" "$(first_line "$OUT/$2")"
    fi
}

# empty CASE STREAM: nothing was printed on STREAM.
empty() {
    if [ -s "$OUT/$2" ]; then
        fail "$1" "nothing on $2" "$(first_line "$OUT/$2")"
    else
        pass
    fi
}

# The JSON checker: python3, else jq (with iconv for UTF-8), else none.
if command -v python3 >/dev/null 2>&1; then
    JSON_TOOL=python3
elif command -v jq >/dev/null 2>&1; then
    JSON_TOOL=jq
else
    JSON_TOOL=
    echo "check_cli: note: neither python3 nor jq found; JSON validity is not checked"
fi

# json_valid CASE FILE: FILE is one valid JSON document in UTF-8.
json_valid() {
    case $JSON_TOOL in
        python3)
            if python3 -c 'import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    json.load(f)' "$2" 2>"$OUT/json_error"; then
                pass
            else
                fail "$1" "valid JSON (python3)" "$(tail -n 1 "$OUT/json_error")"
            fi ;;
        jq)
            if ! jq empty <"$2" 2>"$OUT/json_error"; then
                fail "$1" "valid JSON (jq)" "$(first_line "$OUT/json_error")"
            elif command -v iconv >/dev/null 2>&1 &&
                ! iconv -f UTF-8 -t UTF-8 <"$2" >/dev/null 2>&1; then
                fail "$1" "UTF-8 JSON" "bytes that are not UTF-8"
            else
                pass
            fi ;;
        *) ;;
    esac
}

# json_has_file CASE FILE NAME: (python3 only) a finding's location.file in FILE is NAME.
json_has_file() {
    [ "$JSON_TOOL" = python3 ] || return 0
    if python3 -c 'import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    doc = json.load(f)
names = [x["location"]["file"] for x in doc["findings"]]
sys.exit(0 if sys.argv[2] in names else 1)' "$2" "$3" 2>/dev/null; then
        pass
    else
        fail "$1" "a finding located in the file as named" "$(grep -m 1 '"file"' "$2")"
    fi
}

# --- inputs ----------------------------------------------------------------------------------

# A complete program with one cross-thread unlock: main locks, the worker unlocks.
cat >"$IN/bug.c" <<'EOF'
#include <pthread.h>
#include <stddef.h>

static pthread_mutex_t g_state_mu = PTHREAD_MUTEX_INITIALIZER;
static int g_state;

static void *worker_main(void *arg)
{
    (void)arg;
    g_state++;
    pthread_mutex_unlock(&g_state_mu);
    return NULL;
}

int main(void)
{
    pthread_t tid;

    pthread_mutex_lock(&g_state_mu);
    if (pthread_create(&tid, NULL, worker_main, NULL) != 0)
        return 1;
    pthread_join(tid, NULL);
    return g_state;
}
EOF

# The same bug next to a function that does not parse.
awk '/^int main\(void\)$/ { print "static int broken(void) { return 1 +; }"; print "" }
     { print }' "$IN/bug.c" >"$IN/syntax_error.c"
# The same bug in a file that includes a header that does not exist.
awk '{ print } /^#include <stddef.h>$/ { print "#include \"no_such_header.h\"" }' \
    "$IN/bug.c" >"$IN/missing_header.c"

: >"$IN/empty.c"
mkdir "$IN/a_directory.c"
# Binary junk: an ELF-like header with NUL bytes, then every other byte value.
printf '\177ELF\002\001\001\000\000\000\000\000\000\000\000\000\003\000>\000' >"$IN/junk.c"
awk 'BEGIN { for (r = 0; r < 16; r++) for (i = 1; i < 256; i++) printf "%c", i }' \
    </dev/null >>"$IN/junk.c"

# Rule packs: malformed JSON (a comma missing at the end of line 4), a key of the wrong type.
cat >"$IN/malformed.json" <<'EOF'
{
  "pack": "session",
  "schema_version": 1,
  "summary": "the project's own session locks"
  "see": "https://example.com/session"
}
EOF
cat >"$IN/wrong_type.json" <<'EOF'
{
  "pack": "session",
  "schema_version": 1,
  "summary": "the project's own session locks",
  "see": "https://example.com/session",
  "scopes": [
    {"kind": "session-lock", "affinity": "thread",
     "summary": "A session lock is owned by the thread that took it.",
     "title": "session lock", "enter_verb": "locked", "exit_verb": "unlocked",
     "enter": [{"call": 42, "resource": 0}],
     "exit": [{"call": "session_unlock", "resource": 0}]}
  ]
}
EOF

# Odd file names, each a copy of bug.c, each analysed alone (each has its own main).
NL='
'
LATIN1=$(printf 'caf\351')
NAME_SPACE='with space.c'
NAME_QUOTE='say "hi".c'
NAME_BACKSLASH='back\slash.c'
NAME_UNICODE='ünïcødé_日本.c'
NAME_LATIN1="latin1_$LATIN1.c"
NAME_NEWLINE="new${NL}line.c"
for name in "$NAME_SPACE" "$NAME_QUOTE" "$NAME_BACKSLASH" "$NAME_UNICODE" "$NAME_LATIN1" \
    "$NAME_NEWLINE"; do
    cp "$IN/bug.c" "$IN/$name"
done
# Bytes that are not UTF-8 in a string literal and in a comment of the source, and in the name of
# a header that is not found (so in an error message).
{
    printf '/* \351t\351 \377\376 -- not UTF-8 */\n'
    printf 'static const char *g_banner = "caf\351 \377";\n'
    cat "$IN/bug.c"
} >"$IN/bytes.c"
{
    printf '#include "na\357ve_\351.h"\n'
    cat "$IN/bug.c"
} >"$IN/bytes_header.c"

# 60,000 small functions.
awk 'BEGIN {
    for (i = 0; i < 60000; i++)
        printf "static int step_%d(int x) { return x + %d; }\n", i, i % 7
    print "int main(void)\n{\n    int x = 0;"
    for (i = 0; i < 60000; i += 997)
        printf "    x = step_%d(x);\n", i
    print "    return x & 1;\n}"
    for (i = 0; i < 60000; i++)
        if (i % 997 != 0)
            printf "int use_%d(int x) { return step_%d(x); }\n", i, i
}' </dev/null >"$IN/many_functions.c"

# 3,000-deep nesting of if statements without braces, of parentheses, and of braces.
nest() {
    awk -v depth="$1" -v kind="$2" 'BEGIN {
        if (kind == "if") {
            print "int main(int argc, char **argv)\n{\n    (void)argv;"
            for (i = 0; i < depth; i++)
                printf "if (argc > %d)\n", i
            print "    return 1;\n    return 0;\n}"
        } else if (kind == "paren") {
            printf "int main(void)\n{\n    int x = 1;\n    return "
            for (i = 0; i < depth; i++) printf "("
            printf "x"
            for (i = 0; i < depth; i++) printf ")"
            print ";\n}"
        } else {
            print "int main(void)\n{\n    int x = 0;"
            for (i = 0; i < depth; i++) print "{ x++;"
            for (i = 0; i < depth; i++) print "}"
            print "    return x;\n}"
        }
    }' </dev/null
}
nest 3000 if >"$IN/nest_if.c"
nest 3000 paren >"$IN/nest_paren.c"
nest 3000 brace >"$IN/nest_brace.c"
nest 30000 if >"$IN/nest_if_30000.c"

# A named pipe: `crosstask <(git show HEAD:x.c)` hands over a pipe, which clang reads.
FIFO_OK=0
if mkfifo "$IN/pipe.c" 2>/dev/null; then
    FIFO_OK=1
fi

# Everything in $IN from here on was made by this script; nothing may appear there.
ls -a "$IN" >"$OUT/inputs_before"

# --- files that cannot be analysed -----------------------------------------------------------

run missing-file "$IN" no_such_file.c
status missing-file 3
has missing-file stderr no_such_file.c

run missing-file-and-bug "$IN" no_such_file.c bug.c -- -std=c11 -pthread
status missing-file-and-bug 3
has missing-file-and-bug stderr no_such_file.c
has missing-file-and-bug stderr '1 of 2 files not analysed: no_such_file.c'
has missing-file-and-bug stderr 'the other 1 file was analysed in full'
has missing-file-and-bug stdout '[cross-task-exit]'

run directory "$IN" a_directory.c
status directory 3
has directory stderr a_directory.c

run binary-junk "$IN" junk.c
status binary-junk 3
has binary-junk stderr junk.c

run empty-file "$IN" empty.c
status empty-file 0
empty empty-file stdout
empty empty-file stderr

# A database written for gcc: warning flags clang does not know are no noise on standard error
run gcc-only-warning-flags "$IN" empty.c -- -Wlogical-op -Wnormalized=id -Wformat-signedness
status gcc-only-warning-flags 0
empty gcc-only-warning-flags stderr

run syntax-error-and-bug "$IN" syntax_error.c -- -std=c11 -pthread
status syntax-error-and-bug 3
has_re syntax-error-and-bug stderr '^syntax_error\.c:[0-9]+:[0-9]+: error: '
has syntax-error-and-bug stdout "unlocked in thread 'worker_main'"
# Again, now that the cache has seen the file: the error must not be forgotten.
run syntax-error-and-bug-again "$IN" syntax_error.c -- -std=c11 -pthread
status syntax-error-and-bug-again 3
has_re syntax-error-and-bug-again stderr '^syntax_error\.c:[0-9]+:[0-9]+: error: '
has syntax-error-and-bug-again stdout "unlocked in thread 'worker_main'"

run missing-header "$IN" missing_header.c -- -std=c11 -pthread
status missing-header 3
has missing-header stderr no_such_header.h
has missing-header stdout "unlocked in thread 'worker_main'"

if [ "$FIFO_OK" -eq 1 ]; then
    cat "$IN/bug.c" >"$IN/pipe.c" &
    WRITER=$!
    run named-pipe "$IN" pipe.c -- -std=c11 -pthread
    status named-pipe 1 3
    kill "$WRITER" 2>/dev/null
    wait "$WRITER" 2>/dev/null
    WRITER=
fi

# --- usage errors ----------------------------------------------------------------------------

run unknown-option "$IN" --no-such-option bug.c
status unknown-option 2
has unknown-option stderr --no-such-option
empty unknown-option stdout

run format-xml "$IN" -f xml bug.c
status format-xml 2
has format-xml stderr xml

run jobs-0 "$IN" -j 0 bug.c
status jobs-0 2
has jobs-0 stderr -j

run no-input-files "$IN" -- -std=c11
status no-input-files 2
has no-input-files stderr 'no input'

run output-missing-dir "$IN" -o "$OUT/no_such_dir/report.txt" bug.c -- -std=c11 -pthread
status output-missing-dir 2
has output-missing-dir stderr no_such_dir/report.txt
empty output-missing-dir stdout

# --- rule packs ------------------------------------------------------------------------------

run pack-malformed-json "$IN" -r malformed.json bug.c
status pack-malformed-json 2
has_re pack-malformed-json stderr 'malformed\.json:5:[0-9]+: error: '

run pack-wrong-type "$IN" -r wrong_type.json bug.c
status pack-wrong-type 2
has pack-wrong-type stderr 'scopes[0].enter[0].call'
has pack-wrong-type stderr wrong_type.json

run pack-missing "$IN" -r no_such_pack.json bug.c
status pack-missing 2
has pack-missing stderr no_such_pack.json

# --- information -----------------------------------------------------------------------------

run explain "$IN" --explain cross-task-exit
status explain 0
has explain stdout 'What it does'

run explain-unknown "$IN" --explain nope
status explain-unknown 2
has explain-unknown stderr nope

run list-rules "$IN" --list-rules
status list-rules 0
has list-rules stdout pthread-mutex

run version "$IN" --version
status version 0
has version stdout crosstask

run help "$IN" --help
status help 0
has help stdout usage

# --- output ----------------------------------------------------------------------------------

run output-file "$IN" -o "$OUT/report.txt" bug.c -- -std=c11 -pthread
status output-file 1
empty output-file stdout
if grep -F -q "unlocked in thread 'worker_main'" "$OUT/report.txt" 2>/dev/null; then
    pass
else
    fail output-file "the finding in the -o file" "$(first_line "$OUT/report.txt")"
fi

run json-bug "$IN" -f json bug.c -- -std=c11 -pthread
status json-bug 1
json_valid json-bug "$OUT/stdout"

for name in "$NAME_SPACE" "$NAME_QUOTE" "$NAME_BACKSLASH" "$NAME_UNICODE" "$NAME_LATIN1" \
    "$NAME_NEWLINE"; do
    label=$(printf '%s' "$name" | tr -c 'A-Za-z0-9_.-' '?')
    run "json-name '$label'" "$IN" -f json "$name" -- -std=c11 -pthread
    status "json-name '$label'" 1
    json_valid "json-name '$label'" "$OUT/stdout"
    case $name in
        "$NAME_LATIN1") ;; # not UTF-8: JSON cannot hold it as it is
        *) json_has_file "json-name '$label'" "$OUT/stdout" "$name" ;;
    esac
done

run json-names-together "$IN" -f json "$NAME_SPACE" "$NAME_QUOTE" "$NAME_BACKSLASH" \
    "$NAME_UNICODE" "$NAME_LATIN1" "$NAME_NEWLINE" syntax_error.c no_such_file.c \
    -- -std=c11 -pthread
status json-names-together 3
json_valid json-names-together "$OUT/stdout"

run json-bytes-in-source "$IN" -f json bytes.c -- -std=c11 -pthread
status json-bytes-in-source 1
json_valid json-bytes-in-source "$OUT/stdout"

run json-bytes-in-error "$IN" -f json bytes_header.c -- -std=c11 -pthread
status json-bytes-in-error 3
json_valid json-bytes-in-error "$OUT/stdout"

run text-bytes-in-source "$IN" bytes.c -- -std=c11 -pthread
status text-bytes-in-source 1

# --- size and depth --------------------------------------------------------------------------

run many-functions "$IN" many_functions.c -- -std=c11
status many-functions 0

# clang stops at a bracket depth of 256 by default (exit 3 then); never a crash.
run nest-if-3000 "$IN" nest_if.c -- -std=c11
status nest-if-3000 0 3
run nest-paren-3000 "$IN" nest_paren.c -- -std=c11
status nest-paren-3000 0 3
run nest-brace-3000 "$IN" nest_brace.c -- -std=c11
status nest-brace-3000 0 3
# The same with the limit raised, as a user may: the parser then really goes 3,000 deep.
run nest-paren-3000-bracket-depth "$IN" nest_paren.c -- -std=c11 -fbracket-depth=4000
status nest-paren-3000-bracket-depth 0 3
run nest-brace-3000-bracket-depth "$IN" nest_brace.c -- -std=c11 -fbracket-depth=4000
status nest-brace-3000-bracket-depth 0 3
run nest-if-30000 "$IN" nest_if_30000.c -- -std=c11
status nest-if-30000 0 3

# --- -j determinism, and nothing written -----------------------------------------------------

ls -a "$IN" >"$OUT/inputs_after"
if cmp -s "$OUT/inputs_before" "$OUT/inputs_after"; then
    pass
else
    fail no-writes "no new file next to the inputs or in the working directory" \
        "$(diff "$OUT/inputs_before" "$OUT/inputs_after" | grep '^>' | head -n 3 | tr '\n' ' ')"
fi

set -- "$ROOT"/testdata/spawn/*.c
if [ -f "$1" ]; then
    # Relative names, from the repository root, as a user would type them.
    set --
    for f in testdata/spawn/*.c; do
        set -- "$@" "$f"
    done
    snapshot() {
        ls -a "$ROOT"
        if command -v git >/dev/null 2>&1; then
            git -C "$ROOT" status --porcelain --untracked-files=all -- testdata rules 2>/dev/null
        fi
    }
    snapshot >"$OUT/tree_before"
    # -j 1 and -j 2 each with an empty cache, then -j 2 again with everything from the cache.
    CACHE=$T/cache_j1
    run jobs-1 "$ROOT" -j 1 -f json "$@" -- -std=c11 -pthread
    status jobs-1 0 1
    sed 's/"seconds": *[-+.0-9eE]*//' "$OUT/stdout" >"$OUT/jobs1.json"
    CACHE=$T/cache_j2
    run jobs-2 "$ROOT" -j 2 -f json "$@" -- -std=c11 -pthread
    status jobs-2 0 1
    json_valid jobs-2 "$OUT/stdout"
    sed 's/"seconds": *[-+.0-9eE]*//' "$OUT/stdout" >"$OUT/jobs2.json"
    run jobs-2-cached "$ROOT" -j 2 -f json "$@" -- -std=c11 -pthread
    status jobs-2-cached 0 1
    sed 's/"seconds": *[-+.0-9eE]*//' "$OUT/stdout" >"$OUT/jobs2c.json"
    snapshot >"$OUT/tree_after"
    if cmp -s "$OUT/jobs1.json" "$OUT/jobs2.json"; then
        pass
    else
        fail jobs-1-vs-2 "the same JSON for -j 1 and -j 2 but for seconds" \
            "$(diff "$OUT/jobs1.json" "$OUT/jobs2.json" | sed -n 2p)"
    fi
    if cmp -s "$OUT/jobs2.json" "$OUT/jobs2c.json"; then
        pass
    else
        fail jobs-2-vs-cached "the same JSON with and without the cache but for seconds" \
            "$(diff "$OUT/jobs2.json" "$OUT/jobs2c.json" | sed -n 2p)"
    fi
    if cmp -s "$OUT/tree_before" "$OUT/tree_after"; then
        pass
    else
        fail no-writes-in-tree "the source tree unchanged" \
            "$(diff "$OUT/tree_before" "$OUT/tree_after" | grep '^[<>]' | head -n 3 | tr '\n' ' ')"
    fi
else
    echo "check_cli: note: no testdata/spawn/*.c under $ROOT; -j determinism not checked"
fi

# --- compilation databases ------------------------------------------------------------------

# Assembly is skipped with a note, not parsed as C; a file listed with two sets of flags (a
# single-threaded static build, then a multi-threaded shared one) is analysed in each, and a
# finding is reported once.
DB=$IN/db
mkdir -p "$DB"
cat >"$DB/pool.c" <<'EOF_POOL'
#include <pthread.h>
static pthread_mutex_t g_pool_mu = PTHREAD_MUTEX_INITIALIZER;
#ifdef POOL_MULTITHREAD
static void *pool_worker(void *arg)
{
    (void)arg;
    pthread_mutex_unlock(&g_pool_mu);
    return 0;
}
int pool_start(void)
{
    pthread_t t;
    pthread_mutex_lock(&g_pool_mu);
    pthread_create(&t, 0, pool_worker, 0);
    return pthread_join(t, 0);
}
#else
int pool_start(void) { return 0; }
#endif
EOF_POOL
printf 'int pool_start(void);\nint main(void) { return pool_start(); }\n' >"$DB/main.c"
printf '.globl fast_copy\nfast_copy:\n\tret\n' >"$DB/fast_copy.S"
cat >"$DB/compile_commands.json" <<EOF_DB
[
 {"directory": "$DB", "file": "pool.c", "command": "cc -c -O2 pool.c -o pool.o"},
 {"directory": "$DB", "file": "fast_copy.S", "command": "cc -c fast_copy.S -o fast_copy.o"},
 {"directory": "$DB", "file": "pool.c", "command": "cc -c -O2 pool.c -o pool.o"},
 {"directory": "$DB", "file": "pool.c",
  "command": "cc -c -O2 -fPIC -DPOOL_MULTITHREAD -pthread pool.c -o pool.pic.o"},
 {"directory": "$DB", "file": "main.c", "command": "cc -c main.c -o main.o"}
]
EOF_DB
run db-asm-and-configs "$IN" --no-cache --stats -p db
status db-asm-and-configs 1
has db-asm-and-configs stderr 'skipped 1 entry'
has db-asm-and-configs stderr 'fast_copy.S'
has db-asm-and-configs stderr 'reached by no task'
has db-asm-and-configs stdout 'pool.c:7:5: warning:'
if [ "$(grep -c 'warning:' "$OUT/stdout")" -eq 1 ]; then
    pass
else
    fail db-configs-once "one finding for the two configurations" "$(grep -c 'warning:' "$OUT/stdout")"
fi

# A header's inline function with a null test, in two files: the second file's copy is dropped
# as it finishes, and its other functions (null tests too) are kept; nothing may point into
# what was dropped (a use after free once)
O=$IN/optional
mkdir -p "$O"
cat >"$O/base.h" <<'EOF_BASE'
#include <pthread.h>
#include <stddef.h>
struct event_base { pthread_mutex_t *th_base_lock; int nevents; };
static inline void base_add_event(struct event_base *base)
{
    if (base->th_base_lock)
        pthread_mutex_lock(base->th_base_lock);
    base->nevents++;
    if (base->th_base_lock != NULL)
        pthread_mutex_unlock(base->th_base_lock);
}
EOF_BASE
cat >"$O/dispatch.c" <<'EOF_DISPATCH'
#include "base.h"
void *dispatch_thread(void *arg)
{
    struct event_base *base = arg;
    if (!base)
        return NULL;
    base_add_event(base);
    return NULL;
}
EOF_DISPATCH
cat >"$O/main.c" <<'EOF_MAIN'
#include "base.h"
void *dispatch_thread(void *arg);
int main(void)
{
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    struct event_base base = {&lock, 0};
    pthread_t tid;
    base_add_event(&base);
    if (pthread_create(&tid, NULL, dispatch_thread, &base) != 0)
        return 1;
    pthread_mutex_unlock(base.th_base_lock);
    return pthread_join(tid, NULL);
}
EOF_MAIN
printf '[{"directory": "%s", "file": "main.c", "command": "cc -c main.c"},\n {"directory": "%s", "file": "dispatch.c", "command": "cc -c dispatch.c"}]\n' \
    "$O" "$O" >"$O/compile_commands.json"
run optional-lock-two-files "$O" --no-cache -j1 -p .
status optional-lock-two-files 1
has optional-lock-two-files stdout "main.c:11:5: warning: pthread mutex 'base.th_base_lock' is unlocked in thread 'main'"

# One rule for paths: a header found through -I../include relative to an entry's directory is
# shown relative to the current directory, the same in a cold run and a warm (cached) one.
P=$IN/paths
mkdir -p "$P/src" "$P/include" "$P/build"
printf '#include <pthread.h>\nstatic pthread_mutex_t g_pool_mu = PTHREAD_MUTEX_INITIALIZER;\nstatic inline void pool_release(void) { pthread_mutex_unlock(&g_pool_mu); }\n' \
    >"$P/include/pool.h"
printf '#include "pool.h"\nstatic void *pool_worker(void *arg) { (void)arg; pool_release(); return 0; }\nint main(void) { pthread_t t; pthread_mutex_lock(&g_pool_mu); pthread_create(&t, 0, pool_worker, 0); return pthread_join(t, 0); }\n' \
    >"$P/src/pool.c"
printf '[{"directory": "%s/build", "file": "../src/pool.c", "command": "cc -I../include -c ../src/pool.c -o pool.o"}]\n' \
    "$P" >"$P/build/compile_commands.json"
run paths-cold "$P" --cache "$T/paths-cache" -p build
status paths-cold 1
has paths-cold stdout 'include/pool.h:3:'
has paths-cold stdout "at src/pool.c:3"
if grep -q '\.\./include' "$OUT/stdout"; then
    fail paths-cold-no-dotdot "no ../include (the entry's directory is not the current one)" \
        "$(first_line "$OUT/stdout")"
else
    pass
fi
cp "$OUT/stdout" "$OUT/paths-cold.out"
run paths-warm "$P" --cache "$T/paths-cache" -p build
status paths-warm 1
if cmp -s "$OUT/stdout" "$OUT/paths-cold.out"; then
    pass
else
    fail paths-warm "the same report as the cold run" "$(first_line "$OUT/stdout")"
fi

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
