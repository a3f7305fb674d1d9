#!/bin/sh
# The include rules of DESIGN.md: only tui/ includes curses, only store/
# includes lmdb.h, only config/ includes yaml.h; dependencies run
# tui -> core -> store, and tui, core -> config; config/ depends on nothing;
# store/ uses only config/as_base.h.
bad=0
say() { echo "layering: $*" >&2; bad=1; }
for f in $(git ls-files '*.c' '*.h' 2>/dev/null || find config store core tui -name '*.[ch]'); do
	case "$f" in tests/*) continue ;; esac
	dir=${f%%/*}
	grep -Eq '#include[[:space:]]*[<"](n?curses(w)?/)?n?curses\.h[>"]|#include[[:space:]]*<(form|menu|panel)\.h>' "$f" &&
		[ "$dir" != tui ] && say "$f includes curses outside tui/"
	grep -Eq '#include[[:space:]]*<lmdb\.h>' "$f" && [ "$dir" != store ] && say "$f includes lmdb.h outside store/"
	grep -Eq '#include[[:space:]]*<yaml\.h>' "$f" && [ "$dir" != config ] && say "$f includes yaml.h outside config/"
	case "$dir" in
	config) grep -Eq '#include[[:space:]]*"\.\./(store|core|tui)/' "$f" && say "$f: config/ must not depend on other layers" ;;
	store) grep -Eq '#include[[:space:]]*"\.\./(core|tui)/' "$f" && say "$f: store/ must not depend on core/ or tui/"
	       grep -E '#include[[:space:]]*"\.\./config/' "$f" | grep -vq 'as_base\.h' && say "$f: store/ may use only config/as_base.h" ;;
	core) grep -Eq '#include[[:space:]]*"\.\./tui/' "$f" && say "$f: core/ must not depend on tui/"
	      grep -Eq '(^|[^a-z_])(v?f?printf|f?puts|putchar|fwrite|perror)[[:space:]]*\(' "$f" &&
		say "$f: core/ must not print" ;;
	tui) grep -Eq '#include[[:space:]]*"\.\./store/' "$f" && say "$f: tui/ must go through core/, not store/" ;;
	esac
done
[ $bad = 0 ] && echo "layering ok"
exit $bad
