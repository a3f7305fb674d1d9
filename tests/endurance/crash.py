#!/usr/bin/env python3
# crash.py - `make crash`: KILLS (1,000) kill -9s at random moments during
# workflow steps, imports, batch steps and stock postings, then the checks
# of issue 13: `verify` passes (it rebuilds every balance from the
# journal), every step that reported success is there, none that reported
# failure is, and a step, batch, import or posting that was killed is
# there whole or not at all.  Not part of `make test`: it takes minutes.
# Standard library only.
#
# usage: crash.py BIN [KILLS]      (environment: CRASH_SEED, CRASH_DIR)
#
# Each complaint is the target of at most one attempt, so what the
# database holds at the end tells which attempts took effect.  So is each
# part: a posting (the `post` of a receipt or a transfer, the `issue` of
# a requisition from the command line, the Enter that posts a receipt at
# the counter over a pty) moves parts of its own, so their journal lines,
# their balances and its document's state tell whether it took effect,
# and whether whole.  One in four postings must be refused (an unknown
# part; a transfer or issue beyond the balance, R2 §3.7.1).
import csv
import fcntl
import io
import json
import os
import pty
import random
import re
import select
import shutil
import signal
import subprocess
import struct
import sys
import tempfile
import termios
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
CFG = os.path.join(TOP, "config", "demo.yaml")
STOCK = ("receipt", "transfer", "issue", "counter")
MOVES = {"receipt": ("", "central"), "transfer": ("central", "station_luoyang"),
         "issue": ("central", "issued"), "counter": ("", "central")}
COLS = ["customer_name", "customer_org", "phone", "address", "model",
        "serial", "channel", "description", "fault_class", "distance_km"]


def rows(tag, n, rnd):
    """n complaint rows whose customer is tag-i (found again at the end)."""
    out = []
    for i in range(n):
        out.append(["%s-%d" % (tag, i), "崩溃测试公司", "1380000%04d" % rnd.randrange(10000),
                    "河南省郑州市金水区花园路%d号" % (i + 1), "ZK6128HGA",
                    "LZYT%s%07d" % (tag[-3:].upper().replace("-", "X"), rnd.randrange(10**7)),
                    "phone", "乘客门开关异常", "body", str(5 + i)])
    return out


def csv_text(rs):
    b = io.StringIO()
    w = csv.writer(b, lineterminator="\n")
    w.writerow(COLS)
    w.writerows(rs)
    return b.getvalue()


class Run:
    def __init__(self, binp, db):
        self.bin = binp
        self.db = db
        self.env = dict(os.environ, LC_ALL="C.UTF-8")
        for v in ("AFTERSALES_USER", "AFTERSALES_NOW", "AFTERSALES_DB",
                  "AFTERSALES_CONFIG"):
            self.env.pop(v, None)

    def argv(self, user, *args):
        return [self.bin, "--db", self.db, "--config", CFG, "--user",
                user] + list(args)

    def run(self, user, *args):
        return subprocess.run(self.argv(user, *args), env=self.env,
                              capture_output=True, text=True)

    def start(self, user, *args):
        return subprocess.Popen(self.argv(user, *args), env=self.env,
                                stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)


def states(r):
    """number -> (state, customer) of every complaint."""
    p = r.run("admin", "export", "complaint", "--format", "tsv")
    if p.returncode != 0:
        sys.exit("crash: export failed: " + p.stderr)
    lines = p.stdout.splitlines()
    head = lines[0].split("\t")
    i_num, i_st, i_cu = (head.index("number"), head.index("state"),
                         head.index("customer_name"))
    out = {}
    for ln in lines[1:]:
        f = ln.split("\t")
        out[f[i_num]] = (f[i_st], f[i_cu])
    return out


def part_name(code):
    return "N" + code       # drawn whole on the counter's line


class Stock:
    """The postings' parts (each used by one attempt only), the setup of
    each attempt (not killed) and the start of the posting (killed)."""

    def __init__(self, r, work, n, rnd):
        self.r = r
        self.rnd = rnd
        self.codes = ["KC%05d" % i for i in range(n)]
        path = os.path.join(work, "parts.csv")
        with open(path, "w") as f:
            f.write("code,name,unit\n")
            for c in self.codes:
                f.write("%s,%s,pc\n" % (c, part_name(c)))
        p = r.run("admin", "import", "parts", path)
        if p.returncode != 0:
            sys.exit("crash: import parts failed: " + p.stderr)
        self.codes.reverse()

    def must(self, user, *args):
        p = self.r.run(user, *args)
        if p.returncode != 0:
            sys.exit("crash: %s failed: %s" % (" ".join(args), p.stderr))
        return p.stdout.strip()

    @staticmethod
    def js(lines):
        return json.dumps([{"part": c, "quantity": q} for c, q in lines])

    def attempt(self, kind):
        """-> (kind, info, proc): info names the document, its lines,
        what the setup put on central first."""
        rnd = self.rnd
        lines = [(self.codes.pop(), rnd.randint(1, 5))
                 for _ in range(rnd.randint(1, 3))]
        bad = rnd.random() < 0.25 and kind != "counter"
        info = {"lines": lines, "setup": {}, "doc": None}
        if kind in ("transfer", "issue"):   # stock on central to move
            info["setup"] = {c: 5 for c, _ in lines}
            doc = self.must("store_clerk", "new", "receipt", "--set",
                            "account=central", "--set", "lines=" +
                            self.js([(c, 5) for c, _ in lines]))
            self.must("store_clerk", "do", doc, "post")
            info["setup_doc"] = doc
            if bad:     # its last line beyond the balance: refused whole
                lines[-1] = (lines[-1][0], rnd.randint(6, 9))
        if kind == "receipt":
            post = list(lines)
            if bad:     # a part nobody knows on its last line
                post.append(("NOPART%s" % lines[0][0], 1))
            doc = self.must("store_clerk", "new", "receipt", "--set",
                            "account=central", "--set", "lines=" +
                            self.js(post))
            proc = self.r.start("store_clerk", "do", doc, "post")
        elif kind == "transfer":
            doc = self.must("store_clerk", "new", "transfer", "--set",
                            "from_account=central", "--set",
                            "to_account=station_luoyang", "--set",
                            "lines=" + self.js(lines))
            proc = self.r.start("store_clerk", "do", doc, "post")
        elif kind == "issue":
            doc = self.must("engineer", "new", "requisition", "--set",
                            "lines=" + self.js(lines))
            self.must("branch_manager", "do", doc, "approve", "--set",
                      "approved_by=branch_manager")
            proc = self.r.start("store_clerk", "do", doc, "issue", "--set",
                                "issue_now=" + self.js(lines))
        else:
            doc = None
            proc = Counter(self.r, lines)
        info["doc"] = doc
        return ("bad " + kind if bad else kind), info, proc


class Counter:
    """`aftersales counter` on a pty: the receive move, the account, the
    scans (to their lines on the screen), then the Enter that posts; the
    kill comes after that Enter.  poll/send_signal/wait as a Popen."""

    def __init__(self, r, lines):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ,
                        struct.pack("HHHH", 24, 80, 0, 0))
            try:
                os.execve(r.bin, r.argv("store_clerk", "--lang", "en",
                                        "counter"),
                          dict(r.env, TERM="xterm-256color"))
            finally:
                os._exit(127)
        self.out = b""
        self.returncode = None
        self.doc = None
        keys = [(b"1", b"Account"), (b"central\r", b"Scan>"),
                (b"".join(b"%d*%s\r" % (q, c.encode()) for c, q in lines),
                 part_name(lines[-1][0]).encode())]
        for k, want in keys:
            self.out = b""
            os.write(self.fd, k)
            if not self.read_until(want):
                break
        self.out = b""
        os.write(self.fd, b"\r")       # Enter on the empty input: post

    def read_until(self, want, limit=30):
        end = time.monotonic() + limit
        while want not in self.out and time.monotonic() < end:
            r, _, _ = select.select([self.fd], [], [], 0.05)
            if r:
                try:
                    self.out += os.read(self.fd, 65536)
                except OSError:
                    return False
        return want in self.out

    def poll(self):
        return None             # a screen never ends by itself

    def send_signal(self, sig):
        while select.select([self.fd], [], [], 0)[0]:  # what it said
            try:
                b = os.read(self.fd, 65536)
            except OSError:
                break
            if not b:
                break
            self.out += b
        m = re.search(rb"Posted ([A-Z][0-9]{4}-[0-9]{6})", self.out)
        if m:
            self.doc = m.group(1).decode()
        os.kill(self.pid, sig)

    def wait(self):
        _, st = os.waitpid(self.pid, 0)
        os.close(self.fd)
        self.returncode = -os.WTERMSIG(st) if os.WIFSIGNALED(st) else \
            os.WEXITSTATUS(st)
        if self.doc is not None:        # it said so before the kill
            self.returncode = 0
        return self.returncode


def journal(r, codes):
    """code -> [(document, account, moved)] of the journal."""
    out = {}
    for c in codes:
        p = r.run("production", "ledger", c, "--format", "json")
        if p.returncode != 0:
            sys.exit("crash: ledger %s failed: %s" % (c, p.stderr))
        out[c] = [(e["document"], e["on_account"], int(e["moved"]))
                  for e in json.loads(p.stdout or "[]")]
    return out


def doc_states(r):
    """number -> state of every receipt, transfer and requisition."""
    out = {}
    for t in ("receipt", "transfer", "requisition"):
        p = r.run("production", "export", t, "--format", "tsv")
        if p.returncode != 0:
            sys.exit("crash: export %s failed: %s" % (t, p.stderr))
        lines = p.stdout.splitlines()
        if not lines:
            continue
        head = lines[0].split("\t")
        i_num, i_st = head.index("number"), head.index("state")
        for ln in lines[1:]:
            f = ln.split("\t")
            out[f[i_num]] = f[i_st]
    return out


def check_stock(kind, info, outcome, jr, bal, docst, bad):
    """A posting: its document's journal lines are all there (the
    quantities of its lines, on both accounts) or none is; the balances
    of its parts are the setup's plus those lines, or the setup's alone;
    its state is posted (or issued) exactly when they are there; as its
    outcome says: ok there, refused not, killed either."""
    base = kind.replace("bad ", "")
    src, dst = MOVES[base]
    want = {}
    for c, q in info["lines"]:
        if src:
            want[(src, c)] = want.get((src, c), 0) - q
        want[(dst, c)] = want.get((dst, c), 0) + q
    got = {}
    docs = set()
    for c, _ in info["lines"]:
        for doc, acct, moved in jr.get(c, []):
            if doc == info.get("setup_doc"):
                continue                # the setup's receipt
            docs.add(doc)
            got[(acct, c)] = got.get((acct, c), 0) + moved
    doc = info["doc"]
    if base == "counter":
        doc = next(iter(docs), None) if len(docs) == 1 else info.get("said")
        if info.get("said") and info["said"] not in docs:
            bad.append("counter posting %s reported but not in the journal"
                       % info["said"])
    name = "%s %s" % (kind, doc or "(counter, %s)" % info["lines"][0][0])
    if len(docs) > 1 or (docs and doc not in docs):
        bad.append("%s: other documents moved its parts: %s"
                   % (name, sorted(docs)))
    there = got == want
    if got and not there:
        bad.append("%s (%s) is in the journal in part: %s, want %s"
                   % (name, outcome, got, want))
    if outcome == "ok" and not there:
        bad.append("%s reported success but is not in the journal" % name)
    if outcome == "failed" and got:
        bad.append("%s was refused but is in the journal" % name)
    if kind.startswith("bad") and outcome == "ok":
        bad.append("%s was not refused" % name)
    for c, _ in info["lines"]:          # balances go with the journal
        for acct in ("central", dst):
            b = info["setup"].get(c, 0) if acct == "central" else 0
            b += want.get((acct, c), 0) if there else 0
            if bal.get((acct, c), 0) != b:
                bad.append("%s: balance of %s on %s is %d, want %d"
                           % (name, c, acct, bal.get((acct, c), 0), b))
    if doc is not None and doc in docst:
        posted = docst[doc] in ("posted", "issued")
        if posted != there:
            bad.append("%s is %s but its journal lines are %s"
                       % (name, docst[doc], "there" if got else "not"))
    elif doc is not None and base != "counter":
        bad.append("%s: no such document" % name)
    return there


def main():
    if len(sys.argv) < 2:
        sys.stderr.write("usage: crash.py BIN [KILLS]\n")
        return 2
    binp = os.path.abspath(sys.argv[1])
    kills = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    seed = int(os.environ.get("CRASH_SEED", "13"))
    rnd = random.Random(seed)
    work = os.environ.get("CRASH_DIR") or tempfile.mkdtemp(prefix="as-crash.")
    db = os.path.join(work, "db")
    shutil.rmtree(db, ignore_errors=True)
    r = Run(binp, db)
    p = r.run("admin", "init", db)
    if p.returncode != 0:
        sys.exit("crash: init failed: " + p.stderr)
    # the targets: enough registered complaints for every attempt
    ntarget = 3 * kills + 100
    seedcsv = os.path.join(work, "seed.csv")
    with open(seedcsv, "w") as f:
        f.write(csv_text(rows("seed", ntarget, rnd)))
    p = r.run("admin", "import", "complaint", seedcsv)
    if p.returncode != 0:
        sys.exit("crash: import failed: " + p.stderr)
    free = sorted(states(r))
    rnd.shuffle(free)
    attempts = []     # (kind, targets, outcome): outcome ok / failed / killed
    accepted = []     # complaints a step reported accepted
    t0 = time.monotonic()
    counts = {"ok": 0, "failed": 0, "killed": 0}
    step = ["accept", "--set", "category=quality", "--set", "owner=zhangwei"]
    stock = Stock(r, work, 3 * kills // 2 + 10, rnd)
    for k in range(kills):
        kind = rnd.choice(("step", "step", "batch", "import") + STOCK)
        if kind in STOCK:
            kind, targets, proc = stock.attempt(kind)
        elif kind == "step":
            targets = [free.pop()]
            proc = r.start("branch_manager", "do", targets[0], *step)
        elif kind == "batch":
            targets = [free.pop() for _ in range(rnd.randint(2, 5))]
            names = list(targets)
            # one in four names a complaint already accepted: the whole
            # batch must be refused, and none of it written
            if accepted and rnd.random() < 0.25:
                names.insert(rnd.randrange(len(names) + 1),
                             rnd.choice(accepted))
                kind = "bad batch"
            proc = r.start("branch_manager", "do", ",".join(names), *step)
        else:
            tag = "k%04d" % k
            path = os.path.join(work, tag + ".csv")
            rs = rows(tag, rnd.randint(1, 8), rnd)
            if rnd.random() < 0.25:     # a bad last row: all or nothing
                rs[-1][8] = "no_such_fault_class"
                kind = "bad import"
            with open(path, "w") as f:
                f.write(csv_text(rs))
            targets = [tag]
            proc = r.start("admin", "import", "complaint", path)
        # a random moment: before, during or after its commit (the
        # counter's Enter was its last key: its post takes about 1 ms)
        time.sleep(rnd.uniform(0, 0.003 if kind == "counter" else 0.025))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            outcome = "killed" if proc.returncode == -signal.SIGKILL else \
                ("ok" if proc.returncode == 0 else "failed")
        else:
            outcome = "ok" if proc.returncode == 0 else "failed"
        counts[outcome] += 1
        if kind == "counter":
            targets["said"] = proc.doc
        attempts.append((kind, targets, outcome))
        if outcome == "ok" and kind == "step":
            accepted.append(targets[0])
    elapsed = time.monotonic() - t0
    # the checks
    bad = []
    p = r.run("admin", "verify")
    if p.returncode != 0:
        bad.append("verify failed: " + (p.stdout + p.stderr)[-2000:])
    st = states(r)
    codes = [c for kind, t, o in attempts if isinstance(t, dict)
             for c, _ in t["lines"] if not c.startswith("NOPART")]
    jr = journal(r, codes)
    p2 = r.run("production", "stock", "--format", "json")
    bal = {(e["on_account"], e["part_code"]): int(e["on_hand"])
           for e in json.loads(p2.stdout or "[]")}
    docst = doc_states(r)
    killed_there = {True: 0, False: 0}
    by_cust = {}
    for num, (s, cust) in st.items():
        by_cust.setdefault(cust.rsplit("-", 1)[0], []).append(s)
    for kind, targets, outcome in attempts:
        if isinstance(targets, dict):
            there = check_stock(kind, targets, outcome, jr, bal, docst, bad)
            if outcome == "killed":
                killed_there[there] += 1
            continue
        if kind.startswith("bad") and outcome == "ok":
            bad.append("%s %s was not refused" % (kind, ",".join(targets)))
        if kind.endswith("import"):
            n = len(by_cust.get(targets[0], []))
            want = {"ok": "all", "failed": "none"}.get(outcome, "all or none")
            with open(os.path.join(work, targets[0] + ".csv")) as f:
                total = sum(1 for _ in f) - 1
            if kind == "bad import":
                total = 0       # refused: nothing of it may be there
            if (outcome == "ok" and n != total) or \
               (outcome == "failed" and n != 0) or \
               (outcome == "killed" and n not in (0, total)):
                bad.append("import %s (%s): %d of %d rows there, want %s"
                           % (targets[0], outcome, n, total, want))
            continue
        got = [st[t][0] for t in targets]
        done = [g == "accepted" for g in got]
        if outcome == "ok" and not all(done):
            bad.append("%s %s reported success but is not there: %s"
                       % (kind, ",".join(targets), got))
        elif outcome == "failed" and any(done):
            bad.append("%s %s reported failure but took effect: %s"
                       % (kind, ",".join(targets), got))
        elif outcome == "killed" and any(done) and not all(done):
            bad.append("%s %s was killed and is there in part: %s"
                       % (kind, ",".join(targets), got))
    print("crash: %d kill -9s at random moments in %.0f s (seed %d): "
          "%d finished ok, %d refused, %d killed"
          % (kills, elapsed, seed, counts["ok"], counts["failed"],
             counts["killed"]))
    kinds = {}
    for kind, targets, outcome in attempts:
        kinds.setdefault(kind, {}).setdefault(outcome, 0)
        kinds[kind][outcome] += 1
    for kind in sorted(kinds):
        print("  %-12s %s" % (kind, ", ".join(
            "%d %s" % (n, o) for o, n in sorted(kinds[kind].items()))))
    print("  killed postings: %d there whole, %d not there at all"
          % (killed_there[True], killed_there[False]))
    print("crash: verify %s; %d attempts checked, %d problems"
          % ("passed" if p.returncode == 0 else "FAILED", len(attempts),
             len(bad)))
    for b in bad[:20]:
        print("  " + b)
    if not os.environ.get("CRASH_DIR"):
        shutil.rmtree(work, ignore_errors=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
