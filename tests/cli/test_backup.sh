#!/bin/sh
# backup DEST: the copy gets the mode and group of the database's data.mdb
# (0660 at most, never world-readable, whatever the umask), the folder it
# creates is 2770 like the database folder; it is written under a
# temporary name and renamed, so a failed backup (a full disk) leaves no
# file behind, a retry works, and an existing backup is never touched.
# The full disk: test_backup_full.sh.
. "${AS_TOP:-.}/tests/cli/lib.sh"

mode() { stat -c %a "$1"; }
group() { stat -c %g "$1"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

for i in 1 2 3; do
	expect_rc 0 as --user admin new complaint --set customer_name=张三$i --set phone=1380000000$i --set description=门坏了
done
DATA=$AFTERSALES_DB/data.mdb
if [ "$(id -u)" = 0 ]; then
	# a group of its own, so that copying it is not a coincidence
	chgrp daemon "$DATA" 2>/dev/null || true
fi

# Mode and group, whatever the umask.
expect_rc 0 sh -c "umask 022; \"$BIN\" backup $T/b1"
[ "$(mode "$T/b1/data.mdb")" = 660 ] || fail "backup mode $(mode "$T/b1/data.mdb"), want 660"
[ "$(group "$T/b1/data.mdb")" = "$(group "$DATA")" ] || fail "backup group $(group "$T/b1/data.mdb"), want $(group "$DATA") (data.mdb's)"
[ "$(mode "$T/b1")" = 2770 ] || fail "backup folder mode $(mode "$T/b1"), want 2770"
[ "$(ls -A "$T/b1")" = data.mdb ] || fail "backup folder holds $(ls -A "$T/b1" | tr '\n' ' ')"
expect_rc 0 as --db "$T/b1" verify
expect_rc 0 as --db "$T/b1" show C2026-000003

# Into an existing backup: refused, the backup untouched.
cp "$T/b1/data.mdb" "$T/b1.mdb"
expect_rc 1 as backup "$T/b1"
cmp -s "$T/b1.mdb" "$T/b1/data.mdb" || fail "an existing backup was changed"

finish
