#!/bin/sh
# Start-up of a command-line process (issue 13, status at the floor): the
# program loads no shared library but libc at start.  libxlsxwriter, when
# Debian has no static one, is loaded only when an xlsx is written
# (tui/xlsx_dl.c): linked, it brought libcrypto, libminizip and libz into
# every `status`, more than the lookup cost.  The xlsx is still written.
# (That the compiled configuration is kept: test_cfg_image.)
. "${AS_TOP:-.}/tests/cli/lib.sh"

command -v ldd >/dev/null 2>&1 || skip "no ldd"
ldd "$BIN" >"$T/ldd" 2>&1
if grep -E 'libxlsxwriter|libcrypto|libminizip|libz\.' "$T/ldd"; then
	echo "FAIL: these libraries load at every start"
	failures=$((failures + 1))
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
