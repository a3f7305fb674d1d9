#!/bin/sh
# Issue 7, "Identity and configuration in the installed deployment": make
# install into a temporary prefix sets up the setgid deployment (a service
# group, the binary setgid to it, root's configuration, a database made by
# init), and an ordinary user created for the test:
#   - cannot read or write the data files directly;
#   - works through the program with the rights of the roles their login
#     has (registers a complaint; a step of another role: exit 4);
#   - is refused with their own configuration (--config, AFTERSALES_CONFIG)
#     that includes the production file, allows user override and makes
#     them a branch manager;
#   - is refused a clock of their own (AFTERSALES_NOW) and another user's
#     identity, even under a root-owned configuration that allows override;
#   - cannot read through check-config what they may not read themselves.
# The user, the group and the prefix are removed afterwards, on failure
# too.  Needs root (CI runs as root); as anyone else it is skipped.
set -u
TOP=${AS_TOP:-$(pwd)}
export LC_ALL=C.UTF-8
unset AFTERSALES_USER AFTERSALES_NOW AFTERSALES_DB AFTERSALES_CONFIG
unset MAKEFLAGS MAKELEVEL MFLAGS
umask 022

if [ "$(id -u)" != 0 ]; then
	echo "skipped: creating a user and installing setgid needs root"
	exit 77
fi
for t in useradd userdel groupdel getent runuser findmnt make; do
	command -v "$t" >/dev/null 2>&1 ||
		{ echo "skipped: $t is not installed"; exit 77; }
done

# A file system that honours the setgid bit, in root's own folders (the
# configuration check wants every folder above the file to be root's).
base=
for d in /tmp /var/tmp "$TOP/var"; do
	mkdir -p "$d" 2>/dev/null || continue
	case ",$(findmnt -n -o OPTIONS -T "$d")," in
	*,nosuid,*) continue ;;
	esac
	base=$d
	break
done
[ -n "$base" ] || { echo "skipped: every candidate folder is nosuid"; exit 77; }

P=$(mktemp -d "$base/as-setgid-XXXXXX") || exit 1
U=astu$$
G=astg$$
made_user=0 made_group=0
cleanup() {
	[ "$made_user" = 1 ] && userdel "$U" 2>/dev/null
	[ "$made_group" = 1 ] && getent group "$G" >/dev/null && groupdel "$G"
	rm -rf "$P"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
chmod 755 "$P"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

getent group "$G" >/dev/null && { echo "FAIL: group $G exists"; exit 1; }
getent passwd "$U" >/dev/null && { echo "FAIL: user $U exists"; exit 1; }
made_group=1
useradd -M -d "$P/home" -s /bin/sh "$U" || { echo "FAIL: useradd"; exit 1; }
made_user=1
mkdir "$P/home" && chown "$U:" "$P/home" && chmod 700 "$P/home"

# Install: a build of its own (its compiled-in paths are the prefix's),
# so the binary the other tests use is left alone.  Never a sanitizer
# build (make test SAN=1 puts SAN=1 in the environment): LeakSanitizer cannot run in a
# setgid process and ends it, and this test is about permissions.
# Unoptimised (OPT=-O0): the same program, compiled in a third of the
# time, as this test's own build is the longest part of make test.
MK="make -C $TOP SAN=0 OPT=-O0"
if ! $MK BUILD="$P/build" PREFIX="$P/usr" SYSCONFDIR="$P/etc" \
	LOCALSTATEDIR="$P/var" SERVICE_GROUP="$G" install >"$P/install.log" 2>&1
then
	cat "$P/install.log"
	echo "FAIL: make install"
	exit 1
fi
AS=$P/usr/bin/aftersales
DB=$P/var/lib/aftersales
ETC=$P/etc

# What make install set up.
st() { stat -c '%a %U:%G' "$1"; }
[ "$(st "$AS")" = "2755 root:$G" ] || fail "binary is $(st "$AS"), want 2755 root:$G"
for f in aftersales.yaml demo.yaml; do
	[ "$(st "$ETC/$f")" = "644 root:root" ] || fail "$f is $(st "$ETC/$f"), want 644 root:root"
done
[ "$(st "$DB")" = "2770 root:$G" ] || fail "database folder is $(st "$DB"), want 2770 root:$G"
for f in data.mdb lock.mdb; do
	[ "$(st "$DB/$f")" = "660 root:$G" ] || fail "$f is $(st "$DB/$f"), want 660 root:$G"
done
id -nG "$U" | tr ' ' '\n' | grep -qx "$G" && fail "$U is in the service group"

# The site's configuration: the shipped one, and this user a service
# engineer (who registers complaints but does not accept them, R1 §7.1).
# A second make install keeps it and the database.
cat >"$ETC/aftersales.yaml" <<EOF
include: $P/usr/share/aftersales/aftersales.yaml
users:
  $U: {name: 测试工程师, roles: [engineer]}
EOF
$MK BUILD="$P/build" PREFIX="$P/usr" SYSCONFDIR="$P/etc" \
	LOCALSTATEDIR="$P/var" SERVICE_GROUP="$G" install >"$P/install2.log" 2>&1 ||
	{ cat "$P/install2.log"; fail "second make install"; }
grep -q "测试工程师" "$ETC/aftersales.yaml" || fail "make install overwrote the site configuration"
grep -q "keeping the database in $DB" "$P/install2.log" || fail "second install did not keep the database"

# As the user, with a clean environment: run CMD, keep its output.
out=$P/out
as_user() {
	runuser -u "$U" -- env -i PATH=/usr/bin:/bin LC_ALL=C.UTF-8 \
		HOME="$P/home" "$@" >"$out" 2>&1
}
# want RC CMD...: as the user, exit code RC
want() {
	rc=$1
	shift
	as_user "$@"
	got=$?
	if [ "$got" != "$rc" ]; then
		fail "exit $got, want $rc: $*"
		sed 's/^/    /' "$out"
	fi
}
# want_fail CMD...: as the user, any exit code but 0
want_fail() {
	as_user "$@" && { fail "exit 0, want a failure: $*"; sed 's/^/    /' "$out"; }
}
# says TEXT: the last output holds TEXT
says() { grep -qF -- "$1" "$out" || { fail "output lacks \"$1\""; sed 's/^/    /' "$out"; }; }
silent() { grep -qF -- "$1" "$out" && { fail "output shows \"$1\""; sed 's/^/    /' "$out"; }; }

# The data files only through the program.
sum=$(md5sum <"$DB/data.mdb")
want 1 cat "$DB/data.mdb"
says "Permission denied"
want 2 sh -c "echo x >>'$DB/data.mdb'"
says "Permission denied"
want 2 ls "$DB"
[ "$(md5sum <"$DB/data.mdb")" = "$sum" ] || fail "data.mdb was changed directly"

# Through the program, the rights of the roles of the login.
want 0 "$AS" --lang en users
says "$U"
want 0 "$AS" --lang en new complaint --set customer_name=张三 \
	--set phone=13800000001 --set description=门坏了
c=$(head -n 1 "$out")
case "$c" in C20[0-9][0-9]-*) ;; *) fail "no number: $c" ;; esac
want 0 "$AS" --lang en show "$c"
says "测试工程师 Register"
want 4 "$AS" --lang en do "$c" accept --set category=quality --set owner="$U"

# Their own configuration: includes the production file, allows user
# override, makes them a branch manager.  Refused, naming the file.
cat >"$P/home/my.yaml" <<EOF
include: $ETC/aftersales.yaml
allow_user_override: true
users:
  $U: {name: 测试工程师, roles: [branch_manager]}
EOF
chown "$U:" "$P/home/my.yaml"
want 4 "$AS" --lang en --config "$P/home/my.yaml" do "$c" accept \
	--set category=quality --set owner="$U"
says "config file $P/home/my.yaml is refused: a privileged (setuid or setgid) aftersales reads only configuration owned by root"
want 4 env AFTERSALES_CONFIG="$P/home/my.yaml" "$AS" --lang en do "$c" accept \
	--set category=quality --set owner="$U"
says "config file $P/home/my.yaml is refused"
want 4 "$AS" --lang en --config "$P/home/my.yaml" users
# root's file including theirs is refused too, naming theirs
printf 'include: %s/home/my.yaml\n' "$P" >"$ETC/inc.yaml"
want 4 "$AS" --lang en --config "$ETC/inc.yaml" list
says "included file $P/home/my.yaml is refused"
want 0 "$AS" --lang en show "$c"
says "(registered)"

# No clock and no user but the system's and the login, even under root's
# configuration that allows override.
printf 'include: aftersales.yaml\nallow_user_override: true\n' >"$ETC/override.yaml"
want 4 env AFTERSALES_NOW=1795000000 "$AS" --lang en list
says "AFTERSALES_NOW is refused: a privileged (setuid or setgid) aftersales takes the time from the system clock only"
want 4 env AFTERSALES_NOW=1795000000 "$AS" --lang en --config "$ETC/override.yaml" list
says "AFTERSALES_NOW is refused: a privileged"
want 4 "$AS" --lang en --config "$ETC/override.yaml" --user aftersales list
says "acting as user \"aftersales\" (--user or AFTERSALES_USER) is refused: a privileged"
want 4 env AFTERSALES_USER=aftersales "$AS" --lang en --config "$ETC/override.yaml" list
says "is refused: a privileged"
want 0 "$AS" --lang en --config "$ETC/override.yaml" --user "$U" list

# check-config reads with the user's own rights: not the service group's
# files (the database, a group-readable file), not root's.
printf 'password: hunter2\n' >"$ETC/group.yaml"
chgrp "$G" "$ETC/group.yaml"
chmod 640 "$ETC/group.yaml"
want 1 "$AS" --lang en check-config "$ETC/group.yaml"
says "Permission denied"
silent "hunter2"
cp "$ETC/group.yaml" "$ETC/root.yaml"
chmod 600 "$ETC/root.yaml"
want 1 "$AS" --lang en check-config "$ETC/root.yaml"
says "Permission denied"
want 1 "$AS" --lang en check-config "$DB/data.mdb"
says "Permission denied"
want 0 "$AS" --lang en check-config
says "$ETC/aftersales.yaml: ok"

# No database but the service's: a folder of the user's own could hold a
# crafted file; a database is made by root (init).
as_user mkdir "$P/home/db"
want 4 "$AS" --lang en --db "$P/home/db" list
says "database folder $P/home/db is refused: a privileged (setuid or setgid) aftersales opens only a folder of root and its service group"
want 4 "$AS" --lang en init "$P/home/db2"
says "through the installed (setgid) aftersales only root makes a database"
[ ! -e "$P/home/db2" ] || fail "a user's init made a folder"

# import reads the file with the user's own rights: not a file only the
# service group may read
printf 'customer_name,phone,description\nhunter2,13800000009,x\n' >"$ETC/group.csv"
chgrp "$G" "$ETC/group.csv"
chmod 640 "$ETC/group.csv"
want_fail "$AS" --lang en import complaints "$ETC/group.csv"
silent "hunter2"
want 0 "$AS" --lang en list
silent "hunter2"

# uninstall: the program goes, the data and a changed configuration stay
$MK BUILD="$P/build" PREFIX="$P/usr" SYSCONFDIR="$P/etc" \
	LOCALSTATEDIR="$P/var" SERVICE_GROUP="$G" uninstall >"$P/uninstall.log" 2>&1 ||
	{ cat "$P/uninstall.log"; fail "make uninstall"; }
[ ! -e "$AS" ] || fail "uninstall left $AS"
[ ! -e "$ETC/demo.yaml" ] || fail "uninstall left the unchanged demo.yaml"
[ -e "$ETC/aftersales.yaml" ] || fail "uninstall removed the site configuration"
[ -e "$DB/data.mdb" ] || fail "uninstall removed the database"

[ "$failures" = 0 ] || { echo "$failures failure(s)"; exit 1; }
exit 0
