#!/bin/sh
# The grep test of issue 8: no field id of the shipped configuration
# appears as a C string literal ("phone") in core/, store/ or tui/; what a
# record type is looked up, sorted and listed by is declared in its YAML.
# The one exception is tui/demo.c, the demo generator, which fills the
# shipped types on purpose.  The ids come from the program's own loader
# (aftersales fields), not from a YAML parse of our own.
set -u
BIN=${AS_BIN:-$(pwd)/build/aftersales}
TOP=${AS_TOP:-$(pwd)}
T=$(mktemp -d /tmp/as-ids-XXXXXX)
trap 'rm -rf "$T"' EXIT
fail=0

"$BIN" fields "$TOP/config/aftersales.yaml" >"$T/fields" ||
	{ echo "FAIL: aftersales fields"; exit 1; }
cut -f2 "$T/fields" | sort -u >"$T/ids"
n=$(wc -l <"$T/ids")
# the shipped complaint alone has 38 fields: an empty list is a broken test
if [ "$n" -lt 30 ]; then
	echo "FAIL: only $n field ids read from config/aftersales.yaml"
	exit 1
fi

# literals FILE...: every "id" of $T/ids found in the files, as file:line
literals() {
	sed 's/.*/"&"/' "$T/ids" >"$T/pat"
	grep -nF -f "$T/pat" "$@" /dev/null
}

# the check itself must catch a literal
printf 'static const char *x = "phone";\n' >"$T/probe.c"
if ! literals "$T/probe.c" >/dev/null; then
	echo "FAIL: the grep does not find a planted \"phone\""
	fail=1
fi

cd "$TOP" || exit 1
files=$(ls core/*.[ch] store/*.[ch] tui/*.[ch] | grep -v '^tui/demo\.c$')
# the command line's option names (getopt's table: --account, --part of
# the stock command, issue 11; --unit of the KPI report, issue 12) and
# its built-in report names (report costs, issue 12) are its own
# contract, not field ids
if literals $files |
    grep -vE '\{ "[a-z-]+", ((no|required)_argument|report_[a-z]+ \})' \
    >"$T/hits"; then
	echo "FAIL: shipped field ids in C code (declare them in the YAML):"
	cat "$T/hits"
	fail=1
fi
[ $fail = 0 ] && echo "no shipped field id in core/, store/, tui/ ($n ids)"
exit $fail
