#!/usr/bin/env bash
# real_projects.sh - runs crosstask over real multi-threaded C code bases built from Debian's
# source packages, and prints what it found and what it cost.
#
#   scripts/real_projects.sh [OPTIONS] [PROJECT...]
#       PROJECT: libuv1, redis, db5.3, memcached, libevent, sqlite3, xz-utils, libmicrohttpd,
#       leveldb (C++), rocksdb (C++), glib2.0, gio, python3.11, gstreamer1.0, and the Python ones
#       python3-anyio, python3-httpx, python3-starlette (anyio task groups and exit stacks in an
#       ASGI framework), python3-uvicorn (an asyncio ASGI server application) (default: all of
#       them but rocksdb, glib2.0, gio, python3.11 and gstreamer1.0, which are long: name them
#       to run them)
#
#   -w, --workdir DIR      where the sources, logs and results go (default: build/real)
#   -b, --crosstask BIN    the crosstask to run (default: build/crosstask)
#   -j, --jobs N           passed to crosstask as -j N (default: crosstask's own default)
#       --build-jobs N     make -j N for the redis build that records its compile commands (2)
#       --prepare-only     fetch and configure, check the compile_commands.json files, stop
#       --analyse-only     skip the preparation (it must have been done)
#       --mode auto|p|files  how to give crosstask the program (default: auto). p: -p DIR.
#                          files: the FILE list of compile_commands.json with the flags most
#                          entries share, plus every entry's include folders.
#                          auto: p when `crosstask --help` offers -p.
#       --refresh          regenerate the compile_commands.json files even if they are there
#       --cold             empty the crosstask caches (WORKDIR/cache) before analysing
#   -h, --help
#   -- ARGS...             more options for crosstask (e.g. -- --no-cache --stats)
#
# The steps, each skipped when its result is already there (run it twice, the second run only
# analyses):
#   1. a deb-src source for apt (added to /etc/apt when run as root; otherwise it says what to add)
#   2. apt-get update; apt-get source libuv1 redis, into the work dir
#   3. the tools: cmake, bear, make and a C compiler, dpkg-dev (installed with apt-get as root)
#   4. libuv1: cmake -S . -B build -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DLIBUV_BUILD_TESTS=ON
#      (configure only) -> build/compile_commands.json
#      redis: make distclean; bear -- make -j2 MALLOC=libc (the top Makefile builds src/ and the
#      bundled deps/) -> compile_commands.json in the top directory
#      glib2.0: meson setup _ct_build -Dtests=true (selinux, libmount, docs off), then ninja
#      builds the generated headers gio/ and glib/ include -> _ct_build/compile_commands.json
#      gio: glib2.0's database, only the entries of the gio library (gio/, not gio/tests/),
#      and ninja of the headers meson generates for it -> _ct_gio/compile_commands.json
#      python3.11: ./configure; the compile commands `make -n` prints for the interpreter
#      (libpython3.11.a, Programs/python.o), and every other source of Modules/ (the extension
#      modules setup.py builds) with the Makefile's PY_STDMODULE_CFLAGS; nothing built
#      -> compile_commands.json in the top directory
#      gstreamer1.0: meson setup _ct_build (the core, its libs and plugins; no tools, tests,
#      examples, parser or introspection), then ninja builds the generated headers
#      -> _ct_build/compile_commands.json
#      db5.3: build_unix/../dist/configure --enable-posixmutexes; bear -- make -j2 (Berkeley DB
#      with POSIX mutexes) -> build_unix/compile_commands.json
#      memcached: ./configure; bear -- make -j2 (needs libevent-dev) -> compile_commands.json
#      libevent: cmake -S . -B build -DCMAKE_EXPORT_COMPILE_COMMANDS=ON, OpenSSL and mbedTLS off
#      (configure only; the library, its tests and samples) -> build/compile_commands.json
#      sqlite3: bld/../configure --enable-threadsafe; make sqlite3.c shell.c (the amalgamation
#      and its shell; needs tclsh), then a database of those two with -DSQLITE_THREADSAFE=1
#      -> bld/compile_commands.json
#      xz-utils: ./configure --disable-doc; bear -- make -j2 (liblzma's multi-threaded coder)
#      libmicrohttpd: ./configure --disable-https --disable-doc; bear -- make -j2 (its thread
#      pool and per-connection threads)
#      leveldb: cmake -S . -B build -DCMAKE_EXPORT_COMPILE_COMMANDS=ON, tests and benchmarks off
#      (configure only; C++11, port::Mutex over std::mutex with thread-safety attributes,
#      std::thread for background work) -> build/compile_commands.json
#      rocksdb: cmake -S . -B build -DCMAKE_EXPORT_COMPILE_COMMANDS=ON, compression libraries,
#      gflags, tests and tools off (configure only), then the entries of env/, port/, util/,
#      cache/, monitoring/ and logging/ (63 of 325: its thread pool, Env, port::Mutex and
#      the caches' locking; db/ and utilities/ are minutes more) -> _ct_subset/compile_commands.json
#      Python projects (python3-*): apt-get source of the package; when the mirror has no
#      source tarballs (Debian 12's pool answers 404 for some), the binary package instead:
#      apt-get download, dpkg-deb -x into WORKDIR/PKG-deb, whose dist-packages/ holds the same
#      .py files. No build: crosstask takes the folder (its .py files, tests included).
#   5. each compile_commands.json must be a non-empty JSON array; its entry count is printed
#   6. crosstask on each, once with -f json and once with -f text, each timed (wall clock, and
#      maximum resident set size when /usr/bin/time is there). Results in WORKDIR/results/.
#      When crosstask has --cache, it gets --cache WORKDIR/cache/PROJECT (not the one in your
#      home), so the json run is cold the first time (and after --cold), the text run warm.
#
# Exit status: 0 when every step and every crosstask run worked (crosstask exit status 0, 1
# or 3: findings and files that did not parse are results, not failures); 1 otherwise; 2 on a
# usage error.

set -euo pipefail

prog=real_projects
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)

workdir=$root/build/real
crosstask=$root/build/crosstask
jobs=
build_jobs=2
steps=all
mode=auto
refresh=0
cold=0
projects=()
all_projects=(libuv1 redis db5.3 memcached libevent sqlite3 xz-utils libmicrohttpd leveldb
    python3-anyio python3-httpx python3-uvicorn python3-starlette)
extra=()
apt_updated=0
failures=0
summary_rows=()
have_cache=0

# APT_ETC is apt's configuration folder; only the tests point it elsewhere.
: "${APT_ETC:=/etc/apt}"

say() { printf '%s: %s\n' "$prog" "$*" >&2; }
die() {
    say "error: $*"
    exit 1
}

usage() {
    sed -n '/^#   scripts/,/^#   -- ARGS/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

is_root() { [ "$(id -u)" -eq 0 ]; }

have() { command -v "$1" >/dev/null 2>&1; }

# ---------------------------------------------------------------------------------------------
# apt sources

# has_deb_src: true when some enabled apt source (deb822 or one-line style) fetches sources.
has_deb_src() {
    local f
    for f in "$APT_ETC"/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        # a stanza counts when its Types: has deb-src and it is not Enabled: no
        if awk '
            function flush() { if (src && enabled) found = 1; src = 0; enabled = 1 }
            BEGIN { enabled = 1 }
            /^[[:space:]]*$/ { flush(); next }
            /^[[:space:]]*#/ { next }
            tolower($1) == "types:" { for (i = 2; i <= NF; i++) if ($i == "deb-src") src = 1 }
            tolower($1) == "enabled:" && tolower($2) == "no" { enabled = 0 }
            END { flush(); exit found ? 0 : 1 }
        ' "$f"; then
            return 0
        fi
    done
    for f in "$APT_ETC"/sources.list "$APT_ETC"/sources.list.d/*.list; do
        [ -f "$f" ] || continue
        if grep -Eq '^[[:space:]]*deb-src[[:space:]]' "$f"; then
            return 0
        fi
    done
    return 1
}

# replace_if_changed FILE NEW WHAT: makes NEW (a temporary file) FILE's content if it differs,
# keeping the first original as FILE.crosstask.bak; true when FILE changed.
replace_if_changed() {
    if cmp -s "$1" "$2"; then
        rm -f "$2"
        return 1
    fi
    [ -e "$1.crosstask.bak" ] || cp -p "$1" "$1.crosstask.bak"
    cat "$2" >"$1"
    rm -f "$2"
    say "$3 $1 (the original: $1.crosstask.bak)"
}

# add_deb_src: adds deb-src next to every deb source: `deb-src` on the Types: line of each
# deb822 stanza, a deb-src copy of each one-line `deb` entry (at the end of its file). True
# when some file changed.
add_deb_src() {
    local f changed=1
    for f in "$APT_ETC"/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        awk '
            tolower($1) == "types:" {
                deb = 0; src = 0
                for (i = 2; i <= NF; i++) { if ($i == "deb") deb = 1; if ($i == "deb-src") src = 1 }
                if (deb && !src) { print $0 " deb-src"; next }
            }
            { print }
        ' "$f" >"$f.tmp"
        replace_if_changed "$f" "$f.tmp" "added deb-src to the Types: lines of" && changed=0
    done
    for f in "$APT_ETC"/sources.list "$APT_ETC"/sources.list.d/*.list; do
        [ -f "$f" ] || continue
        awk '
            { print; lines[NR] = $0 }
            /^[[:space:]]*deb-src[[:space:]]/ { have[substr($0, index($0, "deb-src") + 7)] = 1 }
            /^[[:space:]]*deb[[:space:]]/ { want[++n] = substr($0, index($0, "deb") + 3) }
            END { for (i = 1; i <= n; i++) if (!(want[i] in have)) print "deb-src" want[i] }
        ' "$f" >"$f.tmp"
        replace_if_changed "$f" "$f.tmp" "added deb-src lines to" && changed=0
    done
    return "$changed"
}

ensure_deb_src() {
    if has_deb_src; then
        return 0
    fi
    if ! is_root; then
        say "apt has no deb-src source, so 'apt-get source' cannot fetch sources."
        say "As root, run this script again (it adds one), or add one yourself:"
        say "  Debian 12: add deb-src to the 'Types:' line of $APT_ETC/sources.list.d/debian.sources"
        say "  older: a 'deb-src URI SUITE main' line next to each 'deb' line of $APT_ETC/sources.list"
        say "then run: apt-get update"
        die "no deb-src source"
    fi
    add_deb_src || die "found no deb source in $APT_ETC to add deb-src to"
    apt_update
}

apt_update() {
    [ "$apt_updated" -eq 0 ] || return 0
    if ! is_root; then
        say "not root: skipping apt-get update (the package lists may be stale)"
        return 0
    fi
    say "apt-get update"
    apt-get update -qq || die "apt-get update failed"
    apt_updated=1
}

# ---------------------------------------------------------------------------------------------
# tools

ensure_tools() {
    local missing=() pkgs=() t
    local -A pkg_of=([cmake]=cmake [bear]=bear [make]=build-essential [cc]=build-essential
        [dpkg-source]=dpkg-dev [pkg-config]=pkg-config [tclsh]=tcl [meson]=meson [ninja]=ninja-build)
    local tools=(cmake bear make cc dpkg-source pkg-config tclsh)
    case " ${projects[*]} " in *" glib2.0 "* | *" gio "* | *" gstreamer1.0 "*) tools+=(meson ninja) ;; esac
    for t in "${tools[@]}"; do
        if ! have "$t"; then
            missing+=("$t")
            case " ${pkgs[*]-} " in
            *" ${pkg_of[$t]} "*) ;;
            *) pkgs+=("${pkg_of[$t]}") ;;
            esac
        fi
    done
    if ! have python3 && ! have jq; then
        missing+=(jq)
        pkgs+=(jq)
    fi
    [ "${#missing[@]}" -eq 0 ] && return 0
    if ! is_root || ! have apt-get; then
        die "missing ${missing[*]}: install ${pkgs[*]} (as root: apt-get install ${pkgs[*]})"
    fi
    apt_update
    say "installing ${pkgs[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}" \
        || die "apt-get install ${pkgs[*]} failed"
}

# ---------------------------------------------------------------------------------------------
# sources

# src_dir PKG: prints the unpacked source tree of PKG in the work dir (the newest version), or
# nothing. A tree counts once dpkg-source has finished with it (debian/ and the marker file).
src_dir() {
    local pkg=$1 marker d found=
    case $pkg in
    libuv1) marker=CMakeLists.txt ;;
    redis) marker=src/Makefile ;;
    glib2.0 | gstreamer1.0) marker=meson.build ;;
    gio) pkg=glib2.0 marker=meson.build ;;
    python3.11) marker=configure ;;
    *) marker=debian/control ;;
    esac
    for d in "$workdir/$pkg"-[0-9]*/; do
        d=${d%/}
        [ -f "$d/debian/control" ] && [ -f "$d/$marker" ] && found=$d
    done
    printf '%s' "$found"
}

fetch_source() {
    local pkg=$1 d v
    [ "$pkg" != gio ] || pkg=glib2.0
    d=$(src_dir "$pkg")
    if [ -n "$d" ]; then
        say "$pkg: sources already in ${d#"$root"/}"
        return 0
    fi
    ensure_deb_src
    apt_update
    have dpkg-source || die "apt-get source needs dpkg-source: install dpkg-dev"
    say "$pkg: apt-get source $pkg (into ${workdir#"$root"/})"
    if ! (cd "$workdir" && apt-get source -qq "$pkg") >"$workdir/logs/$pkg-source.log" 2>&1; then
        # the index may name a version the mirror replaced (a security update): older ones
        for v in $(apt-cache showsrc "$pkg" 2>/dev/null | awk '/^Version:/ { print $2 }' | sort -Vr); do
            say "$pkg: retrying with version $v"
            (cd "$workdir" && apt-get source -qq "$pkg=$v") >>"$workdir/logs/$pkg-source.log" 2>&1 &&
                break
        done
    fi
    if [ -z "$(src_dir "$pkg")" ]; then
        tail -n 20 "$workdir/logs/$pkg-source.log" >&2
        is_root || say "(not root: if apt has no source index yet, run 'apt-get update' as root)"
        die "$pkg: apt-get source failed (log: $workdir/logs/$pkg-source.log)"
    fi
    d=$(src_dir "$pkg")
    [ -n "$d" ] || die "$pkg: apt-get source worked but no $pkg-VERSION/ tree is in $workdir"
}

# ---------------------------------------------------------------------------------------------
# Python projects: no build, a folder of .py files

is_python() { case $1 in python3-*) return 0 ;; esac; return 1; }

# py_src PKG: prints the folder of PKG's Python sources in the work dir, or nothing: the tree
# apt-get source unpacked (SOURCE-VERSION/ with debian/control naming PKG), else the binary
# package's dist-packages/ unpacked by py_fetch.
py_src() {
    local pkg=$1 d found=
    for d in "$workdir"/*-[0-9]*/; do
        d=${d%/}
        [ -f "$d/debian/control" ] || continue
        grep -q "^Package: $pkg\$" "$d/debian/control" && found=$d
    done
    if [ -z "$found" ] && [ -d "$workdir/$pkg-deb/usr/lib/python3/dist-packages" ]; then
        found=$workdir/$pkg-deb/usr/lib/python3/dist-packages
    fi
    printf '%s' "$found"
}

py_fetch() {
    local pkg=$1 d log deb
    log=$workdir/logs/$pkg-source.log
    d=$(py_src "$pkg")
    if [ -n "$d" ]; then
        say "$pkg: sources already in $d"
        return 0
    fi
    ensure_deb_src
    apt_update
    say "$pkg: apt-get source $pkg (into $workdir)"
    if (cd "$workdir" && apt-get source -qq "$pkg") >"$log" 2>&1 && [ -n "$(py_src "$pkg")" ]; then
        return 0
    fi
    say "$pkg: apt-get source failed ($(grep -m1 -o '[0-9]\{3\}  *Not Found' "$log" || echo "see $log")):" \
        "the binary package's .py files instead (apt-get download; dpkg-deb -x)"
    rm -rf "$workdir/$pkg-deb.tmp"
    mkdir -p "$workdir/$pkg-deb.tmp"
    if ! (cd "$workdir/$pkg-deb.tmp" && apt-get download -qq "$pkg") >>"$log" 2>&1; then
        tail -n 5 "$log" >&2
        die "$pkg: apt-get download failed too (log: $log)"
    fi
    deb=$(ls "$workdir/$pkg-deb.tmp"/*.deb)
    dpkg-deb -x "$deb" "$workdir/$pkg-deb.tmp/root" || die "$pkg: dpkg-deb -x $deb failed"
    mv "$deb" "$workdir/"
    rm -rf "$workdir/$pkg-deb"
    mv "$workdir/$pkg-deb.tmp/root" "$workdir/$pkg-deb"
    rm -rf "$workdir/$pkg-deb.tmp"
    [ -n "$(py_src "$pkg")" ] || die "$pkg: $deb has no usr/lib/python3/dist-packages"
}

py_analyse() {
    local pkg=$1 src res jobarg=() cacheopt=() s files findings errors secs cache
    src=$(py_src "$pkg")
    [ -n "$src" ] || die "$pkg: no sources in $workdir (run without --analyse-only first)"
    res=$workdir/results
    mkdir -p "$res"
    [ -z "$jobs" ] || jobarg=(-j "$jobs")
    [ "$have_cache" -eq 0 ] || cacheopt=(--cache "$workdir/cache/$pkg")
    say "$pkg: crosstask $src"
    cache=$(cache_state "$pkg")
    timed "$res/$pkg.json" \
        env -C "$src" "$crosstask" "${jobarg[@]}" "${cacheopt[@]}" "${extra[@]}" -f json -o "$res/$pkg.json" .
    if [ "$run_rc" -le 1 ] || [ "$run_rc" -eq 3 ]; then
        s=$(json_summary "$res/$pkg.json") || s='? ? ? ?'
    else
        s='? ? ? ?'
        failures=$((failures + 1))
        say "$pkg: crosstask -f json exited $run_rc:"
        tail -n 5 "$res/$pkg.json.stderr" >&2
    fi
    read -r files findings errors secs <<<"$s"
    summary_rows+=("$(row "$pkg" dir json "$cache" \
        "$files" "$findings" "$errors" "$secs" - - "$run_wall" "$run_rss" "$run_rc")")
    cache=$(cache_state "$pkg")
    timed "$res/$pkg.txt" \
        env -C "$src" "$crosstask" "${jobarg[@]}" "${cacheopt[@]}" "${extra[@]}" -f text -o "$res/$pkg.txt" .
    if [ "$run_rc" -le 1 ] || [ "$run_rc" -eq 3 ]; then
        findings=$(grep -c ': warning: ' "$res/$pkg.txt" || true)
        errors=$(grep -c ': error: ' "$res/$pkg.txt.stderr" || true)
    else
        findings='?'
        errors='?'
        failures=$((failures + 1))
        say "$pkg: crosstask -f text exited $run_rc:"
        tail -n 5 "$res/$pkg.txt.stderr" >&2
    fi
    summary_rows+=("$(row "$pkg" dir text "$cache" \
        '-' "$findings" "$errors" '-' '-' '-' "$run_wall" "$run_rss" "$run_rc")")
}

# ---------------------------------------------------------------------------------------------
# compile_commands.json

# compdb_count FILE: prints the number of entries and of distinct files of a compilation
# database ("N M"); fails when it is not a JSON array.
compdb_count() {
    if have python3; then
        python3 - "$1" <<'EOF'
import json, os, sys
with open(sys.argv[1]) as f:
    db = json.load(f)
if not isinstance(db, list):
    sys.exit("not a JSON array")
files = {os.path.normpath(os.path.join(e.get("directory", ""), e["file"])) for e in db}
print(len(db), len(files))
EOF
    else
        jq -er 'if type == "array" then "\(length) \(map(.directory + "/" + .file) | unique | length)"
                else error("not a JSON array") end' "$1"
    fi
}

# compdb_ok FILE: true when FILE is a JSON array with at least one entry.
compdb_ok() {
    local counts
    [ -s "$1" ] || return 1
    counts=$(compdb_count "$1" 2>/dev/null) || return 1
    [ "${counts%% *}" -gt 0 ]
}

# compdb_dir PROJECT SRC: the folder holding PROJECT's compile_commands.json.
compdb_dir() {
    case $1 in
    libuv1 | libevent | leveldb) printf '%s/build' "$2" ;;
    db5.3) printf '%s/build_unix' "$2" ;;
    sqlite3) printf '%s/bld' "$2" ;;
    rocksdb) printf '%s/_ct_subset' "$2" ;;
    glib2.0 | gstreamer1.0) printf '%s/_ct_build' "$2" ;;
    gio) printf '%s/_ct_gio' "$2" ;;
    *) printf '%s' "$2" ;;
    esac
}

# bear_build PROJECT DIR CONFIGURE-ARGS...: in DIR, CONFIGURE-ARGS (a configure command) unless
# a Makefile is there, then make clean and bear -- make -j$build_jobs.
bear_build() {
    local pkg=$1 dir=$2 log=$workdir/logs/$1-bear.log
    shift 2
    if [ ! -f "$dir/Makefile" ]; then
        say "$pkg: $*"
        if ! (cd "$dir" && "$@") >"$workdir/logs/$pkg-configure.log" 2>&1; then
            tail -n 20 "$workdir/logs/$pkg-configure.log" >&2
            die "$pkg: configure failed (log: $workdir/logs/$pkg-configure.log)"
        fi
    fi
    say "$pkg: bear -- make -j$build_jobs (a full build; minutes)"
    make -C "$dir" clean >"$log" 2>&1 || true # bear records only what make compiles
    rm -f "$dir/compile_commands.json"
    if ! (cd "$dir" && bear --output compile_commands.json -- make -j"$build_jobs") >>"$log" 2>&1; then
        tail -n 20 "$log" >&2
        die "$pkg: the build under bear failed (log: $log)"
    fi
}

# need_pkg PROJECT PKG: installs the Debian package PKG (a build dependency) when missing.
need_pkg() {
    dpkg -s "$2" >/dev/null 2>&1 && return 0
    is_root || die "$1: needs $2 (as root: apt-get install $2)"
    apt_update
    say "$1: installing $2"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2" ||
        die "apt-get install $2 failed"
}

configure_libevent() {
    local src=$1 log=$workdir/logs/libevent-cmake.log
    say "libevent: cmake -S . -B build -DCMAKE_EXPORT_COMPILE_COMMANDS=ON (no OpenSSL, mbedTLS)"
    if ! cmake -S "$src" -B "$src/build" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
        -DEVENT__DISABLE_OPENSSL=ON -DEVENT__DISABLE_MBEDTLS=ON >"$log" 2>&1; then
        tail -n 20 "$log" >&2
        die "libevent: cmake failed (log: $log)"
    fi
}

configure_leveldb() {
    local src=$1 log=$workdir/logs/leveldb-cmake.log
    say "leveldb: cmake -S . -B build -DCMAKE_EXPORT_COMPILE_COMMANDS=ON (no tests, benchmarks)"
    if ! cmake -S "$src" -B "$src/build" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
        -DLEVELDB_BUILD_TESTS=OFF -DLEVELDB_BUILD_BENCHMARKS=OFF >"$log" 2>&1; then
        tail -n 20 "$log" >&2
        die "leveldb: cmake failed (log: $log)"
    fi
}

configure_rocksdb() {
    local src=$1 log=$workdir/logs/rocksdb-cmake.log
    say "rocksdb: cmake -S . -B build -DCMAKE_EXPORT_COMPILE_COMMANDS=ON (no compression, gflags, tests, tools)"
    if ! cmake -S "$src" -B "$src/build" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DWITH_GFLAGS=OFF \
        -DWITH_SNAPPY=OFF -DWITH_LZ4=OFF -DWITH_ZLIB=OFF -DWITH_BZ2=OFF -DWITH_ZSTD=OFF \
        -DWITH_TESTS=OFF -DWITH_BENCHMARK_TOOLS=OFF -DWITH_TOOLS=OFF -DWITH_CORE_TOOLS=OFF \
        -DFAIL_ON_WARNINGS=OFF -DPORTABLE=ON -DWITH_LIBURING=OFF -DWITH_JEMALLOC=OFF \
        -DROCKSDB_BUILD_SHARED=OFF >"$log" 2>&1; then
        tail -n 20 "$log" >&2
        die "rocksdb: cmake failed (log: $log)"
    fi
    say "rocksdb: the entries of env/ port/ util/ cache/ monitoring/ logging/ -> _ct_subset/"
    mkdir -p "$src/_ct_subset"
    python3 - "$src" <<'EOF'
import json, os, sys
src = os.path.abspath(sys.argv[1])
with open(os.path.join(src, "build", "compile_commands.json")) as f:
    db = json.load(f)
def rel(e):
    return os.path.relpath(os.path.normpath(os.path.join(e["directory"], e["file"])), src)
dirs = ("env/", "port/", "util/", "cache/", "monitoring/", "logging/")
keep = [e for e in db if rel(e).startswith(dirs)]
with open(os.path.join(src, "_ct_subset", "compile_commands.json"), "w") as f:
    json.dump(keep, f, indent=1)
EOF
}

configure_sqlite3() {
    local src=$1 bld=$1/bld log=$workdir/logs/sqlite3-make.log
    mkdir -p "$bld"
    if [ ! -f "$bld/Makefile" ]; then
        say "sqlite3: ../configure --enable-threadsafe (in bld/)"
        (cd "$bld" && ../configure --enable-threadsafe) >"$workdir/logs/sqlite3-configure.log" 2>&1 ||
            die "sqlite3: configure failed (log: $workdir/logs/sqlite3-configure.log)"
    fi
    say "sqlite3: make sqlite3.c shell.c (the amalgamation and its shell)"
    make -C "$bld" sqlite3.c shell.c >"$log" 2>&1 || die "sqlite3: make sqlite3.c failed (log: $log)"
    printf '[\n {"directory": "%s", "file": "sqlite3.c", "arguments": ["cc", "-DSQLITE_THREADSAFE=1", "-DSQLITE_ENABLE_FTS5", "-I.", "-c", "sqlite3.c"]},\n {"directory": "%s", "file": "shell.c", "arguments": ["cc", "-DSQLITE_THREADSAFE=1", "-I.", "-c", "shell.c"]}\n]\n' \
        "$bld" "$bld" >"$bld/compile_commands.json"
}

configure_libuv() {
    local src=$1 log=$workdir/logs/libuv1-cmake.log
    say "libuv1: cmake -S . -B build -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DLIBUV_BUILD_TESTS=ON"
    if ! cmake -S "$src" -B "$src/build" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
        -DLIBUV_BUILD_TESTS=ON >"$log" 2>&1; then
        tail -n 20 "$log" >&2
        die "libuv1: cmake failed (log: $log)"
    fi
}

configure_redis() {
    local src=$1 log=$workdir/logs/redis-bear.log
    say "redis: make distclean; bear -- make -j$build_jobs MALLOC=libc (a full build; minutes)"
    # bear records only what make compiles: start from a clean tree
    make -C "$src" distclean >"$log" 2>&1 || true
    rm -f "$src/compile_commands.json"
    if ! (cd "$src" && bear --output compile_commands.json -- \
        make -j"$build_jobs" MALLOC=libc) >>"$log" 2>&1; then
        tail -n 20 "$log" >&2
        die "redis: the build under bear failed (log: $log)"
    fi
}

configure_glib() {
    local src=$1 log=$workdir/logs/glib2.0-meson.log
    if is_root && have apt-get; then
        apt_update
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            libffi-dev libpcre2-dev zlib1g-dev >"$log" 2>&1 || die "glib2.0: its build deps failed"
    fi
    say "glib2.0: meson setup _ct_build -Dtests=true; ninja (the generated headers need a build)"
    if ! (cd "$src" && meson setup _ct_build -Dtests=true -Dselinux=disabled -Dlibmount=disabled \
        -Dman=false -Dgtk_doc=false -Dinstalled_tests=false) >>"$log" 2>&1; then
        tail -n 20 "$log" >&2
        die "glib2.0: meson setup failed (log: $log)"
    fi
    if ! ninja -C "$src/_ct_build" -j"$build_jobs" >>"$log" 2>&1; then
        tail -n 20 "$log" >&2
        die "glib2.0: ninja failed (log: $log)"
    fi
}

# configure_gio SRC: the gio library's entries of glib2.0's database (configured first if need
# be), with their directory kept, in SRC/_ct_gio/compile_commands.json.
configure_gio() {
    local src=$1 targets
    compdb_ok "$src/_ct_build/compile_commands.json" || configure_glib "$src"
    # the headers gio's sources include that meson generates (gioenumtypes.h, xdp-dbus.h, ...)
    targets=$(ninja -C "$src/_ct_build" -t targets all 2>/dev/null |
        awk -F: '$1 ~ /^gio\/[^\/]*\.h$/ { print $1 }')
    # shellcheck disable=SC2086
    if [ -n "$targets" ] && ! ninja -C "$src/_ct_build" $targets >"$workdir/logs/gio-ninja.log" 2>&1; then
        tail -n 20 "$workdir/logs/gio-ninja.log" >&2
        die "gio: ninja of the generated headers failed (log: $workdir/logs/gio-ninja.log)"
    fi
    mkdir -p "$src/_ct_gio"
    python3 - "$src" <<'EOF'
import json, os, sys
src = os.path.abspath(sys.argv[1])
with open(os.path.join(src, "_ct_build", "compile_commands.json")) as f:
    db = json.load(f)
def rel(e):
    return os.path.relpath(os.path.normpath(os.path.join(e["directory"], e["file"])), src)
keep = [e for e in db if rel(e).startswith("gio/") and not rel(e).startswith("gio/tests/")]
with open(os.path.join(src, "_ct_gio", "compile_commands.json"), "w") as f:
    json.dump(keep, f, indent=1)
EOF
}

# configure_python SRC: ./configure, then the compile commands make would run for the
# interpreter and the extension modules, read from `make -n` (nothing is built: the files
# the sources include are in the tarball once configured), as SRC/compile_commands.json.
configure_python() {
    local src=$1 log=$workdir/logs/python3.11-configure.log flags
    if [ ! -f "$src/Makefile" ]; then
        say "python3.11: ./configure"
        (cd "$src" && ./configure) >"$log" 2>&1 ||
            die "python3.11: configure failed (log: $log)"
    fi
    say "python3.11: make -n libpython3.11.a Programs/python.o; the extension modules"
    (cd "$src" && make -n libpython3.11.a Programs/python.o) \
        >"$workdir/logs/python3.11-make-n.log" 2>&1 || true
    # setup.py builds the extension modules (3.11): each Modules/ source not in the
    # interpreter, with the flags the Makefile gives stdlib modules
    # shellcheck disable=SC2016 # a make variable, expanded by make
    flags=$(cd "$src" && printf 'ct-print-flags:\n\t@echo $(PY_STDMODULE_CFLAGS)\n' |
        make -s -f Makefile -f - ct-print-flags)
    python3 - "$src" "$workdir/logs/python3.11-make-n.log" "$flags" <<'EOF'
import glob, json, os, shlex, sys
src, log, flags = os.path.abspath(sys.argv[1]), sys.argv[2], shlex.split(sys.argv[3])
db, seen = [], set()
for line in open(log, errors="replace"):
    try:
        words = shlex.split(line)
    except ValueError:
        continue
    if not words or os.path.basename(words[0]) not in ("gcc", "cc", "clang") or "-c" not in words:
        continue
    files = [w for w in words if w.endswith(".c") and not w.startswith("-")]
    if len(files) != 1 or files[0] in seen:
        continue
    seen.add(os.path.normpath(files[0]))
    db.append({"directory": src, "arguments": words, "file": files[0]})
extra = ["-DPy_BUILD_CORE_MODULE", "-I./Modules/_decimal/libmpdec", "-I./Modules/expat",
         "-I./Modules/_blake2", "-I./Modules/_sha3", "-I./Modules/_io"]
for path in sorted(glob.glob("Modules/*.c", root_dir=src) + glob.glob("Modules/_*/*.c", root_dir=src)):
    name = os.path.basename(path)
    if (os.path.normpath(path) in seen or name.startswith(("_test", "xx")) or "/_ctypes/darwin" in path
            or "/_decimal/" in path or "/_xxtestfuzz/" in path or "/_blake2/impl/" in path
            or name in ("getpath.c", "getpath_noop.c", "_scproxy.c", "_winapi.c", "overlapped.c",
                        "winreparse.c", "_msi.c", "ossaudiodev.c", "_uuidmodule.c")):
        continue
    db.append({"directory": src, "arguments": ["gcc", "-c"] + flags + extra + [path],
               "file": path})
with open(os.path.join(src, "compile_commands.json"), "w") as f:
    json.dump(db, f, indent=1)
EOF
}

# configure_gstreamer SRC: meson setup of the core (no tools, tests, examples, parser, docs or
# introspection), then ninja builds only the headers meson generates (gstenumtypes.h, ...).
configure_gstreamer() {
    local src=$1 log=$workdir/logs/gstreamer1.0-meson.log targets
    say "gstreamer1.0: meson setup _ct_build; ninja of its generated headers"
    if [ ! -f "$src/_ct_build/build.ninja" ] && ! (cd "$src" && meson setup _ct_build \
        -Dtools=disabled -Dtests=disabled -Dexamples=disabled -Dbenchmarks=disabled \
        -Dintrospection=disabled -Dgst_parse=false -Ddoc=disabled -Dnls=disabled \
        -Dlibunwind=disabled -Dlibdw=disabled -Dbash-completion=disabled) >"$log" 2>&1; then
        tail -n 20 "$log" >&2
        die "gstreamer1.0: meson setup failed (log: $log)"
    fi
    targets=$(ninja -C "$src/_ct_build" -t targets all 2>/dev/null |
        awk -F: '$1 ~ /\.h$/ { print $1 }')
    # shellcheck disable=SC2086
    if [ -n "$targets" ] && ! ninja -C "$src/_ct_build" $targets >>"$log" 2>&1; then
        tail -n 20 "$log" >&2
        die "gstreamer1.0: ninja of the generated headers failed (log: $log)"
    fi
}

prepare() {
    local pkg=$1 src dir db counts
    fetch_source "$pkg"
    src=$(src_dir "$pkg")
    dir=$(compdb_dir "$pkg" "$src")
    db=$dir/compile_commands.json
    if [ "$refresh" -eq 0 ] && compdb_ok "$db"; then
        say "$pkg: ${db#"$root"/} already there"
    else
        case $pkg in
        libuv1) configure_libuv "$src" ;;
        redis) configure_redis "$src" ;;
        glib2.0) configure_glib "$src" ;;
        gio) configure_gio "$src" ;;
        python3.11) configure_python "$src" ;;
        gstreamer1.0) configure_gstreamer "$src" ;;
        db5.3) bear_build db5.3 "$src/build_unix" ../dist/configure --enable-posixmutexes ;;
        memcached)
            need_pkg memcached libevent-dev
            bear_build memcached "$src" ./configure
            ;;
        libevent) configure_libevent "$src" ;;
        leveldb) configure_leveldb "$src" ;;
        rocksdb) configure_rocksdb "$src" ;;
        sqlite3) configure_sqlite3 "$src" ;;
        xz-utils) bear_build xz-utils "$src" ./configure --disable-doc ;;
        libmicrohttpd) bear_build libmicrohttpd "$src" ./configure --disable-https --disable-doc ;;
        esac
    fi
    [ -s "$db" ] || die "$pkg: no ${db#"$root"/} was written"
    counts=$(compdb_count "$db") || die "$pkg: ${db#"$root"/} is not valid JSON"
    [ "${counts%% *}" -gt 0 ] || die "$pkg: ${db#"$root"/} has no entries"
    say "$pkg: ${db#"$root"/}: valid JSON, ${counts%% *} entries, ${counts##* } distinct files"
}

# ---------------------------------------------------------------------------------------------
# analysis

# supports OPTION: true when `crosstask --help` lists OPTION (-p, --cache, ...).
supports() {
    "$crosstask" --help 2>&1 | grep -Eq -- "(^|[[:space:]])$1([[:space:],=]|\$)"
}

# cache_state PROJECT: "cold" when PROJECT's crosstask cache is empty, else "warm" ("-" when
# this crosstask has no cache).
cache_state() {
    if [ "$have_cache" -eq 0 ]; then
        printf -- -
    elif [ -n "$(ls -A "$workdir/cache/$1" 2>/dev/null)" ]; then
        printf warm
    else
        printf cold
    fi
}

# fallback_args DB SRC OUT: writes to OUT the crosstask arguments that stand in for -p DB's
# folder, NUL-separated: every distinct file of DB (relative to SRC when under it), then `--`
# and one set of compiler flags for all of them. Only flags that change what a file means are
# kept (-I -D -U -std -include -isystem -iquote -idirafter -pthread -O -m32 -m64
# -f[un]signed-char), relative paths made absolute. The set is the one most entries share
# (the first entry's, when each has its own), followed by the include folders of every other
# entry: one set cannot be right for every file, and a header not found fails a whole file,
# while an extra folder rarely matters. Also writes OUT.flags, a note on where they came from.
fallback_args() {
    if have python3; then
        python3 - "$@" <<'EOF'
import collections, json, os, shlex, sys
db_path, src, out = sys.argv[1:4]
with open(db_path) as f:
    db = json.load(f)

def argv(e):
    return list(e["arguments"]) if "arguments" in e else shlex.split(e["command"])

INCLUDES = ("-I", "-isystem", "-iquote", "-idirafter")

def flags(e):
    a, d, r, i = argv(e), e.get("directory", "."), [], 1
    joined = ("-I", "-D", "-U", "-isystem", "-iquote", "-idirafter", "-include")
    pathy = ("-I", "-isystem", "-iquote", "-idirafter", "-include")
    while i < len(a):
        x = a[i]
        i += 1
        opt = next((o for o in joined if x == o or (x.startswith(o) and o in ("-I", "-D", "-U"))), None)
        if opt:
            v = x[len(opt):] if x != opt else (a[i] if i < len(a) else "")
            if x == opt:
                i += 1
            if opt in pathy:
                v = os.path.normpath(os.path.join(d, v))
            r += [opt + v] if opt in ("-I", "-D", "-U") else [opt, v]
        elif x.startswith("-std=") or x.startswith("-O") or x in (
                "-pthread", "-m32", "-m64", "-funsigned-char", "-fsigned-char"):
            r.append(x)
    return tuple(r)

files, seen, sets = [], set(), collections.Counter()
first = {}
for e in db:
    p = os.path.normpath(os.path.join(e.get("directory", "."), e["file"]))
    fl = flags(e)
    sets[fl] += 1
    first.setdefault(fl, p)
    if p not in seen:
        seen.add(p)
        files.append(os.path.relpath(p, src) if p.startswith(src + os.sep) else p)
best = max(sets, key=lambda k: (sets[k], -list(sets).index(k)))

def includes(fl):
    r, i = [], 0
    while i < len(fl):
        if fl[i] in INCLUDES[1:]:
            r.append((fl[i], fl[i + 1]))
            i += 2
        else:
            if fl[i].startswith("-I"):
                r.append((fl[i],))
            i += 1
    return r

use, more = list(best), []
have = set(includes(best))
for fl in sets:
    for inc in includes(fl):
        if inc not in have:
            have.add(inc)
            more.append(inc)
            use += list(inc)
with open(out, "wb") as f:
    f.write(b"\0".join(x.encode() for x in files + ["--"] + use) + b"\0")
with open(out + ".flags", "w") as f:
    f.write("%d files; the flags of %d of %d entries (the first: %s) and %d more include "
            "folders:\n%s\n" % (len(files), sets[best], len(db), first[best], len(more),
                                 shlex.join(use)))
EOF
    else
        # jq: the first entry's flags (a "command" string is split at spaces)
        local db=$1 src=$2 out=$3
        jq -j --arg src "$src/" '
            def words: if .arguments then .arguments else (.command | [splits(" +")]) end;
            ([.[] | (if (.file | startswith("/")) then .file else .directory + "/" + .file end)
                  | ltrimstr($src)] | unique | .[] + "\u0000"),
            "--\u0000",
            (.[0] as $e | $e | words | .[1:] | map(select(test("^-(I|D|U|std=|O|pthread$)")))
                | .[] | (if test("^-I[^/]") then "-I" + $e.directory + "/" + .[2:] else . end)
                + "\u0000")
        ' "$db" >"$out"
        printf '%s\n' "the flags of the first entry (jq: python3 is missing)" >"$out.flags"
    fi
}

# json_summary FILE: prints "files findings errors seconds" from a crosstask JSON report.
json_summary() {
    if have python3; then
        python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]
print(s["files"], s["findings"], s["errors"], s["seconds"])' "$1"
    else
        jq -r '.summary | "\(.files) \(.findings) \(.errors) \(.seconds)"' "$1"
    fi
}

# timed PREFIX CMD...: runs CMD with its standard error to PREFIX.stderr; sets run_rc, run_wall
# (seconds) and run_rss (maximum resident set size in MB, or "?").
timed() {
    local prefix=$1 start end
    shift
    run_rc=0
    run_rss='?'
    start=$(date +%s.%N)
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -v -o "$prefix.time" "$@" 2>"$prefix.stderr" || run_rc=$?
        run_rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' \
            "$prefix.time")
    else
        "$@" 2>"$prefix.stderr" || run_rc=$?
    fi
    end=$(date +%s.%N)
    run_wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
}

analyse() {
    local pkg=$1 src dir db how res args=() jobarg=() cacheopt=() statsopt=() s files findings errors secs cache
    local parse=- analysis=-
    src=$(src_dir "$pkg")
    [ -n "$src" ] || die "$pkg: no sources in $workdir (run without --analyse-only first)"
    dir=$(compdb_dir "$pkg" "$src")
    db=$dir/compile_commands.json
    compdb_ok "$db" || die "$pkg: no valid ${db#"$root"/} (run without --analyse-only first)"
    res=$workdir/results
    mkdir -p "$res"
    [ -z "$jobs" ] || jobarg=(-j "$jobs")
    [ "$have_cache" -eq 0 ] || cacheopt=(--cache "$workdir/cache/$pkg")
    ! supports --stats || statsopt=(--stats)

    how=$mode
    if [ "$how" = auto ]; then
        if supports -p; then how=p; else how=files; fi
    fi
    if [ "$how" = p ]; then
        args=(-p "$dir")
        say "$pkg: crosstask -p ${dir#"$root"/}"
    else
        fallback_args "$db" "$src" "$res/$pkg.args"
        mapfile -d '' -t args <"$res/$pkg.args"
        say "$pkg: crosstask FILE... -- FLAGS: $(head -n 1 "$res/$pkg.args.flags")"
    fi

    # json, then text; in the source tree (env -C) so that relative FILEs resolve
    cache=$(cache_state "$pkg")
    timed "$res/$pkg.json" \
        env -C "$src" "$crosstask" "${jobarg[@]}" "${cacheopt[@]}" "${statsopt[@]}" "${extra[@]}" -f json -o "$res/$pkg.json" "${args[@]}"
    if [ "$run_rc" -le 1 ] || [ "$run_rc" -eq 3 ]; then
        s=$(json_summary "$res/$pkg.json") || s='? ? ? ?'
        # --stats: "parse P s, analysis A s"
        read -r parse analysis < <(sed -n 's/.*parse \([0-9.]*\) s, analysis \([0-9.]*\) s.*/\1 \2/p' \
            "$res/$pkg.json.stderr" | awk 'END { print ($1 == "" ? "- -" : $1 " " $2) }')
    else
        s='? ? ? ?'
        failures=$((failures + 1))
        say "$pkg: crosstask -f json exited $run_rc:"
        tail -n 5 "$res/$pkg.json.stderr" >&2
    fi
    read -r files findings errors secs <<<"$s"
    summary_rows+=("$(row "$pkg" "$how" json "$cache" \
        "$files" "$findings" "$errors" "$secs" "$parse" "$analysis" "$run_wall" "$run_rss" "$run_rc")")

    cache=$(cache_state "$pkg")
    timed "$res/$pkg.txt" \
        env -C "$src" "$crosstask" "${jobarg[@]}" "${cacheopt[@]}" "${extra[@]}" -f text -o "$res/$pkg.txt" "${args[@]}"
    if [ "$run_rc" -le 1 ] || [ "$run_rc" -eq 3 ]; then
        findings=$(grep -c ': warning: ' "$res/$pkg.txt" || true)
        errors=$(grep -c ': error: ' "$res/$pkg.txt.stderr" || true)
    else
        findings='?'
        errors='?'
        failures=$((failures + 1))
        say "$pkg: crosstask -f text exited $run_rc:"
        tail -n 5 "$res/$pkg.txt.stderr" >&2
    fi
    summary_rows+=("$(row "$pkg" "$how" text "$cache" \
        '-' "$findings" "$errors" '-' '-' '-' "$run_wall" "$run_rss" "$run_rc")")
}

# row CELLS...: one line of the summary table.
row() {
    printf '%-15s %-5s %-4s %-5s %6s %8s %6s %8s %8s %8s %8s %7s %4s\n' "$@"
}

print_summary() {
    local row
    [ "${#summary_rows[@]}" -gt 0 ] || return 0
    printf '\n'
    row project mode fmt cache files findings errors seconds parse analysis wall maxrss exit
    row '' '' '' '' '' '' '' '(tool)' '(s)' '(s)' '(s)' '(MB)' ''
    for row in "${summary_rows[@]}"; do
        printf '%s\n' "$row"
    done
    printf '\nreports: %s/results/PROJECT.{json,txt} (standard error: *.stderr)\n' "$workdir"
}

# ---------------------------------------------------------------------------------------------

main() {
    local p
    while [ $# -gt 0 ]; do
        case $1 in
        -w | --workdir) workdir=${2:?--workdir needs a folder}; shift ;;
        -b | --crosstask) crosstask=${2:?--crosstask needs a path}; shift ;;
        -j | --jobs) jobs=${2:?--jobs needs a number}; shift ;;
        --build-jobs) build_jobs=${2:?--build-jobs needs a number}; shift ;;
        --prepare-only) steps=prepare ;;
        --analyse-only | --analyze-only) steps=analyse ;;
        --mode) mode=${2:?--mode needs auto, p or files}; shift ;;
        --refresh) refresh=1 ;;
        --cold) cold=1 ;;
        --) shift; extra=("$@"); break ;;
        -h | --help) usage; exit 0 ;;
        -*) say "unknown option: $1"; usage >&2; exit 2 ;;
        libuv1 | redis | db5.3 | memcached | libevent | sqlite3 | xz-utils | libmicrohttpd | leveldb | \
            rocksdb | glib2.0 | gio | python3.11 | gstreamer1.0 | python3-anyio | python3-httpx | \
            python3-uvicorn | python3-starlette)
            projects+=("$1")
            ;;
        *) say "unknown project: $1 (known: ${all_projects[*]} rocksdb glib2.0 gio python3.11 gstreamer1.0)"; exit 2 ;;
        esac
        shift
    done
    case $mode in
    auto | p | files) ;;
    *) say "--mode: auto, p or files, not '$mode'"; exit 2 ;;
    esac
    [ "${#projects[@]}" -gt 0 ] || projects=("${all_projects[@]}")
    mkdir -p "$workdir/logs" "$workdir/results"
    workdir=$(cd "$workdir" && pwd)
    case $crosstask in
    /*) ;;
    *) crosstask=$(pwd)/$crosstask ;;
    esac

    if [ "$steps" != analyse ]; then
        for p in "${projects[@]}"; do
            is_python "$p" || { ensure_tools; break; }
        done
        for p in "${projects[@]}"; do
            if is_python "$p"; then py_fetch "$p"; else prepare "$p"; fi
        done
    fi
    if [ "$steps" != prepare ]; then
        [ -x "$crosstask" ] || die "$crosstask is not an executable: run make first"
        if supports --cache; then
            have_cache=1
            [ "$cold" -eq 0 ] || rm -rf "$workdir/cache"
        fi
        for p in "${projects[@]}"; do
            if is_python "$p"; then py_analyse "$p"; else analyse "$p"; fi
        done
        print_summary
    fi
    if [ "$failures" -gt 0 ]; then
        say "$failures crosstask run(s) failed"
        return 1
    fi
    return 0
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    main "$@"
fi
