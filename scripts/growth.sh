#!/usr/bin/env bash
# Growth cases of issue 17 (item 6), in one command:   bash scripts/growth.sh
#
# Each case is a file that once took quadratic time, written at two sizes
# (N and 2N) by awk; the release binary runs each size three times and the
# best time is kept. A case passes when doubling the input at most multiplies
# the time by 2.5. Prints a table (also written to target/bench-data/growth.md)
# and exits 1 if a case fails. About a minute on a 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
BIN=target/release/jixiao
D=target/bench-data/growth
mkdir -p "$D"

HEAD='department "1" "局" {\n  year 2020\n  unit 万元\n}\n'
gen() { # case, n, file
  case "$1" in
    indicators) awk -v n="$2" -v h="$HEAD" 'BEGIN{printf h; print "project \"P\" \"项目\" {\n  budget 10 { 财政资金 10 }";
      for(i=0;i<n;i++) printf "  indicator 产出.数量 \"指标%d\" ≥%d个\n", i, i;
      print "  indicator 效益.社会效益 \"效果\" 良好\n  indicator 满意度.服务对象满意度 \"满意度\" ≥80%\n}"}' > "$3" ;;
    units) awk -v n="$2" -v h="$HEAD" 'BEGIN{for(i=0;i<n;i++) printf "define-unit 单位%d count\n", i; printf h}' > "$3" ;;
    diff-old|diff-new) local c=A; [ "$1" = diff-new ] && c=B
      awk -v n="$2" -v h="$HEAD" -v c="$c" 'BEGIN{printf h; for(i=0;i<n;i++)
        printf "project \"%s%d\" \"项目%d\" {\n  budget 1 { 财政资金 1 }\n  indicator 产出.数量 \"x\" ≥1个\n  indicator 效益.社会效益 \"y\" 良好\n  indicator 满意度.服务对象满意度 \"满意度\" ≥80%%\n}\n", c, i, i}' > "$3" ;;
    early-close) awk -v n="$2" 'BEGIN{for(i=0;i<n;i++) printf "a {\n}\n  x\n}\n"}' > "$3" ;;
    brace-line) awk -v n="$2" 'BEGIN{s=""; for(i=0;i<n;i++) s=s "}"; print s}' > "$3" ;;
  esac
}
best() { # command... -> best wall time of 3 runs, in ms
  local b="" s e t
  for _ in 1 2 3; do
    s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N)
    t=$(( (e - s) / 1000000 )); if [ -z "$b" ] || [ "$t" -lt "$b" ]; then b=$t; fi
  done
  echo "$b"
}
OUT="$D/growth.md"
{
  echo "| case | N | time N | time 2N | ratio (≤ 2.5) |"
  echo "|---|---:|---:|---:|---:|"
} > "$OUT"
FAIL=0
row() { # case, n, t1, t2
  local r; r=$(awk -v a="$3" -v b="$4" 'BEGIN{printf "%.2f", (a < 1 ? 1 : b / a)}')
  echo "| $1 | $2 | $3 ms | $4 ms | $r |" >> "$OUT"
  awk -v r="$r" 'BEGIN{exit !(r > 2.5)}' && FAIL=1 || true
}
for spec in "indicators 50000" "units 100000" "early-close 40000" "brace-line 500000"; do
  set -- $spec
  gen "$1" "$2" "$D/$1-1.jx"; gen "$1" $(( $2 * 2 )) "$D/$1-2.jx"
  cmd=check; [ "$1" = brace-line ] && cmd="fmt --check"
  t1=$(best $BIN $cmd "$D/$1-1.jx"); t2=$(best $BIN $cmd "$D/$1-2.jx")
  row "$1 ($cmd)" "$2" "$t1" "$t2"
done
N=20000
gen diff-old $N "$D/d-old-1.jx"; gen diff-new $N "$D/d-new-1.jx"
gen diff-old $(( N * 2 )) "$D/d-old-2.jx"; gen diff-new $(( N * 2 )) "$D/d-new-2.jx"
t1=$(best $BIN diff "$D/d-old-1.jx" "$D/d-new-1.jx"); t2=$(best $BIN diff "$D/d-old-2.jx" "$D/d-new-2.jx")
row "diff, every code changed" $N "$t1" "$t2"
cat "$OUT"
exit $FAIL
