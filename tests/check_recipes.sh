#!/bin/sh
# check_recipes.sh - the integration recipes of docs/integration.md against the real crosstask:
# the pre-commit hook (.pre-commit-hooks.yaml), the GitHub Actions example
# (docs/examples/github-workflow.yml), the VS Code tasks and problem matchers
# (docs/examples/vscode-tasks.json), and the offline parts of scripts/real_projects.sh.
#
#   sh tests/check_recipes.sh build/crosstask            (from the repository root)
#
# What it checks, each with the best tool there is (a check whose tool is missing is skipped,
# with a "skip:" line):
#   - the JSON parses (python3 -m json.tool, else node); the YAML parses (python3's yaml
#     module, else a structure check in awk) and holds the keys the recipes promise
#   - each problem matcher's regexp, run as VS Code runs it (a JavaScript RegExp, with node;
#     else grep -E on a translation), takes the first line crosstask prints for
#     examples/session_pool.c apart into file, line, column, severity, message and rule, and the
#     file-level matcher takes "FILE: error: ..." lines and nothing else
#   - the Vim errorformat of docs/integration.md reads the same lines into quickfix (vim)
#   - the workflow's "Run crosstask" script, run with a stand-in crosstask exiting 0..3, fails
#     the step exactly on 2 and 3 and hands the status on (python3 yaml)
#   - the hook, run by pre-commit itself (pre-commit try-repo) in a scratch git repository
#     with a compile_commands.json: fails on a file with a finding, passes on a clean one
#   - scripts/real_projects.sh: bash -n, shellcheck, --help, the deb-src edits on a scratch
#     apt folder, and the compile_commands.json reading of its fallback
# A known issue is marked with known_issue: it counts as passed while it fails, and fails the
# suite once it passes (then remove the marker), like the testdata's expect-fixme.
# Never writes into the source tree: scratch files live in a mktemp -d directory.
#
# Prints one line per failed check, "check_recipes: CASE: expected ..., got ...", then
# "N passed, M failed"; exits 0 iff M is 0.

if [ $# -ne 1 ]; then
    echo "usage: sh tests/check_recipes.sh path/to/crosstask" >&2
    exit 2
fi
case $1 in
    /*) BIN=$1 ;;
    *) BIN=$(pwd)/$1 ;;
esac
ROOT=$(pwd)
if [ ! -x "$BIN" ]; then
    echo "check_recipes: $1 is not an executable" >&2
    exit 2
fi
if [ ! -f "$ROOT/.pre-commit-hooks.yaml" ]; then
    echo "check_recipes: run it from the repository root" >&2
    exit 2
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/check_recipes.XXXXXX") || exit 2
trap '[ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT
trap 'exit 130' HUP INT TERM

HOOKS=.pre-commit-hooks.yaml
WORKFLOW=docs/examples/github-workflow.yml
TASKS=docs/examples/vscode-tasks.json
SCRIPT=scripts/real_projects.sh

PASSED=0
FAILED=0

pass() {
    PASSED=$((PASSED + 1))
}

# fail CASE WHAT-WAS-EXPECTED WHAT-WAS-GOT
fail() {
    FAILED=$((FAILED + 1))
    printf 'check_recipes: %s: expected %s, got %s\n' "$1" "$2" "$3"
}

skip() {
    printf 'skip: %s: %s\n' "$1" "$2"
}

# check CASE WHAT-WAS-EXPECTED COMMAND...: passes when COMMAND succeeds; its output (the last
# line: an assertion's message) is what was got otherwise.
check() {
    ccase=$1
    cwant=$2
    shift 2
    if "$@" >"$T/check.out" 2>&1; then
        pass
    else
        fail "$ccase" "$cwant" "$(grep . "$T/check.out" | tail -n 1 | cut -c 1-200)"
    fi
}

# known_issue CASE WHY COMMAND...: an expected failure (see the header).
known_issue() {
    kcase=$1
    kwhy=$2
    shift 2
    if "$@" >"$T/check.out" 2>&1; then
        fail "$kcase" "the known issue ($kwhy)" "it passes now: remove known_issue"
    else
        pass
        printf 'xfail: %s: %s\n' "$kcase" "$kwhy"
    fi
}

have() {
    command -v "$1" >/dev/null 2>&1
}

HAVE_YAML=0
if have python3 && python3 -c 'import yaml' >/dev/null 2>&1; then
    HAVE_YAML=1
fi

# ---------------------------------------------------------------------------------------------
# JSON and YAML parse

json_parses() {
    if have python3; then
        python3 -m json.tool "$1" >/dev/null
    else
        node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$1"
    fi
}

# yaml_parses FILE: with python3 yaml, a full parse; otherwise no tabs in the indentation, and
# every line blank, a comment, a "key:" / "key: value" mapping line, a "- " list item or a line
# of a block scalar ("key: |" and what is indented under it).
yaml_parses() {
    if [ "$HAVE_YAML" -eq 1 ]; then
        python3 -c 'import sys, yaml; yaml.safe_load(open(sys.argv[1]))' "$1"
    else
        awk '
            function indent(s) { match(s, /^ */); return RLENGTH }
            block && (/^[[:space:]]*$/ || indent($0) > block_indent) { next }
            { block = 0 }
            /^\t/ || /^ *\t/ { print FILENAME ":" NR ": a tab in the indentation"; bad = 1; next }
            /^[[:space:]]*$/ || /^[[:space:]]*#/ { next }
            /^ *(- +)?[A-Za-z0-9_.\/-]+:( |$)/ {
                if ($0 ~ /: *[|>][-+]?( *#.*)?$/) { block = 1; block_indent = indent($0) }
                next
            }
            /^ *- / { next }
            { print FILENAME ":" NR ": not a YAML line this check knows: " $0; bad = 1 }
            END { exit bad }
        ' "$1"
    fi
}

if have python3 || have node; then
    check "$TASKS parses" "valid JSON" json_parses "$TASKS"
else
    skip "$TASKS parses" "neither python3 nor node"
fi
[ "$HAVE_YAML" -eq 1 ] || skip "YAML" "no python3 yaml module: a structure check in awk only"
check "$HOOKS parses" "valid YAML" yaml_parses "$HOOKS"
check "$WORKFLOW parses" "valid YAML" yaml_parses "$WORKFLOW"

# ---------------------------------------------------------------------------------------------
# what the recipes hold

hook_fields() {
    if [ "$HAVE_YAML" -eq 1 ]; then
        python3 - "$HOOKS" <<'EOF'
import sys, yaml
hooks = yaml.safe_load(open(sys.argv[1]))
assert isinstance(hooks, list), "not a list of hooks"
h = next((h for h in hooks if h.get("id") == "crosstask"), None)
assert h, "no hook with id crosstask"
want = {"entry": "crosstask -p build", "language": "system", "pass_filenames": True,
        "types_or": ["c", "c++"], "require_serial": True}
for k, v in want.items():
    assert h.get(k) == v, "%s: %r, not %r" % (k, h.get(k), v)
assert h.get("name"), "no name"
EOF
    else
        grep -q '^- id: crosstask$' "$HOOKS" &&
            grep -q '^  entry: crosstask -p build$' "$HOOKS" &&
            grep -q '^  language: system$' "$HOOKS" &&
            grep -q '^  pass_filenames: true$' "$HOOKS" &&
            grep -q '^  types_or: \[c, c++\]$' "$HOOKS" &&
            grep -q '^  require_serial: true$' "$HOOKS"
    fi
}
check "$HOOKS: the crosstask hook" "id, entry, language, pass_filenames, types_or" hook_fields

hook_python_fields() {
    if [ "$HAVE_YAML" -eq 1 ]; then
        python3 - "$HOOKS" <<'EOF'
import sys, yaml
hooks = yaml.safe_load(open(sys.argv[1]))
h = next((h for h in hooks if h.get("id") == "crosstask-python"), None)
assert h, "no hook with id crosstask-python"
want = {"entry": "crosstask .", "language": "system", "pass_filenames": False,
        "types": ["python"], "require_serial": True}
for k, v in want.items():
    assert h.get(k) == v, "%s: %r, not %r" % (k, h.get(k), v)
EOF
    else
        grep -q '^- id: crosstask-python$' "$HOOKS" &&
            grep -q '^  entry: crosstask \.$' "$HOOKS" &&
            grep -q '^  types: \[python\]$' "$HOOKS"
    fi
}
check "$HOOKS: the crosstask-python hook" "id, entry, language, pass_filenames, types" \
    hook_python_fields

# the Python hook's command on a project: folders walked, the virtualenv skipped, a finding fails
python_hook_run() {
    d="$T/pyhook"
    mkdir -p "$d/app" "$d/.venv/lib" || return 1
    cp "$ROOT/testdata/python/exit_stack_closed_in_created_task.py" "$d/app/client.py" &&
        cp "$ROOT/testdata/python/exit_stack_closed_in_created_task.py" "$d/.venv/lib/vendored.py" ||
        return 1
    out=$(cd "$d" && "$BIN" --no-cache . 2>&1)
    rc=$?
    [ "$rc" -eq 1 ] || { echo "exit status $rc"; return 1; }
    # paths are shown relative to the current directory, without ./ (README, Paths in the output)
    printf '%s\n' "$out" | grep -q '^app/client\.py:.*\[cross-task-exit\]$' ||
        { echo "no finding in app/client.py"; return 1; }
    if printf '%s\n' "$out" | grep -q 'vendored'; then
        echo "the virtualenv was analysed"
        return 1
    fi
}
check "$HOOKS: crosstask . on a Python project" "one finding, the virtualenv skipped" \
    python_hook_run

workflow_fields() {
    if [ "$HAVE_YAML" -eq 1 ]; then
        python3 - "$WORKFLOW" <<'EOF'
import sys, yaml
wf = yaml.safe_load(open(sys.argv[1]))
on = wf.get("on", wf.get(True))          # YAML 1.1 reads a bare on: as true
assert on and "pull_request" in on, "no pull_request trigger"
assert wf["permissions"].get("security-events") == "write", "no security-events: write"
steps = wf["jobs"]["crosstask"]["steps"]
assert "ubuntu" in wf["jobs"]["crosstask"]["runs-on"] or "debian" in str(wf["jobs"]["crosstask"])
run = next(s for s in steps if s.get("id") == "crosstask")["run"]
assert "crosstask -p build -f sarif -o crosstask.sarif" in run, "no crosstask -p build -f sarif"
cfg = " ".join(s.get("run", "") for s in steps)
assert "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON" in cfg, "no cmake exporting compile commands"
up = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
assert len(up) == 1, "no upload-sarif step"
assert up[0]["uses"].endswith("@v3"), up[0]["uses"]
assert up[0]["with"] == {"sarif_file": "crosstask.sarif", "category": "crosstask"}, up[0]["with"]
assert "always()" in up[0]["if"], "the upload must run after a failed crosstask step"
EOF
    else
        grep -q 'crosstask -p build -f sarif -o crosstask.sarif' "$WORKFLOW" &&
            grep -q 'uses: github/codeql-action/upload-sarif@v3' "$WORKFLOW" &&
            grep -q 'sarif_file: crosstask.sarif' "$WORKFLOW" &&
            grep -q 'category: crosstask' "$WORKFLOW" &&
            grep -q 'security-events: write' "$WORKFLOW"
    fi
}
check "$WORKFLOW: steps" "cmake, crosstask -p build -f sarif, upload-sarif@v3" workflow_fields

# The "Run crosstask" step with a stand-in crosstask that exits $1: the step's status and
# what it wrote to GITHUB_OUTPUT, as "STEP-STATUS OUTPUT".
workflow_step() {
    mkdir -p "$T/wf/bin" "$T/wf/ws"
    printf '#!/bin/sh\necho "{}" >crosstask.sarif\nexit %s\n' "$1" >"$T/wf/bin/crosstask"
    chmod +x "$T/wf/bin/crosstask"
    python3 -c 'import sys, yaml
wf = yaml.safe_load(open(sys.argv[1]))
print(next(s for s in wf["jobs"]["crosstask"]["steps"] if s.get("id") == "crosstask")["run"])
' "$WORKFLOW" >"$T/wf/step.sh" || return 1
    : >"$T/wf/output"
    rc=0
    # as GitHub runs a run: step on Linux: bash --noprofile --norc -eo pipefail
    (cd "$T/wf/ws" && PATH=$T/wf/bin:$PATH GITHUB_OUTPUT=$T/wf/output \
        bash --noprofile --norc -eo pipefail "$T/wf/step.sh") >/dev/null 2>&1 || rc=$?
    echo "$rc $(cat "$T/wf/output")"
}
if [ "$HAVE_YAML" -eq 1 ]; then
    for s in 0 1 2 3; do
        case $s in 0 | 1) want="0 status=$s" ;; *) want="$s status=$s" ;; esac
        got=$(workflow_step $s)
        if [ "$got" = "$want" ]; then
            pass
        else
            fail "$WORKFLOW: Run crosstask, crosstask exiting $s" "step status and output '$want'" \
                "'$got'"
        fi
    done
else
    skip "$WORKFLOW: Run crosstask" "no python3 yaml module"
fi

# ---------------------------------------------------------------------------------------------
# the problem matchers

(cd "$ROOT" && "$BIN" examples/session_pool.c -- -std=c11 -pthread) >"$T/sp.out" 2>"$T/sp.err"
rc=$?
WARNING=$(sed -n 1p "$T/sp.out")
NOTE=$(sed -n 2p "$T/sp.out")
(cd "$T" && "$BIN" missing_session.c -- -std=c11) >/dev/null 2>"$T/missing.err"
FILE_ERROR=$(grep -m 1 ': error: ' "$T/missing.err")
"$BIN" --no-such-option >/dev/null 2>"$T/usage.err"
USAGE_ERROR=$(sed -n 1p "$T/usage.err")

case $rc/$WARNING in
    1/examples/session_pool.c:*": warning: "*" [cross-task-exit]") pass ;;
    *) fail "crosstask examples/session_pool.c" "exit 1 and a warning line first" \
        "exit $rc, '$WARNING'" ;;
esac
case $NOTE in
    *": note: "*) pass ;;
    *) fail "crosstask examples/session_pool.c" "a note line second" "'$NOTE'" ;;
esac
case $FILE_ERROR in
    "missing_session.c: error: "*) pass ;;
    *) fail "crosstask missing_session.c" "'missing_session.c: error: ...'" "'$FILE_ERROR'" ;;
esac

# What the warning line must be taken apart into: FILE:LINE:COL: warning: MESSAGE [RULE]
W_LINE=$(printf '%s\n' "$WARNING" | sed -n 's/^examples\/session_pool\.c:\([0-9]*\):.*/\1/p')
W_COL=$(printf '%s\n' "$WARNING" | sed -n 's/^examples\/session_pool\.c:[0-9]*:\([0-9]*\):.*/\1/p')
W_MSG=$(printf '%s\n' "$WARNING" | sed -n 's/^[^ ]* warning: \(.*\) \[cross-task-exit\]$/\1/p')

cat >"$T/matchers.js" <<'EOF'
// Each pattern as VS Code's problem matcher uses it: new RegExp(pattern.regexp), exec on a line.
const fs = require("fs");
const tasks = JSON.parse(fs.readFileSync(process.argv[2], "utf8")).tasks;
const env = process.env;
let bad = 0;
const say = (m) => { console.log(m); bad++; };
const fields = (p, m) => {
  const r = {};
  for (const k of ["file", "line", "column", "severity", "message", "code"])
    if (p[k] !== undefined) r[k] = m[p[k]];
  return r;
};
const want = {
  file: "examples/session_pool.c", line: env.W_LINE, column: env.W_COL, severity: "warning",
  message: env.W_MSG, code: "cross-task-exit",
};
for (const t of tasks) {
  if (!t.problemMatcher || !t.problemMatcher.length) { say(`${t.label}: no problem matcher`); continue; }
  const loc = t.problemMatcher[0], file = t.problemMatcher[1];
  if (loc.owner !== "crosstask") say(`${t.label}: owner ${loc.owner}, not crosstask`);
  const fl = loc.fileLocation;
  if (!Array.isArray(fl) || fl[1] !== "${workspaceFolder}" || !["relative", "autoDetect"].includes(fl[0]))
    say(`${t.label}: fileLocation ${JSON.stringify(fl)}, not relative to the workspace`);
  const re = new RegExp(loc.pattern.regexp);
  const m = re.exec(env.WARNING);
  if (!m) { say(`${t.label}: the location matcher does not match '${env.WARNING}'`); continue; }
  const got = fields(loc.pattern, m);
  for (const k in want)
    if (got[k] !== want[k]) say(`${t.label}: ${k} '${got[k]}', not '${want[k]}'`);
  const n = re.exec(env.NOTE);
  if (!n || fields(loc.pattern, n).severity !== "note" || fields(loc.pattern, n).code !== undefined)
    say(`${t.label}: the note line '${env.NOTE}' is not a note without a rule`);
  if (re.exec(env.FILE_ERROR)) say(`${t.label}: the location matcher takes '${env.FILE_ERROR}'`);
  if (file) {
    const fre = new RegExp(file.pattern.regexp);
    const e = fre.exec(env.FILE_ERROR);
    if (!e || file.pattern.kind !== "file")
      say(`${t.label}: the file matcher does not take '${env.FILE_ERROR}'`);
    else if (e[file.pattern.file] !== "missing_session.c" || e[file.pattern.severity] !== "error")
      say(`${t.label}: the file matcher reads '${env.FILE_ERROR}' as ${JSON.stringify(fields(file.pattern, e))}`);
    for (const l of [env.WARNING, env.NOTE, env.USAGE_ERROR])
      if (fre.exec(l)) say(`${t.label}: the file matcher takes '${l}' too`);
  }
}
process.exit(bad ? 1 : 0);
EOF

# grep_regexp JS-REGEXP: the same regexp for grep -E (no groups are read back): \d, \s, (?:,
# lazy *? and a leading (?!crosstask:) lookahead translated or dropped.
grep_regexp() {
    printf '%s\n' "$1" | sed -e 's/\\d/[0-9]/g' -e 's/\\s/[[:space:]]/g' -e 's/(?:/(/g' \
        -e 's/\*?/*/g' -e 's/^\^(?!crosstask:)/^/'
}

if have node; then
    check "$TASKS: problem matchers on crosstask's own lines (node)" \
        "file, line, column, severity, message and rule taken apart" \
        env WARNING="$WARNING" NOTE="$NOTE" FILE_ERROR="$FILE_ERROR" USAGE_ERROR="$USAGE_ERROR" \
        W_LINE="$W_LINE" W_COL="$W_COL" W_MSG="$W_MSG" node "$T/matchers.js" "$TASKS"
elif have python3; then
    skip "$TASKS: problem matchers" "no node: grep -E on a translation, whole lines only"
    python3 -c 'import json, sys
for t in json.load(open(sys.argv[1]))["tasks"]:
    print(t["problemMatcher"][0]["pattern"]["regexp"])' "$TASKS" | sort -u >"$T/regexps"
    while IFS= read -r re; do
        check "$TASKS: the location matcher (grep -E)" "a match of '$WARNING'" \
            grep -Eq "$(grep_regexp "$re")" "$T/sp.out"
    done <"$T/regexps"
else
    skip "$TASKS: problem matchers" "neither node nor python3"
fi

# Vim: the errorformat docs/integration.md gives, on the same lines, through the quickfix list.
vim_errorformat() {
    efm=$(sed -n 's/^ *:set errorformat=//p' docs/integration.md)
    [ -n "$efm" ] || { echo "no ':set errorformat=' line in docs/integration.md"; return 1; }
    { cat "$T/sp.out"; printf '%s\n' "$FILE_ERROR"; } >"$T/vim.in"
    vim -es -N -u NONE -i NONE -c "set errorformat=$efm" -c "cgetfile $T/vim.in" \
        -c "redir! > $T/vim.out" \
        -c 'for e in getqflist() | echo e.valid e.type e.lnum e.col bufname(e.bufnr) | endfor' \
        -c 'redir END' -c 'qa!' </dev/null >/dev/null 2>&1
    got=$(grep . "$T/vim.out" | sed -n '1p;$p' | tr '\n' '|')
    want="1 w $W_LINE $W_COL examples/session_pool.c|1 e 0 0 missing_session.c|"
    [ "$got" = "$want" ] || { echo "quickfix '$got', not '$want'"; return 1; }
}
if have vim; then
    check "docs/integration.md: Vim errorformat" "the warning and the file error in quickfix" \
        vim_errorformat
else
    skip "docs/integration.md: Vim errorformat" "vim is not installed"
fi

# ---------------------------------------------------------------------------------------------
# the hook, run by pre-commit

# Two scratch git repositories: hooks/, holding this tree's .pre-commit-hooks.yaml as it is
# (committed or not), and hookrepo/, one program: session_pool.c (main, and a finding),
# clean.c (a helper without one), session.h (a header clean.c includes), and
# build/compile_commands.json.
make_hook_repo() {
    h=$T/hooks
    mkdir -p "$h" && cp "$ROOT/$HOOKS" "$h/" || return 1
    (cd "$h" && git init -q && git add "$HOOKS" &&
        git -c user.name=t -c user.email=t@t commit -qm t) >/dev/null 2>&1 || return 1
    r=$T/hookrepo
    mkdir -p "$r/build" "$T/bin" "$T/cache" || return 1
    ln -sf "$BIN" "$T/bin/crosstask"
    cp "$ROOT/examples/session_pool.c" "$r/session_pool.c"
    printf '#ifndef SESSION_H\n#define SESSION_H\nstruct session_stats { long served; };\n#endif\n' \
        >"$r/session.h"
    printf '#include <pthread.h>\n#include "session.h"\n\nstatic pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;\nstatic struct session_stats g_stats;\n\nvoid session_stats_bump(void)\n{\n    pthread_mutex_lock(&g_mu);\n    g_stats.served++;\n    pthread_mutex_unlock(&g_mu);\n}\n' >"$r/clean.c"
    printf '[\n  {"directory": "%s", "file": "clean.c", "arguments": ["cc", "-std=c11", "-pthread", "-c", "clean.c"]},\n  {"directory": "%s", "file": "session_pool.c", "arguments": ["cc", "-std=c11", "-pthread", "-c", "session_pool.c"]}\n]\n' \
        "$r" "$r" >"$r/build/compile_commands.json"
    (cd "$r" && git init -q && git add clean.c session.h session_pool.c &&
        git -c user.name=t -c user.email=t@t commit -qm t) >/dev/null 2>&1
}

# hook_run FILE...: pre-commit try-repo HOOKS crosstask --files FILE... in the scratch
# project, crosstask on PATH and its cache in the scratch folder. Output in $T/hook.out; on
# failure, its gist on standard output.
hook_run() {
    if (cd "$T/hookrepo" && PATH=$T/bin:$PATH XDG_CACHE_HOME=$T/cache \
        PRE_COMMIT_HOME=$T/pre-commit pre-commit try-repo "$T/hooks" crosstask --files "$@") \
        >"$T/hook.out" 2>&1; then
        return 0
    fi
    grep -E 'Failed|exit code|error' "$T/hook.out" | head -n 4 | tr '\n' ' '
    tail -n 1 "$T/hook.out"
    return 1
}

hook_fails_on_finding() {
    if hook_run session_pool.c >/dev/null; then
        echo "the hook passed"
        return 1
    fi
    grep -q '^session_pool.c:[0-9]*:[0-9]*: warning: .*\[cross-task-exit\]' "$T/hook.out" ||
        { tail -n 1 "$T/hook.out"; return 1; }
}

if ! have pre-commit || ! have git; then
    skip "$HOOKS: pre-commit try-repo" "pre-commit or git is not installed (make deps installs both)"
elif ! "$BIN" --help 2>&1 | grep -q -- '-p, --build-dir'; then
    skip "$HOOKS: pre-commit try-repo" "this crosstask has no -p yet"
elif ! make_hook_repo; then
    fail "$HOOKS: pre-commit try-repo" "a scratch git repository" "none"
else
    check "$HOOKS: pre-commit on a clean file" "the hook passes" hook_run clean.c
    check "$HOOKS: pre-commit on a file with a finding" "the hook fails, the warning shown" \
        hook_fails_on_finding
    check "$HOOKS: pre-commit on a header" \
        "the hook passes (a FILE the database does not compile only narrows the report)" \
        hook_run session.h
fi

# ---------------------------------------------------------------------------------------------
# scripts/real_projects.sh, offline

check "$SCRIPT: bash -n" "no syntax error" bash -n "$SCRIPT"
if have shellcheck; then
    check "$SCRIPT: shellcheck" "no shellcheck finding" shellcheck "$SCRIPT"
else
    skip "$SCRIPT: shellcheck" "shellcheck is not installed"
fi
check "$SCRIPT --help" "a usage text" sh -c "bash '$SCRIPT' --help | grep -q -- --prepare-only"

# The deb-src edits on a scratch apt folder: Types: lines of deb822 stanzas, deb-src copies of
# one-line entries, a backup, nothing done twice.
deb_src_edits() {
    a=$T/apt
    mkdir -p "$a/sources.list.d"
    printf 'Types: deb\nURIs: http://deb.example/debian\nSuites: bookworm\nComponents: main\n\nTypes: deb deb-src\nURIs: http://deb.example/security\nSuites: bookworm-security\nComponents: main\nEnabled: no\n' \
        >"$a/sources.list.d/debian.sources"
    printf '# deb http://commented.example/ x main\ndeb [arch=amd64] http://deb.example/debian bullseye main\n' \
        >"$a/sources.list"
    APT_ETC=$a bash -c '. "$1"; has_deb_src && exit 11; add_deb_src || exit 12
        has_deb_src || exit 13; add_deb_src && exit 14; exit 0' _ "$ROOT/$SCRIPT" 2>/dev/null ||
        { echo "step $?"; return 1; }
    [ "$(grep -c '^Types: deb deb-src$' "$a/sources.list.d/debian.sources")" -eq 2 ] ||
        { echo "deb822: $(grep '^Types' "$a/sources.list.d/debian.sources" | tr '\n' ' ')"; return 1; }
    grep -qx 'deb-src \[arch=amd64\] http://deb.example/debian bullseye main' "$a/sources.list" ||
        { echo "one-line: $(tr '\n' '|' <"$a/sources.list")"; return 1; }
    [ "$(grep -c '^deb-src' "$a/sources.list")" -eq 1 ] || { echo "a deb-src line twice"; return 1; }
    if [ ! -f "$a/sources.list.crosstask.bak" ] ||
        [ ! -f "$a/sources.list.d/debian.sources.crosstask.bak" ]; then
        echo "no FILE.crosstask.bak"
        return 1
    fi
}
check "$SCRIPT: deb-src edits (scratch apt folder)" "deb-src added once, backups kept" deb_src_edits

# The fallback's reading of a compile_commands.json: distinct files relative to the source
# tree, then -- and the flags most entries share, include folders made absolute, plus the
# include folders of the others.
fallback_reading() {
    d=$T/proj
    mkdir -p "$d/build"
    cat >"$d/build/compile_commands.json" <<JSON
[
  {"directory": "$d/build", "file": "$d/lib/a.c", "command": "cc -DA=1 -I../include -Wall -Werror -o a.o -c $d/lib/a.c"},
  {"directory": "$d/build", "file": "$d/lib/b.c", "arguments": ["cc", "-DA=1", "-I../include", "-c", "../lib/b.c"]},
  {"directory": "$d/build", "file": "$d/lib/b.c", "arguments": ["cc", "-DA=1", "-I../include", "-fPIC", "-c", "../lib/b.c"]},
  {"directory": "$d/test", "file": "t.c", "arguments": ["cc", "-std=gnu99", "-isystem", "../vendor", "-c", "t.c"]}
]
JSON
    bash -c '. "$1"; workdir=$2; compdb_count "$2/build/compile_commands.json" &&
        fallback_args "$2/build/compile_commands.json" "$2" "$2/args"' _ "$ROOT/$SCRIPT" "$d" \
        >"$T/fallback.out" 2>&1 || { cat "$T/fallback.out"; return 1; }
    got="$(cat "$T/fallback.out") | $(tr '\0' ' ' <"$d/args")"
    want="4 3 | lib/a.c lib/b.c test/t.c -- -DA=1 -I$d/include -isystem $d/vendor "
    [ "$got" = "$want" ] || { echo "'$got', not '$want'"; return 1; }
}
if have python3; then
    check "$SCRIPT: the fallback reads compile_commands.json" "files and shared flags" \
        fallback_reading
else
    skip "$SCRIPT: the fallback" "no python3"
fi

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
