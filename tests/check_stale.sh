#!/bin/sh
# check_stale.sh - the cache is never stale: after each change that can alter a result (a header
# appearing, disappearing or being shadowed on the include path, a header edited within the same
# clock tick, a flag, a rule pack, the crosstask binary), a run with the cache must print and
# exit exactly as a run with --no-cache; and a run where nothing changed must take its facts from
# the cache (else the cache would be trivially right). Every input lives in a mktemp -d
# directory, removed at exit.
#
#   sh tests/check_stale.sh build/crosstask          (from the repository root)
#
# Prints one line per failed check, "check_stale: CASE: ...", then "N passed, M failed"; exits 0
# iff M is 0.

if [ $# -ne 1 ]; then
    echo "usage: sh tests/check_stale.sh path/to/crosstask" >&2
    exit 2
fi
case $1 in
    /*) BIN=$1 ;;
    *) BIN=$(pwd)/$1 ;;
esac
ROOT=$(pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/check_stale.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
trap 'exit 130' HUP INT TERM

W=$T/proj      # the project, and the working directory of every run
CACHE=$T/cache
OUT=$T/out
mkdir "$W" "$OUT" || exit 2
PASSED=0
FAILED=0

fail() {
    FAILED=$((FAILED + 1))
    printf 'check_stale: %s: %s\n' "$1" "$2"
}

# both CASE ARGS...: crosstask ARGS with the cache, then with --no-cache; the two must print the
# same and exit the same. The cached run's --stats line is kept in $OUT/stats.
both() {
    bcase=$1
    shift
    (cd "$W" && exec "$BIN" --cache "$CACHE" --stats "$@") >"$OUT/c.out" 2>"$OUT/c.err"
    crc=$?
    (cd "$W" && exec "$BIN" --no-cache "$@") >"$OUT/n.out" 2>"$OUT/n.err"
    nrc=$?
    grep '^crosstask: [0-9]* files' "$OUT/c.err" >"$OUT/stats"
    grep -v '^crosstask: [0-9]* files' "$OUT/c.err" >"$OUT/c.err2"
    if [ "$crc" -ne "$nrc" ]; then
        fail "$bcase" "exit status $crc with the cache, $nrc without ($(head -n 1 "$OUT/c.err2"))"
    elif ! cmp -s "$OUT/c.out" "$OUT/n.out" || ! cmp -s "$OUT/c.err2" "$OUT/n.err"; then
        fail "$bcase" "the cached run printed otherwise than --no-cache: $(diff "$OUT/c.out" \
            "$OUT/n.out" | sed -n 2p)$(diff "$OUT/c.err2" "$OUT/n.err" | sed -n 2p)"
    else
        PASSED=$((PASSED + 1))
    fi
    LAST_RC=$crc
}

# expect_rc CASE N: the last run exited N (the change did change the result).
expect_rc() {
    if [ "$LAST_RC" -eq "$2" ]; then
        PASSED=$((PASSED + 1))
    else
        fail "$1" "exit status $2, got $LAST_RC ($(head -n 1 "$OUT/c.err2"))"
    fi
}

# reused CASE N: the last cached run took N files from the cache.
reused() {
    if grep -q "($2 from the cache)" "$OUT/stats"; then
        PASSED=$((PASSED + 1))
    else
        fail "$1" "$2 files from the cache, got: $(cat "$OUT/stats")"
    fi
}

# A worker unlocks a mutex its spawner locked when UNLOCK (from a header) really unlocks.
mkdir -p "$W/src" "$W/second/sys" "$W/sysinc"
cat >"$W/src/session.c" <<'EOF'
#include <pthread.h>
#include "session_cfg.h"
#include "sys/session_io.h"
#include <session_sys.h>

static pthread_mutex_t session_lock = PTHREAD_MUTEX_INITIALIZER;

static void *session_worker(void *arg)
{
    (void)arg;
    SESSION_IO_FLUSH();
    SESSION_SYS_SYNC();
    SESSION_UNLOCK(&session_lock);
    return NULL;
}

int session_start(void)
{
    pthread_t tid;
    pthread_mutex_lock(&session_lock);
    return pthread_create(&tid, NULL, session_worker, NULL);
}
EOF
echo '#define SESSION_UNLOCK(m) ((void)(m))' >"$W/second/session_cfg.h"
echo '#define SESSION_IO_FLUSH() ((void)0)' >"$W/second/sys/session_io.h"
echo '#define SESSION_SYS_SYNC() ((void)0)' >"$W/sysinc/session_sys.h"
FLAGS="-std=c11 -pthread -Ifirst -Isecond -isystem sysinc"
UNLOCKS='#define SESSION_UNLOCK(m) pthread_mutex_unlock(m)'

# shellcheck disable=SC2086 # FLAGS is a list of words
both first-run src/session.c -- $FLAGS
expect_rc first-run 0
both unchanged src/session.c -- $FLAGS
reused unchanged 1

# A header in a directory earlier on the path (one that does not exist yet) shadows the old one.
mkdir "$W/first"
echo "$UNLOCKS" >"$W/first/session_cfg.h"
both shadowed-by-new-dir src/session.c -- $FLAGS
expect_rc shadowed-by-new-dir 1
both shadowed-unchanged src/session.c -- $FLAGS
reused shadowed-unchanged 1

# The shadowing header goes away: the old one is found again.
rm "$W/first/session_cfg.h"
both unshadowed src/session.c -- $FLAGS
expect_rc unshadowed 0

# #include "x" looks in the includer's own directory first.
echo "$UNLOCKS" >"$W/src/session_cfg.h"
both shadowed-beside-includer src/session.c -- $FLAGS
expect_rc shadowed-beside-includer 1
rm "$W/src/session_cfg.h"
both unshadowed-beside-includer src/session.c -- $FLAGS
expect_rc unshadowed-beside-includer 0

# A header under a subdirectory that does not exist yet in the earlier directory.
mkdir -p "$W/first/sys"
printf '%s\n%s\n' '#define SESSION_IO_FLUSH() ((void)0)' "$UNLOCKS" >"$W/first/sys/session_io.h"
echo '#undef SESSION_UNLOCK' >"$W/first/session_cfg.h"
cat "$W/second/session_cfg.h" >>"$W/first/session_cfg.h"
both shadowed-in-subdir src/session.c -- $FLAGS
expect_rc shadowed-in-subdir 1
rm -r "$W/first/sys" "$W/first/session_cfg.h"
both unshadowed-in-subdir src/session.c -- $FLAGS
expect_rc unshadowed-in-subdir 0

# #include <x> found in an -isystem directory is shadowed by a new header in an -I directory.
printf '%s\n%s\n' '#define SESSION_SYS_SYNC() ((void)0)' "$UNLOCKS" >"$W/first/session_sys.h"
both angled-shadowed src/session.c -- $FLAGS
expect_rc angled-shadowed 1
rm "$W/first/session_sys.h"
both angled-unshadowed src/session.c -- $FLAGS
expect_rc angled-unshadowed 0

# A missing header (error, exit 3) is installed later in a directory that did not exist, then
# removed again (the example of issue 10).
cat >"$W/src/late.c" <<'EOF'
#include "late.h"
int late_value(void) { return LATE; }
EOF
both missing-header src/late.c -- -Iinc
expect_rc missing-header 3
both missing-header-again src/late.c -- -Iinc
expect_rc missing-header-again 3
mkdir "$W/inc"
echo '#define LATE 0' >"$W/inc/late.h"
both header-installed src/late.c -- -Iinc
expect_rc header-installed 0
rm "$W/inc/late.h"
both header-removed src/late.c -- -Iinc
expect_rc header-removed 3
# ... and installed beside the includer rather than on the path.
echo '#define LATE 0' >"$W/src/late.h"
both header-installed-beside src/late.c -- -Iinc
expect_rc header-installed-beside 0
rm "$W/src/late.h"

# Through a compilation database whose entry runs in src/ with relative include directories
# (libclang reports the headers' paths relative to it): unchanged, every entry is reused; a
# shadowing header is noticed.
mkdir "$W/db"
cat >"$W/db/compile_commands.json" <<EOF2
[{"directory": "$W/src", "file": "session.c",
  "command": "cc -std=c11 -pthread -I../first -I../second -isystem ../sysinc -c session.c -o session.o"}]
EOF2
both db-first -p db
expect_rc db-first 0
both db-unchanged -p db
reused db-unchanged 1
echo "$UNLOCKS" >"$W/first/session_cfg.h"
both db-shadowed -p db
expect_rc db-shadowed 1
rm "$W/first/session_cfg.h"
both db-unshadowed -p db
expect_rc db-unshadowed 0

# A header edited within the same clock tick, to the same size, its old time put back: the
# entry was written while the header was that recent, so its bytes are compared.
printf '%-40s\n%s\n' '#define SESSION_OP_ (void)' '#define SESSION_UNLOCK(m) SESSION_OP_(m)' \
    >"$W/second/session_cfg.h"
both racy-before src/session.c -- $FLAGS
expect_rc racy-before 0
touch -r "$W/second/session_cfg.h" "$OUT/stamp"
printf '%-40s\n%s\n' '#define SESSION_OP_ pthread_mutex_unlock' \
    '#define SESSION_UNLOCK(m) SESSION_OP_(m)' >"$W/second/session_cfg.h"
touch -r "$OUT/stamp" "$W/second/session_cfg.h"
both racy-after src/session.c -- $FLAGS
expect_rc racy-after 1
echo '#define SESSION_UNLOCK(m) ((void)(m))' >"$W/second/session_cfg.h"

# A flag changes the result.
cat >"$W/second/session_cfg.h" <<'EOF2'
#ifdef SESSION_REAL_UNLOCK
#define SESSION_UNLOCK(m) pthread_mutex_unlock(m)
#else
#define SESSION_UNLOCK(m) ((void)(m))
#endif
EOF2
both flag-before src/session.c -- $FLAGS
expect_rc flag-before 0
both flag-changed src/session.c -- $FLAGS -DSESSION_REAL_UNLOCK
expect_rc flag-changed 1
both flag-back src/session.c -- $FLAGS
expect_rc flag-back 0
reused flag-back 1

# A rule pack changes the result: a project pack says what the pool's calls do.
cat >"$W/src/pool.c" <<'EOF2'
struct pool_slot {
    int id;
};
typedef void *(*pool_fn)(void *);
void pool_take(struct pool_slot *slot);
void pool_release(struct pool_slot *slot);
int pool_spawn(pool_fn fn, void *arg);

static struct pool_slot pool_main_slot;

static void *pool_worker(void *arg)
{
    (void)arg;
    pool_release(&pool_main_slot);
    return 0;
}

int pool_start(void)
{
    pool_take(&pool_main_slot);
    return pool_spawn(pool_worker, 0);
}
EOF2
PACK_HEAD='"pack": "pool", "schema_version": 1, "summary": "The pool.", "see": "pool.h"'
PACK_EDGE='"edges": [{"call": "pool_spawn", "kind": "spawn", "function": 0, "argument": 1,
  "runs_on": "new-thread", "summary": "The function runs in a new thread."}]'
echo "{$PACK_HEAD, $PACK_EDGE}" >"$W/pool.json"
both pack-before src/pool.c --rules pool.json -- -std=c11
expect_rc pack-before 0
echo "{$PACK_HEAD, $PACK_EDGE, \"scopes\": [{\"kind\": \"pool-slot\",
  \"summary\": \"A pool slot is released by the thread that took it.\", \"affinity\": \"thread\",
  \"enter\": [{\"call\": \"pool_take\", \"resource\": 0}],
  \"exit\": [{\"call\": \"pool_release\", \"resource\": 0}]}]}" >"$W/pool.json"
both pack-changed src/pool.c --rules pool.json -- -std=c11
expect_rc pack-changed 1
reused pack-changed 1

# A different crosstask binary (a rebuild) does not reuse the entries of the old one.
mkdir "$T/bin"
cp "$BIN" "$T/bin/crosstask"
REAL_BIN=$BIN
BIN=$T/bin/crosstask
export CROSSTASK_RULES="$ROOT/rules"
both binary-first src/session.c -- $FLAGS
both binary-same src/session.c -- $FLAGS
reused binary-same 1
sleep 1
touch "$BIN"
both binary-rebuilt src/session.c -- $FLAGS
reused binary-rebuilt 0
BIN=$REAL_BIN

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
