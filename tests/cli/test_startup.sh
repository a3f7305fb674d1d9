#!/bin/sh
# Start-up of a command-line process (issue 13, status at the floor): the
# program loads no shared library but libc at start.  libxlsxwriter, when
# Debian has no static one, is loaded only when an xlsx is written
# (tui/xlsx_dl.c): linked, it brought libcrypto, libminizip and libz into
# every `status`, more than the lookup cost.  The xlsx is still written.
# The default build links glibc too (a static PIE, Makefile): no dynamic
# loader runs at all; the login name still comes from /etc/passwd (every
# golden that names $LOGIN, test_own_clock) and the xlsx from the shared
# libxlsxwriter loaded on demand (below).
# (That the compiled configuration is kept: test_cfg_image.)
. "${AS_TOP:-.}/tests/cli/lib.sh"

command -v ldd >/dev/null 2>&1 || skip "no ldd"
ldd "$BIN" >"$T/ldd" 2>&1
if grep -E 'libxlsxwriter|libcrypto|libminizip|libz\.' "$T/ldd"; then
	echo "FAIL: these libraries load at every start"
	failures=$((failures + 1))
fi
if grep -q -e '-static-pie' "$AS_BUILD/flags" 2>/dev/null &&
    command -v readelf >/dev/null 2>&1; then
	if readelf -lW "$BIN" | grep -q 'INTERP'; then
		echo "FAIL: linked as a static PIE, yet it names a dynamic loader:"
		readelf -lW "$BIN" | grep -A1 INTERP
		failures=$((failures + 1))
	fi
fi
as --user admin new complaint --set customer_name=张三 \
	--set phone=13800000001 --set description=x >/dev/null ||
	{ echo "FAIL: new"; failures=$((failures + 1)); }
as --user admin report register --month 2026-11 --format xlsx >"$T/r.xlsx" ||
	{ echo "FAIL: report register --format xlsx"; failures=$((failures + 1)); }
# a zip: "PK\3\4" first
[ "$(head -c 2 "$T/r.xlsx")" = "PK" ] ||
	{ echo "FAIL: the xlsx is not a zip"; failures=$((failures + 1)); }
finish
