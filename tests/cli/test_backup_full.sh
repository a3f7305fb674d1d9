#!/bin/sh
# backup DEST on a full disk (a 1 MiB tmpfs): one clear sentence, exit 1,
# nothing left in the folder it made or in an empty one it was given, an
# existing backup untouched, and the same backup works once there is room.
# Needs root (mount); elsewhere it is skipped.
. "${AS_TOP:-.}/tests/cli/lib.sh"

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

for i in 1 2 3; do
	expect_rc 0 as --user admin new complaint --set customer_name=张三$i --set phone=1380000000$i --set description=门坏了
done

# A full disk.
FS=$T/small
mkdir -p "$FS"
if [ "$(id -u)" != 0 ] || ! mount -t tmpfs -o size=1m tmpfs "$FS" 2>/dev/null; then
	skip "mounting a small tmpfs needs root"
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
