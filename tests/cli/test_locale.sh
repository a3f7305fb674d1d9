#!/bin/sh
# The command line lines up Chinese columns whatever the locale says:
# under LC_ALL=C, or a locale that is not installed (common over SSH), it
# takes a UTF-8 character type, so `list` and `status` print exactly what
# they print under C.UTF-8.
. "${AS_TOP:-.}/tests/cli/lib.sh"

expect_rc 0 as --user admin new complaint --set customer_name=张三丰 \
	--set phone=13800138000 --set serial=SN-1 --set description=车门异响
expect_rc 0 as --user admin new complaint --set customer_name=Li \
	--set phone=13800138001 --set serial=SN-2 --set description=漏水
for cmd in "list" "status 13800138000"; do
	as --user admin $cmd >"$T/utf8" 2>&1
	for loc in C xx_YY.NOPE; do
		LC_ALL=$loc as --user admin $cmd >"$T/other" 2>&1
		cmp -s "$T/utf8" "$T/other" || {
			echo "FAIL: $cmd under LC_ALL=$loc differs from C.UTF-8:"
			diff "$T/utf8" "$T/other"
			failures=$((failures + 1))
		}
	done
done
finish
