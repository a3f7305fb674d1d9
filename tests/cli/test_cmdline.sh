#!/bin/sh
# The command line as the phone desk uses it (issue 9, "the command
# line"): status says how many matches it does not show; every command
# reads a record number alike (any case, a short sequence number); a long
# name is cut to its column with "…", by display width, so the columns of
# status and list stay in line.
. "${AS_TOP:-.}/tests/cli/lib.sh"

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
for n in 1 2 3 4 5; do
	as --user admin new complaint --set customer_name=陈客户$n --set phone=1380013800$n \
		--set serial=LA9GB6D3E730794$n --set description=车门坏了 >/dev/null ||
		fail "new $n"
done
as --user admin new complaint --set customer_name=河南省郑州市长途客运集团有限公司 \
	--set phone=13800138006 --set serial=LA9GB6D3E7307946 --set description=x >/dev/null
as --user admin new complaint --set "customer_name=Zhengzhou Long Distance Coach Group" \
	--set phone=13800138007 --set serial=LA9GB6D3E7307947 --set description=x >/dev/null

# status: the matches past --limit are counted, not silently dropped
check cmdline-status-more 0 as status 陈 --limit 2
check cmdline-status-more-en 0 as --lang en status 陈 --limit 2
expect_rc 0 as status 陈
grep -q "另有" "$T/last.out" && fail "status without --limit past 5 matches says there are more"

# one number parsing: case and a short sequence number, in show, do, status
want=$(as show C2026-000002) || fail "show C2026-000002"
[ "$(as show c2026-2)" = "$want" ] || fail "show c2026-2 is not C2026-000002"
[ "$(as show c2026-000002)" = "$want" ] || fail "show c2026-000002 is not C2026-000002"
check cmdline-do-short 0 as --user branch_manager do c2026-3 accept --set category=quality --set owner=zhangwei
check cmdline-edit-short 0 as --user admin edit c2026-4 --set address=郑州
check cmdline-batch-short 0 as --user branch_manager do c2026-1,c2026-5 reject --set reject_reason=重复
check cmdline-status-short 0 as status c2026-6

# a number that names a record is that record alone; the lookups (here a
# name that starts like the number) are tried only when it names none
for n in 01 99; do
	as --user admin new complaint --set customer_name=C2026-0000${n}号车队 \
		--set phone=138001380$n --set serial=LA9GB6D3E73079$n \
		--set description=x >/dev/null || fail "new C2026-0000${n}号车队"
done
[ "$(as status C2026-000001 | wc -l)" = 1 ] ||
	fail "status C2026-000001 shows more than the record of that number"
as status C2026-000001 | grep -q "^C2026-000001 " ||
	fail "status C2026-000001 does not show C2026-000001"
as status C2026-000099 | grep -q "^C2026-000009 " ||
	fail "status C2026-000099 (no such record) does not look up the name"

# long names are cut to the column, Chinese by display width
check cmdline-list-long 0 as list --limit 7
check cmdline-status-long 0 as --lang en status 13800138007
finish
