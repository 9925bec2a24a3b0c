#!/bin/sh
# check_sarif.sh CROSSTASK - holds `crosstask -f sarif` to SARIF 2.1.0 and to what GitHub code
# scanning takes. Run by `make sarif` (part of `make check`).
#
# For a few testdata inputs (with findings, without, with inputs that do not parse, several files
# at once) it runs CROSSTASK -f sarif and checks:
#   - the exit status (0 clean, 1 findings, 3 partial);
#   - the document with Microsoft's SARIF Multitool, when it is installed: `validate` with the
#     SARIF and GitHub rule sets (--rule-kind "Sarif;Gh") must report no error and no warning, and
#     `rewrite` must read the file back (validate alone passes a file it cannot deserialise);
#   - without the Multitool ("sarif: multitool not available, skipped validation"), only that the
#     JSON parses;
#   - with python3, what GitHub code scanning requires: version and $schema, a tool.driver with
#     rules, for each result a ruleId that is a rule (and ruleIndex pointing at it), message.text,
#     a location with a relative URI under a uriBaseId that originalUriBaseIds defines (or an
#     absolute file:// URI; never a bare absolute path), region.startLine >= 1 and
#     partialFingerprints; notifications for the errors;
#   - that fingerprints are identical from run to run and when the code moves down 10 lines, and
#     that --write-baseline then --baseline reports nothing new.
#
# The Multitool is looked for in $SARIF_NPM_DIR (default build/npm, where `make sarif` installs
# it with npm), tests/node_modules, then through `npx --no-install`; $MULTITOOL overrides.
# Prints one line per check and ends with `N passed, M failed`; exits 1 when any failed.

set -u

if [ $# -ne 1 ]; then
    echo "usage: tests/check_sarif.sh CROSSTASK" >&2
    exit 2
fi
case "$1" in
/*) crosstask=$1 ;;
*) crosstask=$(pwd)/$1 ;;
esac
cd "$(dirname "$0")/.." || exit 2
root=$(pwd)
if [ ! -x "$crosstask" ]; then
    echo "check_sarif: $crosstask is not an executable" >&2
    exit 2
fi
: "${CROSSTASK_RULES:=$root/rules}"
export CROSSTASK_RULES

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ct_sarif_sh.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

passed=0
failed=0
pass() {
    passed=$((passed + 1))
    echo "ok: $1"
}
fail() {
    failed=$((failed + 1))
    echo "FAIL: $1"
}

# --- the validator ---------------------------------------------------------------------------

npm_dir=${SARIF_NPM_DIR:-$root/build/npm}
mt_native=""   # the Multitool binary itself
mt_wrapper=""  # or the node wrapper (it runs the binary through a shell)
if [ -n "${MULTITOOL:-}" ]; then
    mt_native=$MULTITOOL
else
    for dir in "$npm_dir/node_modules" "$root/tests/node_modules"; do
        for bin in "$dir"/@microsoft/sarif-multitool-*/Sarif.Multitool; do
            [ -f "$bin" ] || continue
            [ -x "$bin" ] || chmod u+x "$bin" 2>/dev/null # npm may skip its postinstall chmod
            if [ -x "$bin" ]; then
                mt_native=$bin
                break 2
            fi
        done
        if [ -x "$dir/.bin/sarif-multitool" ]; then
            mt_wrapper=$dir/.bin/sarif-multitool
            break
        fi
    done
    if [ -z "$mt_native" ] && [ -z "$mt_wrapper" ] && command -v npx >/dev/null 2>&1 &&
        npx --no-install @microsoft/sarif-multitool --version >/dev/null 2>&1; then
        mt_wrapper="npx --no-install @microsoft/sarif-multitool"
    fi
fi

# multitool COMMAND ARGS...: runs the Multitool. The wrapper hands its arguments to a shell, so
# the ';' of a rule-kind list is quoted once more for it.
multitool() {
    if [ -n "$mt_native" ]; then
        "$mt_native" "$@"
    else
        mt_cmd=$1
        shift
        if [ "${1:-}" = "--rule-kind" ]; then
            mt_kinds="\"$2\""
            shift 2
            $mt_wrapper "$mt_cmd" --rule-kind "$mt_kinds" "$@"
        else
            $mt_wrapper "$mt_cmd" "$@"
        fi
    fi
}

have_python=false
command -v python3 >/dev/null 2>&1 && have_python=true

if [ -n "$mt_native$mt_wrapper" ]; then
    echo "sarif: validating with $(multitool --version 2>&1 | head -n 1 | tr -d '\r')"
else
    echo "sarif: multitool not available, skipped validation"
fi

# validate NAME FILE: the Multitool's verdict on FILE, or that it parses as JSON. `rewrite` goes
# first: `validate` silently passes a file it cannot deserialise (an unknown enum value).
validate() {
    if [ -n "$mt_native$mt_wrapper" ]; then
        rm -f "$tmp/rewritten.sarif"
        if ! multitool rewrite "$2" --output "$tmp/rewritten.sarif" >"$tmp/rewrite.out" 2>&1 ||
            [ ! -s "$tmp/rewritten.sarif" ]; then
            fail "$1: the SARIF Multitool cannot read it:"
            grep -v -e '^ *at ' -e '^$' "$tmp/rewrite.out" | head -n 10 | sed 's/^/    /'
            return
        fi
        multitool validate --rule-kind "Sarif;Gh" "$2" >"$tmp/validate.out" 2>&1
        rc=$?
        if [ $rc -ne 0 ] || grep -Eq ': (error|warning) ' "$tmp/validate.out" ||
            ! grep -q 'Analysis completed successfully' "$tmp/validate.out"; then
            fail "$1: the SARIF Multitool reports problems:"
            grep -v '^$' "$tmp/validate.out" | sed 's/^/    /'
            return
        fi
        pass "$1: the SARIF Multitool reads it and validates it (SARIF and GitHub rules)"
    elif $have_python; then
        if python3 -m json.tool "$2" >/dev/null 2>"$tmp/json.err"; then
            pass "$1: the JSON parses"
        else
            fail "$1: the JSON does not parse: $(cat "$tmp/json.err")"
        fi
    else
        echo "sarif: neither the Multitool nor python3: $1 not checked"
    fi
}

# github NAME FILE FINDINGS ERRORS: what GitHub code scanning requires, and the counts.
github() {
    $have_python || return 0
    if python3 - "$2" "$3" "$4" >"$tmp/github.out" 2>&1 <<'EOF'
import json, re, sys

path, want_results, want_errors = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
doc = json.load(open(path, encoding="utf-8"))
problems = []

def need(cond, what):
    if not cond:
        problems.append(what)

need(doc.get("version") == "2.1.0", "version is not 2.1.0")
need(doc.get("$schema", "").endswith("sarif-2.1.0.json"), "$schema is not SARIF 2.1.0's")
runs = doc.get("runs") or []
need(len(runs) == 1, "not exactly one run")
run = runs[0] if runs else {}
driver = run.get("tool", {}).get("driver", {})
need(driver.get("name") == "crosstask", "tool.driver.name is not crosstask")
need(driver.get("version"), "tool.driver.version missing")
rules = driver.get("rules") or []
ids = [r.get("id") for r in rules]
need(rules and all(ids), "tool.driver.rules missing or without ids")
for r in rules:
    for key in ("name", "shortDescription", "fullDescription", "help", "defaultConfiguration"):
        need(key in r, "rule %s has no %s" % (r.get("id"), key))
    need(r.get("help", {}).get("text") and r.get("help", {}).get("markdown"),
         "rule %s has no help text and markdown" % r.get("id"))
bases = run.get("originalUriBaseIds", {})
need(bases.get("%SRCROOT%", {}).get("uri", "").startswith("file:///") and
     bases["%SRCROOT%"]["uri"].endswith("/"), "originalUriBaseIds.%SRCROOT% is not a file:// "
     "URI ending in /")

def check_artifact(where, art):
    uri = art.get("uri", "")
    need(uri, where + ": no uri")
    need(not uri.startswith("/"), where + ": bare absolute path " + uri)
    need(not re.search(r"[\s\\]", uri), where + ": uri not percent-encoded: " + uri)
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", uri):
        need(uri.startswith("file:///"), where + ": absolute uri that is not file:///: " + uri)
        need("uriBaseId" not in art, where + ": absolute uri with a uriBaseId")
    else:
        base = art.get("uriBaseId")
        need(base in bases, where + ": relative uri without a defined uriBaseId: " + uri)

def check_location(where, loc):
    phys = loc.get("physicalLocation")
    need(phys, where + ": no physicalLocation")
    if not phys:
        return
    check_artifact(where, phys.get("artifactLocation", {}))
    region = phys.get("region", {})
    need(region.get("startLine", 0) >= 1, where + ": region.startLine < 1")
    need(region.get("startColumn", 1) >= 1, where + ": region.startColumn < 1")

results = run.get("results")
need(isinstance(results, list), "results is not an array")
results = results or []
need(len(results) == want_results, "%d results, expected %d" % (len(results), want_results))
for i, res in enumerate(results):
    where = "results[%d]" % i
    need(res.get("ruleId") in ids, where + ": ruleId is not a rule of tool.driver.rules")
    if "ruleIndex" in res:
        need(0 <= res["ruleIndex"] < len(ids) and ids[res["ruleIndex"]] == res.get("ruleId"),
             where + ": ruleIndex does not point at ruleId")
    need(res.get("level") in ("error", "warning", "note", "none"), where + ": bad level")
    need(res.get("message", {}).get("text"), where + ": no message.text")
    locs = res.get("locations") or []
    need(len(locs) >= 1, where + ": no location")
    for j, loc in enumerate(locs):
        check_location(where + ".locations[%d]" % j, loc)
    for j, loc in enumerate(res.get("relatedLocations") or []):
        check_location(where + ".relatedLocations[%d]" % j, loc)
        need(loc.get("id", 0) >= 1 and loc.get("message", {}).get("text"),
             where + ".relatedLocations[%d]: no id or message" % j)
    for cf in res.get("codeFlows") or []:
        for tf in cf.get("threadFlows") or []:
            need(tf.get("locations"), where + ": a thread flow without locations")
            for tl in tf.get("locations") or []:
                need("location" in tl, where + ": a thread flow location not inline")
                if tl.get("location", {}).get("physicalLocation"):
                    check_location(where + ".codeFlows", tl["location"])
    fp = res.get("partialFingerprints", {}).get("crosstaskFingerprint/v1", "")
    need(re.match(r"^[0-9a-f]{32}(:[0-9]+)?$", fp), where + ": no partialFingerprints")
inv = (run.get("invocations") or [{}])[0]
need(inv.get("executionSuccessful") is (want_errors == 0),
     "invocations[0].executionSuccessful is not %s" % (want_errors == 0))
notes = inv.get("toolExecutionNotifications") or []
need(len(notes) == want_errors, "%d notifications, expected %d" % (len(notes), want_errors))
for k, n in enumerate(notes):
    need(n.get("level") == "error" and n.get("message", {}).get("text"),
         "notification %d: not an error with a message" % k)
    for loc in n.get("locations") or []:
        check_artifact("notification %d" % k, loc.get("physicalLocation", {})
                       .get("artifactLocation", {}))
need(run.get("columnKind") == "utf16CodeUnits", "columnKind is not utf16CodeUnits")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
EOF
    then
        pass "$1: what GitHub code scanning requires ($3 results, $4 notifications)"
    else
        fail "$1: not what GitHub code scanning requires:"
        sed 's/^/    /' "$tmp/github.out"
    fi
}

# fingerprints FILE: the partialFingerprints of FILE, one a line.
fingerprints() {
    sed -n 's/.*"crosstaskFingerprint\/v1": *"\([^"]*\)".*/\1/p' "$1" 2>/dev/null
}

# case NAME STATUS FINDINGS ERRORS FILE...: runs crosstask -f sarif on the FILEs and checks it.
n=0
case_() {
    name=$1 want=$2 findings=$3 errors=$4
    shift 4
    n=$((n + 1))
    out=$tmp/case$n.sarif
    "$crosstask" -f sarif -o "$out" "$@" -- -std=c11 -pthread 2>"$tmp/stderr"
    rc=$?
    if [ "$rc" -ne "$want" ]; then
        fail "$name: exit status $rc, expected $want"
        sed 's/^/    /' "$tmp/stderr"
        return
    fi
    pass "$name: exit status $rc"
    validate "$name" "$out"
    github "$name" "$out" "$findings" "$errors"
}

case_ "one finding" 1 1 0 testdata/spawn/global_struct_field_unlocked_in_worker.c
case_ "no finding" 0 0 0 testdata/silent/condvar_wait_signal.c
case_ "inputs that do not parse" 3 2 2 testdata/input/missing_header_with_positive.c \
    testdata/input/syntax_error_with_positive.c
case_ "several files" 1 1 0 testdata/spawn/global_struct_field_unlocked_in_worker.c \
    testdata/silent/semaphore_wait_post_across_threads.c
case_ "a trace through a helper" 1 1 0 testdata/explain/cross_task_exit_example.c

# --- fingerprints ----------------------------------------------------------------------------

src=testdata/spawn/global_struct_field_unlocked_in_worker.c
"$crosstask" -f sarif -o "$tmp/again.sarif" "$src" -- -std=c11 -pthread 2>/dev/null
if [ -n "$(fingerprints "$tmp/case1.sarif")" ] &&
    [ "$(fingerprints "$tmp/case1.sarif")" = "$(fingerprints "$tmp/again.sarif")" ]; then
    pass "fingerprints: identical from run to run"
else
    fail "fingerprints: differ from run to run"
fi
mkdir -p "$tmp/moved"
{
    i=0
    while [ $i -lt 10 ]; do
        echo "/* a line added above */"
        i=$((i + 1))
    done
    cat "$src"
} >"$tmp/moved/worker.c"
"$crosstask" -f sarif -o "$tmp/moved.sarif" "$tmp/moved/worker.c" -- -std=c11 -pthread \
    2>/dev/null
if [ -n "$(fingerprints "$tmp/moved.sarif")" ] &&
    [ "$(fingerprints "$tmp/case1.sarif")" = "$(fingerprints "$tmp/moved.sarif")" ]; then
    pass "fingerprints: unchanged when the code moves down 10 lines"
    validate "absolute path" "$tmp/moved.sarif"
    github "absolute path" "$tmp/moved.sarif" 1 0
else
    fail "fingerprints: changed when the code moved down 10 lines"
fi

# --- baselines -------------------------------------------------------------------------------

"$crosstask" -f sarif -o "$tmp/base-run.sarif" --write-baseline "$tmp/baseline.json" "$src" \
    -- -std=c11 -pthread 2>"$tmp/stderr"
rc=$?
if [ -s "$tmp/baseline.json" ] && [ $rc -le 1 ]; then
    pass "baseline: --write-baseline writes the file (exit status $rc)"
else
    fail "baseline: --write-baseline did not write the file (exit status $rc)"
    sed 's/^/    /' "$tmp/stderr"
fi
"$crosstask" -f sarif -o "$tmp/after.sarif" --baseline "$tmp/baseline.json" \
    "$tmp/moved/worker.c" -- -std=c11 -pthread 2>"$tmp/stderr"
rc=$?
if [ $rc -eq 0 ] && [ -z "$(fingerprints "$tmp/after.sarif")" ]; then
    pass "baseline: --baseline drops the recorded finding after the code moved (exit status 0)"
    validate "baseline applied" "$tmp/after.sarif"
else
    fail "baseline: --baseline left findings or failed (exit status $rc)"
    sed 's/^/    /' "$tmp/stderr"
fi
printf '{"tool": "crosstask", "version": 1, "findings": [' >"$tmp/corrupt.json"
"$crosstask" -f sarif -o "$tmp/corrupt.sarif" --baseline "$tmp/corrupt.json" "$src" \
    -- -std=c11 -pthread 2>"$tmp/stderr"
rc=$?
if [ $rc -eq 2 ] && grep -q "corrupt.json" "$tmp/stderr"; then
    pass "baseline: a corrupt baseline is an error naming the file (exit status 2)"
else
    fail "baseline: a corrupt baseline gave exit status $rc, expected 2 and its name:"
    sed 's/^/    /' "$tmp/stderr"
fi

echo "sarif: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
