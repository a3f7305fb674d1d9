#!/bin/sh
# Register a complaint in the workstation's form (R1 §5.1 customer opinion
# form) with a Chinese customer name, and check that its row in the list
# lines up with the column headers by display width, like the rows with
# ASCII and longer Chinese names around it.
. "$AS_TOP/tests/tui/lib.sh"

as admin new complaint --set customer_name=Smith --set phone=13900000001 \
	--set serial=ASCII-SERIAL-1 --set description=noise >/dev/null ||
	fail "CLI new"
as admin new complaint --set customer_name=欧阳娜娜 --set phone=13900000002 \
	--set serial=WIDE-SERIAL-2 --set description=噪音 >/dev/null ||
	fail "CLI new"

start 80 24 admin
line_with "F10" | grep -q "n新建" || fail "the footer does not offer n to the administrator"
keys n
wait_for "* 为必填项" || fail "n did not open the new complaint form"
# R1 §5.1: the customer opinion fields only; the handling comes later
for l in 负责人 投诉类别 维修费 处理结果 费用承担部门; do
	screen | grep -q "^ $l" && fail "the new complaint form offers $l"
done
type_text "张三"
keys Tab Tab
type_text "13800000000"
keys Tab Tab Tab
type_text "SN-ZHANG-3"
keys Tab Tab
type_text "发动机异响，无法启动"
# a field error first: a bad distance is explained next to the field
keys Tab Tab
type_text "abc"
keys C-s
wait_for "↳" || fail "no error shown next to the invalid field"
line_with "↳" | grep -q "服务半径(公里)" || fail "error does not name the field by its label"
keys BSpace BSpace BSpace
type_text "12"
keys F2
wait_for "C2026-000003  客户投诉  [已登记]" || fail "the complaint was not registered"
wait_for "张三" || fail "detail does not show the customer"
wait_for "发动机异响，无法启动" || fail "detail does not show the description"
as admin show C2026-000003 | grep -q "(公里) *12" || fail "distance not stored"

keys Escape
wait_for "全部未结" || fail "Esc did not return to the list"
keys 3
wait_view 3 || fail "3 did not switch the view"
wait_for "C2026-000003" || fail "the new complaint is not in All open"

hdr=$(line_with "编号")
h=$(col_of "$hdr" "产品编号")
hs=$(col_of "$hdr" "状态")
[ "$h" -gt 0 ] || fail "no serial column header"
for s in ASCII-SERIAL-1 WIDE-SERIAL-2 SN-ZHANG-3; do
	row=$(line_with "$s")
	c=$(col_of "$row" "$s")
	[ "$c" = "$h" ] || fail "serial $s starts at column $c, header at $h: $row"
	c=$(col_of "$row" "已登记")
	[ "$c" = "$hs" ] || fail "state of $s at column $c, header at $hs: $row"
done
# and at 120 columns, where a phone column appears
tm resize-window -x 120 -y 40
wait_for "联系电话" || fail "no phone column at 120 columns"
hdr=$(line_with "编号")
h=$(col_of "$hdr" "产品编号")
for s in ASCII-SERIAL-1 WIDE-SERIAL-2 SN-ZHANG-3; do
	row=$(line_with "$s")
	c=$(col_of "$row" "$s")
	[ "$c" = "$h" ] || fail "at 120 columns serial $s at $c, header at $h"
done
keys q
wait_for "EXITED:0" || fail "q did not quit"
exit 0
