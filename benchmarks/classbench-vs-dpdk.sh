#!/usr/bin/env bash
# Perimeter's compiled matcher against DPDK's ACL library (dpdk-test-acl from Debian's dpdk-dev) on the same
# ClassBench rule sets and traces, single thread on one core, in one run.
#
#   benchmarks/classbench-vs-dpdk.sh [-d DIR] [-i ITERATIONS] [SET ...]
#
# DIR holds ClassBench files NAME and NAME_trace (default: $CLASSBENCH_DIR, else ../shared/classbench beside
# the repository, or two levels up for a git worktree). SETs default to acl1_10k acl2_10k fw1_10k ipc1_10k and the other 10k sets found. When DIR
# does not exist, ClassBench-like sets of 10,000 rules are generated instead (gen1_10k ...).
# Prints per set: build time, table memory (ours, and the part of it for non-initial fragments; DPDK's runtime
# footprint as its debug log reports it),
# ns per lookup for ours (one packet per call, and bursts of 64) and for DPDK scalar and its best SIMD method,
# and the ratio DPDK scalar / ours.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
dir=${CLASSBENCH_DIR:-$root/../shared/classbench}
[ -d "$dir" ] || [ -n "${CLASSBENCH_DIR:-}" ] || dir=$root/../../shared/classbench
iterations=40
while getopts "d:i:" opt; do
  case $opt in
    d) dir=$OPTARG ;;
    i) iterations=$OPTARG ;;
    *) echo "usage: $0 [-d DIR] [-i ITERATIONS] [SET ...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))

command -v dpdk-test-acl >/dev/null || { echo "dpdk-test-acl not found (apt-get install dpdk-dev)" >&2; exit 2; }
jar="$root/target/perimeter.jar"
[ -f "$jar" ] || (cd "$root" && mvn -B -q -DskipTests package) >&2
java_opts=${PERIMETER_JAVA_OPTS:--Xmx1g}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

sets=("$@")
if [ ! -d "$dir" ]; then
  echo "no ClassBench directory at $dir: generating ClassBench-like sets" >&2
  dir=$work
  [ ${#sets[@]} -gt 0 ] || sets=(gen1_10k gen2_10k gen3_10k)
  seed=1
  for s in "${sets[@]}"; do
    java $java_opts -jar "$jar" classbench --generate 10000 --seed $seed --rules "$dir/$s" --trace "$dir/${s}_trace" \
      --iterations 1 >/dev/null
    seed=$((seed + 1))
  done
elif [ ${#sets[@]} -eq 0 ]; then
  sets=(acl1_10k acl2_10k fw1_10k ipc1_10k)
  for f in "$dir"/*_10k; do
    s=$(basename "$f")
    case " ${sets[*]} " in *" $s "*) ;; *) sets+=("$s") ;; esac
  done
fi

flags=$(grep -m1 '^flags' /proc/cpuinfo || true)
best=scalar
if [[ $flags == *avx512f* && $flags == *avx512bw* && $flags == *avx512vl* ]]; then best=avx512x16
elif [[ $flags == *avx2* ]]; then best=avx2
elif [[ $flags == *sse4_1* ]]; then best=sse
fi

dpdk() { # rules trace alg -> "ns memory"
  local out pps mem
  out=$(dpdk-test-acl --no-huge -m 1024 -l 0 --no-pci --log-level=lib.acl:debug \
        --force-max-simd-bitwidth=512 -- --rulesf="$1" --tracef="$2" --tracenum=200000 --verbose=0 \
        --iter="$iterations" --alg="$3" 2>&1)
  pps=$(sed -n 's/.* \([0-9.]*\) pkt\/sec.*/\1/p' <<<"$out" | tail -1)
  mem=$(sed -n 's/^total: \([0-9]*\) bytes.*/\1/p' <<<"$out" | tail -1)
  awk -v p="${pps:-0}" -v m="${mem:-0}" 'BEGIN { printf "%.1f %s\n", (p > 0 ? 1e9 / p : -1), m }'
}

ours() { # rules trace [--batched] -> "build_ms memory fragment_memory ns"
  local out
  out=$(java $java_opts -jar "$jar" classbench --rules "$1" --trace "$2" --iterations "$iterations" ${3:-})
  awk '/^build:/ {b=$2} /^memory:/ {m=$2; f=substr($4, 2)} /^ns\/lookup:/ {n=$2} END {print b, m, f, n}' <<<"$out"
}

echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); DPDK best method: $best; $iterations iterations"
printf "%-10s %6s %9s %11s %11s %11s %10s %10s %11s %11s %8s %8s\n" set rules build_ms ours_bytes ours_frag \
  dpdk_bytes ours_ns ours_b64 dpdk_scalar dpdk_$best x_scalar x_best
for s in "${sets[@]}"; do
  r="$dir/$s"; t="$dir/${s}_trace"
  [ -f "$r" ] && [ -f "$t" ] || { echo "$s: missing $r or $t" >&2; continue; }
  read -r build mem frag ns < <(ours "$r" "$t")
  read -r _ _ _ nsb < <(ours "$r" "$t" --batched)
  read -r dscalar dmem < <(dpdk "$r" "$t" scalar)
  read -r dbest _ < <(dpdk "$r" "$t" "$best")
  fastest=$(awk -v a="$ns" -v b="$nsb" 'BEGIN { print (b < a ? b : a) }')
  printf "%-10s %6s %9s %11s %11s %11s %10s %10s %11s %11s %8s %8s\n" "$s" "$(grep -c . "$r")" "$build" "$mem" "$frag" "$dmem" \
    "$ns" "$nsb" "$dscalar" "$dbest" \
    "$(awk -v d="$dscalar" -v o="$fastest" 'BEGIN { printf "%.2f", d / o }')" \
    "$(awk -v d="$dbest" -v o="$fastest" 'BEGIN { printf "%.2f", d / o }')"
done
echo "ours_bytes: all our tables; ours_frag: the part for non-initial fragments (IOS fragment table), which DPDK does not have"
echo "x_scalar, x_best: DPDK ns / our best ns (above 1: we are faster)"
