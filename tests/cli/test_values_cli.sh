#!/bin/sh
# Values at the command line (issue 7): a required field stays non-blank
# for the life of the record (R1 §5.1), numbers stay within their bounds
# (the distance of R2 §3.2.2 is never negative), control characters and
# a phone that is no phone number are refused, and an import refuses NUL
# bytes and endless input (/dev/zero) with a sentence, not a hang.
# Every refusal exits 6 and writes nothing.
. "${AS_TOP:-.}/tests/cli/lib.sh"

N=$(as --user admin new complaint --set customer_name=张三 --set phone=13800138000 \
	--set description=车门坏了) || { echo "FAIL: new"; exit 1; }
before=$(as export complaints | md5sum)
hist=$(as show "$N" | wc -l)
check edit-required-empty 6 as --user admin edit "$N" --set customer_name=
check edit-required-blank 6 as --user admin edit "$N" --set customer_name=　
check edit-required-blank-en 6 as --user admin --lang en edit "$N" --set "customer_name= 　 "
check edit-distance-negative 6 as --user admin edit "$N" --set fault_class=body --set distance_km=-5
check new-phone-hello 6 as --user admin new complaint --set customer_name=李四 --set phone=hello --set description=x
# (not through check: the golden file would hold the escape itself)
expect_rc 6 as --user admin --lang en new complaint --set "customer_name=$(printf 'a\033]0;x\007b')" --set phone=13800138001 --set description=x
grep -qx "aftersales: Customer cannot hold control characters; character 2 is U+001B" "$T/last.out" ||
	{ echo "FAIL: an escape in a name is not refused with the field named:"; cat "$T/last.out"; failures=$((failures + 1)); }
check new-name-blank 6 as --user admin new complaint --set customer_name=　 --set phone=13800138001 --set description=x
after=$(as export complaints | md5sum)
[ "$before" = "$after" ] || { echo "FAIL: a refused command changed the database"; failures=$((failures + 1)); }
[ "$(as show "$N" | wc -l)" = "$hist" ] || { echo "FAIL: a refused edit is in the history"; failures=$((failures + 1)); }

# full-width digits from an input method are stored normalised
expect_rc 0 as --user admin edit "$N" --set distance_km=１２０
as --lang en show "$N" | grep -q "Distance (km) *120$" ||
	{ echo "FAIL: full-width distance not stored as 120"; as --lang en show "$N"; failures=$((failures + 1)); }
before=$(as export complaints | md5sum)

# import: a NUL inside a value, /dev/zero, an endless value
printf 'customer_name,phone,description\n王五,13800138002,ok\n赵\000六,13800138003,x\n' >"$T/nul.csv"
check import-nul 6 as --user admin import complaints "$T/nul.csv"
check import-dev-zero 6 timeout 300 "$BIN" --user admin import complaints /dev/zero
{ printf 'customer_name,phone,description\n王五,13800138002,"'; head -c 100000 /dev/zero | tr '\0' x; } >"$T/long.csv"
check import-long-value 6 as --user admin import complaints "$T/long.csv"
after=$(as export complaints | md5sum)
[ "$before" = "$after" ] || { echo "FAIL: a refused import changed the database"; failures=$((failures + 1)); }
finish
