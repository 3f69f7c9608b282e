#!/usr/bin/env bash
# bridge-vs-kernel.sh (root): Perimeter's live bridge against the Linux kernel bridge filtering with the same lists
# as nftables rules, in the same namespaces and the same run. Two modes (MODES="pps tcp", both by default):
#   pps  the highest frame rate Perimeter forwards with under 0.1% loss (tcpreplay; offloads off on the veth ends)
#   tcp  TCP bulk throughput (iperf3, 1 and 4 streams; every veth end at its defaults) and CPU per gigabit
#
#   OUT (172.16.11.5, o0) --veth-- [po  BR  pi] --veth-- (i0, 172.16.27.66 + .70) IN
#
# Lists: the seed list (examples/seed-router.cfg) and the seed list behind 10,000 "deny ip host 10.x.y.z any"
# entries that match nothing of the traffic (for nftables: 10,000 "ip saddr 10.x.y.z drop" rules in front of the
# seed's rules, a linear chain). Traffic stays inside the namespaces made here; everything is removed on exit.
#
# pps: tcpreplay in OUT sends TCP SYNs (64-byte or 1500-byte frames; destinations alternate .66/.70, destination
# ports cycle through 25 80 110 143 443 22 109 53) at a paced rate; what reaches i0 is counted (then dropped at
# ingress) and compared with what the list should let through. Checksum, TSO, GSO and GRO are turned off on the
# four veth ends of this mode's namespaces.
#
# tcp: three namespaces of its own, so nothing of the pps mode leaks in (no ethtool call, no drop table on i0):
# o0, po, pi and i0 are exactly as "ip link add ... type veth" makes them (checksum offload, TSO and GSO on), so
# the hosts' TCP stacks hand the bridge the same large segments they hand any veth. An iperf3 server (one-off,
# started afresh for each run) listens in IN on 172.16.27.70:5201, which the seed list lets through (permit ip any
# any; 25, 109, 110 and 143 are the denied ports); the client in OUT runs "iperf3 -c 172.16.27.70 -t TCP_DUR -P N
# -J" and the figure is end.sum_received.bits_per_second. Before each measurement a 1-second iperf3 checks that the
# permitted connection works (and warms the JIT); when it gets no data across, the table says "no connection" and
# the run goes on. CPU, over the window of the measured iperf3 run, per Gbit received (cpu_seconds / (bytes * 8
# / 1e9)), in clock ticks (getconf CLK_TCK) turned into seconds:
#   machine    user+nice+system+irq+softirq of all CPUs (/proc/stat): everything the transfer cost, both iperf3
#              ends and the hosts' TCP stacks included. The kernel bridge has no process of its own: it bridges
#              and walks the nftables chain in the softirq raised by the sender's sendmsg (veth -> backlog), run
#              in the sender's context or in ksoftirqd, so the machine-wide figure is the fair one for both systems.
#   perimeter  Perimeter's own utime+stime (/proc/PID/stat, all its threads). Softirq work done for it (receiving
#              from the sender's veth, delivering what it sends up the receiving host's stack) counts here only
#              when it runs on one of its threads; elsewhere it is only in the machine figure.
# The machine figure counts other jobs too: each run samples one idle second before and one after (the busier in
# the CSV), and a figure taken while other jobs were using the CPUs is marked * in the table.
#
# usage: benchmarks/bridge-vs-kernel.sh            env: MODES="pps tcp" LISTS="seed 10k" SYSTEMS="perimeter kernel"
#        pps: DUR=seconds per trial (2), STEPS=search steps (6), SIZES="60 1514" WAIT=phased JAVA_OPTS=...
#        tcp: STREAMS="1 4" TCP_DUR=seconds per iperf3 run (10)
#             OFFLOADS=off turns checksum/TSO/GSO/GRO off on the hosts' ends (o0, i0) in the tcp mode, for both
#             systems: a debugging aid for bridges that cannot take offloaded frames, not the benchmark
#        SENDER_CPU=0 BRIDGE_CPU=1 (pin tcpreplay or the iperf3 client / Perimeter to one CPU each: measures
#        Perimeter on one core)   JAR=path/to/perimeter.jar (default target/perimeter.jar, built when missing)
#        e.g. MODES=tcp SYSTEMS=kernel benchmarks/bridge-vs-kernel.sh
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
DUR=${DUR:-2}; STEPS=${STEPS:-6}; SIZES=${SIZES:-"60 1514"}; LISTS=${LISTS:-"seed 10k"}
SYSTEMS=${SYSTEMS:-"perimeter kernel"}; WAIT=${WAIT:-phased}; SENDER_CPU=${SENDER_CPU:-}; BRIDGE_CPU=${BRIDGE_CPU:-}
MODES=${MODES:-"pps tcp"}; STREAMS=${STREAMS:-"1 4"}; TCP_DUR=${TCP_DUR:-10}; OFFLOADS=${OFFLOADS:-}
has() { [[ " $1 " == *" $2 "* ]]; }
for m in $MODES; do [[ $m == pps || $m == tcp ]] || { echo "MODES: pps and/or tcp, not $m" >&2; exit 1; }; done
pin() { [[ -n $1 ]] && echo "taskset -c $1"; true; }
 JAVA_OPTS=${JAVA_OPTS:-"-Xmx1g -XX:+UseParallelGC"}
tag=pb$$; OUT=; BR=; IN=
use_ns() { OUT=$tag-${1}out; BR=$tag-${1}br; IN=$tag-${1}in; }  # "" for the pps mode, t for the tcp mode
W=$(mktemp -d /tmp/bridge-bench.XXXXXX); CSV=$W/results.csv; TCSV=$W/tcp.csv
MAC_O=02:00:00:11:00:05; MAC_I=02:00:00:27:00:66
bridge_pid=; server_pid=

[[ $(id -u) == 0 ]] || { echo "needs root (network namespaces, raw sockets)" >&2; exit 1; }
need="ip nft python3 java"
has "$MODES" pps && need+=" tcpreplay ethtool"
has "$MODES" tcp && need+=" iperf3 ss timeout"
[[ $OFFLOADS == off ]] && need+=" ethtool"
for t in $need; do
  command -v $t >/dev/null || { echo "needs $t (apt-get install iproute2 tcpreplay nftables python3 ethtool iperf3)" >&2; exit 1; }
done
jar=${JAR:-$here/target/perimeter.jar}
if has "$SYSTEMS" perimeter && [[ ! -f $jar ]]; then
  [[ -z ${JAR:-} ]] || { echo "no $jar" >&2; exit 1; }
  (cd "$here" && mvn -B -q -DskipTests package)
fi

nsx() { local ns=$1; shift; ip netns exec "$ns" "$@"; }
cleanup() {
  [[ -n $bridge_pid ]] && kill "$bridge_pid" 2>/dev/null && wait "$bridge_pid" 2>/dev/null
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  for ns in $tag-out $tag-br $tag-in $tag-tout $tag-tbr $tag-tin; do ip netns del "$ns" 2>/dev/null || true; done
}
trap cleanup EXIT; trap 'exit 130' INT; trap 'exit 143' TERM

setup() {  # pps | tcp
  local mode=$1
  for ns in $OUT $BR $IN; do
    ip netns add $ns; ip -n $ns link set lo up
    nsx $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  done
  ip -n $OUT link add o0 address $MAC_O type veth peer name po netns $BR
  ip -n $IN link add i0 address $MAC_I type veth peer name pi netns $BR
  ip -n $OUT addr add 172.16.11.5/16 dev o0
  ip -n $IN addr add 172.16.27.66/16 dev i0; ip -n $IN addr add 172.16.27.70/16 dev i0
  for x in "$OUT o0" "$BR po" "$BR pi" "$IN i0"; do
    set -- $x
    # pps: offloads off on all four ends; tcp: none touched, unless OFFLOADS=off (then on the hosts' ends only)
    if [[ $mode == pps || ( $OFFLOADS == off && $2 == [oi]0 ) ]]; then
      nsx $1 ethtool -K $2 tx off rx off tso off gso off gro off >/dev/null 2>&1 || true
    fi
    ip -n $1 link set $2 up
  done
  [[ $mode == pps ]] || return 0
  # IN counts what arrives (rx_packets) and then drops it, so that no RST comes back through the bridge
  printf 'table netdev sink {\n chain in {\n  type filter hook ingress device "i0" priority 0; policy drop;\n }\n}\n' \
    | nsx $IN nft -f -
}

teardown() { for ns in $OUT $BR $IN; do ip netns del "$ns"; done; }

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

start_perimeter() {  # list [mode]
  local f=$W/perimeter-$1${2:+-$2}
  ios_config $1 > $W/$1.cfg
  ip netns exec $BR $(pin "$BRIDGE_CPU") java $JAVA_OPTS -jar "$jar" bridge --config $W/$1.cfg --port po --port pi=eth2/0 --wait-strategy $WAIT \
    --log $f.log > $f.out 2>&1 &
  bridge_pid=$!
  for _ in $(seq 100); do grep -q 'perimeter: bridging' $f.out && return; sleep 0.2; done
  echo "perimeter did not start:"; cat $f.out; exit 1
}

stop_perimeter() {
  kill -TERM $bridge_pid 2>/dev/null || true; wait $bridge_pid || true; bridge_pid=
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

# ---- tcp mode ----------------------------------------------------------------------------------------------

machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }  # user nice system irq softirq
proc_ticks() {  # utime + stime of Perimeter (all its threads), 0 when none runs
  if [[ -n $bridge_pid && -r /proc/$bridge_pid/stat ]]; then
    awk '{ sub(/^.*\) /, ""); print $12 + $13 }' /proc/$bridge_pid/stat   # fields 14 and 15 after "pid (comm) "
  else echo 0; fi
}
HZ=$(getconf CLK_TCK)

iperf_server() {  # a one-off iperf3 server in IN on 172.16.27.70:5201
  ip netns exec $IN iperf3 -s -1 -B 172.16.27.70 -p 5201 > $W/iperf3-server.out 2>&1 &   # not nsx: $! is iperf3
  server_pid=$!
  for _ in $(seq 50); do nsx $IN ss -Hltn 'sport = :5201' | grep -q . && return; sleep 0.1; done
  echo "iperf3 server did not start:"; cat $W/iperf3-server.out; exit 1
}
iperf_stop() { kill $server_pid 2>/dev/null || true; wait $server_pid 2>/dev/null || true; server_pid=; }

tcp_run() {  # seconds streams; sets TR to "gbit_s bytes seconds retransmits machine_cpu_s perimeter_cpu_s
             # background_cpu_s_per_s" or "none"
  local secs=$1 n=$2 m0 m1 p0 p1 b0 b1 bg
  iperf_server
  # one second with nothing sent before and after: what the machine spends without this run (other jobs), as a
  # check on the machine-wide figure, which counts everything; the busier of the two is reported
  b0=$(machine_ticks); sleep 1
  m0=$(machine_ticks); p0=$(proc_ticks)
  timeout $((secs + 20)) ip netns exec $OUT $(pin "$SENDER_CPU") iperf3 -c 172.16.27.70 -p 5201 -t $secs -P $n \
    --connect-timeout 3000 -J > $W/iperf3.json 2> $W/iperf3.err || true
  m1=$(machine_ticks); p1=$(proc_ticks)
  iperf_stop
  [[ $secs == 1 ]] || { sleep 1; b1=$(machine_ticks); }   # none after the 1-second check: the next run samples
  bg=$(( m0 - b0 )); (( ${b1:-$m1} - m1 > bg )) && bg=$(( b1 - m1 ))
  TR=$(python3 - $W/iperf3.json $(( m1 - m0 )) $(( p1 - p0 )) $HZ $bg <<'PY'
import json, sys
try:
    end = json.load(open(sys.argv[1]))['end']
    r, sent = end['sum_received'], end.get('sum_sent', {})
    if r['bytes'] <= 0: raise ValueError
except Exception:
    print('none'); sys.exit()
hz = int(sys.argv[4])
print('%.3f %d %.3f %d %.2f %.2f %.2f' % (r['bits_per_second'] / 1e9, r['bytes'], r['seconds'], sent.get('retransmits', 0),
                                           int(sys.argv[2]) / hz, int(sys.argv[3]) / hz, int(sys.argv[5]) / hz))
PY
)
}

run_tcp() {
  use_ns t; setup tcp
  echo "system,list,streams,gbit_s,bytes,seconds,retransmits,machine_cpu_s,perimeter_cpu_s,machine_cpu_s_per_gbit,perimeter_cpu_s_per_gbit,background_cpu_s_per_s,status" > $TCSV
  declare -gA tgbps tcpu tproc
  local list system n r gbps bytes secs retr mcpu pcpu mper pper bg
  for list in $LISTS; do
    for system in $SYSTEMS; do
      if [[ $system == perimeter ]]; then start_perimeter $list tcp; else start_kernel $list; fi
      for n in $STREAMS; do
        tcp_run 1 1   # the check: does the permitted connection carry data at all? (and a warm-up)
        [[ $TR == none ]] || tcp_run $TCP_DUR $n
        r=$TR
        if [[ $r == none ]]; then
          tgbps[$system,$list,$n]="no connection"
          echo "$system,$list,$n,,,,,,,,,,no connection" >> $TCSV
          printf '%-9s %-4s list, %d stream(s): no connection\n' $system $list $n
          continue
        fi
        read -r gbps bytes secs retr mcpu pcpu bg <<<"$r"
        mper=$(awk -v c=$mcpu -v b=$bytes 'BEGIN { printf "%.3f", c / (b * 8 / 1e9) }')
        pper=$(awk -v c=$pcpu -v b=$bytes 'BEGIN { printf "%.3f", c / (b * 8 / 1e9) }')
        [[ $system == perimeter ]] || { pcpu=; pper=; }
        tgbps[$system,$list,$n]=$gbps; tcpu[$system,$list,$n]=$mper; tproc[$system,$list,$n]=$pper
        awk -v b=$bg 'BEGIN { exit !(b > 0.05) }' && tcpu[$system,$list,$n]+='*'   # other jobs busy: see the CSV
        echo "$system,$list,$n,$gbps,$bytes,$secs,$retr,$mcpu,$pcpu,$mper,$pper,$bg,ok" >> $TCSV
        printf '%-9s %-4s list, %d stream(s): %7.2f Gbit/s, %5d retransmits, machine %.2f CPU-s (%s per Gbit)%s%s\n' \
          $system $list $n $gbps $retr $mcpu $mper "${pper:+, perimeter $pcpu CPU-s ($pper per Gbit)}" \
          "$(awk -v b=$bg 'BEGIN { if (b > 0.05) printf "; other jobs took %.2f CPU-s/s around it: machine figure inflated", b }')"
      done
      if [[ $system == perimeter ]]; then stop_perimeter; else stop_kernel; fi
    done
  done
  teardown
  echo
  echo "# $(date -u +%FT%TZ) $(uname -r) nproc=$(nproc) TCP_DUR=$TCP_DUR veth offloads: ${OFFLOADS:-defaults} wait=$WAIT sender_cpu=$SENDER_CPU bridge_cpu=$BRIDGE_CPU; runs in $TCSV"
  echo "# CPU-s/Gbit: machine-wide (user+nice+system+irq+softirq) per Gbit received, * when other jobs were using"
  echo "# the CPUs just before or after the run; perimeter_proc: Perimeter's own utime+stime per Gbit"
  printf '%-5s %7s %14s %12s %6s %15s %16s %12s\n' list streams perimeter_Gb/s kernel_Gb/s ratio perimeter_cpu/Gb perimeter_proc/Gb kernel_cpu/Gb
  for list in $LISTS; do
    for n in $STREAMS; do
      local p=${tgbps[perimeter,$list,$n]:--} k=${tgbps[kernel,$list,$n]:--}
      printf '%-5s %7s %14s %12s %6s %15s %16s %12s\n' $list $n "$p" "$k" \
        $(awk -v p="$p" -v k="$k" 'BEGIN { if (p + 0 > 0 && k + 0 > 0) printf "%.2f", p / k; else print "-" }') \
        ${tcpu[perimeter,$list,$n]:--} ${tproc[perimeter,$list,$n]:--} ${tcpu[kernel,$list,$n]:--}
    done
  done
}

# ---- pps mode -----------------------------------------------------------------------------------------------

run_pps() {
  use_ns ""; setup pps
  for s in $SIZES; do python3 $W/frames.py pcap $W/f$s.pcap $s $MAC_O $MAC_I; done
  echo "system,list,framelen,rate,offered_pps,loss_pct,sent,delivered,expected" > $CSV
  declare -gA best
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
  teardown
}

has "$MODES" pps && run_pps
has "$MODES" tcp && run_tcp
true
