#!/bin/sh
# Issue 9, lookups as the phone desk asks, at 80x24: g takes what / and
# status take.  The last 4 digits of a phone that three cases share open
# a picker, open cases first (the rejected one last, though its phone
# sorts first), each row with the phone; Enter opens the chosen one.
# A phone with pasted spaces (full-width too), a serial's start (a
# picker), a serial's last 6 characters and a bare sequence number open
# their case at once; / finds by a serial's end as you type.
. "$AS_TOP/tests/tui/lib.sh"

new() { as admin new complaint --set customer_name="$1" --set phone="$2" \
	--set serial="$3" --set description=漏油 >/dev/null || fail "CLI new $1"; }
new 王五 13811112222 LGW-5A0012345          # 1
new 赵六 13933332222 LGW5B0099887           # 2
new 孙八 13600002222 XYZ-0002               # 3, rejected
as branch_manager do C2026-000003 reject --set reject_reason=不属实 >/dev/null ||
	fail "CLI reject"

goto() { # TEXT: g, TEXT, Enter
	keys g
	wait_for "打开编号" || fail "g did not prompt"
	type_text "$1"
	keys Enter
}
back() { keys Escape; wait_for "1 我的待办" || fail "Esc did not go back to the list"; }

start 80 24 admin
# the last 4 digits: a picker, open first, with the phones
goto 2222
wait_for "“2222”: 3 条匹配, 未结的在前" || fail "2222 did not open a picker"
l1=$(line_with "C2026-000001") l2=$(line_with "C2026-000002") l3=$(line_with "C2026-000003")
case "$l1" in *13811112222*) ;; *) fail "the picker row lacks the phone: $l1" ;; esac
case "$l3" in *不予受理*13600002222*) ;; *) fail "the closed case's row: $l3" ;; esac
n1=$(screen | grep -n "C2026-000001" | head -1 | cut -d: -f1)
n2=$(screen | grep -n "C2026-000002" | head -1 | cut -d: -f1)
n3=$(screen | grep -n "C2026-000003" | head -1 | cut -d: -f1)
[ "$n1" -lt "$n2" ] && [ "$n2" -lt "$n3" ] || fail "the picker is not open first ($n1 $n2 $n3)"
keys Down Enter
wait_for "C2026-000002  客户投诉  [已登记]" || fail "Enter did not open the chosen case"
back
# a phone pasted with spaces, then with full-width digits and spaces
goto "138 1111 2222"
wait_for "C2026-000001  客户投诉" || fail "a phone with spaces did not open its case"
back
goto "１３９　３３３３　２２２２"
wait_for "C2026-000002  客户投诉" || fail "a full-width phone did not open its case"
back
# a serial's start: both LGW serials, in a picker
goto lgw
wait_for "“lgw”: 2 条匹配" || fail "a serial's start did not open a picker"
wait_for "LGW-5A0012345" || fail "the picker lacks a serial"
keys Escape
wait_gone "条匹配" || fail "Esc did not close the picker"
# a serial's last 6 characters
goto 099887
wait_for "C2026-000002  客户投诉" || fail "a serial's end did not open its case"
back
# a bare sequence number: this year's
goto 3
wait_for "C2026-000003  客户投诉  [不予受理]" || fail "a bare number did not open its case"
back
# / takes the same input
keys /
wait_for "查找:" || fail "/ did not open the search"
type_text "012345"
wait_for "C2026-000001" || fail "/ did not find a serial's end"
screen | grep -q "C2026-000002" && fail "/ found another case by a serial's end"
keys Escape
wait_gone "查找:" || fail "Esc did not leave the search"
keys q
wait_for "EXITED:0" || fail "q did not quit"
exit 0
