#!/usr/bin/env python3
# load.py - `make load`: SESSIONS (200) workstation sessions on their own
# ptys for SECONDS (60) against one database, each a demo user looking
# records up (`g` + number + Enter), opening them from the list and
# moving through it, while command-line workers look up (`status`), take
# steps (`do`), edit (`edit`) and import small files, as the other users
# of the same server do.  One session in COUNTER_EVERY is the store clerk
# at the counter (`aftersales counter`): receipts scanned in and issues
# against approved requisitions, each on parts of its own, so balances
# go up and down; a command-line stock worker posts receipts and issues
# (some refused: beyond the balance) on parts two workers share.  Prints
# p50 and p99 per action; afterwards checks that nothing is lost (every
# step, edit, import and posting that reported success is in the
# database, every posting in the journal with its lines, none refused
# there, every balance what the receipts less the issues make it), that
# `verify` passes and that no process ever ran out of reader slots (LMDB
# maxreaders).  Not part of `make test`.  Standard library only.
#
# usage: load.py BIN [SESSIONS [SECONDS [RECORDS]]]   (LOAD_DIR keeps the db)
#
# A session's action takes from its last key to the last byte of the
# screen it causes (then QUIET seconds without output).  Steps and edits
# are taken from the command line (the forms are the tmux tests' field).
# A counter session's "scan to line" is a code and its Enter to its line
# on the screen, its "post" the Enter on the empty input to the screen
# that says "Posted R...: n lines" (run in English to read it back).
import json
import os
import pty
import random
import re
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
COUNTER_EVERY = 20      # one session in 20 is a clerk at the counter
COUNTER_REQS = 15       # approved requisitions ready for each
SHARED_PARTS = ["LSP%d" % i for i in range(1, 7)]
POSTED = re.compile(rb"Posted ([A-Z][0-9]{4}-[0-9]{6})")
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
    def __init__(self, argv, env, user, extra=(), counter=None):
        self.user = user
        self.counter = counter      # a Counter: this session is the clerk
        self.out = b""              # a counter session's output this round
        self.in_all = False         # its list shows the view of all
        self.want = None            # the marker that times this key
        self.since = b""
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ,
                        struct.pack("HHHH", 24, 80, 0, 0))
            try:
                os.execve(argv[0], argv + ["--user", user] + list(extra),
                          env)
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
        """keys: (bytes, label[, marker]) tuples; a labelled key's answer
        is timed: to the output that shows its marker, without one to
        its last byte before QUIET."""
        self.queue = list(keys)
        self._next_key()

    def _next_key(self):
        k = self.queue.pop(0)
        self.action = k[1]
        self.want = k[2] if len(k) > 2 else None
        self.since = b""
        os.write(self.fd, k[0])
        self.sent = time.monotonic()
        self.last = None


def part_name(code):
    return "负载测试件" + code


class Postings:
    """Every posting: doc -> (kind, {(account, part): moved}) when it
    reported success, and the refused ones (nothing may be there)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.ok = {}
        self.refused = []
        self.unsure = []        # no answer read back: either way
        self.parts = []         # the parts these postings move

    @staticmethod
    def moves(kind, lines):
        m = {}
        for part, q in lines.items():
            if kind == "receipt":
                m[("central", part)] = q
            else:                   # an issue: central -> issued
                m[("central", part)] = -q
                m[("issued", part)] = q
        return m

    def add(self, doc, kind, lines, via):
        with self.lock:
            self.ok[doc] = (via + " " + kind, self.moves(kind, lines))


class Counter:
    """A counter session's plan: its own parts (so its balances are known
    without asking), their balance on central, its approved requisitions
    not yet issued, and what the round under way posts."""

    def __init__(self, parts, reqs, rnd, moves, posts):
        self.parts = parts
        self.central = {p: 0 for p in parts}
        self.reqs = reqs            # [(number, {part: quantity})]
        self.rnd = rnd
        self.moves = moves          # receive / issue -> its digit
        self.posts = posts
        self.plan = None
        self.broken = False

    def keys(self):
        """One round: the move, its document, the scans, the post, Esc."""
        rnd = self.rnd
        fit = [i for i, (g, ln) in enumerate(self.reqs)
               if all(self.central[p] >= q for p, q in ln.items())]
        if fit and rnd.random() < 0.5:
            g, lines = self.reqs.pop(rnd.choice(fit))
            keys = [(self.moves["issue"], ""), (g.encode() + b"\r", "")]
            kind = "issue"
        else:
            n = rnd.randint(1, len(self.parts))
            lines = {p: rnd.randint(1, 5) for p in rnd.sample(self.parts, n)}
            keys = [(self.moves["receive"], ""), (b"central\r", "")]
            kind = "receipt"
        for p, q in lines.items():      # to its name drawn in its line
            keys.append((b"%d*%s\r" % (q, p.encode()),
                         "counter scan to line", part_name(p).encode()))
        keys.append((b"\r", "counter post", b"Posted "))
        keys.append((b"\x1b", ""))
        self.plan = (kind, lines)
        return keys

    def done(self, out, stats):
        """The round's screens seen: the document it posted, or trouble
        (then this session posts no more: its balances are unknown)."""
        kind, lines = self.plan
        docs = sorted(set(POSTED.findall(out)))  # drawn twice: row, message
        if len(docs) != 1:
            stats.add("counter unconfirmed", 0, False,
                      "%s posted %d documents on the screen"
                      % (kind, len(docs)))
            with self.posts.lock:
                self.posts.unsure.append((kind, lines))
            self.broken = True
            return
        self.posts.add(docs[0].decode(), kind, lines, "counter")
        sign = 1 if kind == "receipt" else -1
        for p, q in lines.items():
            self.central[p] += sign * q


def stock_worker(r, stats, stop, rnd, posts):
    """Command-line postings on the shared parts: receipts, and issues
    against requisitions approved just before (refused when the balance
    is short, R2 §3.7.1: then nothing of them may be in the journal)."""
    while not stop.is_set():
        lines = {p: rnd.randint(1, 4)
                 for p in rnd.sample(SHARED_PARTS, rnd.randint(1, 3))}
        js = json.dumps([{"part": p, "quantity": q}
                         for p, q in lines.items()])
        if rnd.random() < 0.5:
            kind = "receipt"
            p = r.run("store_clerk", "new", "receipt", "--set",
                      "account=central", "--set", "lines=" + js)
            if p.returncode != 0:
                stats.add("cli receipt post", 0, False, p.stderr.strip())
                continue
            doc = p.stdout.strip()
            t = time.monotonic()
            p = r.run("store_clerk", "do", doc, "post")
        else:
            kind = "issue"
            p = r.run("engineer", "new", "requisition", "--set",
                      "lines=" + js)
            doc = p.stdout.strip()
            if p.returncode == 0:
                p = r.run("branch_manager", "do", doc, "approve", "--set",
                          "approved_by=branch_manager")
            if p.returncode != 0:
                stats.add("cli issue post", 0, False, p.stderr.strip())
                continue
            t = time.monotonic()
            p = r.run("store_clerk", "--lang", "en", "do", doc, "issue",
                      "--set", "issue_now=" + js)
        ms = (time.monotonic() - t) * 1000
        short = p.returncode == 6 and "cannot go out" in p.stderr
        stats.add("cli %s post" % kind, ms, p.returncode == 0 or short,
                  p.stderr.strip()[:200])
        if p.returncode == 0:
            posts.add(doc, kind, lines, "cli")
        elif short:
            with posts.lock:
                posts.refused.append(doc)


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


def counter_setup(r, nsess, rnd, posts):
    """The parts of the load (shared ones and three of each counter
    session's own), and each counter session's approved requisitions."""
    n = nsess // COUNTER_EVERY
    own = [["LC%02dP%d" % (i, j) for j in range(1, 4)] for i in range(n)]
    path = os.path.join(r.work, "parts.csv")
    with open(path, "w") as f:
        f.write("code,name,unit\n")
        for c in SHARED_PARTS + [c for o in own for c in o]:
            f.write("%s,%s,个\n" % (c, part_name(c)))
    p = r.run("admin", "import", "parts", path)
    if p.returncode != 0:
        sys.exit("load: import parts failed: " + p.stderr)
    posts.parts = SHARED_PARTS + [c for o in own for c in o]
    # the moves' digits, as the counter lists them (config order)
    moves = {"receive": b"1", "issue": b"2"}
    work = [(i, k) for i in range(n) for k in range(COUNTER_REQS)]
    reqs = [[] for _ in range(n)]

    def approve(items, rnd):
        for i, k in items:
            lines = {c: rnd.randint(1, 3)
                     for c in rnd.sample(own[i], rnd.randint(1, 2))}
            js = json.dumps([{"part": c, "quantity": q}
                             for c, q in lines.items()])
            p = r.run("engineer", "new", "requisition", "--set",
                      "lines=" + js)
            g = p.stdout.strip()
            if p.returncode == 0:
                p = r.run("branch_manager", "do", g, "approve", "--set",
                          "approved_by=branch_manager")
            if p.returncode != 0:
                sys.exit("load: requisition failed: " + p.stderr)
            reqs[i].append((g, lines))
    th = [threading.Thread(target=approve, args=(work[j::4],
                                                 random.Random(j)))
          for j in range(4)]
    for t in th:
        t.start()
    for t in th:
        t.join()
    return [Counter(own[i], reqs[i], random.Random(1000 + i), moves, posts)
            for i in range(n)]


def check_postings(r, posts, bad):
    """Every posting that reported success is in the journal with all its
    lines, no refused one is, nothing else moved these parts, and each
    balance is the receipts less the issues (and what the journal adds
    up to).  Returns what was checked, for the summary."""
    journal = {}            # doc -> {(account, part): moved}
    sums = {}               # (account, part) -> the journal's sum
    for part in posts.parts:
        q = r.run("production", "ledger", part, "--format", "json")
        if q.returncode != 0:
            bad.append("ledger %s failed: %s" % (part, q.stderr.strip()))
            continue
        for e in json.loads(q.stdout or "[]"):
            k = (e["on_account"], part)
            m = journal.setdefault(e["document"], {})
            m[k] = m.get(k, 0) + int(e["moved"])
            sums[k] = sums.get(k, 0) + int(e["moved"])
    want = {}
    for doc, (kind, moves) in posts.ok.items():
        if journal.get(doc) != moves:
            bad.append("%s %s reported success; the journal has %s, not %s"
                       % (kind, doc, journal.get(doc), moves))
        for k, v in moves.items():
            want[k] = want.get(k, 0) + v
    for doc in posts.refused:
        if doc in journal:
            bad.append("%s was refused but is in the journal" % doc)
    for doc in journal:
        if doc not in posts.ok and not posts.unsure:
            bad.append("%s is in the journal but reported no success" % doc)
    q = r.run("production", "stock", "--format", "json")
    have = {}
    for e in json.loads(q.stdout or "[]"):
        if e["part_code"] in posts.parts:
            have[(e["on_account"], e["part_code"])] = int(e["on_hand"])
    for k in set(want) | set(have) | set(sums):
        if have.get(k, 0) != sums.get(k, 0):
            bad.append("balance of %s on %s is %d, its journal %d"
                       % (k[1], k[0], have.get(k, 0), sums.get(k, 0)))
        if not posts.unsure and have.get(k, 0) != want.get(k, 0):
            bad.append("balance of %s on %s is %d, receipts less issues %d"
                       % (k[1], k[0], have.get(k, 0), want.get(k, 0)))
    if posts.unsure:
        bad.append("%d counter postings not read back" % len(posts.unsure))
    kinds = {}
    for kind, _ in posts.ok.values():
        kinds[kind] = kinds.get(kind, 0) + 1
    return ("%d postings (counter: %d receipts, %d issues; command line: "
            "%d receipts, %d issues, %d issues refused)" % (
                len(posts.ok), kinds.get("counter receipt", 0),
                kinds.get("counter issue", 0), kinds.get("cli receipt", 0),
                kinds.get("cli issue", 0), len(posts.refused)))


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
    posts = Postings()
    counters = counter_setup(r, nsess, rnd, posts)

    env = dict(r.env, TERM="xterm-256color")
    argv = [binp, "--db", db, "--config", crash.CFG]
    sessions = []
    t0 = time.monotonic()
    for i in range(nsess):
        if i % COUNTER_EVERY == COUNTER_EVERY - 1:
            sessions.append(Session(argv, env, "store_clerk",
                                    ["--lang", "en", "counter"],
                                    counters.pop()))
        else:
            sessions.append(Session(argv, env, USERS[i % len(USERS)]))
    workers = [threading.Thread(target=cli_worker, args=(
        r, stats, stop, random.Random(i), pool, done, lock))
        for i in range(4)]
    workers += [threading.Thread(target=stock_worker, args=(
        r, stats, stop, random.Random(90 + i), posts)) for i in range(2)]
    for w in workers:
        w.start()
    started = 0
    fds = {s.fd: s for s in sessions}
    end = t0 + seconds
    # after the end, the clerks finish the round under way (their posts
    # must be read back), for at most 30 s; nobody starts another
    while time.monotonic() < end or any(
            s.alive and s.counter is not None and s.counter.plan is not None
            for s in sessions) and time.monotonic() < end + 30:
        ending = time.monotonic() >= end
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
            if s.counter is not None:
                s.out += b
            if s.want is not None:
                s.since += b
                if s.want in s.since:   # the screen says it: timed
                    stats.add(s.action, (now - s.sent) * 1000)
                    s.want = None
                    s.action = ""
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
                if s.counter is not None and s.counter.plan is not None:
                    s.counter.done(s.out, stats)
                    s.counter.plan = None
                s.action = None
                s.next_at = now + rnd.uniform(0.2, 1.5)
            elif ending and s.action is None:
                continue
            elif s.action is None and now >= s.next_at and \
                    s.counter is not None:
                if not s.counter.broken:
                    s.out = b""
                    s.send(s.counter.keys())
                else:
                    s.next_at = now + 3600
            elif s.action is None and now >= s.next_at:
                kind = rnd.choice(("lookup", "open", "move", "page"))
                if kind in ("move", "page") and not s.in_all:
                    # the first view (mine) may be empty, where a key
                    # draws nothing: move in the view of all (6) first
                    kind = "open"
                if kind == "lookup":
                    with lock:
                        num = rnd.choice(done["all"])
                    s.send([(b"g", ""), (num.encode(), ""),
                            (b"\r", "ws g+number+Enter"), (b"q", "")])
                elif kind == "open":
                    s.in_all = True
                    s.send([(b"6", ""), (b"j", ""), (b"\r", "ws open"),
                            (b"q", "")])
                elif kind == "move":
                    s.send([(b"j", "ws list key")])
                else:
                    s.send([(b"\x1b[6~", "ws page")])
            elif s.action is not None and s.last is None and \
                    now - s.sent > 30:
                stats.add(s.action, 30000, False,
                          "no answer in 30 s (%s)" % s.user)
                if s.counter is not None and s.counter.plan is not None:
                    with posts.lock:
                        posts.unsure.append(s.counter.plan)
                    s.counter.broken = True
                    s.counter.plan = None
                s.queue = []
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
    print("load: %d sessions (%d of them at the counter; %d reached their "
          "first screen) and 6 command-line workers for %.0f s"
          % (nsess, nsess // COUNTER_EVERY, started, elapsed))
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
    nposts = check_postings(r, posts, bad)
    readers = len(stats.errors.get("readers full", []))
    if readers:
        bad.append("%d commands ran out of reader slots" % readers)
    if started < nsess:
        bad.append("%d sessions never showed their first screen"
                   % (nsess - started))
    # a session that did not answer a key in 30 s is a failure of the
    # run, not only a slow figure
    silent = sum(1 for e in stats.errors.values() for why in e
                 if why.startswith("no answer in 30 s"))
    if silent:
        bad.append("%d keys got no answer in 30 s" % silent)
    print("load: verify %s; %d steps, %d edits, %d imports, %s checked; "
          "reader table never full: %s; %d problems"
          % ("passed" if p.returncode == 0 else "FAILED", len(done["do"]),
             len(done["edit"]), len(done["import"]), nposts,
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
