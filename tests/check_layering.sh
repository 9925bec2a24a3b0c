#!/bin/sh
# check_layering.sh - enforces the module rules of STYLE.md on analyzer/*.c and analyzer/*.h.
# Run by `make layering` (part of `make check`). Prints one `FILE:LINE: message` line per
# violation and exits 1, or prints `layering: ok` and exits 0.
#
# The rules:
#   1. Only analyzer/compdb.c and analyzer/frontend*.c include <clang-c/...>.
#   2. Only analyzer/rules.c, analyzer/report_json.c, analyzer/report_sarif.c, analyzer/baseline.c
#      and analyzer/cache*.c include cJSON.
#   3. Only analyzer/cli.c prints to or names stdout/stderr, or ends the process: printf, vprintf,
#      puts, putchar, perror, stdout, stderr, exit, _exit, _Exit, quick_exit, abort.
#      (Reporters write with fprintf/fputs to the FILE they are given; that stays allowed.)
#   4. A layer includes only its own header and those of layers to its left:
#        ct < facts < rules < frontend < taskgraph < analysis < report < cli
#      compdb* and cache* rank with frontend, findings* and fingerprint* with analysis,
#      baseline* with report. A module whose name fits no layer is reported: give it a rank
#      below (in rank_of) when you add it.
#   5. API knowledge is data (rules/*.json): no library API names (pthread_, mtx_, thrd_, cnd_,
#      g_mutex, g_rec_mutex, g_rw_lock, g_main_context, g_cancellable, g_thread, uv_, uselocale,
#      PyGILState, PyEval_, apr_, PTHREAD_) in string literals, and none of the non-threading
#      ones in code. Comments may name anything. The analyzer's own threading (the interner's
#      mutex, the -j workers) may use the plain thread, mutex and once primitives in code;
#      anything else of those libraries in code is reported too.
#   6. Every analyzer/*.c starts with a comment (what the module does, what it must never do).
#
# Comments, string and character literals are stripped with a small scanner (crude: it does
# not know about trigraphs, line splices or #if 0).

set -u

cd "$(dirname "$0")/.." || exit 2

set --
for f in analyzer/*.c analyzer/*.h; do
    [ -f "$f" ] && set -- "$@" "$f"
done
if [ $# -eq 0 ]; then
    echo "layering: no analyzer/*.c or analyzer/*.h found" >&2
    exit 2
fi

status=0
for f in "$@"; do
    case "$f" in
    *.c)
        if [ ! -s "$f" ]; then
            echo "$f:1: empty file: a module starts with a comment saying what it does"
            status=1
        fi
        ;;
    esac
done

awk '
function rank_of(name,    n) {
    n = name
    sub(/^.*\//, "", n)
    sub(/\.[^.]*$/, "", n)
    if (n == "ct") return 0
    if (n ~ /^facts/) return 1
    if (n ~ /^rules/) return 2
    if (n ~ /^(frontend|compdb|cache)/) return 3
    if (n ~ /^taskgraph/) return 4
    if (n ~ /^(analysis|findings|fingerprint|suppress)/) return 5
    if (n ~ /^(report|baseline)/) return 6
    if (n == "cli") return 7
    return -1
}
function layer_name(r) {
    return substr("ct       facts    rules    frontend taskgraphanalysis report   cli      ", \
                  r * 9 + 1, 9)
}
function trim(s) {
    sub(/^ +/, "", s)
    sub(/ +$/, "", s)
    return s
}
function report(msg) {
    printf "%s:%d: %s\n", FILENAME, FNR, msg
    bad = 1
}
function first_match(s, re,    t) {
    if (!match(s, re))
        return ""
    t = substr(s, RSTART, RLENGTH)
    sub(/^[^A-Za-z_]/, "", t)
    sub(/[^A-Za-z0-9_:]*$/, "", t)
    return t
}

BEGIN {
    order = "order: ct < facts < rules < frontend < taskgraph < analysis < report < cli"
    # Library API prefixes: never in a string literal (that is API knowledge)...
    api_re = "(^|[^A-Za-z0-9_])(pthread_|PTHREAD_|mtx_|thrd_|cnd_|g_mutex|g_rec_mutex|" \
             "g_rw_lock|g_main_context|g_cancellable|g_thread|uv_|uselocale|PyGILState|" \
             "PyEval_|apr_)"
    # ...and in code only as the analyzer'"'"'s own threading primitives.
    own_threads = " pthread_t pthread_create pthread_join pthread_self pthread_equal" \
                  " pthread_mutex_t pthread_mutex_init pthread_mutex_destroy pthread_mutex_lock" \
                  " pthread_mutex_unlock PTHREAD_MUTEX_INITIALIZER pthread_once_t pthread_once" \
                  " PTHREAD_ONCE_INIT pthread_attr_t pthread_attr_init pthread_attr_destroy" \
                  " pthread_attr_setstacksize thrd_t thrd_create thrd_join thrd_success" \
                  " thrd_error thrd_nomem mtx_t mtx_init mtx_destroy mtx_lock mtx_unlock" \
                  " mtx_plain once_flag "
    io_re = "(^|[^A-Za-z0-9_.>])(printf|vprintf|puts|putchar|perror|exit|_exit|_Exit|" \
            "quick_exit|abort)[ \t]*[(]"
    std_re = "(^|[^A-Za-z0-9_])(stdout|stderr)([^A-Za-z0-9_]|$)"
}

FNR == 1 {
    incomment = 0
    started = 0
    base = FILENAME
    sub(/^.*\//, "", base)
    ext = base
    sub(/^.*\./, "", ext)
    rank = rank_of(base)
    if (rank < 0)
        report(base " belongs to no known layer: give it a rank in tests/check_layering.sh (" \
               order ")")
    may_clang = (base == "compdb.c" || base ~ /^frontend.*\.c$/)
    may_cjson = (base == "rules.c" || base == "report_json.c" || base == "report_sarif.c" || \
                 base == "baseline.c" || base ~ /^cache.*\.c$/)
    may_io = (base == "cli.c")
}

{
    # Scan the line: CODE has comments removed and literals emptied, KEPT has comments removed
    # and literals intact, STR[1..NSTR] are the contents of the string literals.
    line = $0
    code = ""
    kept = ""
    nstr = 0
    i = 1
    n = length(line)
    while (i <= n) {
        c = substr(line, i, 1)
        c2 = substr(line, i, 2)
        if (incomment) {
            if (c2 == "*/") {
                incomment = 0
                i += 2
                code = code " "
                kept = kept " "
            } else {
                i++
            }
            continue
        }
        if (c2 == "/*") {
            incomment = 1
            i += 2
            continue
        }
        if (c2 == "//")
            break
        if (c == "\"" || c == "'"'"'") {
            s = ""
            j = i + 1
            while (j <= n) {
                d = substr(line, j, 1)
                if (d == "\\") {
                    s = s substr(line, j, 2)
                    j += 2
                    continue
                }
                if (d == c)
                    break
                s = s d
                j++
            }
            kept = kept substr(line, i, j - i + 1)
            code = code c c
            if (c == "\"")
                str[++nstr] = s
            i = j + 1
            continue
        }
        code = code c
        kept = kept c
        i++
    }

    # 6. starts with a comment
    if (!started && $0 !~ /^[ \t]*$/) {
        started = 1
        if (ext == "c" && $0 !~ /^[ \t]*\/[*\/]/)
            report(base " must start with a comment: what the module does and what it must " \
                   "never do")
    }

    # 1, 2, 4: includes
    if (kept ~ /^[ \t]*#[ \t]*include/) {
        target = kept
        sub(/^[ \t]*#[ \t]*include[ \t]*/, "", target)
        quoted = (substr(target, 1, 1) == "\"")
        if (quoted)
            sub(/^"/, "", target)
        else
            sub(/^</, "", target)
        sub(/["> \t].*$/, "", target)
        if (target ~ /^clang-c\// && !may_clang)
            report("includes <" target ">: only compdb.c and frontend*.c may see libclang")
        else if (tolower(target) ~ /(^|\/)cjson(\.h$|\/)/ && !may_cjson)
            report("includes " target ": only rules.c, report_json.c, report_sarif.c, " \
                   "baseline.c and cache*.c may see cJSON")
        else if (quoted && target ~ /^[A-Za-z0-9_]+\.h$/ && rank >= 0) {
            hr = rank_of(target)
            if (hr < 0)
                report("includes " target ", which belongs to no known layer (" order ")")
            else if (hr > rank)
                report(base " (layer " trim(layer_name(rank)) ") includes " target \
                       " of layer " trim(layer_name(hr)) ", to its right (" order ")")
        }
    }

    # 3: printing and exiting
    if (!may_io) {
        w = first_match(code, io_re)
        if (w != "")
            report("calls " w "(): only cli.c prints to the terminal or ends the process; " \
                   "return a CT_E* code (reporters write to the FILE they are given)")
        w = first_match(code, std_re)
        if (w != "")
            report("names " w ": only cli.c chooses where output goes; take a FILE parameter")
    }

    # 5: API knowledge
    for (k = 1; k <= nstr; k++) {
        w = first_match(str[k], api_re "[A-Za-z0-9_]*")
        if (w != "")
            report("library API name " w " in a string literal: API knowledge belongs in " \
                   "rules/*.json")
    }
    rest = code
    while (match(rest, api_re "[A-Za-z0-9_]*")) {
        w = substr(rest, RSTART, RLENGTH)
        sub(/^[^A-Za-z_]/, "", w)
        rest = substr(rest, RSTART + RLENGTH)
        if (index(own_threads, " " w " ") == 0) {
            report("library API name " w " in code: API knowledge belongs in rules/*.json " \
                   "(the analyzer'"'"'s own threading may use only the plain thread/mutex/once " \
                   "primitives)")
            break
        }
    }
}

END { exit bad }
' "$@" || status=1

if [ "$status" -ne 0 ]; then
    echo "layering: failed (rules: tests/check_layering.sh, STYLE.md 'Modules and the one-way flow')" >&2
    exit 1
fi
echo "layering: ok"
