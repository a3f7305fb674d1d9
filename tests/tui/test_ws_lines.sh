#!/bin/sh
# Line items (issue 8) in the workstation, on a test configuration of its
# own (tests/unit/data/lines.yaml: a job with parts_taken): the new form
# edits the lines field as a grid (Tab across cells, ^N adds a line, ^X
# deletes one), a bad cell is refused with the error under it, and the
# detail view shows the lines as a table whose Chinese columns line up.
. "$AS_TOP/tests/tui/lib.sh"

D0=$D
D=$D0/lines
trap 'cleanup; rm -rf "$D0"' EXIT
CFG=$AS_TOP/tests/unit/data/lines.yaml
"$AS_BIN" --db "$D" --config "$CFG" --user admin init >/dev/null ||
	fail "init of the lines database"

start 100 30 admin
keys n
wait_for "* 为必填项" || fail "n did not open the new job form"
wait_for "配件" || fail "the form shows no grid header for the lines"
type_text "更换油泵"
keys Tab
# line 1: part, quantity, unit cost, reason, note
type_text "P-100"
keys Tab
type_text "2"
keys Tab
type_text "12.5"
keys C-n
wait_for "加一行" || fail "the footer does not list the line keys"
# line 2 (added with ^N): a bad quantity
type_text "Q-7"
keys Tab
type_text "0"
keys Tab Tab
type_text "磨损"
keys Tab
type_text "左侧滤芯"
keys C-n
type_text "Z-9"
keys C-s
wait_for "↳" || fail "no error shown for the bad cell"
screen | grep "↳" | grep -q "领用配件 第 2 行，数量" ||
	fail "the error does not name the line and the column"
# the error is under line 2: the row above it holds Q-7
screen | grep -B1 "↳" | head -1 | grep -q "Q-7" ||
	fail "the error is not under the line it concerns"
# the cursor is on the bad cell: fix it
keys BSpace
type_text "3"
# line 3 (Z-9) goes again with ^X
keys Tab Tab Tab Tab
keys C-x
keys F2
wait_for "J2026-000001  工单  [打开]" || fail "the job was not registered"
as admin show J2026-000001 | grep -q "^  1 P-100    2 12.50$" ||
	fail "line 1 not stored: $(as admin show J2026-000001)"
as admin show J2026-000001 | grep -q "^  2 Q-7      3       磨损 左侧滤芯$" ||
	fail "line 2 not stored: $(as admin show J2026-000001)"
as admin show J2026-000001 | grep -q "Z-9" && fail "line 3 was not deleted"
# the detail view: a table, columns aligned by display width
wait_for "左侧滤芯" || fail "the detail view does not show the lines"
hdr=$(screen | grep "配件  *数量")
row=$(screen | grep "^ *2  Q-7")
[ -n "$hdr" ] || fail "no table header in the detail view"
col() { printf '%s\n' "$1" | sed "s/$2.*//" | wc -L; }
[ "$(col "$hdr" 原因)" = "$(col "$row" 磨损)" ] ||
	fail "the reason column does not line up: [$hdr] [$row]"
[ "$(col "$hdr" 说明)" = "$(col "$row" 左侧滤芯)" ] ||
	fail "the note column does not line up: [$hdr] [$row]"
keys Escape
keys q
wait_for "EXITED:0" || fail "q did not quit"
exit 0
