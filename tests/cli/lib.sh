# Helpers for the command-line tests: a fresh database in a temporary
# folder, a fixed clock, and golden-output comparison.
#   check NAME RC CMD...   run CMD, compare "$ CMD", its output (stdout
#                          then stderr) and "exit RC" with golden/NAME.txt;
#                          UPDATE=1 writes the golden file instead.
#   expect_rc RC CMD...    run CMD and check only its exit code.
#   skip REASON            this test cannot run here: say why and exit 77,
#                          which tests/run.sh counts as skipped (a failure
#                          found before it still fails the test).
set -u
BIN=${AS_BIN:-$(pwd)/build/aftersales}
TOP=${AS_TOP:-$(pwd)}
GOLDEN=$TOP/tests/cli/golden
T=$(mktemp -d /tmp/as-cli-XXXXXX)
trap 'rm -rf "$T"' EXIT
export LC_ALL=C.UTF-8
export AFTERSALES_DB=$T/db
export AFTERSALES_CONFIG=$TOP/config/demo.yaml
export AFTERSALES_NOW=1795000000     # 2026-11-18 08:53:20 UTC
unset AFTERSALES_USER
"$BIN" --user admin init "$AFTERSALES_DB" >/dev/null || { echo "FAIL: init"; exit 1; }
failures=0

as() { "$BIN" "$@"; }

check() {
	name=$1 want=$2
	shift 2
	out=$T/out.$$
	"$@" >"$out.1" 2>"$out.2"
	rc=$?
	{
		printf '$'
		for a in "$@"; do
			case "$a" in "$BIN"|as) a=aftersales ;; esac
			# a control character of an argument shows as '?'
			printf ' %s' "$a" | LC_ALL=C tr '\001-\011\013-\037\177' '?'
		done
		printf '\n'
		cat "$out.1" "$out.2"
		printf 'exit %s\n' "$rc"
	} | sed -e "s|$BIN|aftersales|g" -e "s|$T|\$TMP|g" -e "s|$TOP|\$TOP|g" \
		-e "s|\"$(id -un)\"|\"\$LOGIN\"|g" \
		-e "s|“$(id -un)”|“\$LOGIN”|g" >"$out"
	if [ "${UPDATE:-0}" = 1 ]; then
		cp "$out" "$GOLDEN/$name.txt"
	elif ! diff -u "$GOLDEN/$name.txt" "$out"; then
		echo "FAIL $name: output differs from golden/$name.txt"
		failures=$((failures + 1))
	fi
	if [ "$rc" != "$want" ]; then
		echo "FAIL $name: exit $rc, want $want"
		failures=$((failures + 1))
	fi
}

expect_rc() {
	want=$1
	shift
	"$@" >"$T/last.out" 2>&1
	rc=$?
	if [ "$rc" != "$want" ]; then
		echo "FAIL (exit $rc, want $want): $*"
		cat "$T/last.out"
		failures=$((failures + 1))
	fi
}

skip() {
	[ "$failures" = 0 ] || finish
	echo "skipped: $*"
	exit 77
}

finish() {
	if [ "$failures" != 0 ]; then
		echo "$failures failure(s)"
		exit 1
	fi
	exit 0
}
