#!/bin/sh
# The manual pages (issue 13, "the command line"): aftersales(1) and
# aftersales.yaml(5) render without a warning (groff -ww), make
# install-man puts them under MANDIR (make install runs it), and they say
# what the program does: aftersales(1) names every command of tui/cli.c's
# table and every option, aftersales.yaml(5) every key of the loader's
# tables (config/config.c), and its example is a configuration
# check-config accepts.
. "${AS_TOP:-.}/tests/cli/lib.sh"

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
command -v groff >/dev/null 2>&1 || skip "groff is not installed"
M1=$TOP/man/aftersales.1
M5=$TOP/man/aftersales.yaml.5

for m in "$M1" "$M5"; do
	groff -k -man -Tutf8 -ww -z "$m" >"$T/w" 2>&1 ||
		fail "$(basename "$m") does not render"
	[ -s "$T/w" ] && fail "$(basename "$m") renders with warnings: $(cat "$T/w")"
done
# what a reader sees, without the overstrikes
page() { MANWIDTH=200 groff -k -man -Tutf8 -P-cbou -rLL=200n -rHY=0 "$1" 2>/dev/null; }
page "$M1" >"$T/p1"
page "$M5" >"$T/p5"

# installed where man finds them
unset MAKEFLAGS MAKELEVEL MFLAGS
make --no-print-directory -C "$TOP" install-man DESTDIR="$T/d" PREFIX=/usr \
	>"$T/inst" 2>&1 || { cat "$T/inst"; fail "make install-man"; }
cmp -s "$M1" "$T/d/usr/share/man/man1/aftersales.1" || fail "aftersales.1 not installed in man1"
cmp -s "$M5" "$T/d/usr/share/man/man5/aftersales.yaml.5" || fail "aftersales.yaml.5 not installed in man5"
grep -q '^install: .*install-man' "$TOP/Makefile" || fail "make install does not install the manual pages"

# aftersales(1): every command (a tag of COMMANDS) and every option
cmds=$(sed -n '/^} commands\[\] = {/,/^};/p' "$TOP/tui/cli.c" |
	sed -n 's/^[[:space:]]*{ "\([a-z-]*\)",.*/\1/p')
[ -n "$cmds" ] || fail "no commands found in tui/cli.c"
for c in $cmds; do
	grep -Eq "^       $c( |$)" "$T/p1" || fail "aftersales(1) does not describe the command $c"
done
opts=$(sed -n 's/^[[:space:]]*{ "\([a-z-]*\)", [a-z_]*_argument,.*/\1/p' "$TOP/tui/cli.c")
[ -n "$opts" ] || fail "no options found in tui/cli.c"
for o in $opts; do
	grep -q -- "--$o" "$T/p1" || fail "aftersales(1) does not name the option --$o"
done

# aftersales.yaml(5): every key the loader takes, at the top, of a record
# type, a field, a state, a transition, a clock, a column, creates: and
# warranty:
for a in top_keys record_keys field_keys state_keys transition_keys \
    clock_keys column_keys creates_keys warranty_keys policy_keys; do
	keys=$(sed -n "/^static const char \*const $a\[/,/};/p" "$TOP/config/config.c" |
		grep -o '"[a-z_]*"' | tr -d '"')
	[ -n "$keys" ] || fail "no $a in config/config.c"
	for k in $keys; do
		grep -q "$k:" "$T/p5" || fail "aftersales.yaml(5) does not name $k: ($a)"
	done
done
sed -n '/^\.SH EXAMPLES/,/^\.EE/p' "$M5" | sed '1,2d;$d' >"$T/example.yaml"
expect_rc 0 as check-config "$T/example.yaml"
finish
