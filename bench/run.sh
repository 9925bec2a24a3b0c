#!/usr/bin/env bash
# run.sh - measures crosstask against the tools a C project already runs, side by side in one
# run, on three real code bases (Debian's libuv1, redis and python3.11) and on generated
# programs of 10k to 1M lines, and prints ONE markdown table (docs/benchmarks.md explains it).
#
#   bench/run.sh [OPTIONS] [PROJECT...]   PROJECT: libuv1, redis, python3.11 (default: all three),
#                                         or none (only the generated programs)
#
#   -b, --crosstask BIN    the crosstask to measure (default: build/crosstask)
#   -w, --workdir DIR      the project sources, shared with scripts/real_projects.sh
#                          (default: build/real)
#   -o, --out DIR          databases, logs, generated programs, the table (default: build/bench)
#       --commit REV       measure crosstask built from a clean export of commit REV (in
#                          OUT/src), not BIN
#   -r, --reps N           run the parse floor and cold crosstask N times, spread over the
#                          project's run, and keep the fastest (default: 3); other rows run once
#       --max-files N      use only the first N distinct files of each database (default: all)
#       --csa-every K      run the Clang Static Analyzer on every K-th file only (default: 4;
#                          1: all files; it takes minutes per project on all of them)
#       --csa-jobs LIST    the -j values for the analyzer rows (default: "1 2")
#       --sizes LIST       lines of the generated programs (default: "10000 100000 300000 1000000")
#       --gen-limit S      skip the larger generated programs once one took S seconds (180)
#       --depths LIST      call depths of the doubling-call-graph programs (bench/gen_depth.sh:
#                          every lvl_j calls lvl_{j-1} twice, lvl_0 unlocks through an opaque
#                          call) whose analysis time must not grow with the number of call
#                          paths (default: "8 12 14 16 24 64"; "" for none)
#       --docs FILE        write the table between the markers of FILE (docs/benchmarks.md)
#       --no-docs          print the table only
#       --prepare-only     fetch, configure and build the compilation databases, then stop
#   -h, --help
#
# Rows, per project (the same translation units for every tool: the first entry of each
# distinct file of the database, as crosstask -p takes them):
#   clang -fsyntax-only, one process per file (-j1 serially, -j2 with xargs -P2), flags from the
#   database; clang-tidy --checks=-*,concurrency-mt-unsafe (-j1 one process, -j2 run-clang-tidy);
#   clang --analyze with alpha.unix.PthreadLock (on every K-th file); bench/parse_floor (libclang
#   parses every file, on N threads, and does nothing else: the floor of any libclang tool);
#   crosstask --no-cache -j1 and -j2; with a fresh --cache: the run that fills it, a warm run, a
#   run after `touch` of the largest file, a run after an edit of it (a comment appended, the
#   file restored afterwards, mtime included); and, on the largest file alone, clang
#   -fsyntax-only, the floor and crosstask (peak memory).
# Times come from GNU time (%e wall, %U+%S CPU, %M peak RSS of the largest single process).
#
# Exit status: 0 when the table was written; 1 when a step failed; 2 on a usage error.

set -euo pipefail
# (with pipefail, no reader in a pipeline may stop early: a writer killed by SIGPIPE would end
# the run; awk 'NR == 1' reads to the end where head -n 1 would not)

prog=bench
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)

crosstask=$root/build/crosstask
workdir=$root/build/real
out=$root/build/bench
reps=3
max_files=0
csa_every=4
csa_jobs="1 2"
sizes="10000 100000 300000 1000000"
depths="8 12 14 16 24 64"
gen_limit=180
docs=$root/docs/benchmarks.md
steps=all
commit=
label=
projects=()
no_projects=0
gnutime=/usr/bin/time
clang_bin=clang
tidy_bin=clang-tidy
run_tidy=
apt_updated=0
# what xargs runs for each line of a .cmds file (a shell command)
# shellcheck disable=SC2016 # $1 is for that shell, not this one
eval_line='eval "$1"'

# the edited file and its copy, restored on exit whatever happens
edit_file=
edit_copy=

# results: wall (s), CPU (s), peak RSS (KB), exit status and log, by key
declare -A W C M RC LOG O
hz=$(getconf CLK_TCK 2>/dev/null || echo 100)
rows=()
notes=()

say() { printf '%s: %s\n' "$prog" "$*" >&2; }
die() {
    say "error: $*"
    exit 1
}
have() { command -v "$1" >/dev/null 2>&1; }
is_root() { [ "$(id -u)" -eq 0 ]; }

usage() {
    sed -n '/^#   bench\/run.sh/,/^#   -h, --help/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

restore_edit() {
    if [ -n "$edit_file" ] && [ -n "$edit_copy" ] && [ -f "$edit_copy" ]; then
        cat "$edit_copy" >"$edit_file"
        touch -r "$edit_copy" "$edit_file"
        rm -f "$edit_copy"
        say "restored $edit_file"
    fi
    edit_file=
    edit_copy=
}
trap restore_edit EXIT
trap 'say "error: line $LINENO: a command failed (exit status $?)"' ERR
trap 'restore_edit; exit 130' INT TERM

# ---------------------------------------------------------------------------------------------
# tools

apt_install() {
    if ! is_root || ! have apt-get; then
        die "missing $*: install it (as root: apt-get install $*)"
    fi
    if [ "$apt_updated" -eq 0 ]; then
        apt-get update -qq || die "apt-get update failed"
        apt_updated=1
    fi
    say "installing $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" \
        >/dev/null || die "apt-get install $* failed"
}

ensure_tools() {
    local pkgs=()
    [ -x "$gnutime" ] || pkgs+=(time)
    have clang || pkgs+=(clang)
    have clang-tidy || pkgs+=(clang-tidy)
    have cc || pkgs+=(build-essential)
    have python3 || have jq || pkgs+=(jq)
    [ "${#pkgs[@]}" -eq 0 ] || apt_install "${pkgs[@]}"
    [ -x "$gnutime" ] || die "GNU time is not at $gnutime"
    if have run-clang-tidy; then
        run_tidy=run-clang-tidy
    else
        run_tidy=$(compgen -c run-clang-tidy- 2>/dev/null | sort -V | tail -n 1 || true)
    fi
}

# llvm_dir include|lib: libclang's folders, from llvm-config or the Debian default.
llvm_dir() {
    local cfg
    cfg=$(command -v llvm-config-19 2>/dev/null || command -v llvm-config 2>/dev/null ||
        compgen -c llvm-config- 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$cfg" ]; then
        "$cfg" --"$1"dir
    else
        printf '/usr/lib/llvm-19/%s' "$1"
    fi
}

build_floor() {
    local inc lib bin=$out/parse_floor
    if [ "$bin" -nt "$here/parse_floor.c" ]; then
        return 0
    fi
    inc=$(llvm_dir include)
    lib=$(llvm_dir lib)
    say "cc bench/parse_floor.c -> ${bin#"$root"/}"
    cc -std=c11 -O2 -Wall -Wextra -Werror -I"$inc" -o "$bin" "$here/parse_floor.c" \
        -L"$lib" -Wl,-rpath,"$lib" -lclang -lpthread || die "cannot build parse_floor"
}

# build_commit REV: builds crosstask from a clean export of commit REV in OUT/src (not from the
# working tree, which others may be changing) and measures that one.
build_commit() {
    local sha src=$out/src
    sha=$(git -C "$root" rev-parse --verify "$1^{commit}") || die "--commit: no commit $1"
    if [ ! -x "$src/build/crosstask" ] || [ "$(cat "$src/.commit" 2>/dev/null)" != "$sha" ]; then
        say "building crosstask at commit ${sha:0:12} in ${src#"$root"/}"
        rm -rf "$src"
        mkdir -p "$src"
        git -C "$root" archive "$sha" | tar -x -C "$src" || die "git archive $sha failed"
        make -C "$src" -j2 >"$out/build.log" 2>&1 || die "make at $sha failed (log: $out/build.log)"
        printf '%s\n' "$sha" >"$src/.commit"
    fi
    crosstask=$src/build/crosstask
    label="commit ${sha:0:12} (a clean export)"
}

# snapshot_crosstask: copies crosstask and the rule packs it loads into OUT/bin and OUT/rules,
# so that a rebuild or a rule-pack edit in the tree during the run changes nothing measured
# (crosstask looks for its packs in ../rules next to itself, unless CROSSTASK_RULES is set).
snapshot_crosstask() {
    local real dir d
    real=$(readlink -f "$crosstask")
    dir=$(dirname "$real")
    if [ -z "${CROSSTASK_RULES-}" ]; then
        for d in "$dir/../rules" "$dir/../../rules" "$dir/../share/crosstask/rules"; do
            if [ -d "$d" ]; then
                rm -rf "$out/rules"
                cp -R "$d" "$out/rules"
                break
            fi
        done
    fi
    mkdir -p "$out/bin"
    cp -p "$real" "$out/bin/crosstask"
    crosstask=$out/bin/crosstask
    "$crosstask" --list-rules >/dev/null 2>"$out/rules.log" ||
        die "crosstask cannot load its rule packs: $(head -n 3 "$out/rules.log")"
}

# ---------------------------------------------------------------------------------------------
# sources and compilation databases

# src_tree PKG: the unpacked source folder of PKG in the work dir (newest version), or nothing.
src_tree() {
    local d found=
    for d in "$workdir/$1"-[0-9]*/; do
        d=${d%/}
        [ -f "$d/debian/control" ] && found=$d
    done
    printf '%s' "$found"
}

# src_db PKG: PKG's compile_commands.json
src_db() {
    local src
    src=$(src_tree "$1")
    case $1 in
    libuv1) printf '%s/build/compile_commands.json' "$src" ;;
    *) printf '%s/compile_commands.json' "$src" ;;
    esac
}

db_ok() {
    [ -s "$1" ] || return 1
    if have python3; then
        python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(not (isinstance(d, list) and d))' "$1" 2>/dev/null
    else
        jq -e 'type == "array" and length > 0' "$1" >/dev/null 2>&1
    fi
}

# fetch_python: apt-get source python3.11; when the index names a version the mirror no longer
# has (a security update replaced it), the older versions apt-cache knows, newest first.
fetch_python() {
    local v log=$workdir/logs/python3.11-source.log
    [ -z "$(src_tree python3.11)" ] || return 0
    if [ -z "$(apt-cache showsrc python3.11 2>/dev/null)" ]; then
        is_root && apt-get update -qq
        [ -n "$(apt-cache showsrc python3.11 2>/dev/null)" ] ||
            die "apt has no deb-src source: run scripts/real_projects.sh --prepare-only as root (it adds one)"
    fi
    say "python3.11: apt-get source python3.11 (into ${workdir#"$root"/})"
    if ! (cd "$workdir" && apt-get source -qq python3.11) >"$log" 2>&1; then
        for v in $(apt-cache showsrc python3.11 | awk '/^Version:/ { print $2 }' | sort -Vr); do
            say "python3.11: retrying with version $v"
            (cd "$workdir" && apt-get source -qq "python3.11=$v") >>"$log" 2>&1 && break
        done
    fi
    [ -n "$(src_tree python3.11)" ] || die "python3.11: apt-get source failed (log: $log)"
}

# prepare_python: ./configure, then bear over the build of libpython3.11.a and Programs/python.o
# only (the interpreter core: no extension modules, no tests): about 1.5 minutes on 2 cores.
prepare_python() {
    local src db log=$workdir/logs/python3.11-bear.log
    fetch_python
    src=$(src_tree python3.11)
    db=$src/compile_commands.json
    if db_ok "$db"; then
        say "python3.11: ${db#"$root"/} already there"
        return 0
    fi
    have bear || apt_install bear
    if [ ! -f "$src/Makefile" ]; then
        say "python3.11: ./configure"
        (cd "$src" && ./configure) >"$workdir/logs/python3.11-configure.log" 2>&1 ||
            die "python3.11: configure failed (log: $workdir/logs/python3.11-configure.log)"
    fi
    say "python3.11: bear -- make -j2 libpython3.11.a Programs/python.o (a minute or two)"
    make -C "$src" clean >/dev/null 2>&1 || true # bear records only what make compiles
    if ! (cd "$src" && bear --output compile_commands.json -- \
        make -j2 libpython3.11.a Programs/python.o) >"$log" 2>&1; then
        tail -n 20 "$log" >&2
        die "python3.11: the build under bear failed (log: $log)"
    fi
    db_ok "$db" || die "python3.11: bear wrote no usable ${db#"$root"/}"
}

prepare() {
    local p real=()
    mkdir -p "$workdir/logs"
    for p in "${projects[@]}"; do
        case $p in
        libuv1 | redis) real+=("$p") ;;
        esac
    done
    if [ "${#real[@]}" -gt 0 ]; then
        "$root/scripts/real_projects.sh" --workdir "$workdir" --prepare-only "${real[@]}" ||
            die "scripts/real_projects.sh --prepare-only ${real[*]} failed"
    fi
    for p in "${projects[@]}"; do
        [ "$p" != python3.11 ] || prepare_python
    done
}

# bench_db SRC-DB DIR: writes DIR/db/compile_commands.json (the first entry of each distinct
# file, at most --max-files of them) and, one line per file, shell commands that run clang on
# it in its directory: DIR/syntax.cmds (-fsyntax-only), DIR/csa.cmds (--analyze, every
# --csa-every-th file), plus DIR/files. The flags are cleaned as crosstask cleans them: the
# compiler, -c, -o FILE, -M* and the source itself dropped. A failing command appends its file
# to DIR/failed.
bench_db() {
    mkdir -p "$2/db"
    if have python3; then
        python3 - "$1" "$2" "$max_files" "$csa_every" "$clang_bin" <<'EOF'
import json, os, shlex, sys
src, out, max_files, every, clang = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
with open(src) as f:
    db = json.load(f)
keep, seen = [], set()
for e in db:
    d = e.get("directory", ".")
    p = os.path.normpath(os.path.join(d, e["file"]))
    if p in seen:
        continue
    seen.add(p)
    keep.append(e)
    if max_files and len(keep) >= max_files:
        break

def flags(e):
    a = list(e["arguments"]) if "arguments" in e else shlex.split(e["command"])
    d = e.get("directory", ".")
    p = os.path.normpath(os.path.join(d, e["file"]))
    r, i = [], 1
    while i < len(a):
        x = a[i]
        i += 1
        if x in ("-o", "-MF", "-MT", "-MQ"):
            i += 1
        elif x in ("-c", "-MD", "-MMD", "-M", "-MM", "-MP", "-pipe", "--") or x.startswith("-o"):
            pass
        elif not x.startswith(("-", "@")) and os.path.normpath(os.path.join(d, x)) == p:
            pass
        else:
            r.append(x)
    return d, p, r

failed = shlex.quote(os.path.join(out, "failed"))
with open(os.path.join(out, "db", "compile_commands.json"), "w") as f:
    json.dump(keep, f, indent=1)
with open(os.path.join(out, "syntax.cmds"), "w") as syn, \
        open(os.path.join(out, "csa.cmds"), "w") as csa, open(os.path.join(out, "files"), "w") as fl:
    for n, e in enumerate(keep):
        d, p, r = flags(e)
        fl.write(p + "\n")
        tail = " >/dev/null 2>&1 || echo %s >>%s\n" % (shlex.quote(p), failed)
        syn.write("cd %s && %s" % (shlex.quote(d), shlex.join([clang, "-fsyntax-only"] + r + [p])) + tail)
        if n % every == 0:
            csa.write("cd %s && %s" % (shlex.quote(d), shlex.join(
                [clang, "--analyze", "-Xanalyzer", "-analyzer-checker=alpha.unix.PthreadLock",
                 "-o", "/dev/null"] + r + [p])) + tail)
EOF
    else
        # jq: no path folding, and a "command" string is split at spaces
        jq --argjson max "$max_files" '
            reduce .[] as $e ({seen: {}, out: []};
                ($e | if (.file | startswith("/")) then .file else .directory + "/" + .file end) as $p
                | if .seen[$p] or ($max > 0 and (.out | length) >= $max) then .
                  else .seen[$p] = true | .out += [$e] end) | .out' "$1" >"$2/db/compile_commands.json"
        jq -r '.[] | (if (.file | startswith("/")) then .file else .directory + "/" + .file end)' \
            "$2/db/compile_commands.json" >"$2/files"
        local mode
        for mode in syntax csa; do
            jq -r --arg mode "$mode" --arg clang "$clang_bin" --argjson every "$csa_every" \
                --arg failed "$2/failed" '
                to_entries[] | select($mode == "syntax" or .key % $every == 0) | .value
                | .directory as $d
                | (if (.file | startswith("/")) then .file else $d + "/" + .file end) as $p
                | (if .arguments then .arguments else (.command | [splits(" +")]) end) as $a
                | [foreach range(1; $a | length) as $i ({skip: false, v: null};
                      if .skip then {skip: false, v: null}
                      elif ($a[$i] | IN("-o", "-MF", "-MT", "-MQ")) then {skip: true, v: null}
                      elif ($a[$i] | IN("-c", "-MD", "-MMD", "-M", "-MM", "-MP", "-pipe", "--"))
                           or ($a[$i] | startswith("-o")) then {skip: false, v: null}
                      elif (($a[$i] | sub("^\\./"; "")) as $x | $x == $p or $d + "/" + $x == $p
                                or $a[$i] == $p)
                           then {skip: false, v: null}
                      else {skip: false, v: $a[$i]} end; .v) | select(. != null)] as $r
                | ([$clang] + (if $mode == "syntax" then ["-fsyntax-only"] else
                     ["--analyze", "-Xanalyzer", "-analyzer-checker=alpha.unix.PthreadLock",
                      "-o", "/dev/null"] end) + $r + [$p]) as $cmd
                | "cd \($d | @sh) && \($cmd | @sh) >/dev/null 2>&1 || echo \($p | @sh) >>\($failed | @sh)"
            ' "$2/db/compile_commands.json" >"$2/$mode.cmds"
        done
    fi
}

# one_entry_db SRC-DB FILE DIR: DIR/compile_commands.json with FILE's entry only.
one_entry_db() {
    mkdir -p "$3"
    if have python3; then
        python3 - "$1" "$2" "$3/compile_commands.json" <<'EOF'
import json, os, sys
with open(sys.argv[1]) as f:
    db = json.load(f)
e = [e for e in db if os.path.normpath(os.path.join(e.get("directory", "."), e["file"])) == sys.argv[2]][:1]
with open(sys.argv[3], "w") as f:
    json.dump(e, f, indent=1)
EOF
    else
        jq --arg p "$2" '[.[] | select((if (.file | startswith("/")) then .file
            else .directory + "/" + .file end) == $p)][:1]' "$1" >"$3/compile_commands.json"
    fi
}

# ---------------------------------------------------------------------------------------------
# measuring

# measure KEY LOG CMD...: runs CMD under GNU time, its output to LOG; records W, C, M, RC.
measure() {
    local key=$1 log=$2 tf=$out/.time rc=0 w u s m b0 b1
    shift 2
    b0=$(busy_ticks)
    "$gnutime" -f '%e %U %S %M' -o "$tf" "$@" >"$log" 2>&1 || rc=$?
    b1=$(busy_ticks)
    read -r w u s m < <(tail -n 1 "$tf")
    W[$key]=$w
    C[$key]=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
    M[$key]=$m
    RC[$key]=$rc
    LOG[$key]=$log
    # the cores other processes kept busy meanwhile: all busy CPU time minus this run's
    O[$key]=$(awk -v b0="$b0" -v b1="$b1" -v hz="$hz" -v c="${C[$key]}" -v w="$w" \
        'BEGIN { o = w > 0 ? ((b1 - b0) / hz - c) / w : 0; printf "%.2f", o < 0 ? 0 : o }')
}

# busy_ticks: the CPU time (clock ticks) every process of the machine has used so far.
busy_ticks() {
    awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat
}

# measure_ct KEY LOG ARGS...: measure crosstask ARGS; exit status 0, 1 (findings) and 3 (some
# file did not parse) are results, anything else stops the run.
measure_ct() {
    local key=$1 log=$2
    shift 2
    measure "$key" "$log" "$crosstask" "$@"
    case ${RC[$key]} in
    0 | 1 | 3) ;;
    *)
        tail -n 5 "$log" >&2
        die "crosstask $* exited ${RC[$key]} (log: $log)"
        ;;
    esac
}

# measure_best KEY LOG CMD...: as measure; with --reps above 1 the caller runs it again and
# keeps the fastest (see keep_best).
keep_best() {
    local key=$1 try=$2
    if [ -z "${W[$key]-}" ] || awk -v a="${W[$try]}" -v b="${W[$key]}" 'BEGIN { exit !(a < b) }'; then
        W[$key]=${W[$try]}
        C[$key]=${C[$try]}
        M[$key]=${M[$try]}
        RC[$key]=${RC[$try]}
        LOG[$key]=${LOG[$try]}
        O[$key]=${O[$try]}
    fi
}

# stat_of KEY parse|analysis: the seconds crosstask --stats printed in KEY's log.
stat_of() {
    sed -n "s/.*parse \([0-9.]*\) s, analysis \([0-9.]*\) s.*/\1 \2/p" "${LOG[$1]}" | tail -n 1 |
        awk -v w="$2" '{ print (w == "parse" ? $1 : $2) }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "?" }'; }

# verdict VALUE TARGET: "met" when VALUE <= TARGET.
# verdict VALUE TARGET KEY...: "met" when VALUE <= TARGET, else "**missed**"; with "(disturbed)"
# when other processes were busy during one of the runs (KEY...) the value comes from.
verdict() {
    local v=$1 t=$2 k d=
    shift 2
    for k in "$@"; do
        [ -z "$(busy_note "$k")" ] || d=" (disturbed)"
    done
    awk -v v="$v" -v t="$t" -v d="$d" \
        'BEGIN { print ((v != "?" && v + 0 <= t + 0) ? "met" : "**missed**") d }'
}

mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

# row PROJECT RUN JOBS KEY NOTE: one table row from KEY's measurement; a run of a second or
# more during which other processes kept a fifth of a core or more busy says so.
row() {
    local note=$5 busy
    busy=$(busy_note "$4")
    [ -z "$busy" ] || note="${note:+$note; }$busy"
    rows+=("| $1 | $2 | $3 | ${W[$4]} | ${C[$4]} | $(mb "${M[$4]}") | $note |")
}

busy_note() {
    awk -v w="${W[$1]}" -v o="${O[$1]-0}" \
        'BEGIN { if (w >= 1 && o >= 0.2) printf "*others kept %.1f cores busy meanwhile*", o }'
}

failures_note() {
    local n
    n=$(wc -l <"$1" 2>/dev/null || echo 0)
    [ "$n" -eq 0 ] || printf '%s of the files failed' "$n"
}

# cold_rep: the next repetition (of --reps) of the parse floor and cold crosstask rows, -j1
# then -j2, in bench_project's variables (p, dir, db, next_rep); nothing once all have run.
cold_rep() {
    local j r=$next_rep
    [ "$r" -le "$reps" ] || return 0
    next_rep=$((r + 1))
    for j in 1 2; do
        say "$p: parse_floor -j$j, crosstask --no-cache -j$j (repetition $r of $reps)"
        measure "try" "$dir/logs/floor-j$j-$r.log" "$out/parse_floor" -v -j "$j" "$db"
        keep_best "$p.floor.$j" try
        measure_ct "try" "$dir/logs/cold-j$j-$r.log" \
            --no-cache --stats -j "$j" -p "$db" -o "$dir/cold-j$j.txt"
        keep_best "$p.cold.$j" try
    done
}

bench_project() {
    local p=$1 sdb dir db nfiles ncsa j r n next_rep big bigkey one cache note a t files=() tidy1 tidy1_note=
    sdb=$(src_db "$p")
    db_ok "$sdb" || die "$p: no usable $sdb (run without --analyse-only)"
    dir=$out/$p
    rm -rf "$dir"
    mkdir -p "$dir/logs"
    bench_db "$sdb" "$dir"
    db=$dir/db
    nfiles=$(wc -l <"$dir/files")
    ncsa=$(wc -l <"$dir/csa.cmds")
    mapfile -t files <"$dir/files"
    say "$p: $nfiles translation units"

    # parse floor and cold crosstask, interleaved, the fastest of --reps; the repetitions are
    # spread over the project's run (before the clang, clang-tidy, analyzer and cache rows), so
    # that a burst of other work on the machine does not spoil all of them
    next_rep=1
    cold_rep
    for j in 1 2; do
        : >"$dir/failed"
        say "$p: clang -fsyntax-only, one process per file, -j$j"
        measure "$p.syntax.$j" "$dir/logs/syntax-j$j.log" \
            xargs -d '\n' -P "$j" -n 1 sh -c "$eval_line" sh <"$dir/syntax.cmds"
        cp "$dir/failed" "$dir/failed.syntax.$j"
    done
    cold_rep
    say "$p: clang-tidy concurrency-mt-unsafe -j1, one process for every file"
    tidy1="clang-tidy concurrency-mt-unsafe, one process"
    measure "$p.tidy.1" "$dir/logs/tidy-j1.log" \
        "$tidy_bin" -p "$db" --quiet '--checks=-*,concurrency-mt-unsafe' "${files[@]}"
    if grep -q 'PLEASE submit a bug report' "$dir/logs/tidy-j1.log"; then
        # clang-tidy 14 can crash when one process takes many files (redis: in sds.c)
        say "$p: clang-tidy crashed with every file in one process: one process per file"
        tidy1="clang-tidy concurrency-mt-unsafe, a process per file"
        tidy1_note="one process for all files crashed (clang-tidy 14) in $(grep -m1 -oE \
            '^[0-9]+\.[[:space:]]+[^ :]+\.c:[0-9]+' "$dir/logs/tidy-j1.log" | awk '{ print $2 }')"
        cp "$dir/logs/tidy-j1.log" "$dir/logs/tidy-j1-crashed.log"
        measure "$p.tidy.1" "$dir/logs/tidy-j1.log" \
            xargs -d '\n' -P 1 -n 1 "$tidy_bin" -p "$db" --quiet \
            '--checks=-*,concurrency-mt-unsafe' <"$dir/files"
    fi
    say "$p: clang-tidy concurrency-mt-unsafe -j2"
    if [ -n "$run_tidy" ]; then
        measure "$p.tidy.2" "$dir/logs/tidy-j2.log" \
            "$run_tidy" -j 2 -p "$db" -quiet '-checks=-*,concurrency-mt-unsafe'
    else
        measure "$p.tidy.2" "$dir/logs/tidy-j2.log" \
            xargs -d '\n' -P 2 -n 1 "$tidy_bin" -p "$db" --quiet \
            '--checks=-*,concurrency-mt-unsafe' <"$dir/files"
    fi
    cold_rep
    for j in $csa_jobs; do
        : >"$dir/failed"
        say "$p: clang --analyze alpha.unix.PthreadLock on $ncsa files, -j$j"
        measure "$p.csa.$j" "$dir/logs/csa-j$j.log" \
            xargs -d '\n' -P "$j" -n 1 sh -c "$eval_line" sh <"$dir/csa.cmds"
        cp "$dir/failed" "$dir/failed.csa.$j"
    done

    while [ "$next_rep" -le "$reps" ]; do
        cold_rep
    done

    # the largest translation unit: the one the floor took longest on (-j1)
    # (summed over the -j1 repetitions: two files of about the same cost do not take turns)
    big=$(cat "$dir"/logs/floor-j1-*.log | awk '$2 ~ /^\// { t[$2] += $1 }
        END { for (f in t) print t[f], f }' | sort -rn | awk 'NR == 1 { print $2 }')
    [ -n "$big" ] || die "$p: parse_floor -v printed no per-file times"
    bigkey=${big#"$(src_tree "$p")"/}
    one=$dir/one
    one_entry_db "$db/compile_commands.json" "$big" "$one"
    n=$(grep -nxF -- "$big" "$dir/files" | awk -F: 'NR == 1 { print $1 }')
    [ -n "$n" ] || die "$p: $big is not in $dir/files"
    sed -n "${n}p" "$dir/syntax.cmds" >"$dir/one.cmd"
    say "$p: the largest translation unit: $bigkey"
    measure "$p.one.syntax" "$dir/logs/one-syntax.log" sh -c "$(cat "$dir/one.cmd")"
    measure "$p.one.floor" "$dir/logs/one-floor.log" "$out/parse_floor" -j 1 "$one"
    measure_ct "$p.one.ct" "$dir/logs/one-ct.log" \
        --no-cache --stats -j 1 -p "$one" -o "$dir/one.txt"

    # the cache: filled, warm, after touch, after an edit
    cache=$dir/cache
    rm -rf "$cache"
    say "$p: crosstask --cache: fill, warm, touched, edited"
    measure_ct "$p.fill" "$dir/logs/fill.log" \
        --cache "$cache" --stats -j 2 -p "$db" -o "$dir/fill.txt"
    measure_ct "$p.warm" "$dir/logs/warm.log" \
        --cache "$cache" --stats -j 2 -p "$db" -o "$dir/warm.txt"
    edit_copy=$dir/edit.orig
    cp -p "$big" "$edit_copy"
    edit_file=$big
    touch "$big"
    measure_ct "$p.touched" "$dir/logs/touched.log" \
        --cache "$cache" --stats -j 2 -p "$db" -o "$dir/touched.txt"
    printf '\n/* crosstask bench: an edit, undone when the run ends */\n' >>"$big"
    measure_ct "$p.edited" "$dir/logs/edited.log" \
        --cache "$cache" --stats -j 2 -p "$db" -o "$dir/edited.txt"
    restore_edit

    # the table
    local proj="$p ($nfiles TUs)"
    note=$(failures_note "$dir/failed.syntax.1")
    row "$proj" "clang -fsyntax-only, a process per file" 1 "$p.syntax.1" "${note:-}"
    note=$(failures_note "$dir/failed.syntax.2")
    row "$proj" "clang -fsyntax-only, xargs -P2" 2 "$p.syntax.2" "${note:-}"
    note=$(tidy_note "$p.tidy.1")
    [ -z "$tidy1_note" ] || note="$tidy1_note${note:+; $note}"
    row "$proj" "$tidy1" 1 "$p.tidy.1" "$note"
    row "$proj" "${run_tidy:-xargs -P2 clang-tidy} concurrency-mt-unsafe" 2 "$p.tidy.2" \
        "$(tidy_note "$p.tidy.2")"
    for j in $csa_jobs; do
        note=$(failures_note "$dir/failed.csa.$j")
        row "$proj" "clang --analyze PthreadLock, $ncsa of $nfiles files" "$j" "$p.csa.$j" \
            "$(csa_note "$p" "$j" "$ncsa" "$nfiles")${note:+; $note}"
    done
    for j in 1 2; do
        row "$proj" "parse floor (bench/parse_floor)" "$j" "$p.floor.$j" \
            "÷ clang -fsyntax-only $(ratio "${W[$p.floor.$j]}" "${W[$p.syntax.$j]}")$(floor_failed "$p.floor.$j")"
    done
    a=$(ratio "${W[$p.cold.1]}" "${W[$p.floor.1]}")
    row "$proj" "crosstask --no-cache" 1 "$p.cold.1" \
        "$(stats_note "$p.cold.1"); ÷ floor $a (≤ 1.10: $(verdict "$a" 1.10 "$p.cold.1" "$p.floor.1"))"
    a=$(ratio "${W[$p.cold.2]}" "${W[$p.floor.2]}")
    t=$(ratio "${W[$p.cold.2]}" "${W[$p.cold.1]}")
    row "$proj" "crosstask --no-cache" 2 "$p.cold.2" \
        "$(stats_note "$p.cold.2"); ÷ floor $a (≤ 1.10: $(verdict "$a" 1.10 "$p.cold.2" "$p.floor.2")); ÷ -j1 $t (≤ 0.60: $(verdict "$t" 0.60 "$p.cold.2" "$p.cold.1"))"
    row "$proj" "crosstask --cache, filling it" 2 "$p.fill" "$(stats_note "$p.fill")"
    a=$(awk -v a="${W[$p.warm]}" -v b="${W[$p.cold.2]}" 'BEGIN { printf "%.1f", 100 * a / b }')
    row "$proj" "crosstask --cache, warm (nothing changed)" 2 "$p.warm" \
        "$(stats_note "$p.warm"); ÷ cold -j2 $a% (≤ 3%: $(verdict "$a" 3 "$p.warm" "$p.cold.2"))"
    for r in touched edited; do
        t=$(awk -v a="${W[$p.one.syntax]}" -v b="$(stat_of "$p.$r" analysis)" \
            'BEGIN { printf "%.2f", a + b }')
        a=$(ratio "${W[$p.$r]}" "$t")
        if [ "$r" = touched ]; then
            note="crosstask --cache, after \`touch $bigkey\`"
        else
            note="crosstask --cache, after an edit of $bigkey"
        fi
        row "$proj" "$note" 2 "$p.$r" \
            "$(stats_note "$p.$r"); ÷ (its clang -fsyntax-only ${W[$p.one.syntax]} s + analysis) $a (≤ 1.3: $(verdict "$a" 1.3 "$p.$r" "$p.one.syntax"))"
    done
    row "$proj" "clang -fsyntax-only $bigkey (largest TU)" 1 "$p.one.syntax" ""
    row "$proj" "parse floor, $bigkey alone" 1 "$p.one.floor" \
        "RSS ÷ clang $(ratio "${M[$p.one.floor]}" "${M[$p.one.syntax]}")"
    a=$(ratio "${M[$p.one.ct]}" "${M[$p.one.syntax]}")
    row "$proj" "crosstask --no-cache, $bigkey alone" 1 "$p.one.ct" \
        "peak RSS ÷ clang -fsyntax-only $a (≤ 1.2: $(verdict "$a" 1.2))"
}

stats_note() {
    local s a
    s=$(stat_of "$1" parse)
    a=$(stat_of "$1" analysis)
    [ -n "$s" ] || return 0
    printf 'parse %s s + analysis %s s' "$s" "$a"
    [ "${RC[$1]}" -ne 3 ] ||
        printf ' (exit 3: %s files could not be analysed)' "$(grep -c ': error: ' "${LOG[$1]}" || true)"
}

# floor_failed KEY: "; N files failed" when the parse floor could not parse some file.
floor_failed() {
    sed -n 's/^parse_floor: .*, \([0-9]*\) failed,.*/\1/p' "${LOG[$1]}" |
        awk '$1 > 0 { printf "; **%s files failed to parse**", $1 }'
}

tidy_note() {
    local n
    n=$(grep -c '^Error while processing' "${LOG[$1]}" 2>/dev/null || true)
    [ "${n:-0}" -eq 0 ] || printf '%s files with compiler errors' "$n"
}

csa_note() {
    [ "$3" -ge "$4" ] || printf 'every %sth file of the database' "$csa_every"
}

# ---------------------------------------------------------------------------------------------
# the generated programs

bench_generated() {
    local n dir file key p a lps last=0 skipped=()
    dir=$out/gen
    mkdir -p "$dir"
    for n in $sizes; do
        if [ "$last" -gt "$gen_limit" ]; then
            skipped+=("$n")
            continue
        fi
        file=$dir/$n.c
        say "generated program: $n lines"
        sh "$here/gen_program.sh" "$n" >"$file" || die "bench/gen_program.sh $n failed"
        mkdir -p "$dir/$n"
        printf '[{"directory": "%s", "file": "%s", "arguments": ["cc", "-std=c11", "-pthread", "-c", "%s"]}]\n' \
            "$dir" "$file" "$file" >"$dir/$n/compile_commands.json"
        key=gen.$n
        measure "$key.syntax" "$dir/syntax-$n.log" "$clang_bin" -fsyntax-only -std=c11 -pthread "$file"
        measure "$key.floor" "$dir/floor-$n.log" "$out/parse_floor" -j 1 "$dir/$n"
        measure_ct "$key" "$dir/ct-$n.log" \
            --no-cache --stats -j 1 -p "$dir/$n" -o "$dir/ct-$n.txt"
        p=$(stat_of "$key" parse)
        a=$(stat_of "$key" analysis)
        lps=$(awk -v n="$(wc -l <"$file")" -v t="$(awk -v p="$p" -v a="$a" 'BEGIN { print p + a }')" \
            'BEGIN { printf "%.0f", (t > 0 ? n / t / 1000 : 0) }')
        rows+=("| generated, $(wc -l <"$file") lines | crosstask --no-cache | 1 | ${W[$key]} | ${C[$key]} | $(mb "${M[$key]}") | parse $p s + analysis $a s ($(awk -v p="$p" -v a="$a" 'BEGIN { printf "%.1f", 100 * a / p }')% of parse), ${lps}k lines/s; floor ${W[$key.floor]} s (÷ $(ratio "${W[$key]}" "${W[$key.floor]}")), clang -fsyntax-only ${W[$key.syntax]} s, $(mb "${M[$key.syntax]}") MB$(b=$(busy_note "$key"); [ -z "$b" ] || printf '; %s' "$b") |")
        last=$(awk -v w="${W[$key]}" 'BEGIN { printf "%.0f", w }')
    done
    [ "${#skipped[@]}" -eq 0 ] ||
        notes+=("Generated programs of ${skipped[*]} lines were skipped: the previous one took more than $gen_limit s.")
}

# bench_depth: the doubling call graph at each of --depths. 2^DEPTH call paths reach one
# unlock; the summaries must merge them (one entry, one trace), so the analysis stays a fraction
# of the parse at every depth (it was 0.17 s at depth 12 and 2.6 s at 14 before the merge, and
# doubled per level).
bench_depth() {
    local d dir file key p a f
    dir=$out/depth
    mkdir -p "$dir"
    for d in $depths; do
        file=$dir/depth$d.c
        say "doubling call graph: depth $d"
        sh "$here/gen_depth.sh" "$d" >"$file" || die "bench/gen_depth.sh $d failed"
        key=depth.$d
        measure_ct "$key" "$dir/ct-$d.log" --no-cache --stats -j 1 -o "$dir/ct-$d.txt" "$file" \
            -- -std=c11 -pthread
        p=$(stat_of "$key" parse)
        a=$(stat_of "$key" analysis)
        f=$(grep -c '\[cross-task-exit\]' "$dir/ct-$d.txt" || true)
        rows+=("| doubling call graph, depth $d ($((d + 4)) functions, 2^$d call paths) | crosstask --no-cache | 1 | ${W[$key]} | ${C[$key]} | $(mb "${M[$key]}") | parse $p s + analysis $a s ($(awk -v p="$p" -v a="$a" 'BEGIN { printf "%.1f", (p > 0 ? 100 * a / p : 0) }')% of parse; ≤ 10%: $(verdict "$(awk -v p="$p" -v a="$a" 'BEGIN { printf "%.1f", (p > 0 ? 100 * a / p : 0) }')" 10)); $f finding (1 expected) |")
    done
}

# ---------------------------------------------------------------------------------------------
# the report

machine() {
    local cpu mem deb clangv
    cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
    mem=$(awk '/^MemTotal/ { printf "%.0f GB", $2 / 1024 / 1024 }' /proc/meminfo)
    deb="Debian $(cat /etc/debian_version 2>/dev/null || echo '?')"
    clangv=$("$clang_bin" --version | awk 'NR == 1')
    printf -- '- machine: %s cores (nproc), %s, %s RAM, %s, kernel %s\n' "$(nproc)" "$cpu" "$mem" \
        "$deb" "$(uname -r)"
    printf -- '- tools: %s; %s; crosstask %s built from %s\n' "$clangv" \
        "$("$tidy_bin" --version | awk '/version/ && !v { v = "clang-tidy " $NF } END { print v }')" \
        "$("$crosstask" --version 2>/dev/null | awk 'NR == 1 { print $NF }')" "$label"
    printf -- '- run: started %s, load average before it %s; -r %s (parse floor and cold crosstask: the fastest of %s runs spread over the project'"'"'s run, every other row once)%s\n' \
        "$started" "$load0" "$reps" "$reps" \
        "$([ "$max_files" -eq 0 ] || printf '; only the first %s files of each database' "$max_files")"
}

table() {
    local r n
    machine
    printf '\n'
    printf '| project | run | -j | wall s | CPU s | peak RSS MB | ratios (target) and notes |\n'
    printf '|---|---|--:|--:|--:|--:|---|\n'
    for r in "${rows[@]}"; do
        printf '%s\n' "$r"
    done
    if [ "${#notes[@]}" -gt 0 ]; then
        printf '\n'
        for n in "${notes[@]}"; do
            printf -- '- %s\n' "$n"
        done
    fi
    printf '\nTotal time of this run: %s s.\n' "$((SECONDS - start))"
}

# write_docs TABLE-FILE: puts TABLE-FILE between the markers of $docs (adds them at the end
# when missing).
write_docs() {
    local begin='<!-- bench:begin (generated by bench/run.sh: do not edit by hand) -->'
    local end='<!-- bench:end -->'
    mkdir -p "$(dirname "$docs")"
    if [ ! -f "$docs" ] || ! grep -qF '<!-- bench:begin' "$docs"; then
        printf '\n%s\n%s\n' "$begin" "$end" >>"$docs"
    fi
    awk -v t="$1" -v b="$begin" '
        /^<!-- bench:begin/ { print b; while ((getline l < t) > 0) print l; skip = 1; next }
        /^<!-- bench:end -->/ { skip = 0 }
        !skip { print }
    ' "$docs" >"$docs.tmp"
    mv "$docs.tmp" "$docs"
    say "wrote the table into ${docs#"$root"/}"
}

# ---------------------------------------------------------------------------------------------

main() {
    local p
    while [ $# -gt 0 ]; do
        case $1 in
        -b | --crosstask) crosstask=${2:?--crosstask needs a path}; shift ;;
        -w | --workdir) workdir=${2:?--workdir needs a folder}; shift ;;
        -o | --out) out=${2:?--out needs a folder}; shift ;;
        -r | --reps) reps=${2:?--reps needs a number}; shift ;;
        --commit) commit=${2:?--commit needs a revision}; shift ;;
        --max-files) max_files=${2:?--max-files needs a number}; shift ;;
        --csa-every) csa_every=${2:?--csa-every needs a number}; shift ;;
        --csa-jobs) csa_jobs=${2:?--csa-jobs needs a list}; shift ;;
        --sizes) sizes=${2?--sizes needs a list}; shift ;;
        --gen-limit) gen_limit=${2:?--gen-limit needs seconds}; shift ;;
        --depths) depths=${2?--depths needs a list}; shift ;;
        --docs) docs=${2:?--docs needs a file}; shift ;;
        --no-docs) docs= ;;
        --prepare-only) steps=prepare ;;
        -h | --help) usage; exit 0 ;;
        libuv1 | redis | python3.11) projects+=("$1") ;;
        none) no_projects=1 ;;
        *) say "unknown argument: $1"; usage >&2; exit 2 ;;
        esac
        shift
    done
    for p in "$reps" "$max_files" "$csa_every" "$gen_limit"; do
        case $p in
        '' | *[!0-9]*) say "not a number: $p"; exit 2 ;;
        esac
    done
    if [ "$reps" -lt 1 ] || [ "$csa_every" -lt 1 ]; then
        say "--reps and --csa-every start at 1"
        exit 2
    fi
    [ "${#projects[@]}" -gt 0 ] || [ "$no_projects" -eq 1 ] || projects=(libuv1 redis python3.11)
    mkdir -p "$workdir" "$out"
    workdir=$(cd "$workdir" && pwd)
    out=$(cd "$out" && pwd)
    case $crosstask in
    /*) ;;
    *) crosstask=$(pwd)/$crosstask ;;
    esac
    start=$SECONDS
    started=$(date -u '+%Y-%m-%d %H:%M UTC')
    load0=$(cut -d' ' -f1-3 /proc/loadavg)

    ensure_tools
    prepare
    [ "$steps" = all ] || return 0
    build_floor
    if [ -n "$commit" ]; then
        build_commit "$commit"
    else
        [ -x "$crosstask" ] || die "$crosstask is not an executable: run make first"
        label="the working tree at commit $(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || echo '?')"
        if [ -n "$(git -C "$root" status --porcelain -- analyzer rules 2>/dev/null)" ]; then
            label="$label, with uncommitted changes in analyzer/ or rules/"
        fi
    fi
    snapshot_crosstask
    for p in "${projects[@]}"; do
        bench_project "$p"
    done
    [ -z "$sizes" ] || bench_generated
    [ -z "$depths" ] || bench_depth
    table >"$out/table.md"
    cat "$out/table.md"
    [ -z "$docs" ] || write_docs "$out/table.md"
}

main "$@"
