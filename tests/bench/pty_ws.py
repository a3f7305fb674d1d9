#!/usr/bin/env python3
# pty_ws.py - the workstation's figures for `make bench`, measured through
# a pseudo-terminal as a user's SSH session sees them (80x24,
# TERM=xterm-256color): the time from the start to the first full screen,
# from the Enter of `g` + number + Enter to the record's screen, from a
# list key to the updated screen, and the bytes each writes.  A "screen"
# ends with the last byte before the program has been quiet for QUIET
# seconds; the time is taken to that last byte, so the quiet wait itself
# is not counted.  Figures, never pass/fail.  Standard library only.
# The start is timed here from Python's fork, which copies the
# interpreter before the exec; tests/bench/ptystart times it as a shell
# starts a program, and its figure is the one held to the goal.
#
# usage: pty_ws.py BIN DB CONFIG KEYFILE [RUNS [FLOOR]]
#   KEYFILE: record numbers in its first column (tests/bench/gen keys)
#   FLOOR: a program timed as the start is, each of its runs right after
#   one of BIN's (tests/bench/curses_floor: a bare curses screen), so
#   that both see the same load
# Prints NAME=VALUE lines for tests/bench/run.sh:
#   start_ms= floor_ms= goto_ms= key_ms_j= ... bytes_j= bytes_arrow_j=
#   (medians)
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import sys
import termios
import time

QUIET = 0.15       # seconds without output that end a screen
LIMIT = 20.0       # the most a screen may take before we give up


def spawn(argv, env):
    """The program on a new pty of 80x24; returns (pid, fd, t0)."""
    t0 = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        try:
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    return pid, fd, t0


def drain(fd, quiet=QUIET, first=3.0):
    """Read until quiet; (bytes, time of the last byte or None).  Gives
    up when nothing comes within first seconds (a key with no effect)."""
    got = bytearray()
    last = None
    t0 = time.monotonic()
    end = t0 + LIMIT
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], quiet)
        if not r:
            if last is not None or time.monotonic() - t0 > first:
                break
            continue
        try:
            b = os.read(fd, 65536)
        except OSError:
            break
        if not b:
            break
        got += b
        last = time.monotonic()
    return bytes(got), last


def key(fd, k):
    """Send k; (milliseconds to the last byte of the answer, bytes)."""
    t = time.monotonic()
    os.write(fd, k)
    got, last = drain(fd)
    return ((last - t) * 1000 if last else float("nan")), len(got)


def stop(pid, fd):
    try:
        os.write(fd, b"\x1b[21~")      # F10
        drain(fd, 0.3, 0.3)
    except OSError:
        pass
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass
        for _ in range(100):
            if os.waitpid(pid, os.WNOHANG)[0] == pid:
                os.close(fd)
                return
            drain(fd, 0.01, 0.01)
    os.waitpid(pid, 0)
    os.close(fd)


def main():
    if len(sys.argv) < 5:
        sys.stderr.write("usage: pty_ws.py BIN DB CONFIG KEYFILE "
                         "[RUNS [FLOOR]]\n")
        return 2
    binp, db, cfg, keyfile = sys.argv[1:5]
    runs = int(sys.argv[5]) if len(sys.argv) > 5 else 10
    floor = sys.argv[6] if len(sys.argv) > 6 else None
    keys = [ln.split()[0] for ln in open(keyfile) if ln.strip()]
    env = dict(os.environ, TERM="xterm-256color", LC_ALL="C.UTF-8")
    for v in ("AFTERSALES_USER", "AFTERSALES_NOW", "AFTERSALES_DB",
              "AFTERSALES_CONFIG"):
        env.pop(v, None)
    argv = [binp, "--db", db, "--config", cfg, "--user", "admin"]
    out = {}

    def first_screen(av, into):
        pid, fd, t0 = spawn(av, env)
        got, last = drain(fd)
        if last is not None and len(got) > 500:
            into.append((last - t0) * 1000)
        stop(pid, fd)

    starts, floors = [], []
    for i in range(runs):
        first_screen(argv, starts)
        if floor is not None:
            first_screen([floor], floors)
    out["start_ms"] = statistics.median(starts) if starts else float("nan")
    if floor is not None:
        out["floor_ms"] = (statistics.median(floors) if floors
                           else float("nan"))

    pid, fd, t0 = spawn(argv, env)
    drain(fd)
    gotos = []
    for i in range(runs):
        k = keys[i % len(keys)]
        key(fd, b"g")
        key(fd, k.encode())
        ms, n = key(fd, b"\r")
        gotos.append(ms)
        key(fd, b"q")           # back to the list
    out["goto_ms"] = statistics.median(gotos)
    key(fd, b"6")               # view 6: every record
    # list keys: each after the key that makes it move (not timed)
    for name, pre, k in (("j", b"k", b"j"), ("k", b"j", b"k"),
                         ("pgdn", b"\x1b[5~", b"\x1b[6~"),
                         ("pgup", b"\x1b[6~", b"\x1b[5~"),
                         ("end", b"\x1bOH", b"\x1bOF"),
                         ("home", b"\x1bOF", b"\x1bOH")):
        ts, bs = [], []
        for i in range(runs):
            key(fd, pre)
            ms, n = key(fd, k)
            ts.append(ms)
            bs.append(n)
        out["key_ms_" + name] = statistics.median(ts)
        out["bytes_" + name] = statistics.mean(bs)
    stop(pid, fd)

    pid, fd, t0 = spawn(argv + ["--arrow-cursor"], env)
    drain(fd)
    key(fd, b"6")
    bs, ts = [], []
    for i in range(runs):
        key(fd, b"k")
        ms, n = key(fd, b"j")
        bs.append(n)
        ts.append(ms)
    out["bytes_arrow_j"] = statistics.mean(bs)
    out["key_ms_arrow_j"] = statistics.median(ts)
    stop(pid, fd)
    for k, v in out.items():
        print("%s=%.2f" % (k, v))
    return 0


if __name__ == "__main__":
    sys.exit(main())
