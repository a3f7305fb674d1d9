#!/bin/sh
# Golden output of every command, and of each of its errors, with its
# exit code (0 ok, 1 failure, 2 usage, 3 not found, 4 not permitted,
# 5 conflict, 6 invalid input).
. "${AS_TOP:-.}/tests/cli/lib.sh"

check help 0 as --help
check version 0 as --version
check unknown-command 2 as frobnicate
check unknown-option 2 as --frob status x
check missing-value 2 as status --db
check check-config 0 as check-config "$TOP/config/demo.yaml"
printf 'roles:\n  admin: {zh: 管理员}\nusers:\n  x: {name: X, roles: [nobody]}\nbogus: 1\n' >"$T/bad.yaml"
check check-config-bad 1 as check-config "$T/bad.yaml"
check config-missing 1 as --config "$T/none.yaml" list
check users 0 as users

# R1 §5.1: registration with a number; only the three fields required.
check new 0 as --user admin new complaint --set customer_name=张伟 \
	--set phone=138-0013-8000 --set description=乘客门开关异常 \
	--set serial=LZYTBGCK0001 --set model='ZK6128HGA 城市客车'
check new-second 0 as --user admin new complaint --set customer_name=张三丰 \
	--set phone=13900000000 --set description=空调不冷 --set channel=来电
check new-missing-required 6 as --user admin new complaint --set customer_name=王五
check new-unknown-field 6 as --user admin new complaint --set customer_name=王五 \
	--set phone=13800000001 --set description=x --set colour=red
check new-bad-enum 6 as --user admin new complaint --set customer_name=王五 \
	--set phone=13800000001 --set description=x --set channel=fax
check new-bad-set 2 as --user admin new complaint --set customer_name
check new-unknown-type 3 as --user admin new widget --set a=b

check status-number 0 as status C2026-000001
check status-short-number 0 as status c2026-1
check status-phone 0 as status 13800138000
check status-serial 0 as status lzytbgck0001
check status-name 0 as status 张
check status-tsv 0 as status 张 --format tsv
check status-json 0 as status 张伟 --format json
check status-en 0 as status C2026-000001 --lang en
check status-none 3 as status C2026-999999
check status-bad-format 2 as status x --format xml
check status-usage 2 as status

# R1 §7.1: acceptance by the branch manager only.
check do-refused 4 as --user admin do C2026-000001 accept --set category=quality --set owner=zhangwei
check do-missing 6 as --user branch_manager do C2026-000001 accept --set category=quality
check do-unknown 3 as --user branch_manager do C2026-000001 approve
check do-notfound 3 as --user branch_manager do C2026-000077 accept
check do-accept 0 as --user branch_manager do C2026-000001 accept \
	--set category=quality --set owner=zhangwei --rev 1
check do-stale 5 as --user admin do C2026-000001 investigate --rev 1
check do-wrong-state 4 as --user branch_manager do C2026-000001 accept --set category=quality --set owner=zhangwei
check edit 0 as --user admin edit C2026-000002 --set address=河南省郑州市金水区花园路1号
check edit-refused 4 as --user store_clerk edit C2026-000002 --set address=x
check show 0 as show C2026-000001
check show-en 0 as show C2026-000001 --lang en
check show-notfound 3 as show C2026-000404

check list 0 as list
check list-state 0 as list --state accepted
check list-mine 0 as --user admin list --mine
check list-json 0 as list --state registered --format json
check list-bad-state 6 as list --state nowhere
# R1 §7.2: C2026-000001 was accepted in time, C2026-000002 (fault class not
# known: 24 hours) is overdue two days later; nothing is overdue at once.
check list-overdue-none 0 as list --overdue
check list-overdue 0 env AFTERSALES_NOW=1795200000 "$BIN" list --overdue

# identity: a production configuration refuses --user
check user-refused 4 as --config "$TOP/config/aftersales.yaml" --user admin list
check user-unknown 4 as --user nobody list
check db-missing 1 as --db "$T/nowhere" list
printf 'include: %s/config/demo.yaml\nallow_user_override: false\n' "$TOP" >"$T/prod.yaml"
check demo-refused 4 env -u AFTERSALES_NOW "$BIN" --config "$T/prod.yaml" demo

check backup 0 as backup "$T/copy"
check backup-exists 1 as backup "$T/copy"
check backup-readable 0 as --db "$T/copy" status C2026-000001
check verify 0 as verify

# Sorting by column: each order is an index, so a page costs a page.
# More records (after the backup, which the checks above compare).
as --user admin new complaint --set customer_name=李娜 --set phone=13700000000 \
	--set description=仪表不亮 --set serial=LZYTBGCK0003 --set fault_class=body >/dev/null
as --user admin new complaint --set customer_name=Anna --set phone=13600000000 \
	--set description=刹车异响 --set serial=lzy-tbgck-0002 >/dev/null
check list-sort-customer 0 as list --sort customer
check list-sort-customer-reverse 0 as list --sort customer --reverse
check list-sort-serial 0 as list --sort serial
check list-sort-owner 0 as list --sort owner
check list-sort-state 0 as list --sort state --reverse
check list-sort-due 0 as list --sort due
check list-sort-open-limit 0 as list --open --sort customer --limit 2
check list-sort-number-reverse 0 as list --sort number --reverse
check list-sort-bad 2 as list --sort size
check reindex 0 as reindex
check verify-after-reindex 0 as verify
finish
