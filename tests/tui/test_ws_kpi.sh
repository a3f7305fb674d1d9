#!/bin/sh
# The KPI board (R2 §3.2.1, issue 12): M in the list opens the three
# figures for the last 12 months, as bars and sparklines in block
# characters; a month that misses its target is red (reverse video on a
# monochrome terminal, TERM=vt220); ←→ pick the month, ↑↓ the figure, and
# Enter lists the records behind it (the late and the open overdue clocks
# first) and opens one.  The fixture is tests/cli/data/kpi.yaml with the
# October of tests/cli/test_kpi.sh: timeliness 3 of 5 (missed), November
# 1 of 1 (met).
. "$AS_TOP/tests/tui/lib.sh"

NOW=1795000000          # 2026-11-18
CFG=$AS_TOP/tests/cli/data/kpi.yaml
rm -rf "$D" && mkdir -p "$D" && rmdir "$D"
"$AS_BIN" --db "$D" --config "$CFG" --user boss init >/dev/null ||
	fail "init"
job() {
	AFTERSALES_NOW=$NOW as boss new job --set unit=$1 --set engineer=$2 \
		--set "opened_at=$3" ${4:+--set "done_at=$4"} >/dev/null ||
		fail "new job $*"
}
job east eng1 '2026-10-01 08:00' '2026-10-01 20:00'
job east eng1 '2026-10-05 08:00' '2026-10-07 08:00'
job west eng2 '2026-10-10 08:00'
job west eng2 '2026-10-31 20:00' '2026-11-01 10:00'
job east eng1 '2026-09-30 20:00' '2026-10-01 09:00'
job west eng2 '2026-10-20 08:00' '2026-10-20 09:00'

start 80 24 boss AFTERSALES_NOW=$NOW TERM=tmux-256color
keys M
wait_for "服务指标看板 (R2 §3.2.1)  2025-12 … 2026-11" || fail "M did not open the board"
# November, the month shown first: 1 of 1 met
wait_for "2026-11 100.0% (1/1) 达标" || fail "November's timeliness"
wait_for "用户抱怨率" || fail "the complaint rate is not on the board"
# the bars and the sparkline are block characters
screen | grep -q "███" || fail "no bar in block characters"
# October: 3 of 5, missed, and in red
keys Left
wait_for "2026-10 60.0% (3/5) 未达标" || fail "October's timeliness"
tm capture-pane -p -e | grep "60.0% (3/5)" | grep -q "\[[0-9;]*31m\|\[[0-9;]*91m\|38;5;1m" ||
	fail "the missed month is not red: $(tm capture-pane -p -e | grep '3/5' | od -c | head -5)"
# Enter: the records behind the figure, the missed ones first
keys Enter
wait_for "服务及时率 2026-10" || fail "Enter did not list the records"
wait_for "J2026-000002   超时" || fail "the late job is not listed"
wait_for "J2026-000003   逾期未完成" || fail "the open overdue job is not listed"
wait_for "J2026-000001   按时" || fail "the met job is not listed"
screen | grep -q "J2026-000004" && fail "November's job is listed under October"
keys Enter
wait_for "J2026-000002" || fail "Enter did not open the record"
wait_for "响应时限" || fail "the record's detail is not shown"
keys Escape
wait_for "服务指标看板" || fail "Esc did not come back to the board"
keys Escape
wait_gone "服务指标看板" || fail "Esc did not leave the board"
keys F10
wait_for "EXITED:0" || fail "F10 did not quit"
stop_server

# a monochrome terminal: the missed month in reverse video
start 80 24 boss AFTERSALES_NOW=$NOW TERM=vt220
keys M
wait_for "服务指标看板" || fail "M did not open the board (vt220)"
keys Left
wait_for "2026-10 60.0% (3/5) 未达标" || fail "October on vt220"
tm capture-pane -p -e | grep "60.0% (3/5)" | grep -q "\[[0-9;]*7m" ||
	fail "the missed month is not in reverse on vt220"
keys F10
wait_for "EXITED:0" || fail "F10 did not quit (vt220)"
stop_server
echo "ok"
