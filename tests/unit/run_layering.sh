#!/bin/sh
# The layering of DESIGN.md is part of every test run: only tui/ includes
# curses, only store/ includes lmdb.h, only config/ includes yaml.h, core/
# never prints, and dependencies run one way.
cd "${AS_TOP:-.}" && sh tests/check-layering.sh
