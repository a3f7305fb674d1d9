#!/bin/sh
# Per-type declarations on the command line (issue 8): status finds by the
# complaint's declared lookups (the last digits of the phone, the serial as
# a code, the start of the name); a sort added to the YAML has no index
# entries in a database written before it: verify names the missing
# entries (exit 1) and the order lists nothing, until `reindex` once.
. "${AS_TOP:-.}/tests/cli/lib.sh"

as --user admin new complaint --set customer_name=郑州客运 --set phone=0371-65512345 \
	--set description=空调不制冷 --set serial=lzy-tbgck-0002 --set model=LZ6 >/dev/null
as --user admin new complaint --set customer_name=洛阳公交 --set phone=13800138000 \
	--set description=车门异响 --set model=LZ1 >/dev/null
# digits_tail: the last four digits, whatever the separators
check decl-status-tail 0 as --user admin status 2345 --format tsv
check decl-status-tail-short 3 as --user admin status 345
# a code with a Latin letter is not a phone: its digits (2345) are not
# taken for the phone's end (issue 13: a VIN matched phones by its tail)
check decl-status-code-not-phone 3 as --user admin status ABC2345
# exact, as a code: case and dashes aside
check decl-status-serial 0 as --user admin status LZYTBGCK0002 --format tsv
# prefix: the start of the name
check decl-status-name 0 as --user admin status 洛阳 --format tsv

CFG2=$TOP/tests/cli/data/sort_model.yaml
check decl-verify-missing 1 as --config "$CFG2" --user admin verify
check decl-sort-before 0 as --config "$CFG2" --user admin list --sort model
expect_rc 0 as --config "$CFG2" --user admin reindex
check decl-verify-after 0 as --config "$CFG2" --user admin verify
check decl-sort-after 0 as --config "$CFG2" --user admin list --sort model --format tsv
# the shipped configuration does not declare that order
check decl-sort-unknown 2 as --user admin list --sort model
finish
