#!/usr/bin/env python3
"""The workloads, timings and report of scripts/bench-peers (run that script, not this one).

Builds its workloads under .build/bench/, times every command with hyperfine on this machine,
measures each command's peak memory with /usr/bin/time, and prints one table per workload and
whether each of the performance issue's targets is met (PASS/MISS; never fails the run).

Compared on the same files:
  gen        gen --check PATH / gen PATH (regenerate: the files are current, nothing is written)
  cmark-gfm  Debian's cmark-gfm CLI parsing the files and rendering HTML, with the parse options
             gen uses (source positions; table, strikethrough, autolink): the floor, as gen must
             parse the Markdown too
  cog        cogapp regenerating the same fenced blocks from cog markers whose generator only
             emits the sample texts gen renders (pre-rendered strings): cog's most favourable case
"""

import argparse
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, ".build", "bench")
GEN = os.path.join(ROOT, ".build", "release", "gen")
GUIDE = os.path.join(ROOT, "docs-site", "guide.md")
CONFIG = os.path.join(ROOT, "docs-site", "gen.yml")
UNFILLED = os.path.join(ROOT, "Tests", "GuideFillingTests", "Fixtures", "guide.unfilled.md")

CMARK = ["cmark-gfm", "--sourcepos", "-e", "table", "-e", "strikethrough", "-e", "autolink"]
# cog imports the pre-rendered samples from the folder of each file it processes.
COG = ["cog", "-p", "from bench_samples import SAMPLES"]
SITE_COPIES = 1000
MB = 1_000_000

ROLE_NAMES = {"gen-check": "gen --check", "gen": "gen", "floor": "cmark-gfm"}
FENCE_OPEN = re.compile(r"^(`{3,})(\w+) gen=([\w-]+)(?: digest=[0-9a-f]+)?$")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="skip the 250 MB scaling file")
    options = parser.parse_args()

    os.makedirs(BENCH, exist_ok=True)
    print_machine()
    log("preparing workloads in .build/bench/")
    w = prepare_workloads(quick=options.quick)

    results = []
    results.append(workload_real_guide(w))
    results.append(workload_docs_site(w))
    results.append(workload_big_file(w))
    scaling = workload_scaling(w, results[-1], quick=options.quick)
    print(f"load average at the end: {load_average()}")

    print()
    for table in results:
        print_workload(table)
    print_scaling(scaling)
    print_targets(results, scaling)


# ---------------------------------------------------------------------------------------------
# Workloads

def prepare_workloads(quick):
    w = {}
    # The guide as the current gen fills it (docs-site/guide.md may be mid-edit; fill a copy).
    guide_dir = fresh_dir("guide")
    shutil.copy(CONFIG, guide_dir)
    shutil.copy(GUIDE, os.path.join(guide_dir, "guide.md"))
    run([GEN, os.path.join(guide_dir, "guide.md")], quiet=True)
    filled = read(os.path.join(guide_dir, "guide.md"))
    unfilled = read(UNFILLED)
    cog_filled, samples = with_cog_markers(filled, rendered_samples())
    cog_unfilled = emptied_cog_regions(cog_filled)
    w["guide_bytes"] = len(filled.encode())

    # Workload 1: the real guide, cog's copy of it beside it.
    write(os.path.join(guide_dir, "guide.cog.md"), cog_filled)
    write_samples_module(guide_dir, samples)
    w["cog_guide"] = os.path.join(guide_dir, "guide.cog.md")
    check_cog_equivalence(guide_dir, cog_unfilled, cog_filled)

    # Workload 2: a docs site of 1,000 guides in one folder, with gen.yml (gen) or the samples
    # module (cog) beside them; the *-unfilled folders are restored from pristine copies before
    # each timed run.
    def site(name, text, config):
        folder = fresh_dir(name)
        if config:
            shutil.copy(CONFIG, folder)
        else:
            write_samples_module(folder, samples)
        files = []
        for index in range(1, SITE_COPIES + 1):
            path = os.path.join(folder, f"guide-{index:04}.md")
            write(path, text)
            files.append(path)
        return folder, files

    w["site"], w["site_files"] = site("docsite", filled, True)
    w["site_unfilled_pristine"], _ = site("docsite-unfilled.pristine", unfilled, True)
    w["site_unfilled"] = os.path.join(BENCH, "docsite-unfilled")
    w["site_cog"], w["site_cog_files"] = site("docsite-cog", cog_filled, False)
    w["site_cog_unfilled_pristine"], _ = site("docsite-cog-unfilled.pristine", cog_unfilled, False)
    w["site_cog_unfilled"] = os.path.join(BENCH, "docsite-cog-unfilled")
    w["site_bytes"] = sum(os.path.getsize(f) for f in w["site_files"])
    w["site_cog_bytes"] = sum(os.path.getsize(f) for f in w["site_cog_files"])

    # Workloads 3 and scaling: single files of the guide's groups repeated.
    def big(name, size, text, config, cog=False):
        folder = fresh_dir(name)
        if config:
            shutil.copy(CONFIG, folder)
        if cog:
            write_samples_module(folder, samples)
        path = os.path.join(folder, "guide.md")
        write(path, repeated_groups(text, size, unit_of=filled))
        return path

    size = 25 * MB
    w["big"] = big("big", size, filled, True)
    w["big_unfilled_pristine"] = big("big-unfilled.pristine", size, unfilled, True)
    w["big_unfilled"] = os.path.join(BENCH, "big-unfilled", "guide.md")
    w["big_cog"] = big("big-cog", size, cog_filled, False, cog=True)
    w["big_cog_unfilled_pristine"] = big("big-cog-unfilled.pristine", size, cog_unfilled, False, cog=True)
    w["big_cog_unfilled"] = os.path.join(BENCH, "big-cog-unfilled", "guide.md")
    w["scaling"] = {}
    for size in [int(2.5 * MB), 25 * MB] + ([] if quick else [250 * MB]):
        w["scaling"][size] = w["big"] if size == 25 * MB else big(f"scale-{size // 100_000}", size, filled, True)

    # Both tools must find every file current before they are timed on it.
    for what, command in [
        ("gen --check on the docs site", [GEN, "--check", w["site"]]),
        ("gen --check on the big file", [GEN, "--check", w["big"]]),
        ("cog --check on the docs site", COG + ["--check"] + w["site_cog_files"]),
        ("cog --check on the big file", COG + ["--check", w["big_cog"]]),
    ] + [(f"gen --check on {human(s)}", [GEN, "--check", p]) for s, p in w["scaling"].items()]:
        if subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode != 0:
            sys.exit(f"bench-peers: {what} fails: the workload is not current")
    regenerate = run([GEN, w["site"]])
    if f"{SITE_COPIES} guides: 0 updated" not in regenerate:
        sys.exit(f"bench-peers: gen on the docs site did not find every guide current: {regenerate.strip()}")
    log("verified: gen --check and cog --check pass on every prepared file")
    return w


def rendered_samples():
    """Each sample's code as `gen --lang L --snippet S` prints it, for the pairs a language offers
    (curl has no token-refresh: gen says so and exits 1)."""
    codes = {}
    listing = run([GEN, "--list"])
    languages = re.search(r"^languages: (.*)$", listing, re.M).group(1).split(", ")
    snippets = re.findall(r"^  (\S+)", listing, re.M)
    for language in languages:
        for snippet in snippets:
            try:
                code = run([GEN, "--lang", language, "--snippet", snippet], cwd=os.path.join(BENCH, "guide"))
            except subprocess.CalledProcessError:
                continue
            codes[f"{language}/{snippet}"] = code[:-1] if code.endswith("\n") else code
    return codes


def with_cog_markers(text, codes):
    """The filled guide with a cog block around each generated fence (HTML comments, so the
    page renders the same), and each block's text by language/snippet for cog to print. A block
    is matched to gen's sample by its code (its info string uses the language's fence tag)."""
    samples = {}
    out = []
    lines = text.splitlines(keepends=True)
    index = 0
    blocks = 0
    while index < len(lines):
        match = FENCE_OPEN.match(lines[index].rstrip("\n"))
        if not match:
            out.append(lines[index])
            index += 1
            continue
        fence, tag, snippet = match.groups()
        end = index + 1
        while lines[end].rstrip("\n") != fence:
            end += 1
        block = "".join(lines[index:end + 1])
        code = "".join(lines[index + 1:end])[:-1]
        keys = [k for k, c in codes.items() if k.endswith(f"/{snippet}") and c == code]
        if len(keys) != 1:
            sys.exit(f"bench-peers: the guide's {tag} {snippet} block matches no `gen --lang L --snippet {snippet}`")
        key = keys[0]
        samples[key] = block
        out.append(f'<!-- [[[cog cog.out(SAMPLES["{key}"]) ]]] -->\n')
        out.append(block)
        out.append("<!-- [[[end]]] -->\n")
        blocks += 1
        index = end + 1
    if blocks != len(codes) or len(samples) != len(codes):
        sys.exit(f"bench-peers: expected {len(codes)} generated blocks in the guide, found {blocks}")
    return "".join(out), samples


def emptied_cog_regions(text):
    return re.sub(r"(\]\]\] -->\n).*?(<!-- \[\[\[end\]\]\] -->)", r"\1\2", text, flags=re.S)


def write_samples_module(folder, samples):
    write(os.path.join(folder, "bench_samples.py"),
          "# The samples gen renders, pre-rendered for cog (scripts/bench-peers).\nSAMPLES = "
          + json.dumps(samples, indent=1, ensure_ascii=False) + "\n")


def check_cog_equivalence(folder, cog_unfilled, cog_filled):
    """cog fills an emptied copy back into the filled one, and --check passes on the filled one."""
    path = os.path.join(folder, "guide.cog-unfilled.md")
    write(path, cog_unfilled)
    run(COG + ["-r", path], quiet=True)
    if read(path) != cog_filled:
        sys.exit("bench-peers: cog -r does not reproduce the filled guide")
    os.remove(path)


def repeated_groups(text, size, unit_of):
    """`text`'s title and introduction, then everything from its first heading on, repeated so
    that the file is about `size` bytes (the count is set by the filled guide, `unit_of`, so a
    filled and an unfilled file have the same number of groups)."""
    def split(t):
        start = re.search(r"^## ", t, re.M).start()
        return t[:start], t[start:] if t.endswith("\n") else t[start:] + "\n"
    _, unit = split(unit_of)
    count = max(1, round(size / len(unit.encode())))
    head, body = split(text)
    return head + "\n".join([body] * count)


# ---------------------------------------------------------------------------------------------
# Timed commands

def workload_real_guide(w):
    guide = os.path.relpath(GUIDE, ROOT)
    table = Workload("1. the real guide", f"{guide}, {human(w['guide_bytes'])}, whole process", ROOT)
    extra = ["--warmup", "3"]
    if subprocess.run([GEN, "--check"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode != 0:
        log(f"warning: {guide} is out of date; workload 1 times gen --check printing its diff")
        table.description += " (OUT OF DATE: gen --check exits 1)"
        extra.append("--ignore-failure")
    table.add("gen --check", [GEN, "--check"], role="gen-check")
    table.add("cmark-gfm", CMARK + [guide], role="floor")
    table.add("cog --check", COG + ["--check", w["cog_guide"]], role="cog-check")
    table.time(extra=extra)
    return table


def workload_docs_site(w):
    table = Workload("2. a docs site",
                     f"{SITE_COPIES:,} copies of the filled guide in one folder, {human(w['site_bytes'])} "
                     f"(cog's copies with markers: {human(w['site_cog_bytes'])})", BENCH)
    restore_gen = f"cp -R {w['site_unfilled_pristine']}/. {w['site_unfilled']}/"
    restore_cog = f"cp -R {w['site_cog_unfilled_pristine']}/. {w['site_cog_unfilled']}/"
    os.makedirs(w["site_unfilled"], exist_ok=True)
    os.makedirs(w["site_cog_unfilled"], exist_ok=True)
    table.add("gen --check DIR", [GEN, "--check", "docsite"], role="gen-check")
    table.add("gen DIR (current)", [GEN, "docsite"], role="gen")
    table.add("gen DIR (to fill)", [GEN, "docsite-unfilled"], role="gen-fill", prepare=restore_gen)
    table.add("cmark-gfm FILES", CMARK + [os.path.relpath(f, BENCH) for f in w["site_files"]], role="floor")
    table.add("cog --check FILES", COG + ["--check"] + [os.path.relpath(f, BENCH) for f in w["site_cog_files"]], role="cog-check")
    table.add("cog -r FILES (current)", COG + ["-r"] + [os.path.relpath(f, BENCH) for f in w["site_cog_files"]], role="cog")
    cog_unfilled = [os.path.join("docsite-cog-unfilled", os.path.basename(f)) for f in w["site_cog_files"]]
    table.add("cog -r FILES (to fill)", COG + ["-r"] + cog_unfilled, role="cog-fill", prepare=restore_cog)
    table.time(extra=["--warmup", "1", "--min-runs", "5"])
    return table


def workload_big_file(w):
    size = os.path.getsize(w["big"])
    table = Workload("3. one big file", f"the guide's groups repeated, {human(size)} in one file "
                     f"(cog's copy with markers: {human(os.path.getsize(w['big_cog']))})", BENCH)
    os.makedirs(os.path.dirname(w["big_unfilled"]), exist_ok=True)
    os.makedirs(os.path.dirname(w["big_cog_unfilled"]), exist_ok=True)
    shutil.copy(CONFIG, os.path.dirname(w["big_unfilled"]))
    table.add("gen --check FILE", [GEN, "--check", "big/guide.md"], role="gen-check")
    table.add("gen FILE (current)", [GEN, "big/guide.md"], role="gen")
    table.add("gen FILE (to fill)", [GEN, "big-unfilled/guide.md"], role="gen-fill",
              prepare=f"cp {w['big_unfilled_pristine']} {w['big_unfilled']}")
    table.add("cmark-gfm FILE", CMARK + ["big/guide.md"], role="floor")
    table.add("cog --check FILE", COG + ["--check", "big-cog/guide.md"], role="cog-check")
    table.add("cog -r FILE (current)", COG + ["-r", "big-cog/guide.md"], role="cog")
    shutil.copy(os.path.join(os.path.dirname(w["big_cog"]), "bench_samples.py"), os.path.dirname(w["big_cog_unfilled"]))
    table.add("cog -r FILE (to fill)", COG + ["-r", "big-cog-unfilled/guide.md"], role="cog-fill",
              prepare=f"cp {w['big_cog_unfilled_pristine']} {w['big_cog_unfilled']}")
    table.time(extra=["--warmup", "1", "--min-runs", "5"])
    return table


def workload_scaling(w, big, quick):
    rows = []
    for size, path in sorted(w["scaling"].items()):
        actual = os.path.getsize(path)
        if path == w["big"]:
            rows.append((actual, big))   # workload 3's file: its timings, not a second run
            continue
        rel = os.path.relpath(path, BENCH)
        table = Workload(f"scaling {human(actual)}", "", BENCH)
        table.add("gen --check", [GEN, "--check", rel], role="gen-check")
        table.add("gen", [GEN, rel], role="gen")
        table.add("cmark-gfm", CMARK + [rel], role="floor")
        runs = ["--runs", "3"] if actual > 100 * MB else ["--warmup", "1", "--min-runs", "5"]
        table.time(extra=runs)
        rows.append((actual, table))
    return rows


class Workload:
    def __init__(self, title, description, cwd):
        self.title, self.description, self.cwd = title, description, cwd
        self.commands = []   # dicts: label, argv, role, prepare, median, runs, peak_kb

    def add(self, label, argv, role, prepare=None):
        self.commands.append(dict(label=label, argv=argv, role=role, prepare=prepare))

    def by_role(self, role):
        return next((c for c in self.commands if c["role"] == role), None)

    def time(self, extra):
        for command in self.commands:
            log(f"timing {self.title}: {command['label']}")
            with tempfile.NamedTemporaryFile(suffix=".json") as export:
                arguments = ["hyperfine", "-N", "--style", "none", "--export-json", export.name] + extra
                if command["prepare"]:
                    arguments += ["--prepare", command["prepare"]]
                arguments.append(shlex.join(command["argv"]))
                subprocess.run(arguments, cwd=self.cwd, check=True)
                result = json.load(open(export.name))["results"][0]
            command["median"] = statistics.median(result["times"])
            command["runs"] = len(result["times"])
            command["peak_kb"] = peak_memory_kb(command, self.cwd)


def peak_memory_kb(command, cwd):
    """Maximum resident set size of one more run, by GNU time."""
    if command["prepare"]:
        subprocess.run(shlex.split(command["prepare"]), cwd=cwd, check=True)
    with tempfile.NamedTemporaryFile(mode="r", suffix=".txt") as output:
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", output.name] + command["argv"],
                       cwd=cwd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return int(output.read().strip().splitlines()[-1])


# ---------------------------------------------------------------------------------------------
# Report

def print_machine():
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    print(f"machine: {os.cpu_count()} cores (nproc {run(['nproc']).strip()}), {cpu}, "
          f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB")
    versions = [
        run(["swift", "--version"], stderr=subprocess.STDOUT).splitlines()[0],
        run(["cmark-gfm", "--version"]).splitlines()[0],
        "cogapp " + run([sys.executable, "-c", "import importlib.metadata as m; print(m.version('cogapp'))"]).strip()
        + f" on Python {sys.version.split()[0]}",
        run(["hyperfine", "--version"]).strip(),
    ]
    print("tools:   " + "; ".join(versions))
    print(f"load average at the start: {load_average()} (other work on the machine skews the timings)")


def load_average():
    return " ".join(open("/proc/loadavg").read().split()[:3])


def print_workload(table):
    print(f"== {table.title}: {table.description}")
    print(f"   {'command':<26} {'median':>10} {'runs':>5} {'peak RSS':>10}")
    for c in table.commands:
        print(f"   {c['label']:<26} {seconds(c['median']):>10} {c['runs']:>5} {mb(c['peak_kb']):>10}")
    floor, gen, check = table.by_role("floor"), table.by_role("gen"), table.by_role("gen-check")
    ratios = []
    for c in (check, gen, table.by_role("gen-fill")):
        if c and floor:
            ratios.append(f"{c['label']} / cmark-gfm = {c['median'] / floor['median']:.2f}")
    for cog_role, gen_c in (("cog-check", check), ("cog", gen), ("cog-fill", table.by_role("gen-fill"))):
        cog = table.by_role(cog_role)
        if cog and gen_c:
            ratios.append(f"{cog['label']} / {gen_c['label']} = {cog['median'] / gen_c['median']:.1f}")
    for line in ratios:
        print(f"   {line}")
    print()


def print_scaling(rows):
    print("== scaling: single files (the guide's groups repeated)")
    print(f"   {'input':>9} {'gen --check':>12} {'peak':>9} {'gen':>12} {'peak':>9} {'cmark-gfm':>12} {'peak':>9}")
    for size, table in rows:
        cells = []
        for role in ("gen-check", "gen", "floor"):
            c = table.by_role(role)
            cells += [f"{seconds(c['median']):>12}", f"{mb(c['peak_kb']):>9}"]
        print(f"   {human(size):>9} " + " ".join(cells))
    for (small, a), (large, b) in zip(rows, rows[1:]):
        parts = []
        for role in ("gen-check", "gen", "floor"):
            ca, cb = a.by_role(role), b.by_role(role)
            parts.append(f"{ROLE_NAMES[role]} ×{cb['median'] / ca['median']:.1f}")
        print(f"   {human(small)} → {human(large)} (×{large / small:.1f} input): time " + ", ".join(parts))
    for size, table in rows:
        parts = [f"{ROLE_NAMES[r]} {table.by_role(r)['peak_kb'] * 1024 / size:.2f}× input"
                 for r in ("gen-check", "gen")]
        print(f"   {human(size)}: peak memory " + ", ".join(parts))
    print()


def print_targets(workloads, scaling):
    print("== targets")
    lines = []
    real, site, big = workloads

    def target(ok, text):
        lines.append(f"   {'PASS' if ok else 'MISS'}  {text}")

    gen, cog = real.by_role("gen-check"), real.by_role("cog-check")
    ratio = cog["median"] / gen["median"]
    target(ratio >= 4, f"workload 1: gen --check ≥ 4× faster than cog --check (×{ratio:.1f})")
    for table in (site, big):
        name = table.title.split(". ", 1)[1]
        floor = table.by_role("floor")
        for role in ("gen-check", "gen"):
            c = table.by_role(role)
            r = c["median"] / floor["median"]
            target(r <= 1.5, f"{name}: {c['label']} within 1.5× of cmark-gfm (×{r:.2f})")
        for cog_role, gen_role in (("cog-check", "gen-check"), ("cog", "gen")):
            c, g = table.by_role(cog_role), table.by_role(gen_role)
            r = c["median"] / g["median"]
            target(r >= 3, f"{name}: {c['label']} ≥ 3× slower than {g['label']} (×{r:.1f})")
    # Memory: at most 3× the input plus a constant, the constant being gen's peak on the real guide.
    constant_kb = gen["peak_kb"]
    for (small, a), (large, b) in zip(scaling, scaling[1:]):
        for role in ("gen-check", "gen"):
            r = b.by_role(role)["median"] / a.by_role(role)["median"]
            target(r <= 11 * (large / small) / 10,
                   f"scaling {human(small)} → {human(large)}: {ROLE_NAMES[role]} time ×{r:.1f} "
                   f"for ×{large / small:.1f} input (≤ ×{11 * (large / small) / 10:.1f})")
    for size, table in scaling:
        for role in ("gen-check", "gen"):
            peak = table.by_role(role)["peak_kb"] * 1024
            limit = 3 * size + constant_kb * 1024
            target(peak <= limit, f"scaling {human(size)}: {ROLE_NAMES[role]} peak {mb(peak // 1024)} "
                   f"≤ 3 × input + {mb(constant_kb)} = {human(limit)}")
    print("\n".join(lines))
    if len(scaling) < 3:
        print("   (--quick: the 250 MB file was skipped)")


# ---------------------------------------------------------------------------------------------
# Helpers

def run(argv, cwd=None, quiet=False, stderr=None):
    result = subprocess.run(argv, cwd=cwd, check=True, text=True, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL if quiet else stderr)
    return result.stdout


def fresh_dir(name):
    path = os.path.join(BENCH, name)
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def log(message):
    print(f"bench-peers: {message}", file=sys.stderr, flush=True)


def human(size):
    return f"{size / MB:.1f} MB"


def mb(kb):
    return f"{kb * 1024 / MB:.1f} MB"


def seconds(value):
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


if __name__ == "__main__":
    main()
