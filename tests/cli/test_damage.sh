#!/bin/sh
# A damaged database file: every command, verify included, ends with one
# sentence ("... is damaged or shorter than its header says; restore it
# from a backup", or "holds no valid database") and exit code 1, never a
# signal (SIGBUS from a truncated data.mdb, SIGSEGV or an LMDB assertion
# from a page of garbage), and nothing is written.  Only init (and demo or
# import into a folder without data.mdb) creates a database: an empty or
# header-less data.mdb is refused, never silently started again at number 1.
# A garbage root page is refused before LMDB reads it (a write copied it
# into wild heap writes: malloc's abort, exit 134, now and then).
. "${AS_TOP:-.}/tests/cli/lib.sh"

expect_rc 0 as --user admin demo --records 60
cp "$AFTERSALES_DB/data.mdb" "$T/good.mdb"
size=$(stat -c %s "$T/good.mdb")
psize=$(od -An -t u4 -j 40 -N 4 "$T/good.mdb" | tr -d ' ')

# The pages every command reads: the root page of LMDB's main database in
# the newest meta page (MDB_meta on a 64-bit build: mm_dbs[1].md_root at
# byte 128, mm_txnid at 144; meta pages 0 and 1).
word() { od -An -t u8 -j "$1" -N 8 "$T/good.mdb" | tr -d ' '; }
if [ "$(getconf LONG_BIT)" = 64 ]; then
	if [ "$(word 144)" -gt "$(word $((psize + 144)))" ]; then
		root=$(word 128)
	else
		root=$(word $((psize + 128)))
	fi
else
	root=2
fi

SENTENCE='已损坏或比其文件头所说的短；请从备份恢复'
NOVALID='中没有有效的数据库'

# damaged NAME: run every command on the damaged copy in the database
# folder; each must exit 1 with the sentence and leave data.mdb unchanged.
damaged() {
	name=$1 want=${2:-$SENTENCE}
	cp "$AFTERSALES_DB/data.mdb" "$T/before.mdb"
	for cmd in "status 张" "list" "show C2026-000001" "verify" \
	    "new complaint --set customer_name=李四 --set phone=13800000009 --set description=门坏了" \
	    "do C2026-000001 accept" "export complaints" "reindex" \
	    "backup $T/bk-$name"; do
		# shellcheck disable=SC2086
		as --user admin $cmd >"$T/out" 2>&1
		rc=$?
		if [ "$rc" != 1 ]; then
			echo "FAIL $name: $cmd: exit $rc, want 1 (>= 128: killed by a signal)"
			failures=$((failures + 1))
		fi
		if ! grep -q "$want" "$T/out"; then
			echo "FAIL $name: $cmd: no sentence \"$want\":"
			head -n 5 "$T/out"
			failures=$((failures + 1))
		fi
		if ! cmp -s "$T/before.mdb" "$AFTERSALES_DB/data.mdb"; then
			echo "FAIL $name: $cmd changed data.mdb"
			failures=$((failures + 1))
			cp "$T/before.mdb" "$AFTERSALES_DB/data.mdb"
		fi
		[ ! -e "$T/bk-$name" ] ||
			{ echo "FAIL $name: a backup of a damaged file left $(ls -A "$T/bk-$name")"; failures=$((failures + 1)); }
	done
}

# Truncated: half, one page short, only the first meta page.
head -c $((size / 2)) "$T/good.mdb" >"$AFTERSALES_DB/data.mdb"
damaged half
# the sentence names both sizes: the file's and the one its header gives
as status C2026-000001 >"$T/trunc.out" 2>&1
rc=$?
want="aftersales: 数据库文件 $AFTERSALES_DB/data.mdb 已损坏或比其文件头所说的短；请从备份恢复（它有 $((size / 2)) 字节，文件头说有 $size）"
[ "$rc" = 1 ] || { echo "FAIL: status on a half file exited $rc, want 1"; failures=$((failures + 1)); }
[ "$(cat "$T/trunc.out")" = "$want" ] ||
	{ echo "FAIL: the half file's sentence:"; cat "$T/trunc.out"; failures=$((failures + 1)); }
head -c $((size - psize)) "$T/good.mdb" >"$AFTERSALES_DB/data.mdb"
damaged page-short
head -c "$psize" "$T/good.mdb" >"$AFTERSALES_DB/data.mdb"
damaged one-meta

# One page of garbage (a fixed pattern) over the page every command reads,
# and over the first meta page.
garbage() { # PAGE
	cp "$T/good.mdb" "$AFTERSALES_DB/data.mdb"
	LC_ALL=C awk 'BEGIN { s = 12345; for (i = 0; i < 65536; i++) {
		s = (s * 1103515245 + 12345) % 2147483648;
		printf "%c", 1 + int(s / 65536) % 255 } }' |
	    head -c "$psize" |
	    dd of="$AFTERSALES_DB/data.mdb" bs="$psize" seek="$1" conv=notrunc 2>/dev/null
}
echo "pages: $((size / psize)), main root: $root"
garbage "$root"
damaged garbage-root
# The page in the middle of the file: none is killed by a signal, and a
# failure says why (what does not read the page may work; what the page
# holds depends on the data, so the sentence is not required here).
garbage $((size / psize / 2))
for cmd in "status 张" "list" "show C2026-000001" "verify" "export complaints"; do
	# shellcheck disable=SC2086
	as --user admin $cmd >"$T/out" 2>&1
	rc=$?
	if [ "$rc" -ge 128 ] || { [ "$rc" != 0 ] && ! grep -q "aftersales: " "$T/out"; }; then
		echo "FAIL garbage-middle: $cmd: exit $rc:"
		head -n 3 "$T/out"
		failures=$((failures + 1))
	fi
done
garbage 0
damaged garbage-meta "$NOVALID"

# Each data page in turn filled with zeros (a lost write): LMDB meets
# pages that are neither branch nor leaf and fails its assertions (abort,
# exit 134 before) or follows offset 0; verify and list must still end
# with exit code 0 or 1, never a signal, and say why when they fail.
p=2
while [ "$p" -lt $((size / psize)) ]; do
	cp "$T/good.mdb" "$AFTERSALES_DB/data.mdb"
	dd if=/dev/zero of="$AFTERSALES_DB/data.mdb" bs="$psize" seek="$p" count=1 conv=notrunc 2>/dev/null
	for cmd in verify list; do
		as $cmd >"$T/out" 2>&1
		rc=$?
		if [ "$rc" -gt 1 ] || { [ "$rc" = 1 ] && ! grep -q "aftersales: " "$T/out"; }; then
			echo "FAIL zero page $p: $cmd: exit $rc:"
			head -n 3 "$T/out"
			failures=$((failures + 1))
		fi
	done
	p=$((p + 1))
done

# Empty and header-less data.mdb: refused by every command, and a write
# does not start a new database (numbering at 1) in it.
: >"$AFTERSALES_DB/data.mdb"
damaged empty "$NOVALID"
check damage-empty-new 1 as --user admin new complaint --set customer_name=李四 --set phone=13800000009 --set description=门坏了
[ ! -s "$AFTERSALES_DB/data.mdb" ] || { echo "FAIL: new wrote into an empty data.mdb"; failures=$((failures + 1)); }
head -c 8192 /dev/zero >"$AFTERSALES_DB/data.mdb"
damaged zeros "$NOVALID"
expect_rc 1 as --user admin demo --records 5
expect_rc 1 as --user admin import complaints /dev/null
[ "$(stat -c %s "$AFTERSALES_DB/data.mdb")" = 8192 ] || { echo "FAIL: demo or import wrote into a header-less data.mdb"; failures=$((failures + 1)); }

# The good file back: everything works again.
cp "$T/good.mdb" "$AFTERSALES_DB/data.mdb"
expect_rc 0 as verify
expect_rc 0 as show C2026-000001

# The root pages are checked before LMDB opens the file; a commit of
# another process meanwhile moves them, and that is no damage: two
# writers registering while readers look up never see the sentence.
for w in 1 2; do
	( i=0; while [ $i -lt 15 ]; do
		as --user admin new complaint --force --set customer_name=并发$w \
			--set phone=1380000000$w --set description=x >/dev/null 2>>"$T/race.err"
		i=$((i + 1))
	done ) &
done
i=0
while [ $i -lt 100 ]; do
	as status C2026-000001 >/dev/null 2>>"$T/race.err"
	i=$((i + 1))
done
wait
if [ -s "$T/race.err" ]; then
	echo "FAIL: commands said something while others wrote:"
	head -n 3 "$T/race.err"
	failures=$((failures + 1))
fi
expect_rc 0 as verify
finish
