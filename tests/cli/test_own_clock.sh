#!/bin/sh
# Issue 7: the time comes from the system clock, except under a
# configuration that allows user override (demo, tests).  Seen: under the
# production configuration, AFTERSALES_NOW made a complaint three days
# overdue look accepted "1 h after registration".  Now a clock of one's
# own is refused there with one sentence (exit 4, like --user), and
# nothing is written; the demo configuration still honours it.  (A
# privileged process refuses it under any configuration:
# tests/cli/test_setgid.sh.)  R1 §7.2: the response deadline.
. "${AS_TOP:-.}/tests/cli/lib.sh"

T0=$AFTERSALES_NOW
me=$(id -un)
# production rules: the demo file without user override, this login a
# branch manager (who accepts, R1 §7.1)
printf 'include: %s/config/demo.yaml\nallow_user_override: false\nusers:\n  %s: {name: 经理, roles: [branch_manager, admin]}\n' \
	"$TOP" "$me" >"$T/prod.yaml"

c=$(as --user admin new complaint --set customer_name=张三 \
	--set phone=13800000001 --set description=门坏了) ||
	{ echo "FAIL: new"; exit 1; }
# under the demo configuration the test clock is honoured: registered at T0
at=$(TZ=Asia/Shanghai date -d "@$T0" '+%Y-%m-%d %H:%M')
as show "$c" | grep -q "登记于 $at" ||
	{ echo "FAIL: AFTERSALES_NOW not honoured under demo.yaml"; as show "$c"; failures=$((failures + 1)); }

# three days later, claiming to be one hour after registration
check now-refused 4 env AFTERSALES_NOW=$((T0 + 3600)) "$BIN" --lang en \
	--config "$T/prod.yaml" do "$c" accept --set category=quality \
	--set owner=admin
check now-refused-zh 4 env AFTERSALES_NOW=$((T0 + 3600)) "$BIN" \
	--config "$T/prod.yaml" list
as show "$c" | grep -q "已登记 (registered)  第 1 版" ||
	{ echo "FAIL: the refused step was taken"; failures=$((failures + 1)); }
# an empty AFTERSALES_NOW is no clock: the system's is used
expect_rc 0 env AFTERSALES_NOW= "$BIN" --config "$T/prod.yaml" list
expect_rc 0 env -u AFTERSALES_NOW "$BIN" --config "$T/prod.yaml" new complaint \
	--set customer_name=李四 --set phone=13800000002 --set description=灯不亮
finish
