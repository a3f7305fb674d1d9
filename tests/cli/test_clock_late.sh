#!/bin/sh
# Issue 7, R2 §3.2.1 (timeliness), R1 §7.2, R2 §3.2.2: a clock that has
# been overdue stays late.  A body fault registered at 150 km (12 h) is
# corrected to 50 km (24 h) after the 12 h passed: the deadline moves, the
# first answer to the customer (answered_at, R1 §7.2; the acceptance alone
# does not stop the clock) before the new deadline is still late, and the
# history shows each move of the deadline with its old and new time.
. "${AS_TOP:-.}/tests/cli/lib.sh"

export AFTERSALES_NOW=1795000000                 # 2026-11-18 08:53 UTC
expect_rc 0 as --user admin new complaint --set customer_name=张伟 --set phone=13800138000 --set description=车门异响 --set fault_class=body --set distance_km=150
export AFTERSALES_NOW=$((1795000000 + 13 * 3600))   # 1 h past the 12 h
check clock-late-moved 0 as --user admin edit C2026-000001 --set distance_km=50
as show C2026-000001 >"$T/run.txt"
grep -q '^响应时限 .*2026-11-19 19:06 (剩 11 小时) (曾超时，计为超时)' "$T/run.txt" ||
	{ echo "FAIL: the running clock does not say it counts as late:"; grep '^响应时限' "$T/run.txt"; failures=$((failures + 1)); }
export AFTERSALES_NOW=$((1795000000 + 14 * 3600))   # before the new 24 h
expect_rc 0 as --user branch_manager do C2026-000001 accept --set category=quality --set owner=zhangwei
expect_rc 0 as --user branch_manager edit C2026-000001 --set 'answered_at=2026-11-19 09:06'
check clock-late-show 0 as show C2026-000001
check clock-late-show-en 0 as --lang en show C2026-000001
finish
