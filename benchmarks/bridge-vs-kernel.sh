#!/usr/bin/env bash
# bridge-vs-kernel.sh (root): the highest frame rate Perimeter's live bridge forwards with under 0.1% loss, and in
# the same run the Linux kernel bridge in the same namespaces filtering with the same lists as nftables rules.
#
#   OUT (172.16.11.5, o0) --veth-- [po  BR  pi] --veth-- (i0, 172.16.27.66 + .70) IN
#
# tcpreplay in OUT sends TCP SYNs (64-byte or 1500-byte frames; destinations alternate .66/.70, destination ports
# cycle through 25 80 110 143 443 22 109 53) at a paced rate; what reaches i0 is counted and compared with what
# the list should let through. Lists: the seed list (examples/seed-router.cfg) and the seed list behind 10,000
# "deny ip host 10.x.y.z any" entries that match nothing of the traffic. Traffic stays inside the namespaces made
# here; everything is removed on exit.
#
# usage: benchmarks/bridge-vs-kernel.sh            env: DUR=seconds per trial (2), STEPS=search steps (6),
#        SIZES="60 1514" LISTS="seed 10k" SYSTEMS="perimeter kernel" WAIT=phased JAVA_OPTS=...
#        SENDER_CPU=0 BRIDGE_CPU=1 (pin tcpreplay / Perimeter to one CPU each: measures Perimeter on one core)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
DUR=${DUR:-2}; STEPS=${STEPS:-6}; SIZES=${SIZES:-"60 1514"}; LISTS=${LISTS:-"seed 10k"}
SYSTEMS=${SYSTEMS:-"perimeter kernel"}; WAIT=${WAIT:-phased}; SENDER_CPU=${SENDER_CPU:-}; BRIDGE_CPU=${BRIDGE_CPU:-}
pin() { [[ -n $1 ]] && echo "taskset -c $1"; true; }
 JAVA_OPTS=${JAVA_OPTS:-"-Xmx1g -XX:+UseParallelGC"}
tag=pb$$; OUT=$tag-out; BR=$tag-br; IN=$tag-in
W=$(mktemp -d /tmp/bridge-bench.XXXXXX); CSV=$W/results.csv
MAC_O=02:00:00:11:00:05; MAC_I=02:00:00:27:00:66
bridge_pid=

[[ $(id -u) == 0 ]] || { echo "needs root (network namespaces, raw sockets)" >&2; exit 1; }
for t in ip tcpreplay nft python3 java ethtool; do
  command -v $t >/dev/null || { echo "needs $t (apt-get install iproute2 tcpreplay nftables python3 ethtool)" >&2; exit 1; }
done
jar=$here/target/perimeter.jar
[[ -f $jar ]] || (cd "$here" && mvn -B -q -DskipTests package)

nsx() { local ns=$1; shift; ip netns exec "$ns" "$@"; }
cleanup() {
  [[ -n $bridge_pid ]] && kill "$bridge_pid" 2>/dev/null && wait "$bridge_pid" 2>/dev/null
  for ns in $OUT $BR $IN; do ip netns del "$ns" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM

setup() {
  for ns in $OUT $BR $IN; do
    ip netns add $ns; ip -n $ns link set lo up
    nsx $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  done
  ip -n $OUT link add o0 address $MAC_O type veth peer name po netns $BR
  ip -n $IN link add i0 address $MAC_I type veth peer name pi netns $BR
  ip -n $OUT addr add 172.16.11.5/16 dev o0
  ip -n $IN addr add 172.16.27.66/16 dev i0; ip -n $IN addr add 172.16.27.70/16 dev i0
  for x in "$OUT o0" "$BR po" "$BR pi" "$IN i0"; do
    set -- $x; nsx $1 ethtool -K $2 tx off rx off tso off gso off gro off >/dev/null 2>&1 || true
    ip -n $1 link set $2 up
  done
  # IN counts what arrives (rx_packets) and then drops it, so that no RST comes back through the bridge
  printf 'table netdev sink {\n chain in {\n  type filter hook ingress device "i0" priority 0; policy drop;\n }\n}\n' \
    | nsx $IN nft -f -
}

# frames.py: writes the pcaps and says how many of the first N frames (looping) the seed list lets through
cat > $W/frames.py <<'PY'
import struct, sys
PORTS = [25, 80, 110, 143, 443, 22, 109, 53]
FRAMES = 1600                      # a multiple of the pattern's period (2 destinations x 8 ports)
def permitted(i):
    dst66, port = i % 2 == 0, PORTS[(i // 2) % len(PORTS)]
    if dst66 and port == 25: return True        # 10 permit tcp any host 172.16.27.66 eq 25
    return port not in (25, 109, 110, 143)      # 20-40 deny 25, 109-110, 143; 50 permit ip any any
def csum(b):
    if len(b) % 2: b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff
def frame(i, size, smac, dmac):
    src, dst = bytes([172, 16, 11, 5]), bytes([172, 16, 27, 66 if i % 2 == 0 else 70])
    ip_len = max(40, size - 14)
    tcp = struct.pack('!HHIIBBHHH', 20000 + i, PORTS[(i // 2) % len(PORTS)], i, 0, 0x50, 0x02, 65535, 0, 0)
    tcp += b'\0' * (ip_len - 40)
    tcp = tcp[:16] + struct.pack('!H', csum(src + dst + struct.pack('!BBH', 0, 6, len(tcp)) + tcp)) + tcp[18:]
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, ip_len, i & 0xffff, 0x4000, 64, 6, 0, src, dst)
    ip = ip[:10] + struct.pack('!H', csum(ip)) + ip[12:]
    f = dmac + smac + b'\x08\x00' + ip + tcp
    return f + b'\0' * (size - len(f))
if sys.argv[1] == 'pcap':
    out, size = sys.argv[2], int(sys.argv[3])
    smac, dmac = (bytes.fromhex(m.replace(':', '')) for m in sys.argv[4:6])
    with open(out, 'wb') as fh:
        fh.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
        for i in range(FRAMES):
            f = frame(i, size, smac, dmac)
            fh.write(struct.pack('<IIII', 1700000000, i, len(f), len(f)) + f)
else:
    n = int(sys.argv[2]); per = sum(permitted(i) for i in range(FRAMES))
    print(n // FRAMES * per + sum(permitted(i) for i in range(n % FRAMES)))
PY

ios_config() {  # seed | 10k
  if [[ $1 == seed ]]; then cat "$here/examples/seed-router.cfg"; return; fi
  echo "ip access-list extended packet_filter"
  python3 -c 'for i in range(10000): print(" deny ip host 10.%d.%d.%d any" % (i >> 16 & 255, i >> 8 & 255, i & 255))'
  grep -E '^ (permit|deny)' "$here/examples/seed-router.cfg"
  printf '!\ninterface eth2/0\n ip access-group packet_filter out\n'
}

nft_rules() {  # seed | 10k: the same list for the kernel bridge, on frames leaving by pi
  echo 'table bridge filter {'
  echo ' chain forward { type filter hook forward priority 0; policy accept; oifname "pi" jump to_in; }'
  echo ' chain to_in {'
  [[ $1 == 10k ]] && python3 -c 'for i in range(10000): print("  ip saddr 10.%d.%d.%d drop" % (i >> 16 & 255, i >> 8 & 255, i & 255))'
  echo '  ip daddr 172.16.27.66 tcp dport 25 accept'
  echo '  tcp dport 25 drop'
  echo '  tcp dport 109-110 drop'
  echo '  tcp dport 143 drop'
  echo '  accept'
  echo ' }'
  echo '}'
}

start_perimeter() {  # list
  ios_config $1 > $W/$1.cfg
  ip netns exec $BR $(pin "$BRIDGE_CPU") java $JAVA_OPTS -jar "$jar" bridge --config $W/$1.cfg --port po --port pi=eth2/0 --wait-strategy $WAIT \
    --log $W/perimeter-$1.log > $W/perimeter-$1.out 2>&1 &
  bridge_pid=$!
  for _ in $(seq 100); do grep -q 'perimeter: bridging' $W/perimeter-$1.out && return; sleep 0.2; done
  echo "perimeter did not start:"; cat $W/perimeter-$1.out; exit 1
}

stop_perimeter() {
  kill -TERM $bridge_pid; wait $bridge_pid || true; bridge_pid=
}

start_kernel() {  # list
  ip -n $BR link add br0 type bridge stp_state 0 forward_delay 0
  ip -n $BR link set po master br0; ip -n $BR link set pi master br0; ip -n $BR link set br0 up
  for s in iptables ip6tables arptables; do nsx $BR sysctl -qw net.bridge.bridge-nf-call-$s=0 2>/dev/null || true; done
  bridge -n $BR fdb replace $MAC_I dev pi master static; bridge -n $BR fdb replace $MAC_O dev po master static
  nft_rules $1 > $W/$1.nft; nsx $BR nft -f $W/$1.nft
}

stop_kernel() {
  nsx $BR nft flush ruleset; ip -n $BR link del br0
}

rx() { nsx $IN cat /sys/class/net/i0/statistics/rx_packets; }

trial() {  # size rate(top|pps) -> "offered_pps loss_pct sent delivered expected"
  local size=$1 rate=$2 args before after sent secs expected
  if [[ $rate == top ]]; then args=--topspeed; else args="--pps=$rate --pps-multi=$(( rate > 100000 ? 16 : 4 ))"; fi
  before=$(rx)
  nsx $OUT $(pin "$SENDER_CPU") tcpreplay -i o0 -K $args --loop=0 --duration=$DUR --no-flow-stats $W/f$size.pcap > $W/tcpreplay.out 2>&1
  sleep 0.5; after=$(rx)
  read -r sent secs < <(sed -nE 's/.*Actual: ([0-9]+) packets .* sent in ([0-9.]+) seconds.*/\1 \2/p' $W/tcpreplay.out)
  expected=$(python3 $W/frames.py expected $sent)
  awk -v s=$sent -v t=$secs -v e=$expected -v d=$((after - before)) \
    'BEGIN { l = e > 0 ? 100 * (e - d) / e : 0; if (l < 0) l = 0; printf "%.0f %.4f %d %d %d\n", s / t, l, s, d, e }'
}

max_lossless() {  # system list size: topspeed, then a bisection of paced rates; prints the best lossless rate
  local system=$1 list=$2 size=$3 lo=0 hi r res offered loss
  res=$(trial $size top); read -r offered loss _ <<<"$res"
  echo "$system,$list,$size,top,${res// /,}" >> $CSV
  if awk -v l=$loss 'BEGIN { exit !(l < 0.1) }'; then echo "$offered sender-bound"; return; fi
  hi=$offered
  for _ in $(seq $STEPS); do
    r=$(( (lo + hi) / 2 )); res=$(trial $size $r); read -r offered loss _ <<<"$res"
    echo "$system,$list,$size,$r,${res// /,}" >> $CSV
    if awk -v l=$loss 'BEGIN { exit !(l < 0.1) }'; then lo=$r; else hi=$r; fi
  done
  echo "$lo bisected"
}

setup
for s in $SIZES; do python3 $W/frames.py pcap $W/f$s.pcap $s $MAC_O $MAC_I; done
echo "system,list,framelen,rate,offered_pps,loss_pct,sent,delivered,expected" > $CSV
declare -A best
for list in $LISTS; do
  for system in $SYSTEMS; do
    if [[ $system == perimeter ]]; then start_perimeter $list; trial 60 top > /dev/null; else start_kernel $list; fi
    for s in $SIZES; do
      read -r rate how < <(max_lossless $system $list $s)
      best[$system,$list,$s]=$rate
      printf '%-9s %-4s list, %4d-byte frames: %8d pps with <0.1%% loss (%s)\n' $system $list $((s + 4)) $rate $how
    done
    if [[ $system == perimeter ]]; then stop_perimeter; else stop_kernel; fi
  done
done
echo
echo "# $(date -u +%FT%TZ) $(uname -r) nproc=$(nproc) DUR=$DUR STEPS=$STEPS wait=$WAIT sender_cpu=$SENDER_CPU bridge_cpu=$BRIDGE_CPU; trials in $CSV"
printf '%-5s %-6s %14s %14s %8s\n' list frame perimeter_pps kernel_pps ratio
for list in $LISTS; do
  for s in $SIZES; do
    p=${best[perimeter,$list,$s]:-0}; k=${best[kernel,$list,$s]:-0}
    printf '%-5s %-6s %14d %14d %8s\n' $list $((s + 4)) $p $k $(awk -v p=$p -v k=$k 'BEGIN { if (k > 0) printf "%.2f", p / k; else print "-" }')
  done
done
