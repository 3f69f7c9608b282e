#!/usr/bin/env bash
# Replays a large capture with the seed list and with a 1,000-entry list, and times tcpdump with the equivalent
# BPF filter on the same file in the same run (tcpdump -r IN -w OUT -F EXPR_FILE). Both write the forwarded
# frames to a file; the outputs are compared byte for byte. The two tools take turns, RUNS times each, so that
# a slow spell of a shared machine falls on both, each run into a fresh file with nothing left to write back;
# reports the best wall-clock time of each, frames/s and the ratio Perimeter / tcpdump. Perimeter's own figure
# without JVM start-up is shown beside it.
#
#   benchmarks/replay-vs-tcpdump.sh            # FRAMES=2000000 RUNS=5 WORK=<temp dir>
#   FRAMES=5000000 WORK=/var/tmp/bench benchmarks/replay-vs-tcpdump.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
frames=${FRAMES:-2000000}
runs=${RUNS:-5}
work=${WORK:-$(mktemp -d)}
mkdir -p "$work"
command -v tcpdump >/dev/null || { echo "tcpdump is not installed" >&2; exit 1; }

(cd "$root" && mvn -B -q -DskipTests install) >&2
(cd "$here" && mvn -B -q package) >&2
# through ./perimeter, as users run it (its class-data sharing archive is made here, before any timing)
perimeter=$root/perimeter
bench=$here/target/benchmarks.jar
input=$work/flood-$frames.pcap
"$perimeter" --version >/dev/null
[ -f "$input" ] || "$perimeter" generate flood --frames "$frames" "$input" >&2
java -cp "$bench" dev.perimeter.bench.ReplayLists 5 "$work/seed.cfg" "$work/seed.bpf"
java -cp "$bench" dev.perimeter.bench.ReplayLists 1000 "$work/large.cfg" "$work/large.bpf"

now() { date +%s%N; }
# wall time in seconds of running "$@"
wall() {
  local t0 t1
  t0=$(now); "$@" >/dev/null 2>&1; t1=$(now)
  awk -v d="$(( t1 - t0 ))" 'BEGIN { print d / 1e9 }'
}
# before each timed run: no output left to free and nothing of the last run still to write back, so that
# neither tool pays for the other's file
fresh() { rm -f "$td_out" "$pm_out"; sync; }
min() { awk -v a="$1" -v b="$2" 'BEGIN { print (b < a) ? b : a }'; }

printf '%-8s %-10s %10s %14s %16s %s\n' list tool "wall s" "frames/s" "in-process f/s" note
for list in seed large; do
  td_out=$work/tcpdump-$list.pcap
  pm_out=$work/perimeter-$list.pcap
  td=1e18; pm=1e18
  for _ in $(seq "$runs"); do
    fresh
    td=$(min "$td" "$(wall tcpdump -r "$input" -w "$td_out" -F "$work/$list.bpf")")
    fresh
    pm=$(min "$pm" "$(wall "$perimeter" replay --config "$work/$list.cfg" --egress eth2/0 "$input" \
          --forwarded "$pm_out" --log /dev/null --json)")
  done
  fresh
  tcpdump -r "$input" -w "$td_out" -F "$work/$list.bpf" 2>/dev/null
  "$perimeter" replay --config "$work/$list.cfg" --egress eth2/0 "$input" --forwarded "$pm_out" \
        --log /dev/null --json > "$work/perimeter-$list.json"
  inproc=$(sed -E 's/.*"framesPerSecond":([0-9]+).*/\1/' "$work/perimeter-$list.json")
  # identical outputs past the file header (tcpdump and Perimeter may disagree on the header's snap length)
  if cmp -s <(tail -c +25 "$td_out") <(tail -c +25 "$pm_out"); then same="same frames as tcpdump"; else
    same="OUTPUTS DIFFER from tcpdump's"; fi
  awk -v l="$list" -v f="$frames" -v td="$td" -v pm="$pm" -v ip="$inproc" -v same="$same" 'BEGIN {
    printf "%-8s %-10s %10.3f %14.0f %16s\n", l, "tcpdump", td, f / td, "-"
    printf "%-8s %-10s %10.3f %14.0f %16.0f %s\n", l, "perimeter", pm, f / pm, ip, same
    printf "%-8s ratio perimeter/tcpdump: %.2fx wall-clock, %.2fx in-process\n", l, td / pm, ip / (f / td)
  }'
done
echo "capture: $input ($frames frames); outputs in $work"
