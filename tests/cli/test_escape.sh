#!/bin/sh
# Issue 7, "nothing raw reaches a terminal or a spreadsheet": a customer
# name holding ESC, OSC (retitle), CSI (clear screen, colour), CR, BS, DEL
# and a C1 CSI (U+009B) comes out of status, show, list (text and tsv),
# the csv and tsv exports and the error messages with every control
# character escaped (\x1b, \r, \u009b ...), Chinese names still aligned.
# The values are written straight into the store by tests/tools/as_oldrec,
# past every input check: the data of a database from before the checks.
. "${AS_TOP:-.}/tests/cli/lib.sh"
OLDREC=${AS_BUILD:-$TOP/build}/tests/tools/as_oldrec
[ -x "$OLDREC" ] || { echo "FAIL: no $OLDREC (make unit-tests)"; exit 1; }

ESC=$(printf '\033')
EVIL=$(printf 'Evil\033]0;pwned\007\033[2J\033[31mred\rX\bY\177\302\2332J\\q')
SHORT=$(printf '\033[2J王')              # 9 columns once escaped
DESC=$(printf 'line1\nline2\033[31m\ttab')

as --user admin new complaint --set customer_name=张三 --set phone=13800000001 \
	--set serial=SN-1 --set description=x >/dev/null || exit 1
as --user admin new complaint --set customer_name=李四 --set phone=13800000002 \
	--set serial=SN-2 --set description=y >/dev/null || exit 1
as --user admin new complaint --set customer_name=王五 --set phone=13800000003 \
	--set serial=SN-3 --set description=z >/dev/null || exit 1
"$OLDREC" "$AFTERSALES_DB" C2026-000001 admin customer_name "$EVIL" \
	description "$DESC" || exit 1
"$OLDREC" "$AFTERSALES_DB" C2026-000002 admin customer_name "$SHORT" || exit 1
as --user admin reindex >/dev/null || exit 1

# raw FILE [ALLOW]: 0 if FILE holds a raw control byte other than LF (and
# TAB with ALLOW=tab), a UTF-8 C1 character, or a byte that is not UTF-8.
raw() {
	if [ "${2:-}" = tab ]; then re='[\x00-\x08\x0b-\x1f\x7f]'
	else re='[\x00-\x09\x0b-\x1f\x7f]'; fi
	LC_ALL=C grep -qP "$re|\xc2[\x80-\x9f]" "$1" && return 0
	! iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1
}
# clean NAME [ALLOW] CMD...: CMD's stdout and stderr hold no raw control.
clean() {
	n=$1
	shift
	a=
	[ "$1" = tab ] && { a=tab; shift; }
	"$@" >"$T/clean.out" 2>&1
	if raw "$T/clean.out" $a; then
		echo "FAIL $n: raw control bytes in the output of: $*" |
			LC_ALL=C tr '\001-\011\013-\037\177' '?'
		od -c "$T/clean.out" | head -20
		failures=$((failures + 1))
	fi
}
# The check itself can fail: the raw value trips it, TAB only when not
# allowed, and so does a lone 8-bit C1 byte.
printf '%s\n' "$EVIL" >"$T/raw.txt"
raw "$T/raw.txt" || { echo "FAIL: raw() misses ESC"; failures=$((failures + 1)); }
printf 'a\tb\n' >"$T/tab.txt"
raw "$T/tab.txt" || { echo "FAIL: raw() misses TAB"; failures=$((failures + 1)); }
raw "$T/tab.txt" tab && { echo "FAIL: raw() refuses an allowed TAB"; failures=$((failures + 1)); }
printf 'a\233b\n' >"$T/c1.txt"
raw "$T/c1.txt" || { echo "FAIL: raw() misses an 8-bit C1"; failures=$((failures + 1)); }

check escape-status 0 as status Evil
check escape-list 0 as list --sort number
check escape-list-tsv 0 as list --sort number --format tsv
check escape-show 0 as show C2026-000001
check escape-export-csv 0 as export complaints
check escape-export-tsv 0 as export complaints --format tsv
check escape-export-json 0 as export complaints --format json
check escape-status-nothing 3 as status "$(printf 'x\033]0;t\007')"
check escape-show-notfound 3 as show "$(printf 'C\033[2J')"
check escape-unknown-command 2 as "$(printf 'frob\033[2J')"
check escape-import-missing 3 as --user admin import complaints \
	"$(printf '%s/no\033]0;t\007.csv' "$T")"

clean status as status Evil
clean status-tsv tab as status Evil --format tsv
clean list as list
clean list-tsv tab as list --format tsv
clean show as show C2026-000001
clean export-csv tab as export complaints
clean export-tsv tab as export complaints --format tsv
clean export-json as export complaints --format json
clean error-status as status "$EVIL"
clean error-show as show "$EVIL"
clean error-unknown-code as --user admin edit C2026-000003 --set "channel=$EVIL"
clean error-unknown-field as --user admin edit C2026-000003 --set "$EVIL=x"
clean error-sort as list --sort "$EVIL"
clean error-usage as "$EVIL"
clean error-import as --user admin import complaints "$T/$EVIL"
clean error-db as --db "$T/$EVIL" list
clean error-init as init "$T/raw.txt/$EVIL"
clean error-config as check-config "$T/$EVIL"
clean error-config-use as --config "$T/$EVIL" list
# a configuration is data too: a user's name with ESC in `users`, and the
# type label in check-config's summary
printf 'include: %s\nusers:\n  evil: {name: "E\\e]0;x\\a\\e[2J", roles: [admin]}\n' \
	"$TOP/config/demo.yaml" >"$T/evil.yaml"
check escape-users 0 as --config "$T/evil.yaml" users
clean users as --config "$T/evil.yaml" users
clean check-config as check-config "$T/evil.yaml"

# A TAB or LF inside a value never breaks the TSV columns.
for f in "list --format tsv" "export complaints --format tsv"; do
	# shellcheck disable=SC2086
	as $f | awk -F '\t' 'NR == 1 { n = NF } NF != n { bad = 1 }
		END { exit bad }' ||
		{ echo "FAIL: $f: a row with a different number of columns"; failures=$((failures + 1)); }
done

# list text: an escaped ESC counts 4 columns, so the serial after
# "\\x1b[2J王" lines up with the one after "王五"
for s in SN-2 SN-3; do
	row=$(as list --sort number | grep -F "$s")
	pre=${row%%"$s"*}
	printf '%s' "$pre" | wc -L
done | sort -u >"$T/cols"
[ "$(wc -l <"$T/cols")" = 1 ] ||
	{ echo "FAIL: list: serials do not line up:"; as list --sort number; failures=$((failures + 1)); }
finish
