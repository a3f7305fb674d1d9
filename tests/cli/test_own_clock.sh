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

# A clock that is not seconds since 1970 is refused with one sentence and
# nothing is written (seen: "2026-11-30 10:00" was read as 2026 seconds,
# and the demo wrote complaints of 1969).
n0=$(as --user admin list --format tsv | wc -l)
check now-malformed 2 env "AFTERSALES_NOW=2026-11-30 10:00" "$BIN" \
	--user admin new complaint --set customer_name=王五 \
	--set phone=13800000003 --set description=门坏了
check now-malformed-en 2 env "AFTERSALES_NOW=1795000000x" "$BIN" --lang en \
	--user admin list
expect_rc 2 env "AFTERSALES_NOW=-1" "$BIN" --user admin list
expect_rc 2 env "AFTERSALES_NOW=99999999999999999999" "$BIN" --user admin list
[ "$(as --user admin list --format tsv | wc -l)" = "$n0" ] ||
	{ echo "FAIL: a refused clock wrote a record"; failures=$((failures + 1)); }

# The demo's present is the core's clock: under a fixed AFTERSALES_NOW two
# demos write the same records, none later than that clock (it used the
# system's: the figures of two builds could not be compared, and a test
# clock in the past gave records from its future).
for d in d1 d2; do
	mkdir "$T/$d"
	"$BIN" --db "$T/$d" --user admin demo --records 30 >/dev/null ||
		{ echo "FAIL: demo into $d"; failures=$((failures + 1)); }
	"$BIN" --db "$T/$d" --user admin export complaint --format tsv \
		>"$T/$d.tsv"
done
[ -s "$T/d1.tsv" ] && cmp -s "$T/d1.tsv" "$T/d2.tsv" ||
	{ echo "FAIL: two demos at one clock differ"; failures=$((failures + 1)); }
last=$(TZ=Asia/Shanghai date -d "@$T0" '+%Y-%m-%d %H:%M')
late=$(awk -F'\t' -v last="$last" 'NR == 1 { for (i = 1; i <= NF; i++)
	if ($i ~ /_at$/ || $i == "created") at[i] = 1; next }
	{ for (i in at) if ($i != "" && $i > last) print $1, $i }' "$T/d1.tsv")
[ -z "$late" ] ||
	{ echo "FAIL: the demo wrote times after its clock ($last):"
	  echo "$late" | head -3; failures=$((failures + 1)); }
finish
