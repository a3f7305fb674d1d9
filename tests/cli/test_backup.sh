#!/bin/sh
# backup DEST: the copy gets the mode and group of the database's data.mdb
# (0660 at most, never world-readable, whatever the umask), the folder it
# creates is 2770 like the database folder; it is written under a
# temporary name and renamed, so a failed backup (a full disk) leaves no
# file behind, a retry works, and an existing backup is never touched.
# The full-disk part needs root (a 1 MiB tmpfs); elsewhere it is skipped.
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

# A full disk.
FS=$T/small
mkdir -p "$FS"
if [ "$(id -u)" != 0 ] || ! mount -t tmpfs -o size=1m tmpfs "$FS" 2>/dev/null; then
	echo "skipped: the full-disk part needs root (mount)"
	finish
fi
trap 'umount "$FS" 2>/dev/null; rm -rf "$T"' EXIT
expect_rc 0 as backup "$FS/kept"
cp "$FS/kept/data.mdb" "$T/kept.mdb"
mkdir "$FS/empty"
dd if=/dev/zero of="$FS/fill" bs=4096 2>/dev/null
as backup "$FS/new" >"$T/out" 2>&1
rc=$?
[ "$rc" = 1 ] || fail "backup on a full disk exited $rc, want 1"
grep -q "disk full while writing the backup into $FS/new; nothing was left there" "$T/out" ||
	{ fail "no clear sentence:"; cat "$T/out"; }
[ ! -e "$FS/new" ] || fail "a failed backup left $(ls -A "$FS/new" | tr '\n' ' ') in a folder it made"
expect_rc 1 as backup "$FS/empty"
[ -z "$(ls -A "$FS/empty")" ] || fail "a failed backup left $(ls -A "$FS/empty" | tr '\n' ' ')"
cmp -s "$T/kept.mdb" "$FS/kept/data.mdb" || fail "a failed backup changed the existing one"
rm -f "$FS/fill"
expect_rc 0 as backup "$FS/new"
expect_rc 0 as backup "$FS/empty"
expect_rc 0 as --db "$FS/new" verify
expect_rc 0 as --db "$FS/empty" verify
expect_rc 0 as --db "$FS/kept" verify
finish
