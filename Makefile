# crosstask - build, test, demo, install.
#   make               build/crosstask
#   make check         unit tests, every testdata file, the layering test
#   make check SANITIZE=1   the same under ASan+UBSan (build/asan/)
#   make demo          install what is missing, build, run on examples/
#   make deps          Debian packages (apt-get, as root)
#   make memcheck      the demo under valgrind
#   make install PREFIX=/usr/local
# V=1 shows commands.

# libclang 19 (Debian 12's libclang-19-dev) is the default: libclang 14 cannot parse GCC 12's
# C++20 headers (<ranges>, <format>-era concepts) and lacks the operator kinds of the C API.
# The code builds with 14 too: make LLVM_CONFIG=llvm-config-14.
LLVM_CONFIG ?= $(shell command -v llvm-config-19 2>/dev/null || command -v llvm-config 2>/dev/null || ls /usr/bin/llvm-config-* 2>/dev/null | sort -V | tail -n 1)
PKG_CONFIG ?= pkg-config
CC ?= cc
PREFIX ?= /usr/local

ifeq ($(strip $(LLVM_CONFIG)),)
LLVM_INCDIR ?= /usr/lib/llvm-19/include
LLVM_LIBDIR ?= /usr/lib/llvm-19/lib
else
LLVM_INCDIR ?= $(shell $(LLVM_CONFIG) --includedir)
LLVM_LIBDIR ?= $(shell $(LLVM_CONFIG) --libdir)
endif

CJSON_CFLAGS ?= $(shell $(PKG_CONFIG) --cflags libcjson 2>/dev/null)
CJSON_LIBS ?= $(shell $(PKG_CONFIG) --libs libcjson 2>/dev/null || echo -lcjson)
CHECK_CFLAGS ?= $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS ?= $(shell $(PKG_CONFIG) --libs check 2>/dev/null || echo -lcheck -lsubunit -lrt -lm)

ifeq ($(SANITIZE),1)
BUILD ?= build/asan
SAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
else
BUILD ?= build
SAN_FLAGS =
endif

WARN = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter
CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(SAN_FLAGS) -I$(LLVM_INCDIR) \
             $(CJSON_CFLAGS) -Ianalyzer -MMD -MP
ALL_LDFLAGS = $(LDFLAGS) $(SAN_FLAGS) -L$(LLVM_LIBDIR) -Wl,-rpath,$(LLVM_LIBDIR)
LIBS = -lclang $(CJSON_LIBS) -ltree-sitter -lpthread -lm

# The Python grammar: tree-sitter-python's generated parser (npm), pinned, fetched into VENDOR at
# build time (never committed). 0.23.6 is the newest release whose parser.c has grammar ABI 14,
# the newest Debian 12's libtree-sitter 0.20.7 accepts (0.25 moved to ABI 15).
TSPY_VERSION = 0.23.6
TSPY_INTEGRITY = sha512-yIM9z0oxKIxT7bAtPOhgoVl6gTXlmlIhue7liFT4oBPF/lha7Ha4dQBS82Av6hMMRZoVnFJI8M6mL+SwWoLD3A==
VENDOR ?= build/vendor
TSPY_DIR = $(VENDOR)/tree-sitter-python-$(TSPY_VERSION)
TSPY_OBJS = $(BUILD)/obj/ts_python_parser.o $(BUILD)/obj/ts_python_scanner.o

ifeq ($(V),1)
Q =
else
Q = @
endif

LIB_SRCS = $(filter-out analyzer/cli.c,$(wildcard analyzer/*.c))
LIB_OBJS = $(LIB_SRCS:analyzer/%.c=$(BUILD)/obj/%.o) $(TSPY_OBJS)
CLI_OBJ = $(BUILD)/obj/cli.o
TEST_SRCS = $(wildcard tests/check_*.c) tests/check_main.c
TEST_OBJS = $(sort $(TEST_SRCS:tests/%.c=$(BUILD)/tests/%.o))

BIN = $(BUILD)/crosstask
CHECK_BIN = $(BUILD)/tests/check_all
RUNNER_BIN = $(BUILD)/tests/run_testdata

.PHONY: all check unit testdata layering docs cli stale buildfacts sarif recipes real demo deps memcheck install clean bench fuzz

all: $(BIN)

$(BIN): $(LIB_OBJS) $(CLI_OBJ)
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/obj/%.o: analyzer/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(TSPY_DIR)/src/parser.c:
	@echo "  NPM     tree-sitter-python@$(TSPY_VERSION) -> $(TSPY_DIR)"
	$(Q)sh scripts/fetch_grammar.sh tree-sitter-python $(TSPY_VERSION) '$(TSPY_INTEGRITY)' $(TSPY_DIR)

$(TSPY_DIR)/src/scanner.c: $(TSPY_DIR)/src/parser.c

# generated code: compiled as shipped, without our warnings
$(BUILD)/obj/ts_python_parser.o: $(TSPY_DIR)/src/parser.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) -std=c11 -O2 -g -w $(SAN_FLAGS) -I$(TSPY_DIR)/src -c -o $@ $<

$(BUILD)/obj/ts_python_scanner.o: $(TSPY_DIR)/src/scanner.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) -std=c11 -O2 -g -w $(SAN_FLAGS) -I$(TSPY_DIR)/src -c -o $@ $<

$(BUILD)/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -c -o $@ $<

$(CHECK_BIN): $(TEST_OBJS) $(LIB_OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(LIBS)

$(RUNNER_BIN): tests/run_testdata.c $(BUILD)/obj/ct.o
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ $(CJSON_LIBS)

ifeq ($(SANITIZE),1)
CHECK_ENV = CK_FORK=no ASAN_OPTIONS=halt_on_error=1:detect_leaks=1 \
  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
else
CHECK_ENV =
endif

check: unit testdata layering docs cli stale buildfacts sarif recipes
	@echo "make check: all passed"

unit: $(CHECK_BIN) $(BIN)
	$(Q)$(CHECK_ENV) CROSSTASK=$(CURDIR)/$(BIN) $(CHECK_BIN)

# Every scope kind of every built-in pack must have a finding in some testdata file (but an exit
# stack of notifies only, whose findings are of the scopes its notifies exit).
SCOPE_KINDS = $(shell ./$(BIN) --list-rules 2>/dev/null | awk '/^scope kinds:/{s=1;next} /^[a-z]/{s=0} s && /^  [a-z]/{k=$$1;print k} s && /notifies only/{print "-" k}' | awk '/^-/{d[substr($$0,2)]=1;next} {k[++n]=$$0} END{for(i=1;i<=n;i++) if(!d[k[i]]) print k[i]}')

testdata: $(RUNNER_BIN) $(BIN)
	$(Q)$(CHECK_ENV) CT_REQUIRE_KINDS="$(SCOPE_KINDS)" $(RUNNER_BIN) $(BIN) testdata

layering:
	$(Q)sh tests/check_layering.sh

docs: $(BIN)
	$(Q)sh tests/check_docs.sh $(BIN)

# Bad input of every kind: the exit status and message each must give, never a crash or a hang
cli: $(BIN)
	$(Q)$(CHECK_ENV) sh tests/check_cli.sh $(BIN)

# The cache against --no-cache after every change that can alter a result (headers appearing,
# disappearing or shadowed on the include path, flags, packs, the binary)
stale: $(BIN)
	$(Q)$(CHECK_ENV) sh tests/check_stale.sh $(BIN)

# Facts as build outputs: the CMake + Ninja and make recipes on tests/facts_project give, through
# --facts, what -p gives, byte for byte
buildfacts: $(BIN)
	$(Q)sh tests/check_build_facts.sh $(BIN)

# SARIF output validated by Microsoft's SARIF Multitool when npm can install it (else parsed only)
NPM ?= npm
SARIF_NPM_DIR ?= build/npm
SARIF_MULTITOOL ?= @microsoft/sarif-multitool@5

sarif: $(BIN)
	@if [ ! -d $(SARIF_NPM_DIR)/node_modules/@microsoft/sarif-multitool ] && \
	    command -v $(NPM) >/dev/null 2>&1; then \
	  echo "  NPM     $(SARIF_MULTITOOL) -> $(SARIF_NPM_DIR)"; \
	  $(NPM) install --prefix $(SARIF_NPM_DIR) --no-audit --no-fund --no-save --silent \
	    --fetch-retries=1 --fetch-timeout=30000 $(SARIF_MULTITOOL) >/dev/null 2>&1 || \
	    echo "sarif: npm could not install $(SARIF_MULTITOOL); validating without it"; \
	fi
	$(Q)$(CHECK_ENV) SARIF_NPM_DIR=$(abspath $(SARIF_NPM_DIR)) sh tests/check_sarif.sh $(BIN)

# The CI, pre-commit and editor recipes parse and their problem matchers read our output
recipes: $(BIN)
	$(Q)sh tests/check_recipes.sh $(BIN)

# libuv1 and redis from Debian sources under build/real (apt-get as root), then crosstask on each
real: $(BIN)
	scripts/real_projects.sh

# crosstask against clang -fsyntax-only, clang-tidy, the Clang Static Analyzer and the in-process
# parse floor on libuv1, redis and python3.11, plus a scaling series; writes docs/benchmarks.md
bench: $(BIN)
	bash bench/run.sh
	bash bench/python.sh $(BIN)
	bash bench/clang_tidy.sh $(BIN)

deps:
	@if command -v apt-get >/dev/null 2>&1; then \
	  missing=""; for p in libclang-19-dev llvm-19 libcjson-dev check pkg-config gcc make libuv1-dev \
	    libglib2.0-dev python3-dev libapr1-dev libevent-dev libboost-dev \
	    libtree-sitter-dev python3 python3-anyio cmake ninja-build pre-commit git; do \
	    dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	  command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	  if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "deps: all installed"; fi; \
	else echo "deps: apt-get not found; install libclang-19-dev, libcjson-dev, check, pkg-config, libtree-sitter-dev, npm"; fi
	$(Q)$(MAKE) --no-print-directory $(TSPY_DIR)/src/parser.c

demo: deps
	$(Q)$(MAKE) --no-print-directory all
	@for f in examples/*.c; do \
	  echo "--- crosstask $$f -- -std=c11 -pthread"; \
	  ./$(BIN) $$f -- -std=c11 -pthread; rc=$$?; \
	  echo "(exit status $$rc: 1 means findings were reported)"; \
	  test $$rc -le 1 || exit $$rc; \
	done

memcheck: $(BIN)
	@for f in examples/*.c; do \
	  valgrind -q --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99 \
	    ./$(BIN) $$f -- -std=c11 -pthread >/dev/null; rc=$$?; \
	  test $$rc -le 1 || { echo "memcheck: $$f: exit $$rc"; exit 1; }; \
	done; echo "memcheck: no leaks or memory errors"

# libFuzzer targets (clang -fsanitize=fuzzer): the rule-pack loader, the cache reader and the
# suppression-comment parser, each run for FUZZ_SECONDS on the corpus in tests/fuzz/corpus/.
FUZZ_SECONDS ?= 30
FUZZ_CC ?= clang
FUZZ_DIR = build/fuzz
FUZZ_FLAGS = -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined -Ianalyzer \
             -I$(LLVM_INCDIR) $(CJSON_CFLAGS) -I$(TSPY_DIR)/src
# The library's sources and the Python grammar's generated parser (frontend_py.c links to it)
FUZZ_LIB = $(filter-out analyzer/cli.c,$(wildcard analyzer/*.c)) $(TSPY_DIR)/src/parser.c \
           $(TSPY_DIR)/src/scanner.c

fuzz: $(TSPY_DIR)/src/scanner.c
	@command -v $(FUZZ_CC) >/dev/null || { echo "fuzz: $(FUZZ_CC) not found (apt-get install clang)"; exit 1; }
	@mkdir -p $(FUZZ_DIR)/corpus/rules $(FUZZ_DIR)/corpus/cache $(FUZZ_DIR)/corpus/suppress
	$(Q)$(CC) -std=c11 -D_GNU_SOURCE -g -Ianalyzer -I$(LLVM_INCDIR) $(CJSON_CFLAGS) -I$(TSPY_DIR)/src \
	  -o $(FUZZ_DIR)/seed_cache \
	  tests/fuzz/seed_cache.c $(FUZZ_LIB) $(ALL_LDFLAGS) $(LIBS)
	$(Q)$(FUZZ_DIR)/seed_cache $(FUZZ_DIR)/corpus/cache testdata/spawn/*.c testdata/exit_stack/*.c
	@for t in rules cache suppress; do \
	  echo "--- fuzz_$$t for $(FUZZ_SECONDS) s"; \
	  $(FUZZ_CC) $(FUZZ_FLAGS) -o $(FUZZ_DIR)/fuzz_$$t tests/fuzz/fuzz_$$t.c $(FUZZ_LIB) \
	    -L$(LLVM_LIBDIR) -Wl,-rpath,$(LLVM_LIBDIR) $(LIBS) || exit 1; \
	  case $$t in rules) seeds=rules;; suppress) seeds=testdata/suppress;; \
	    *) seeds=tests/fuzz/corpus/$$t;; esac; \
	  ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	  $(FUZZ_DIR)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	    -artifact_prefix=$(FUZZ_DIR)/ $(FUZZ_DIR)/corpus/$$t $$seeds || exit 1; \
	done

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/crosstask/rules
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/crosstask
	install -m 644 rules/*.json $(DESTDIR)$(PREFIX)/share/crosstask/rules/

clean:
	rm -rf build

-include $(wildcard $(BUILD)/obj/*.d $(BUILD)/tests/*.d)
