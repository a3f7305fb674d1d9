# aftersales - after-sales service workstation (C, ncurses, libyaml, LMDB)
#
#   make run      install what is missing, build, demo database, open it
#   make test     install what is missing, build with -Werror, run all tests
#   make bench    the performance figures (not pass/fail)
#   make load     200 workstation sessions on ptys for 60 s (endurance)
#   make crash    1,000 kill -9s during steps, imports and stock postings
#                 (endurance)
#   make install PREFIX=/usr/local SYSCONFDIR=/etc/aftersales
#                LOCALSTATEDIR=/var SERVICE_GROUP=aftersales DESTDIR=
#                 the setgid deployment (README, "Where things live") and
#                 the manual pages (MANDIR=$(PREFIX)/share/man)
#   make check-layering
#   SAN=1         ASan+UBSan build (make test SAN=1)

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
SHAREDIR = $(PREFIX)/share/aftersales
MANDIR ?= $(PREFIX)/share/man
SYSCONFDIR ?= /etc/aftersales
LOCALSTATEDIR ?= /var
DBDIR = $(LOCALSTATEDIR)/lib/aftersales
SERVICE_GROUP ?= aftersales

PKGS = ncursesw yaml-0.1 lmdb nettle jansson xlsxwriter
# libxlsxwriter (reports as .xlsx) is linked statically only where Debian
# ships its static library (bookworm does not): STATIC_PKGS leave it out.
XLSX_A := $(wildcard $(shell pkg-config --variable=libdir xlsxwriter 2>/dev/null)/libxlsxwriter.a)
STATIC_PKGS = $(if $(XLSX_A),$(PKGS),$(filter-out xlsxwriter,$(PKGS)))
XLSX_DYN = $(if $(XLSX_A),,$(shell pkg-config --libs xlsxwriter 2>/dev/null))
# Without it the static program does not link the shared library (which
# brings libcrypto, libminizip and libz into every start) but loads it
# when an xlsx is written: tui/xlsx_dl.c, by its soname (issue 13).
XLSX_SO := $(if $(XLSX_A),,$(shell objdump -p "$$($(CC) -print-file-name=libxlsxwriter.so)" 2>/dev/null | awk '/SONAME/ { print $$2 }'))
XLSX_DL = $(if $(XLSX_A),,-DAS_XLSX_DLOPEN $(if $(XLSX_SO),-DAS_XLSX_SO='"$(XLSX_SO)"'))
, := ,
CC ?= cc
ifeq ($(origin CC),default)
CC = cc
endif

# make test builds with -Werror (below), and so reads the Makefile with
# the same flags as the make it runs, which keeps $(BUILD)/flags as it is.
ifneq ($(filter test,$(MAKECMDGOALS)),)
WERROR = 1
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
	     $(PKG_CFLAGS) $(PATH_DEFS) $(XLSX_DEFS) $(CFLAGS)
# The default configuration and database, compiled in (tui/cli.c).
PATH_DEFS = -DAS_SYSCONFDIR='"$(SYSCONFDIR)"' -DAS_DBDIR='"$(DBDIR)"'
LDLIBS_ALL = $(SANFLAGS) $(PKG_LIBS) $(LDFLAGS) $(LDLIBS)
# The program links Debian's static libraries (STATIC=0: the shared ones):
# loading six shared libraries cost more than a status lookup (issue 13).
# glibc too, as a static PIE (libc6-dev's libc.a): the dynamic loader,
# libc.so's relocations and the pages around what it called were a fifth
# of a `status` and 1.2 MiB of its peak RSS (issue 13).  The linker warns
# that getpwuid and dlopen need glibc's shared libraries at run time: the
# login name is read from /etc/passwd by the libc linked in (glibc >= 2.34
# has the "files" service built in; another NSS service in nsswitch.conf is
# loaded as a shared module, of the glibc installed), and dlopen is only
# for libxlsxwriter when an xlsx is written (tui/xlsx_dl.c).  A sanitizer
# build keeps glibc shared (ASan replaces its malloc), with the other
# libraries static and libc's symbols bound at the start (-z now).
STATIC ?= 1
ifeq ($(STATIC),1)
BIN_LIBS = $(SANFLAGS) $(if $(SANFLAGS),-Wl$(,)-z$(,)now,-static-pie) \
	   -Wl,-Bstatic \
	   $(shell pkg-config --static --libs $(STATIC_PKGS) 2>/dev/null) -lcsv \
	   $(if $(SANFLAGS),-Wl$(,)-Bdynamic) $(if $(XLSX_A),,-ldl) \
	   $(LDFLAGS) $(LDLIBS)
XLSX_DEFS = $(XLSX_DL)
else
BIN_LIBS = $(LDLIBS_ALL)
endif

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

.PHONY: all deps run test unit-tests bench load crash install install-man \
	uninstall clean \
	check-layering fuzz demo-db FORCE

all: $(BIN)

$(BUILD)/obj/%.o: %.c $(BUILD)/flags
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

# Everything is rebuilt when the flags change (WERROR, OPT, SAN, STATIC,
# CFLAGS...): a `make test` (WERROR=1) after a plain `make` compiles every
# file again with -Werror instead of taking the objects built without it.
# The file is brought up to date as the Makefile is read, so that make -q
# and make -n tell the truth.
BUILD_FLAGS = $(CC) $(CFLAGS_ALL) $(BIN_LIBS) $(LDLIBS_ALL)
$(shell mkdir -p $(BUILD) && { echo '$(BUILD_FLAGS)' | \
	cmp -s - $(BUILD)/flags || echo '$(BUILD_FLAGS)' >$(BUILD)/flags; })

# Rebuilt with other paths (make install SYSCONFDIR=...) when they change.
$(BUILD)/paths: FORCE
	@mkdir -p $(dir $@)
	@echo '$(SYSCONFDIR) $(DBDIR)' | cmp -s - $@ || \
		echo '$(SYSCONFDIR) $(DBDIR)' >$@
$(BUILD)/obj/tui/cli.o: $(BUILD)/paths

$(BUILD)/libaftersales.a: $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

$(BIN): $(TUI_OBJ) $(BUILD)/libaftersales.a $(BUILD)/flags
	$(CC) -o $@ $(TUI_OBJ) $(BUILD)/libaftersales.a $(BIN_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libaftersales.a $(BUILD)/flags
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libaftersales.a \
		$(LDLIBS_ALL) $(shell pkg-config --libs cmocka 2>/dev/null) -lpthread

$(BUILD)/tests/tools/%: tests/tools/%.c $(BUILD)/libaftersales.a $(BUILD)/flags
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

# The build uses every processor (unless make was given -j itself); the
# tests run in parallel too (tests/run.sh, AS_JOBS).
TEST_JOBS = $(if $(filter -j%,$(MAKEFLAGS)),,-j$(shell nproc 2>/dev/null || echo 2) -Otarget)
test: deps
	@$(MAKE) --no-print-directory $(TEST_JOBS) WERROR=1 all unit-tests fuzz-build
	@sh tests/run.sh $(BUILD)

# The fuzz targets share one instrumented build of the library.
FUZZ_TARGETS = $(patsubst tests/fuzz/%.c,$(BUILD)/fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_CC ?= clang
FUZZ_CFLAGS = -std=c11 -D_GNU_SOURCE -g -O1 -MMD -MP $(PKG_CFLAGS)
FUZZ_OBJ = $(LIB_SRC:%.c=$(BUILD)/fuzz/obj/%.o)
fuzz-build: $(FUZZ_TARGETS)
$(BUILD)/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link,address,undefined \
		-c -o $@ $<
$(BUILD)/fuzz/libaftersales.a: $(FUZZ_OBJ)
	rm -f $@
	ar rcs $@ $^
$(BUILD)/fuzz/%: tests/fuzz/%.c $(BUILD)/fuzz/libaftersales.a
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer,address,undefined \
		-o $@ $< $(BUILD)/fuzz/libaftersales.a $(PKG_LIBS)

BENCH_BIN = $(patsubst tests/bench/%.c,$(BUILD)/bench/%,$(wildcard tests/bench/*.c))
$(BUILD)/bench/%: tests/bench/%.c $(BUILD)/libaftersales.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libaftersales.a $(LDLIBS_ALL)
# The floor of the workstation's first screen: linked as the program is
# (the same static curses, -z now), without the program's own code.
$(BUILD)/bench/curses_floor: tests/bench/curses_floor.c $(BUILD)/flags
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(BIN_LIBS)

bench: deps
	@$(MAKE) --no-print-directory all $(BENCH_BIN)
	@sh tests/bench/run.sh $(BUILD)

# Endurance (issue 13), not part of make test: LOAD_SESSIONS sessions for
# LOAD_SECONDS on a demo of LOAD_RECORDS; CRASH_KILLS kill -9s.
LOAD_SESSIONS ?= 200
LOAD_SECONDS ?= 60
LOAD_RECORDS ?= 20000
CRASH_KILLS ?= 1000
load: deps
	@$(MAKE) --no-print-directory all
	@python3 tests/endurance/load.py $(BIN) $(LOAD_SESSIONS) \
		$(LOAD_SECONDS) $(LOAD_RECORDS)

crash: deps
	@$(MAKE) --no-print-directory all
	@python3 tests/endurance/crash.py $(BIN) $(CRASH_KILLS)

# The setgid deployment: the group SERVICE_GROUP (created if missing), the
# binary setgid to it (2755 root:SERVICE_GROUP), the configuration in
# SYSCONFDIR (root's, 0644; a site's own file is never overwritten; the
# shipped ones are also in SHAREDIR) and the database in DBDIR made by
# `aftersales init` run as root (folder 2770, files 0660, root:SERVICE_GROUP).
# With DESTDIR, or not as root, it installs the files and prints what is
# left to do as root.
install: $(BIN) install-man
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SHAREDIR) \
		$(DESTDIR)$(SYSCONFDIR)
	install -m 644 config/aftersales.yaml config/demo.yaml \
		$(DESTDIR)$(SHAREDIR)/
	@for f in aftersales.yaml demo.yaml; do \
		t="$(DESTDIR)$(SYSCONFDIR)/$$f"; \
		if [ -e "$$t" ]; then \
			echo "install: keeping $$t (the shipped one is" \
				"$(SHAREDIR)/$$f)"; \
		else \
			echo "install -m 644 config/$$f $$t"; \
			install -m 644 config/$$f "$$t" || exit 1; \
		fi; \
	done
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ]; then \
		set -e; \
		if ! getent group $(SERVICE_GROUP) >/dev/null; then \
			echo "groupadd --system $(SERVICE_GROUP)"; \
			groupadd --system $(SERVICE_GROUP); \
		fi; \
		echo "install -o root -g $(SERVICE_GROUP) -m 2755 $(BIN)" \
			"$(BINDIR)/aftersales"; \
		install -o root -g $(SERVICE_GROUP) -m 2755 $(BIN) \
			$(BINDIR)/aftersales; \
		if [ -e $(DBDIR)/data.mdb ]; then \
			echo "install: keeping the database in $(DBDIR)"; \
		else \
			install -d $(LOCALSTATEDIR)/lib; \
			echo "$(BINDIR)/aftersales --config" \
				"$(SYSCONFDIR)/aftersales.yaml init $(DBDIR)"; \
			env -u AFTERSALES_NOW -u AFTERSALES_USER \
				$(BINDIR)/aftersales --config \
				$(SYSCONFDIR)/aftersales.yaml init $(DBDIR); \
		fi; \
	else \
		echo "install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/aftersales"; \
		install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/aftersales; \
		echo "install: the setgid deployment needs root and no" \
			"DESTDIR; a packager's script (or root) must do:"; \
		echo "  getent group $(SERVICE_GROUP) ||" \
			"groupadd --system $(SERVICE_GROUP)"; \
		echo "  chown root:$(SERVICE_GROUP) $(BINDIR)/aftersales &&" \
			"chmod 2755 $(BINDIR)/aftersales"; \
		echo "  chown root:root $(SYSCONFDIR) $(SYSCONFDIR)/*.yaml &&" \
			"chmod 644 $(SYSCONFDIR)/*.yaml"; \
		echo "  $(BINDIR)/aftersales --config" \
			"$(SYSCONFDIR)/aftersales.yaml init $(DBDIR)"; \
	fi

# The manual pages: aftersales(1), aftersales.yaml(5).
install-man:
	install -d $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 644 man/aftersales.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 man/aftersales.yaml.5 $(DESTDIR)$(MANDIR)/man5/

# The reverse of install, except the database and the group: the data
# outlives the program.  A configuration the site changed is kept.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/aftersales
	rm -f $(DESTDIR)$(MANDIR)/man1/aftersales.1 \
		$(DESTDIR)$(MANDIR)/man5/aftersales.yaml.5
	@for f in aftersales.yaml demo.yaml; do \
		t="$(DESTDIR)$(SYSCONFDIR)/$$f"; \
		if [ ! -e "$$t" ]; then \
			:; \
		elif cmp -s "$$t" config/$$f || \
		    cmp -s "$$t" "$(DESTDIR)$(SHAREDIR)/$$f"; then \
			echo "rm -f $$t"; rm -f "$$t"; \
		else \
			echo "uninstall: keeping $$t (changed by the site)"; \
		fi; \
	done
	-@rmdir $(DESTDIR)$(SYSCONFDIR) 2>/dev/null && \
		echo "rmdir $(DESTDIR)$(SYSCONFDIR)" || true
	rm -rf $(DESTDIR)$(SHAREDIR)
	@echo "uninstall: the database folder $(DBDIR) and the group" \
		"$(SERVICE_GROUP) are left alone; remove them by hand once" \
		"the data is not needed"

check-layering:
	@sh tests/check-layering.sh

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)
