#!/usr/bin/env python3
# load.py - `make load`: SESSIONS (200) workstation sessions on their own
# ptys for SECONDS (60) against one database, each a demo user looking
# records up (`g` + number + Enter), opening them from the list and
# moving through it, while command-line workers look up (`status`), take
# steps (`do`), edit (`edit`) and import small files, as the other users
# of the same server do.  Prints p50 and p99 per action; afterwards
# checks that nothing is lost (every step, edit and import that reported
# success is in the database), that `verify` passes and that no process
# ever ran out of reader slots (LMDB maxreaders).  Not part of `make
# test`.  Standard library only.
#
# usage: load.py BIN [SESSIONS [SECONDS [RECORDS]]]   (LOAD_DIR keeps the db)
#
# A session's action takes from its last key to the last byte of the
# screen it causes (then QUIET seconds without output).  Steps and edits
# are taken from the command line (the forms are the tmux tests' field).
# Stock postings at the counter come from another part of issue 13: add
# a worker to WORKERS when that command exists (see counter_hook).
import os
import pty
import random
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
import fcntl
import termios

sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import crash  # noqa: E402  (rows, csv_text, Run, states)

QUIET = 0.08
USERS = ["admin", "branch_manager", "engineer", "office_manager",
         "business", "production", "technical", "qc", "finance",
         "zhangwei", "lina", "liujun"]


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.t = {}
        self.errors = {}

    def add(self, action, ms, ok=True, why=""):
        with self.lock:
            self.t.setdefault(action, []).append(ms)
            if not ok:
                self.errors.setdefault(action, []).append(why)

    def report(self):
        for a in sorted(self.t):
            v = sorted(self.t[a])
            p50 = v[len(v) // 2]
            p99 = v[min(len(v) - 1, int(len(v) * 0.99))]
            print("  %-22s %7d  p50 %8.2f ms  p99 %8.2f ms  errors %d"
                  % (a, len(v), p50, p99, len(self.errors.get(a, []))))


class Session:
    def __init__(self, argv, env, user):
        self.user = user
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ,
                        struct.pack("HHHH", 24, 80, 0, 0))
            try:
                os.execve(argv[0], argv + ["--user", user], env)
            finally:
                os._exit(127)
        fl = fcntl.fcntl(self.fd, fcntl.F_GETFL)
        fcntl.fcntl(self.fd, fcntl.F_SETFL, fl | os.O_NONBLOCK)
        self.sent = time.monotonic()
        self.last = None
        self.action = "start"
        self.queue = []         # keys still to send for this action
        self.next_at = 0.0
        self.alive = True
        self.bytes = 0
        self.tail = b""

    def send(self, keys):
        """keys: (bytes, label) pairs; a labelled key's answer is timed."""
        self.queue = list(keys)
        self._next_key()

    def _next_key(self):
        k, self.action = self.queue.pop(0)
        os.write(self.fd, k)
        self.sent = time.monotonic()
        self.last = None


def counter_hook(r, stats, stop, rnd):
    """Counter postings (another helper's part of issue 13): none yet."""
    return


def cli_worker(r, stats, stop, rnd, pool, done, lock):
    step = ["accept", "--set", "category=quality", "--set", "owner=zhangwei"]
    while not stop.is_set():
        kind = rnd.choice(("status", "status", "status", "do", "edit",
                           "import"))
        t = time.monotonic()
        if kind == "status":
            with lock:
                num = rnd.choice(done["all"])
            p = r.run("admin", "status", num)
        elif kind in ("do", "edit"):
            with lock:
                if not pool[kind]:
                    continue
                num = pool[kind].pop()
            if kind == "do":
                p = r.run("branch_manager", "do", num, *step)
            else:
                p = r.run("branch_manager", "edit", num, "--set",
                          "answered_at=2026-11-30 09:%02d" % rnd.randrange(60))
        else:
            tag = "L%d-%d" % (threading.get_ident() % 100000, rnd.randrange(10**9))
            path = os.path.join(r.work, tag + ".csv")
            with open(path, "w") as f:
                f.write(crash.csv_text(crash.rows(tag, 3, rnd)))
            p = r.run("admin", "import", "complaint", path)
        ms = (time.monotonic() - t) * 1000
        ok = p.returncode == 0
        stats.add("cli " + kind, ms, ok, p.stderr.strip()[:200])
        if "reader" in p.stderr.lower():
            stats.add("readers full", 0, False, p.stderr.strip()[:200])
        with lock:
            if ok and kind in ("do", "edit"):
                done[kind].append(num)
            if ok and kind == "import":
                done["import"].append(tag)
                for ln in p.stdout.split():
                    if ln.startswith("C20") and ".." not in ln:
                        pool["do" if rnd.random() < 0.5 else "edit"].append(ln)


def main():
    if len(sys.argv) < 2:
        sys.stderr.write("usage: load.py BIN [SESSIONS [SECONDS [RECORDS]]]\n")
        return 2
    binp = os.path.abspath(sys.argv[1])
    nsess = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 60
    nrec = int(sys.argv[4]) if len(sys.argv) > 4 else 20000
    rnd = random.Random(int(os.environ.get("LOAD_SEED", "13")))
    work = os.environ.get("LOAD_DIR") or tempfile.mkdtemp(prefix="as-load.")
    db = os.path.join(work, "db")
    shutil.rmtree(db, ignore_errors=True)
    os.makedirs(db)
    r = crash.Run(binp, db)
    r.work = work
    t = time.monotonic()
    p = r.run("admin", "demo", "--records", str(nrec))
    if p.returncode != 0:
        sys.exit("load: demo failed: " + p.stderr)
    print("load: demo database of %d complaints in %.1f s"
          % (nrec, time.monotonic() - t))
    # fresh registered complaints for the steps and edits
    path = os.path.join(work, "pool.csv")
    with open(path, "w") as f:
        f.write(crash.csv_text(crash.rows("pool", 4000, rnd)))
    p = r.run("admin", "import", "complaint", path)
    if p.returncode != 0:
        sys.exit("load: import failed: " + p.stderr)
    st0 = crash.states(r)
    fresh = sorted(n for n, (s, c) in st0.items() if c.startswith("pool-"))
    rnd.shuffle(fresh)
    pool = {"do": fresh[:2000], "edit": fresh[2000:]}
    done = {"do": [], "edit": [], "import": [], "all": sorted(st0)}
    lock = threading.Lock()
    stats = Stats()
    stop = threading.Event()

    env = dict(r.env, TERM="xterm-256color")
    argv = [binp, "--db", db, "--config", crash.CFG]
    sessions = []
    t0 = time.monotonic()
    for i in range(nsess):
        sessions.append(Session(argv, env, USERS[i % len(USERS)]))
    workers = [threading.Thread(target=cli_worker, args=(
        r, stats, stop, random.Random(i), pool, done, lock))
        for i in range(4)]
    workers.append(threading.Thread(target=counter_hook,
                                    args=(r, stats, stop, rnd)))
    for w in workers:
        w.start()
    started = 0
    fds = {s.fd: s for s in sessions}
    end = t0 + seconds
    while time.monotonic() < end:
        live = [s.fd for s in sessions if s.alive]
        rd, _, _ = select.select(live, [], [], 0.02)
        now = time.monotonic()
        for fd in rd:
            s = fds[fd]
            try:
                b = os.read(fd, 65536)
            except OSError:
                b = b""
            if not b:
                s.alive = False
                stats.add("session died", 0, False, s.user)
                continue
            s.bytes += len(b)
            s.last = now
        for s in sessions:
            if not s.alive:
                continue
            if s.last is not None and now - s.last >= QUIET:
                # the screen of the last key is complete
                if s.action is None:    # a refresh after others' writes
                    s.last = None
                    continue
                if s.action != "":
                    if s.action == "start":
                        started += 1
                    stats.add(s.action, (s.last - s.sent) * 1000)
                s.last = None
                if s.queue:
                    s._next_key()
                    continue
                s.action = None
                s.next_at = now + rnd.uniform(0.2, 1.5)
            elif s.action is None and now >= s.next_at:
                kind = rnd.choice(("lookup", "open", "move", "page"))
                if kind == "lookup":
                    with lock:
                        num = rnd.choice(done["all"])
                    s.send([(b"g", ""), (num.encode(), ""),
                            (b"\r", "ws g+number+Enter"), (b"q", "")])
                elif kind == "open":
                    s.send([(b"6", ""), (b"j", ""), (b"\r", "ws open"),
                            (b"q", "")])
                elif kind == "move":
                    s.send([(b"j", "ws list key")])
                else:
                    s.send([(b"\x1b[6~", "ws page")])
            elif s.action is not None and s.last is None and \
                    now - s.sent > 30:
                stats.add(s.action, 30000, False, "no answer in 30 s")
                s.action = None
                s.next_at = now + 1
    stop.set()
    for w in workers:
        w.join()
    elapsed = time.monotonic() - t0
    for s in sessions:
        try:
            os.kill(s.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(s.pid, 0)
        os.close(s.fd)
    print("load: %d sessions (%d reached their first screen) and 4 "
          "command-line workers for %.0f s" % (nsess, started, elapsed))
    stats.report()
    # nothing lost, verify, readers
    bad = []
    p = r.run("admin", "verify")
    if p.returncode != 0:
        bad.append("verify failed: " + (p.stdout + p.stderr)[-1000:])
    st = crash.states(r)
    for num in done["do"]:
        if st.get(num, ("?",))[0] != "accepted":
            bad.append("step on %s reported success but is not there" % num)
    # an edit: the record's answered_at is set (export shows it)
    q = r.run("admin", "export", "complaint", "--format", "tsv")
    lines = q.stdout.splitlines()
    head = lines[0].split("\t")
    ia, inum = head.index("answered_at"), head.index("number")
    answered = {ln.split("\t")[inum]: ln.split("\t")[ia] for ln in lines[1:]}
    for num in done["edit"]:
        if not answered.get(num):
            bad.append("edit of %s reported success but is not there" % num)
    custs = {}
    for num, (s, c) in st.items():
        custs[c.rsplit("-", 1)[0]] = custs.get(c.rsplit("-", 1)[0], 0) + 1
    for tag in done["import"]:
        if custs.get(tag) != 3:
            bad.append("import %s: %s of 3 rows there" % (tag, custs.get(tag)))
    readers = len(stats.errors.get("readers full", []))
    if readers:
        bad.append("%d commands ran out of reader slots" % readers)
    if started < nsess:
        bad.append("%d sessions never showed their first screen"
                   % (nsess - started))
    print("load: verify %s; %d steps, %d edits, %d imports checked; "
          "reader table never full: %s; %d problems"
          % ("passed" if p.returncode == 0 else "FAILED", len(done["do"]),
             len(done["edit"]), len(done["import"]),
             "yes" if not readers else "NO", len(bad)))
    for b in bad[:20]:
        print("  " + b)
    for a, e in sorted(stats.errors.items()):
        print("  %s errors, first: %s" % (a, e[0]))
    if not os.environ.get("LOAD_DIR"):
        shutil.rmtree(work, ignore_errors=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
