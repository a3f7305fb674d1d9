# aftersales - after-sales service workstation (C, ncurses, libyaml, LMDB)
#
#   make run      install what is missing, build, demo database, open it
#   make test     install what is missing, build with -Werror, run all tests
#   make bench    the performance figures (not pass/fail)
#   make install PREFIX=/usr/local DESTDIR=
#   make check-layering
#   SAN=1         ASan+UBSan build (make test SAN=1)

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
SHAREDIR = $(PREFIX)/share/aftersales

PKGS = ncursesw yaml-0.1 lmdb nettle
CC ?= cc
ifeq ($(origin CC),default)
CC = cc
endif

BUILD = build
ifeq ($(SAN),1)
BUILD = build/san
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
endif

WARN = -Wall -Wextra -pedantic -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wformat=2
ifeq ($(WERROR),1)
WARN += -Werror
endif
OPT ?= -O2 -g
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv
CFLAGS_ALL = -std=c11 -D_GNU_SOURCE $(OPT) $(WARN) $(SANFLAGS) -MMD -MP \
	     $(PKG_CFLAGS) -DAS_SHAREDIR='"$(SHAREDIR)"' $(CFLAGS)
LDLIBS_ALL = $(SANFLAGS) $(PKG_LIBS) $(LDFLAGS) $(LDLIBS)

CONFIG_SRC = $(wildcard config/*.c)
STORE_SRC = $(wildcard store/*.c)
CORE_SRC = $(wildcard core/*.c)
TUI_SRC = $(wildcard tui/*.c)
LIB_SRC = $(CONFIG_SRC) $(STORE_SRC) $(CORE_SRC)

LIB_OBJ = $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
TUI_OBJ = $(TUI_SRC:%.c=$(BUILD)/obj/%.o)
BIN = $(BUILD)/aftersales

UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
# Test tools the shell tests run (as_oldrec: data from before the checks).
TOOL_SRC = $(wildcard tests/tools/*.c)
TOOL_BIN = $(TOOL_SRC:tests/tools/%.c=$(BUILD)/tests/tools/%)

.PHONY: all deps run test unit-tests bench install uninstall clean \
	check-layering fuzz demo-db

all: $(BIN)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(BUILD)/libaftersales.a: $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

$(BIN): $(TUI_OBJ) $(BUILD)/libaftersales.a
	$(CC) -o $@ $(TUI_OBJ) $(BUILD)/libaftersales.a $(LDLIBS_ALL)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libaftersales.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libaftersales.a \
		$(LDLIBS_ALL) $(shell pkg-config --libs cmocka 2>/dev/null) -lpthread

$(BUILD)/tests/tools/%: tests/tools/%.c $(BUILD)/libaftersales.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libaftersales.a $(LDLIBS_ALL)

deps:
	@sh tests/deps.sh

# The demo database lives in var/ (ignored by git).
DEMO_DB = var/demo
demo-db: $(BIN)
	@if [ ! -f $(DEMO_DB)/data.mdb ]; then \
		mkdir -p $(DEMO_DB) && \
		AFTERSALES_CONFIG=config/demo.yaml $(BIN) --db $(DEMO_DB) \
			--user admin demo --records 2000; \
	fi

run: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory demo-db
	AFTERSALES_CONFIG=config/demo.yaml AFTERSALES_DB=$(DEMO_DB) \
		$(BIN) --user admin

unit-tests: $(UNIT_BIN) $(TOOL_BIN)

test: deps
	@$(MAKE) --no-print-directory WERROR=1 all unit-tests fuzz-build
	@sh tests/run.sh $(BUILD)

FUZZ_TARGETS = $(patsubst tests/fuzz/%.c,$(BUILD)/fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_CC ?= clang
fuzz-build: $(FUZZ_TARGETS)
$(BUILD)/fuzz/%: tests/fuzz/%.c $(LIB_SRC) $(wildcard config/*.h store/*.h core/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -std=c11 -D_GNU_SOURCE -g -O1 \
		-fsanitize=fuzzer,address,undefined $(PKG_CFLAGS) \
		-o $@ $< $(LIB_SRC) $(PKG_LIBS)

BENCH_BIN = $(patsubst tests/bench/%.c,$(BUILD)/bench/%,$(wildcard tests/bench/*.c))
$(BUILD)/bench/%: tests/bench/%.c $(BUILD)/libaftersales.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libaftersales.a $(LDLIBS_ALL)

bench: deps
	@$(MAKE) --no-print-directory all $(BENCH_BIN)
	@sh tests/bench/run.sh $(BUILD)

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SHAREDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/aftersales
	install -m 644 config/aftersales.yaml config/demo.yaml $(DESTDIR)$(SHAREDIR)/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/aftersales
	rm -rf $(DESTDIR)$(SHAREDIR)

check-layering:
	@sh tests/check-layering.sh

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)
