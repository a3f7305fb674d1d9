#!/bin/sh
# tests/run.sh itself (issue 13, "the test suite"), on a made-up tree of
# tests: they run two at a time, yet the report is in the fixed order of
# the list whatever order they finish in (here the second test finishes
# before the first, which waits for it); a test that exits 77 is "skip"
# with its reason, a cmocka program's skipped cases are counted, and the
# summary counts passed, failed and skipped; a failing test fails the run.
# A cmocka program and a script of the same name are two tests.
set -u
TOP=${AS_TOP:-$(pwd)}
W=$(mktemp -d /tmp/as-runner-XXXXXX)
trap 'rm -rf "$W"' EXIT
mkdir -p "$W/tests/cli" "$W/tests/tui" "$W/tests/fuzz" "$W/tests/unit" \
	"$W/build/tests"
cp "$TOP/tests/run.sh" "$W/tests/"
: >"$W/build/aftersales"
# test_a ends only after test_c has (polling, never sleeping a fixed time)
cat >"$W/tests/cli/test_a.sh" <<'T'
n=0
while [ ! -e "$AS_BUILD/c-done" ] && [ $n -lt 600 ]; do sleep 0.1; n=$((n + 1)); done
[ -e "$AS_BUILD/c-done" ]
T
printf 'echo "skipped: needs root"\nexit 77\n' >"$W/tests/cli/test_b.sh"
printf 'echo "skipped: no tmpfs"\nexit 77\n' >"$W/tests/cli/test_u.sh"
printf 'touch "$AS_BUILD/c-done"\necho "broken"\nexit 1\n' >"$W/tests/tui/test_c.sh"
cat >"$W/build/tests/test_u" <<'T'
#!/bin/sh
echo "skipped: changing a file's owner needs root"
echo "[  PASSED  ] 3 test(s)."
echo "[  SKIPPED ] 1 test(s), listed below:"
T
chmod +x "$W/build/tests/test_u"
cd "$W" && AS_JOBS=2 sh tests/run.sh build >"$W/out" 2>&1
rc=$?
cat >"$W/want" <<'T'
ok   test_u (3 tests, 1 skipped)
     skipped: changing a file's owner needs root
ok   test_a
skip test_b (needs root)
skip test_u (no tmpfs)
FAIL test_c
broken
failed: test_c
4 passed, 1 failed, 3 skipped
T
fails=0
diff -u "$W/want" "$W/out" || { echo "FAIL: the report differs"; fails=1; }
[ "$rc" = 1 ] || { echo "FAIL: run.sh exited $rc with a failed test, want 1"; fails=1; }
# without the failing test: exit 0, and a skip is not a failure
rm "$W/tests/tui/test_c.sh"
touch "$W/build/c-done"
cd "$W" && AS_JOBS=2 sh tests/run.sh build >"$W/out" 2>&1 ||
	{ echo "FAIL: run.sh failed without a failing test"; cat "$W/out"; fails=1; }
tail -n 1 "$W/out" | grep -qx "4 passed, 0 failed, 3 skipped" ||
	{ echo "FAIL: summary: $(tail -n 1 "$W/out")"; fails=1; }
exit $fails
