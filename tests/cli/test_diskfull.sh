#!/bin/sh
# A full disk: the database folder on a 1 MiB tmpfs.  An import that does
# not fit fails with one clear sentence and a non-zero exit, and nothing of
# it is written: the database still verifies and holds what it held.
# Needs root (mount); elsewhere it is skipped.
. "${AS_TOP:-.}/tests/cli/lib.sh"

FS=$T/small
mkdir -p "$FS"
if [ "$(id -u)" != 0 ] || ! mount -t tmpfs -o size=1m tmpfs "$FS" 2>/dev/null; then
	skip "mounting a small tmpfs needs root"
fi
trap 'umount "$FS" 2>/dev/null; rm -rf "$T"' EXIT
export AFTERSALES_DB=$FS/db
expect_rc 0 as --user admin init "$AFTERSALES_DB"
expect_rc 0 as --user admin new complaint --set customer_name=张三 --set phone=13800000001 --set description=门坏了
{
	echo 'customer_name,phone,description,address'
	i=0
	while [ $i -lt 4000 ]; do
		echo "客户$i,138$(printf %08d $i),车门异响，行驶中有异常声音，需要上门检查,河南省郑州市金水区花园路$i号"
		i=$((i + 1))
	done
} >"$T/big.csv"
as --user admin import complaints "$T/big.csv" >"$T/out" 2>&1
rc=$?
[ "$rc" = 1 ] || { echo "FAIL: import on a full disk exited $rc, want 1"; failures=$((failures + 1)); }
grep -q "磁盘已满或出错；这次修改没有写入任何内容" "$T/out" ||
	{ echo "FAIL: no clear sentence:"; cat "$T/out"; failures=$((failures + 1)); }
n=$(as list --format tsv | wc -l)
[ "$n" = 1 ] || { echo "FAIL: $n records after the failed import, want 1"; failures=$((failures + 1)); }
expect_rc 0 as verify
finish
