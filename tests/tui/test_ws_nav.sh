#!/bin/sh
# Navigation as in mutt and tig (issue 9): Esc goes back exactly one
# level and q backs out one level, quitting only from the list; "/" finds
# from any pane; J and K open the next and previous record of the list
# from the detail view; the selected row is a bar over the whole width,
# or with the arrow cursor (--arrow-cursor, A) a "->" marker.
. "$AS_TOP/tests/tui/lib.sh"

for i in 1 2 3; do
	as admin new complaint --set customer_name=客户$i \
		--set phone=1380000000$i --set description=x >/dev/null ||
		fail "CLI new $i"
done
start 80 24 admin
keys 6
wait_view 6 || fail "6 did not switch the view"
wait_for "C2026-000003" || fail "the all view does not list the records"

# the whole row: its last column is reverse too
row=$(tm capture-pane -e -p | sed -n 5p)
case "$row" in
*"[7m"*|*"[0;7m"*) ;;
*) fail "the selected row is not reverse: $row" ;;
esac
# ... one attribute from the first column to the last: no reset inside,
# all 80 columns kept (-N keeps the trailing blanks of the bar)
esc=$(printf '\033')
row=$(tm capture-pane -e -N -p | sed -n 5p)
rest=$(printf '%s' "$row" | sed "s/^\($esc\[[0-9;]*m\)*//")
case "$rest" in
*"$esc"*) fail "the bar stops inside the row: $(printf '%s' "$row" | cat -v)" ;;
esac
[ "$(printf '%s' "$rest" | wc -L)" = 80 ] ||
	fail "the bar does not reach the right edge: $(printf '%s' "$rest" | wc -L)"

# Enter opens, J the next, K the previous
keys Enter
wait_line 3 "C2026-000001  客户投诉" || fail "Enter did not open the first"
keys J
wait_line 3 "C2026-000002  客户投诉" || fail "J did not open the next record"
keys J
wait_line 3 "C2026-000003  客户投诉" || fail "J did not open the third"
keys J
wait_for "已是列表的最后一条" || fail "J past the end said nothing"
keys K
wait_line 3 "C2026-000002  客户投诉" || fail "K did not open the previous record"
wait_for "J/K下条/上条" || fail "the footer does not show J/K"

# q backs out one level: from the detail to the list, not out
keys q
wait_for "1 我的待办" || fail "q in the detail view did not go back to the list"
screen | grep -q "EXITED" && fail "q in the detail view quit the program"
# and the list kept its place: the record J/K reached is selected
tm capture-pane -e -p | sed -n 6p | grep -q '7m' ||
	fail "the list did not follow J/K"

# Esc depth: list > detail > edit form > Esc > detail > Esc > list > Esc
keys Enter
wait_line 3 "C2026-000002  客户投诉" || fail "Enter did not open"
keys E
wait_for "编辑 C2026-000002" || fail "edit form not open"
keys Escape
wait_line 3 "C2026-000002  客户投诉" || fail "Esc in the form did not go back to the detail"
keys Escape
wait_for "1 我的待办" || fail "Esc in the detail did not go back to the list"
keys Escape
wait_for "1 我的待办" || fail "Esc in the list left it"
screen | grep -q "EXITED" && fail "Esc in the list quit"

# "/" from the detail view: the list, searching
keys Enter
wait_line 3 "客户投诉  [已登记]" || fail "Enter did not open"
keys /
wait_for "查找:" || fail "/ in the detail view did not start a search"
type_text "客户3"
wait_gone "C2026-000001" || fail "the search did not filter"
keys Escape
wait_for "C2026-000001" || fail "Esc did not leave the search"

# the arrow cursor: A toggles it; "->" marks the row, no bar
keys A
wait_for "箭头光标" || fail "A did not switch to the arrow cursor"
wait_line 5 "->" || fail "no -> marker"
tm capture-pane -e -p | sed -n 5,7p | grep -q '7m' &&
	fail "the arrow cursor still draws a bar"
keys j
wait_line 6 "->" || fail "j did not move the marker"
screen | sed -n 5p | grep -q -- "->" && fail "the old marker stayed"

# a record opened by number, not from the list's selection: no J/K
keys g
type_text "C2026-000003"
keys Enter
wait_line 3 "C2026-000003  客户投诉" || fail "g did not open the record"
screen | grep -q "J/K" && fail "J/K offered for a record not opened from the list"
keys J
wait_for "只用于从列表打开的记录" || fail "J on a record not from the list said nothing"
keys Escape
wait_for "1 我的待办" || fail "Esc did not go back to the list"

# q in the list quits
keys q
wait_for "EXITED:0" || fail "q in the list did not quit"

# --arrow-cursor from the command line
stop_server
TMS="${TMS}b"
start 80 24 admin
stop_server
TMS="${TMS}c"
tm new-session -d -x 80 -y 24 \
	"env LC_ALL=C.UTF-8 '$AS_BIN' --db '$D' --config '$CFG' --user admin --arrow-cursor; echo EXITED:\$?; sleep 600"
wait_for "F10" || fail "--arrow-cursor did not start"
keys 6
wait_view 6 || fail "6 did not switch the view"
wait_line 5 "->" || fail "--arrow-cursor shows no marker"
exit 0
