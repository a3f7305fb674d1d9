#!/bin/sh
# The printed page in the workstation (issue 10): P in a complaint's detail
# shows the customer opinion form (客户意见处理表, R1 §5.1) in a pager, the
# same page as `aftersales print`, Chinese aligned; p sends it to the
# printer command of the configuration (printer:, here tee into a file
# instead of lp), run without a shell; a printer command that fails is
# said so and nothing is lost.
. "$AS_TOP/tests/tui/lib.sh"

NOW=1795000000
cat >"$D/print.yaml" <<YAML
include: $AS_TOP/config/demo.yaml
printer: [tee, $D/printed.txt]
YAML
cat >"$D/noprint.yaml" <<YAML
include: $AS_TOP/config/demo.yaml
printer: ["false"]
YAML
CFG=$D/print.yaml
n=$(AFTERSALES_NOW=$NOW as admin new complaint --set customer_name=郑州公交 \
	--set phone=13800138000 --set description='发动机异响；$(touch x)' \
	--set serial=LZY-0001) || fail "new complaint"

start 100 40 admin AFTERSALES_NOW=$NOW
keys g
wait_for "打开编号" || fail "g did not prompt"
type_text "$n"
keys Enter
wait_for "P打印" || fail "the detail does not offer P"
keys P
wait_for "客户意见处理表" || fail "P did not show the customer opinion form"
# aligned by display width: the labels of a section in one column
wait_for "  客户名称  郑州公交" || fail "the customer row is not aligned"
wait_for "  来诉时间  2026-11-18 19:06" || fail "the received row is not aligned"
wait_for "p送打印机" || fail "the pager does not offer p"
keys p
wait_for "已送往打印机（tee）" || fail "p did not say the page was sent"
# what the printer got is exactly what aftersales print writes
AFTERSALES_NOW=$NOW as admin print "$n" >"$D/want.txt" || fail "print"
cmp -s "$D/want.txt" "$D/printed.txt" || {
	diff "$D/want.txt" "$D/printed.txt"
	fail "the printer did not get the page of aftersales print"
}
# no shell ran the value typed into the description
[ -e "$D/x" ] || [ -e x ] && fail "a shell ran the record's text"
keys Escape
wait_for "$n  客户投诉" || fail "Esc did not come back to the record"
keys F10
wait_for "EXITED:0" || fail "F10 did not quit"
stop_server

# a printer command that fails: the page stays, the message says why
CFG=$D/noprint.yaml
start 100 40 admin AFTERSALES_NOW=$NOW
keys g
wait_for "打开编号" || fail "g did not prompt"
type_text "$n"
keys Enter
wait_for "P打印" || fail "the detail does not offer P"
keys P
wait_for "客户意见处理表" || fail "P did not show the page"
keys p
wait_for "打印命令 false 失败" || fail "a failing printer is not reported"
wait_for "客户意见处理表" || fail "the page went away"
keys Escape
wait_for "$n  客户投诉" || fail "Esc did not come back to the record"
keys F10
wait_for "EXITED:0" || fail "F10 did not quit"
exit 0
