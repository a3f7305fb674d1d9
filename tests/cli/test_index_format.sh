#!/bin/sh
# Issue 13: a database whose records were indexed by another version (the
# holder index of my queue came with index format 2) is told apart, not
# read as if its index were whole.  It still reads, with a note naming
# `aftersales reindex`; every write is refused with one sentence and
# nothing is written; reindex rebuilds the index, marks it, and writing
# works again.  A new database, or one without records, is marked as it
# is opened for writing; a damaged mark counts as another format.
. "${AS_TOP:-.}/tests/cli/lib.sh"

META=${AS_BUILD:-$TOP/build}/tests/tools/as_meta
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
new() {
	as --user admin new complaint --set customer_name=王五 \
		--set phone=13811112222 --set description=漏油
}
A=$(new)
B=$(new)

# a fresh database: no note
as status "$A" >"$T/o" 2>"$T/e" || fail "status of a fresh database"
[ -s "$T/e" ] && fail "a fresh database has a note: $(cat "$T/e")"

# records indexed before the mark (format 1)
"$META" "$AFTERSALES_DB" index 1 || fail "as_meta"
check index-stale-status 0 as --lang en status "$A"
check index-stale-do 1 as --lang en --user branch_manager do "$A" accept \
	--set category=quality --set owner=engineer
check index-stale-new 1 as --user admin new complaint --set customer_name=李四 \
	--set phone=13900001111 --set description=漏油
# nothing written: A is still registered, no third record
as --lang en show "$A" 2>/dev/null | grep -q "Registered" ||
	fail "the refused step wrote"
as --format tsv list 2>/dev/null | cut -f1 >"$T/ids"
[ "$(wc -l <"$T/ids")" = 2 ] || fail "a refused new wrote: $(cat "$T/ids")"
expect_rc 0 as --user admin verify

# reindex rebuilds and marks: no note, writing works
expect_rc 0 as --user admin reindex
as status "$A" >"$T/o" 2>"$T/e" || fail "status after reindex"
[ -s "$T/e" ] && fail "a note after reindex: $(cat "$T/e")"
expect_rc 0 as --user branch_manager do "$A" accept --set category=quality \
	--set owner=engineer
as --user branch_manager list --mine --format tsv | cut -f1 | grep -qx "$B" ||
	fail "after reindex, $B is not in the branch manager's queue"

# a damaged mark: another format (0), the same refusal
"$META" "$AFTERSALES_DB" index 'x' || fail "as_meta"
check index-damaged-status 0 as --lang en status "$B"
expect_rc 1 as --user branch_manager do "$B" accept --set category=quality \
	--set owner=engineer
expect_rc 0 as --user admin reindex
expect_rc 0 as --user branch_manager do "$B" accept --set category=quality \
	--set owner=engineer

# a database without records is marked by its first writer
"$BIN" --user admin init "$T/db2" >/dev/null || fail "init db2"
"$META" "$T/db2" index 1 || fail "as_meta db2"
expect_rc 0 as --db "$T/db2" --user admin new complaint \
	--set customer_name=赵六 --set phone=13700001111 --set description=漏油
as --db "$T/db2" status 1 >"$T/o" 2>"$T/e" || fail "status of db2"
[ -s "$T/e" ] && fail "db2 has a note: $(cat "$T/e")"
finish
