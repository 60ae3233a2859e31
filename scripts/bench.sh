#!/usr/bin/env bash
# Benchmarks of issue 7, in one command:   bash scripts/bench.sh
#
#   1. builds the release binary and writes the inputs (benches/inputs.rs):
#      the sample grown to 13 MB (1x) and 1.3 MB (0.1x), synthetic sheets,
#      next year's sheets for diff, a batch of 301 files;
#   2. times the release binary on them with /usr/bin/time -v (wall time,
#      peak memory, CPU use): build json/html/docx, check, fmt, diff, batch;
#   3. runs the criterion comparison (benches/compare.rs): jixiao sheet->JSON
#      against serde_json and serde_yaml on the same content, and the rest;
#   4. prints the table (also written to target/bench-data/report.md).
#
# Options: --quick (0.1x criterion inputs only, about 2 minutes),
#          --profile (also perf record of sheet->JSON on the 1x sample,
#          top symbols in target/bench-data/perf-top.txt).
# About 12 minutes on a 2-core machine with the dependencies already built.
set -euo pipefail
cd "$(dirname "$0")/.."

QUICK=0
PROFILE=0
for a in "$@"; do
  case "$a" in
    --quick) QUICK=1 ;;
    --profile) PROFILE=1 ;;
    *) echo "usage: bash scripts/bench.sh [--quick] [--profile]" >&2; exit 2 ;;
  esac
done

D=target/bench-data
BIN=target/release/jixiao
export JIXIAO_BENCH_DIR="$D"

echo "== building (release)"
cargo build --release --quiet
cargo bench --quiet --bench inputs --no-run 2>/dev/null || true
cargo bench --bench compare --no-run --quiet 2>/dev/null || true

echo "== writing the inputs to $D (each is checked: no errors)"
cargo bench --quiet --bench inputs

echo "== release binary: wall time, peak memory (/usr/bin/time -v)"
OUT="$D/out"
rm -rf "$OUT" && mkdir -p "$OUT"
TIMES="$D/times.tsv"
: > "$TIMES"
run() { # name, command...  (one run; wall time, peak RSS, CPU)
  local name="$1"; shift
  /usr/bin/time -v -o "$D/time-$name.txt" "$@" >/dev/null 2>&1 || {
    local rc=$?
    # 1 is "warnings/errors found" for check and "different" for diff
    [ "$rc" -eq 1 ] || { echo "failed ($rc): $*" >&2; exit 1; }
  }
  local wall rss cpu
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$D/time-$name.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$D/time-$name.txt")
  cpu=$(awk -F': ' '/Percent of CPU/ {print $2}' "$D/time-$name.txt")
  printf '%s\t%s\t%s\t%s\n' "$name" "$wall" "$rss" "$cpu" >> "$TIMES"
  printf '  %-24s %10s  %8s KB  %5s CPU\n' "$name" "$wall" "$rss" "$cpu"
}
J=(--lang en --color never)
mkdir -p "$OUT/all1" "$OUT/all01" "$OUT/big" "$OUT/batch" "$OUT/small"
run json-0.1x      $BIN build "${J[@]}" "$D/sample-0.1x.jx" --format json -o "$OUT/s01.json"
run json-1x        $BIN build "${J[@]}" "$D/sample-1x.jx" --format json -o "$OUT/s1.json"
run json-gen-1x    $BIN build "${J[@]}" "$D/gen-1x.jx" --format json -o "$OUT/g1.json"
run html-1x        $BIN build "${J[@]}" "$D/sample-1x.jx" --format html -o "$OUT/s1.html"
run docx-1x        $BIN build "${J[@]}" "$D/sample-1x.jx" --format docx -o "$OUT/s1.docx"
run all-0.1x       $BIN build "${J[@]}" "$D/sample-0.1x.jx" -o "$OUT/all01"
run all-1x         $BIN build "${J[@]}" "$D/sample-1x.jx" -o "$OUT/all1"
run check-1x       $BIN check "${J[@]}" "$D/sample-1x.jx"
run fmt-1x         $BIN fmt --check "${J[@]}" "$D/sample-1x.jx"
run diff-1x        $BIN diff "${J[@]}" "$D/sample-1x.jx" "$D/sample-next-1x.jx" -o "$OUT/diff.txt"
run batch-largest  $BIN build "${J[@]}" "$D/batch/sheet-big.jx" -o "$OUT/big"
run batch-301      $BIN build "${J[@]}" "$D"/batch/*.jx -o "$OUT/batch"
run batch-300-small $BIN build "${J[@]}" "$D"/batch/sheet-[0-9]*.jx -o "$OUT/small"
[ "$(ls "$OUT/batch" | wc -l)" = 903 ] || { echo "batch: expected 903 outputs" >&2; exit 1; }
# The review of many sheets (issue 16): the batch as a page and a workbook,
# and against itself as last year's (every sheet diffed, none loosened).
run report-301-html $BIN report "${J[@]}" "$D/batch" -o "$OUT/report.html"
run report-301-xlsx $BIN report "${J[@]}" "$D/batch" -o "$OUT/report.xlsx"
run report-301-previous $BIN report "${J[@]}" "$D/batch" --previous "$D/batch" -o "$OUT/report-previous.html"
run report-300-small $BIN report "${J[@]}" "$D"/batch/sheet-[0-9]*.jx -o "$OUT/report-small.html"

# Growth through the CLI, for each output format: the two sizes are run in
# turn (0.1x, 1x, 0.1x, 1x, ...) so that both see the same moments of a
# shared machine, and the best of each is kept.
run_ms() { # file, format
  local s e
  s=$(date +%s%N)
  $BIN build "${J[@]}" "$1" --format "$2" -o "$OUT/best.$2" >/dev/null 2>&1
  e=$(date +%s%N)
  echo $(( (e - s) / 1000000 ))
}
: > "$D/best.tsv"
for f in json html docx; do
  b01=""; b1=""
  for _ in 1 2 3 4 5 6; do
    for _ in 1 2; do
      t=$(run_ms "$D/sample-0.1x.jx" $f)
      if [ -z "$b01" ] || [ "$t" -lt "$b01" ]; then b01=$t; fi
    done
    t=$(run_ms "$D/sample-1x.jx" $f)
    if [ -z "$b1" ] || [ "$t" -lt "$b1" ]; then b1=$t; fi
  done
  printf 'best-%s-0.1x\t%s\nbest-%s-1x\t%s\n' $f "$b01" $f "$b1" >> "$D/best.tsv"
  echo "  best of runs, build $f: 0.1x ${b01} ms, 1x ${b1} ms"
done
# Growth in instructions (valgrind callgrind): the same on a busy machine.
if command -v valgrind >/dev/null; then
  for size in 0.1x 1x; do
    valgrind --tool=callgrind --callgrind-out-file="$D/callgrind-$size.out" \
      $BIN build "${J[@]}" "$D/sample-$size.jx" --format json -o "$OUT/cg.json" 2>&1 \
      | awk -v s=$size '/refs:/ {gsub(",", "", $NF); printf "instructions-json-%s\t%s\n", s, $NF}' >> "$D/best.tsv"
  done
  grep instructions "$D/best.tsv" | sed 's/^/  /'
fi
ls -l "$D"/*.jx | awk '{printf "%s\t%s\n", $9, $5}' > "$D/sizes.tsv"
du -bc "$D"/batch/*.jx | tail -1 | awk '{printf "batch\t%s\n", $1}' >> "$D/sizes.tsv"
du -bc "$D"/batch/sheet-[0-9]*.jx | tail -1 | awk '{printf "batch-small\t%s\n", $1}' >> "$D/sizes.tsv"
wc -c < "$D/batch/sheet-big.jx" | awk '{printf "batch-largest\t%s\n", $1}' >> "$D/sizes.tsv"

echo "== criterion (benches/compare.rs)"
if [ "$QUICK" = 1 ]; then export JIXIAO_BENCH_QUICK=1; fi
rm -rf target/criterion
cargo bench --bench compare 2>&1 | grep -E '^[a-z0-9.-]+/|time:|^diff:|bytes' || true

if [ "$PROFILE" = 1 ]; then
  echo "== perf record: sheet -> JSON on the 1x sample"
  perf record -F 999 -g -o "$D/perf.data" -- $BIN build "${J[@]}" "$D/sample-1x.jx" \
    --format json -o "$OUT/s1.json" >/dev/null 2>&1 || true
  perf report -i "$D/perf.data" --no-children --percent-limit 1 --stdio \
    --sort symbol -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -40 > "$D/perf-top.txt"
  perf report -i "$D/perf.data" --children --percent-limit 3 --stdio \
    --sort symbol -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -60 > "$D/perf-children.txt"
  cat "$D/perf-top.txt"
fi

echo "== summary"
REV="$(git rev-parse --short HEAD 2>/dev/null || echo '?')$( (git status --porcelain -- src grammar Cargo.toml 2>/dev/null | grep -q .) && echo ' + uncommitted changes' || true)"
MACHINE="$(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM"
python3 - "$D" "$QUICK" "$REV" "$MACHINE" <<'PY'
import json, os, sys, glob
d, quick, rev, machine = sys.argv[1], sys.argv[2] == "1", sys.argv[3], sys.argv[4]
crit = {}
for f in glob.glob("target/criterion/**/new/estimates.json", recursive=True):
    key = os.path.relpath(os.path.dirname(os.path.dirname(f)), "target/criterion")
    crit[key] = json.load(open(f))["mean"]["point_estimate"] / 1e6  # ms
times = {}
for line in open(f"{d}/times.tsv"):
    name, wall, rss, cpu = line.rstrip("\n").split("\t")
    parts = [float(x) for x in wall.split(":")]
    secs = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
    times[name] = (secs, int(rss) * 1024, cpu)
sizes = {}
for line in open(f"{d}/sizes.tsv"):
    name, size = line.split()
    sizes[os.path.basename(name).removesuffix(".jx")] = int(size)
out = []
p = out.append
p(f"Commit {rev}; {machine}.\n")
def ms(k):
    v = crit.get(k)
    return "—" if v is None else (f"{v:,.1f} ms" if v < 1000 else f"{v/1000:,.2f} s")
p("### In-process (criterion, mean)\n")
p("| job | sample 0.1× (1.3 MB) | sample 1× (13 MB) | synthetic 1× (13 MB) |")
p("|---|---:|---:|---:|")
for job, label in [("jixiao_json", "jixiao: sheet → JSON (parse + check + emit)"),
                   ("serde_json", "serde_json: our JSON → Value → JSON"),
                   ("serde_yaml", "serde_yaml: same content as YAML → Value"),
                   ("check", "jixiao check (parse + check)"),
                   ("html", "HTML emission (from the model)"),
                   ("docx", "DOCX emission (from the model)"),
                   ("fmt", "fmt (parse + print)")]:
    p(f"| {label} | {ms('sample-0.1x/'+job)} | {ms('sample-1x/'+job)} | {ms('gen-1x/'+job)} |")
p("")
p("| ratio | 0.1× | 1× | synthetic 1× | target |")
p("|---|---:|---:|---:|---|")
def ratio(a, b):
    if a in crit and b in crit:
        return f"{crit[a]/crit[b]:.2f}"
    return "—"
for g in [("jixiao_json", "serde_json", "jixiao / serde_json", "≤ 4"),
          ("jixiao_json", "serde_yaml", "jixiao / serde_yaml", "≤ 0.5")]:
    p(f"| {g[2]} | {ratio('sample-0.1x/'+g[0], 'sample-0.1x/'+g[1])} | "
      f"{ratio('sample-1x/'+g[0], 'sample-1x/'+g[1])} | {ratio('gen-1x/'+g[0], 'gen-1x/'+g[1])} | {g[3]} |")
for job in ["jixiao_json", "check", "html", "docx", "fmt", "serde_json", "serde_yaml"]:
    p(f"| growth 1× / 0.1×: {job} | | {ratio('sample-1x/'+job, 'sample-0.1x/'+job)} | | ≤ 11.5 (jixiao_json) |")
p("")
p(f"| other | mean |")
p("|---|---:|")
for k in sorted(crit):
    if k.startswith("diff/") or k.startswith("batch/"):
        p(f"| {k} | {ms(k)} |")
p("\n### Release binary (/usr/bin/time -v)\n")
p("| run | input | wall | peak RSS | RSS / input | CPU |")
p("|---|---:|---:|---:|---:|---:|")
inputs = {"json-0.1x": "sample-0.1x", "all-0.1x": "sample-0.1x", "json-gen-1x": "gen-1x",
          "batch-largest": "batch-largest", "batch-301": "batch", "diff-1x": "sample-1x",
          "batch-300-small": "batch-small"}
for name, (secs, rss, cpu) in times.items():
    inp = inputs.get(name, "sample-1x")
    size = sizes[inp] * (2 if name == "diff-1x" else 1)
    p(f"| {name} | {size/1e6:.1f} MB | {secs:.2f} s | {rss/2**20:.0f} MiB | {rss/size:.1f}× | {cpu} |")
p("")
best = dict(l.split() for l in open(f"{d}/best.tsv"))
for fmt in ["json", "html", "docx"]:
    b01, b1 = int(best[f"best-{fmt}-0.1x"]), int(best[f"best-{fmt}-1x"])
    p(f"- CLI `build --format {fmt}`, best of 12 / of 6 runs taken in turn: 0.1× {b01} ms, 1× {b1} ms, "
      f"growth {b1/b01:.2f} (target ≤ 11.5)")
if "instructions-json-1x" in best:
    i01, i1 = int(best["instructions-json-0.1x"]), int(best["instructions-json-1x"])
    p(f"- Instructions of `build --format json` (callgrind): 0.1× {i01/1e6:,.1f} M, 1× {i1/1e6:,.1f} M, "
      f"growth {i1/i01:.2f} (target ≤ 11.5)")
b, l, sm = times.get("batch-301"), times.get("batch-largest"), times.get("batch-300-small")
if b and l:
    p(f"- Batch of 301 files (all formats): peak RSS {b[1]/2**20:.0f} MiB, the largest file alone "
      f"{l[1]/2**20:.0f} MiB: ratio {b[1]/l[1]:.2f} (target: bounded by the largest, about 1)")
if sm:
    p(f"- Batch of the 300 small files: CPU {sm[2]} of 200% (target: every core), {sm[0]:.2f} s")
text = "\n".join(out)
print(text)
open(f"{d}/report.md", "w").write(text + "\n")
PY
