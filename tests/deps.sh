#!/bin/sh
# Install the Debian packages aftersales needs to build, test and run, when
# they are missing.  As root (or with sudo) it runs apt-get; otherwise it
# says exactly what to install and fails.
set -u
missing=""
need_pkg() { # package test-command...
	pkg=$1; shift
	if ! "$@" >/dev/null 2>&1; then missing="$missing $pkg"; fi
}
need_pkg gcc            command -v cc
need_pkg libc6-dev      test -f "$(cc -print-file-name=libc.a 2>/dev/null)"
need_pkg make           command -v make
need_pkg pkg-config     command -v pkg-config
need_pkg libncurses-dev pkg-config --exists ncursesw
need_pkg libyaml-dev    pkg-config --exists yaml-0.1
need_pkg liblmdb-dev    pkg-config --exists lmdb
need_pkg nettle-dev     pkg-config --exists nettle
need_pkg libcmocka-dev  pkg-config --exists cmocka
need_pkg tmux           command -v tmux
need_pkg clang          command -v clang
need_pkg libclang-rt-dev sh -c 'ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a'
need_pkg libjansson-dev pkg-config --exists jansson
need_pkg libcsv-dev    test -f /usr/include/csv.h
need_pkg groff-base     command -v groff
need_pkg libxlsxwriter-dev pkg-config --exists xlsxwriter
need_pkg unzip          command -v unzip
need_pkg tzdata         test -f /usr/share/zoneinfo/Asia/Shanghai
need_pkg locales        sh -c 'locale -a | grep -qi "c.utf-\?8"'
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	SUDO="sudo"
else
	echo "aftersales needs these Debian packages:$missing" >&2
	echo "install them with: sudo apt-get install$missing" >&2
	exit 1
fi
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null || {
	echo "apt-get install$missing failed" >&2; exit 1; }
