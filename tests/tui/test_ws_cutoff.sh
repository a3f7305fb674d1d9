#!/bin/sh
# Cut-off text (issue 9): the title bar shortens a long database path
# from the left with "…" (its end, the folder's name, stays whole); the
# serial column shows a whole serial in English as in Chinese (widths from
# the labels of both languages); a cell cut off ends in "…"; an action
# key never wraps away from its label.
. "$AS_TOP/tests/tui/lib.sh"

long=$D/a-very-long-folder-name-for-the-title-bar/aftersales-data
mkdir -p "$(dirname "$long")"
"$AS_BIN" --db "$long" --config "$CFG" --user admin init >/dev/null ||
	fail "init of the long path"
"$AS_BIN" --db "$long" --config "$CFG" --user admin new complaint \
	--set customer_name=客户1 --set phone=13800000001 \
	--set serial=XCMQY25KR4610795 --set description=x >/dev/null ||
	fail "CLI new"
"$AS_BIN" --db "$long" --config "$CFG" --user admin new complaint \
	--set customer_name=郑州市第一建筑工程机械有限责任公司 \
	--set phone=13800000002 --set description=x >/dev/null ||
	fail "CLI new 2"
tm new-session -d -x 80 -y 24 \
	"env LC_ALL=C.UTF-8 '$AS_BIN' --db '$long' --config '$CFG' --user admin; echo EXITED:\$?; sleep 600"
wait_for "F10" || fail "the workstation did not start"
hdr=$(screen | sed -n 1p)
case "$hdr" in
*"│ …/aftersales-data "*|*"数据库 …/"*"/aftersales-data "*) ;;
*) fail "the path is not cut from the left at a folder: $hdr" ;;
esac
case "$hdr" in
*"2026-"*|*"20"[0-9][0-9]"-"*) ;;
*) fail "the clock fell off the title bar: $hdr" ;;
esac

keys 6
wait_view 6 || fail "6 did not switch the view"
wait_for "XCMQY25KR4610795" || fail "the serial is cut in Chinese"
line_with "郑州市" | grep -q "…" || fail "the cut-off name has no …"
keys L
wait_for "Serial no." || fail "no English"
wait_for "XCMQY25KR4610795" || fail "English cuts the serial: $(line_with C2026-000001)"
line_with "郑州市" | grep -q "…" || fail "the cut-off name has no … in English"

# action keys stay with their labels, in both languages, for each role
# that acts on a complaint as it goes along
keys q
wait_for "EXITED:0" || fail "q did not quit"
stop_server
n=$(as admin new complaint --set customer_name=张三 --set phone=13800000000 \
	--set description=x) || fail "CLI new 3"
check_keys() { # USER
	TMS="${TMS}k"
	start 80 24 "$1"
	for lang in zh en; do
		keys g
		type_text "$n"
		keys Enter
		# the detail's own title (the list shows "$n " too)
		case $lang in
		zh) wait_line 3 "$n  客户投诉  [" ;;
		en) wait_line 3 "$n  Complaint  [" ;;
		esac || fail "detail not open for $1 ($lang)"
		screen | grep -E '\[[a-zE]\] *(│|$)' &&
			fail "an action key wrapped away from its label ($1 $lang)"
		keys Escape L
	done
	stop_server
}
check_keys branch_manager
as branch_manager do "$n" accept --set category=quality \
	--set owner=admin >/dev/null || fail "accept"
check_keys admin
check_keys branch_manager
exit 0
