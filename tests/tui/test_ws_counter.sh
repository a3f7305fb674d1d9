#!/bin/sh
# The store counter (issue 11, counter mode): `aftersales counter` under
# LANG=C and TERM=vt220 at 80x24, the clerk (store_clerk) with a scanner.
# Receive (R2 §3.7.2): the account once, then scanner-like input, every
# code and Enter in one send-keys (as fast as tmux types): a code, the
# same part by its barcode, a wrong code in the middle (refused with a
# beep and why, nothing added), a 3* quantity; Backspace on the empty
# input takes the last line back; Enter on the empty input posts the
# whole receipt; `aftersales stock` shows the balances afterwards.
# Issue against a requisition (R2 §3.6.1, §3.7.4): beyond the requisition
# and beyond the stock (R2 §3.7.1) are refused on the screen; the rest
# is issued.  Chinese names line up with their column heads.  C in the
# workstation opens the same screen.
. "$AS_TOP/tests/tui/lib.sh"

printf 'code,barcode,name\nP-100,6901234567890,机油滤清器\nP-200,,空气滤清器\nP-300,,刹车片总成\n' \
	>"$D/parts.csv"
as admin import part "$D/parts.csv" >/dev/null || fail "import parts"

LOG=$D/pane.log
: >"$LOG"
tm new-session -d -x 80 -y 24 "env LC_ALL=C LANG=C TERM=vt220 '$AS_BIN' --db '$D' --config '$CFG' --user store_clerk counter; echo EXITED:\$?; sleep 600"
tm pipe-pane -o "cat >> '$LOG'"
wait_for "选择业务" || fail "the counter did not open"
# the moves of the shipped configuration, by their digit
mv_receive=$(screen | sed -n 's/^ *\([0-9]\)  收货入库.*/\1/p')
mv_issue=$(screen | sed -n 's/^ *\([0-9]\)  按领料单发料.*/\1/p')
[ -n "$mv_receive" ] && [ -n "$mv_issue" ] || fail "no receive or issue move"

# --- receive: R2 §3.7.2 -----------------------------------------------
keys "$mv_receive"
wait_for "入库账户" || fail "the receipt's account is not asked"
type_text "central"
keys Enter
wait_for "扫描>" || fail "no scan input after the account"
screen | grep -q "总库" || fail "the title does not name the account"
# a wrong code alone first: the reason shows on its line, with the bell
type_text "$(printf 'X-999\r')"
wait_for "没有这个编码：X-999" || fail "an unknown code is not refused on the line"
n=0
while ! grep -q "$(printf '\a')" "$LOG"; do   # the bell reached the terminal
	n=$((n + 1))
	[ "$n" -lt 300 ] || fail "no bell (BEL) for the unknown code"
	sleep 0.1
done
# scanner-like: all in one go, the wrong code in the middle
type_text "$(printf 'P-100\r6901234567890\rX-998\r3*P-200\r2*P-300\r')"
wait_line 8 "刹车片总成" || fail "the scans did not all arrive"
screen | grep -q "X-99" && fail "a refusal stays after the next good scan"
line_with "  1 P-100" | grep -q "机油滤清器  *1  *1$" || fail "line 1: $(line_with '  1 P-100')"
# the barcode finds the part; its line names it by its code
line_with "  2 P-100" | grep -q "机油滤清器  *1  *2$" || fail "line 2 (barcode): $(line_with '  2 ')"
line_with "  3 P-200" | grep -q "空气滤清器  *3  *3$" || fail "line 3 (3*): $(line_with '  3 ')"
line_with "  4 P-300" | grep -q "刹车片总成  *2  *2$" || fail "line 4: $(line_with '  4 ')"
# Chinese lines up: the quantity under its head, at 80x24 under vt220
hdr=$(line_with "数量")
row=$(line_with "空气滤清器")
# (heads of numbers right-aligned: 数量 ends where the quantity does)
[ "$(($(col_of "$hdr" 数量) + 4))" = "$(($(col_of "$row" "3         3") + 1))" ] ||
	fail "the quantity is not under its head: [$hdr] [$row]"
[ "$(($(col_of "$hdr" 结存) + 4))" = "$(printf '%s' "$row" | wc -L)" ] ||
	fail "the balance is not under its head: [$hdr] [$row]"
[ "$(col_of "$hdr" 名称)" = "$(col_of "$row" 空气滤清器)" ] ||
	fail "the name is not under its head: [$hdr] [$row]"
# Backspace on the empty input takes the last line back
keys BSpace
wait_gone "刹车片总成" || fail "Backspace did not remove the last line"
line_with "  3 P-200" | grep -q "空气滤清器" || fail "Backspace removed more than the last line"
# Enter on the empty input posts the whole receipt and starts the next
keys Enter
wait_for "已过账 R2026-000001：3 行" || fail "the receipt was not posted"
wait_gone "空气滤清器" || fail "the next receipt does not start empty"
stock=$(as store_clerk stock --account central --format tsv)
printf '%s\n' "$stock" | grep -q "P-100.*2" || fail "P-100 not 2 on central: $stock"
printf '%s\n' "$stock" | grep -q "P-200.*3" || fail "P-200 not 3 on central: $stock"
printf '%s\n' "$stock" | grep -q "P-300" && fail "P-300 (taken back) is on central: $stock"
as admin show R2026-000001 | grep -q "已入库" || fail "the receipt is not posted"

# --- issue against a requisition: R2 §3.6.1, §3.7.4 --------------------
Q=$(as engineer new requisition \
	--set 'lines=[{"part":"P-100","quantity":1},{"part":"P-200","quantity":5}]') ||
	fail "requisition: $Q"
as branch_manager do "$Q" approve --set approved_by=branch_manager >/dev/null ||
	fail "approve $Q"
keys Escape
wait_for "选择业务" || fail "Esc did not go back to the moves"
keys "$mv_issue"
wait_for "备用件领料单编号" || fail "the requisition is not asked"
type_text "$Q"
keys Enter
wait_for "扫描>" || fail "no scan input after the requisition"
type_text "$(printf '2*P-100\r')"
wait_for "超出备用件领料单" || fail "beyond the requisition is not refused"
screen | grep "超出备用件领料单" | grep -q "R2 §3.6.1" || fail "the refusal cites no clause"
type_text "$(printf '4*P-200\r')"
wait_for "库存不足" || fail "beyond the stock is not refused"
type_text "$(printf 'P-300\r')"
wait_for "P-300 不在" || fail "a part not on the requisition is not refused"
type_text "$(printf 'P-100\r3*P-200\r')"
wait_line 6 "空气滤清器" || fail "the issue lines did not arrive"
line_with "  2 P-200" | grep -q "3  *0$" || fail "balance after: $(line_with '  2 P-200')"
keys Enter
wait_for "已过账 $Q" || fail "the issue was not posted"
stock=$(as store_clerk stock --format tsv)
printf '%s\n' "$stock" | grep "central" | grep -q "P-100.*1" || fail "central P-100: $stock"
printf '%s\n' "$stock" | grep "issued" | grep -q "P-200.*3" || fail "issued P-200: $stock"
keys F10
wait_for "EXITED:0" || fail "F10 did not quit"
stop_server

# C in the workstation opens the same screen; Esc comes back to the list
start 80 24 store_clerk LC_ALL=C LANG=C TERM=vt220
keys C
wait_for "选择业务" || fail "C did not open the counter"
keys "$mv_receive"
wait_for "入库账户" || fail "the counter from C does not ask the account"
keys Escape
wait_for "选择业务" || fail "Esc did not go back to the moves"
keys Escape
wait_gone "选择业务" || fail "Esc did not leave the counter"
keys q
wait_for "EXITED:0" || fail "q did not quit the workstation"
exit 0
