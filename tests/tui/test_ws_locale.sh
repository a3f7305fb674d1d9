#!/bin/sh
# Text is UTF-8 whatever the locale says (issue 9, seen in issue 7's
# walks): under LANG=C, or a locale that is not installed (common over
# SSH), Chinese still shows as Chinese, not "????", and the footer says
# once that the terminal itself may not be set to UTF-8.  Under a UTF-8
# locale nothing is said.
. "$AS_TOP/tests/tui/lib.sh"

as admin new complaint --set customer_name=张三丰 --set phone=13800138000 \
	--set description=车门异响 >/dev/null || fail "new"

start 80 24 admin LC_ALL=C LANG=C
wait_for "区域设置不是 UTF-8" || fail "no notice that the locale is not UTF-8"
keys 3
wait_view 3 || fail "3 did not switch the view"
wait_for "张三丰" || fail "Chinese did not show under LANG=C"
screen | grep -q "??" && fail "question marks on the screen under LANG=C"
keys q
wait_for "EXITED:0" || fail "q did not quit"
stop_server

start 80 24 admin LC_ALL=xx_YY.NOPE LANG=xx_YY.NOPE
keys 3
wait_view 3 || fail "3 did not switch the view"
wait_for "张三丰" || fail "Chinese did not show under a locale not installed"
keys q
wait_for "EXITED:0" || fail "q did not quit"
stop_server

start 80 24 admin
keys 3
wait_view 3 || fail "3 did not switch the view"
wait_for "张三丰" || fail "Chinese did not show under C.UTF-8"
screen | grep -q "区域设置不是 UTF-8" && fail "a notice under a UTF-8 locale"
keys q
wait_for "EXITED:0" || fail "q did not quit"
exit 0
