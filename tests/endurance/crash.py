#!/usr/bin/env python3
# crash.py - `make crash`: KILLS (1,000) kill -9s at random moments during
# workflow steps, imports and batch steps, then the checks of issue 13:
# `verify` passes, every step that reported success is there, none that
# reported failure is, and a step, batch or import that was killed is
# there whole or not at all.  Not part of `make test`: it takes minutes.
# Standard library only.
#
# usage: crash.py BIN [KILLS]      (environment: CRASH_SEED, CRASH_DIR)
#
# Each complaint is the target of at most one attempt, so what the
# database holds at the end tells which attempts took effect.  Stock
# postings at the counter come from another part of issue 13: when that
# command exists, add a kind to the choice in main() (start the process,
# keep what it must have written) and its check after verify.
import csv
import io
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
CFG = os.path.join(TOP, "config", "demo.yaml")
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
    for k in range(kills):
        kind = rnd.choice(("step", "step", "batch", "import"))
        if kind == "step":
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
        # a random moment: before, during or after its commit
        time.sleep(rnd.uniform(0, 0.025))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            outcome = "killed" if proc.returncode == -signal.SIGKILL else \
                ("ok" if proc.returncode == 0 else "failed")
        else:
            outcome = "ok" if proc.returncode == 0 else "failed"
        counts[outcome] += 1
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
    by_cust = {}
    for num, (s, cust) in st.items():
        by_cust.setdefault(cust.rsplit("-", 1)[0], []).append(s)
    for kind, targets, outcome in attempts:
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
        print("  %-11s %s" % (kind, ", ".join(
            "%d %s" % (n, o) for o, n in sorted(kinds[kind].items()))))
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
