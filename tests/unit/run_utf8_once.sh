#!/bin/sh
# One UTF-8 module for every layer (issue 9, DESIGN.md "one width module
# for every layer"): no file but config/as_base.c decodes UTF-8 by hand
# (lead and continuation byte masks), asks the C library for a width
# (wcwidth, wcswidth) or converts through the locale (mbrtowc, wcrtomb).
cd "${AS_TOP:-.}" || exit 1
bad=$(grep -nE 'mbrtowc|mbtowc|mbstowcs|wcrtomb|wctomb|wcswidth|wcwidth|& 0x[cC]0\)|0x[cC]0\) == 0x80' \
	config/*.c store/*.c core/*.c tui/*.c | grep -v '^config/as_base\.c:')
if [ -n "$bad" ]; then
	echo "UTF-8 decoded or measured outside config/as_base.c:"
	echo "$bad"
	exit 1
fi
echo "one UTF-8 module"
