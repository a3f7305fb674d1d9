#!/bin/sh
# Option tables per command (issue 13, "the command line"), as tmux's
# command entries: each command takes the global options (--db, --config,
# --user, --lang, --help, --version) and its own; any other option is
# refused before anything is opened or written, with a sentence naming the
# command, the option and what the command takes (exit 2).  The table
# below is the one of tui/cli.c and of the README's command list: each
# command is tried with every option, and must take exactly its own.
. "${AS_TOP:-.}/tests/cli/lib.sh"

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
n=$(as --user admin new complaint --set customer_name=张三 --set phone=13800000001 \
	--set description=门坏了) || fail "new"

# the case of the issue: show took --sort and --set and exited 0
check options-show 2 as show "$n" --sort due --set x=y
check options-show-en 2 as --lang en show "$n" --sort due --set x=y
# a refused step writes nothing
check options-do 2 as --user branch_manager do "$n" accept --set category=quality \
	--set owner=zhangwei --limit 3
as show "$n" | grep -q "已登记" || fail "the refused step was taken"
check options-workstation 2 as --format json
# the global options go with every command
expect_rc 0 as --lang en --user admin --config "$AFTERSALES_CONFIG" --db "$AFTERSALES_DB" users

# every command, every option: "does not take" exactly where the table says
all="set rev state format limit records mine role open closed overdue sort reverse units batch force arrow-cursor"
takes() { # COMMAND: the options it takes
	case $1 in
	new) echo "set force" ;;
	status) echo "format limit" ;;
	do) echo "set rev batch" ;;
	edit) echo "set rev" ;;
	list) echo "state open closed mine role overdue units limit sort reverse format" ;;
	export) echo "state open closed mine role overdue limit format" ;;
	demo) echo "records" ;;
	*) echo "" ;;
	esac
}
for cmd in check-config fields init verify reindex new status show print do edit \
    list import export demo backup users; do
	own=" $(takes "$cmd") "
	for o in $all; do
		case $o in
		set) arg="--set=x=y" ;;
		rev|limit|records) arg="--$o=1" ;;
		state) arg="--state=registered" ;;
		format) arg="--format=tsv" ;;
		sort) arg="--sort=number" ;;
		batch) arg="--batch=$T/none" ;;
		*) arg="--$o" ;;
		esac
		# a folder that is no database: what is taken fails later,
		# not on the option
		as --db "$T/nodb" "$cmd" "$arg" >"$T/o.out" 2>&1
		rc=$?
		case $own in
		*" $o "*)
			grep -q "does not take\|不接受选项" "$T/o.out" &&
				fail "$cmd refused --$o, which it takes: $(cat "$T/o.out")" ;;
		*)
			[ "$rc" = 2 ] && grep -qF "$cmd 不接受选项 --$o" "$T/o.out" ||
				fail "$cmd took --$o (exit $rc): $(cat "$T/o.out")" ;;
		esac
	done
done
[ ! -e "$T/nodb" ] || fail "a refused command made $T/nodb"
finish
