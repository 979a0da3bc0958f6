#!/usr/bin/env bash
# bench/tunnel.sh - iperf3 TCP through real tunnels between two network namespaces, side by side, in one run.
#
# Rows (each brought up, checked with ping, measured, and torn down before the next):
#   veth                    plain veth, no tunnel: the ceiling            192.0.2.1    -> 192.0.2.2
#   Petrel <-> Petrel       two `petrel daemon`s, ESP aes128gcm16 raw     198.51.100.1 -> 203.0.113.1
#   strongSwan <-> sS       charon + kernel-libipsec (userspace ESP)      198.51.100.1 -> 203.0.113.1
#   Petrel <-> strongSwan   Petrel left (initiator), charon right         198.51.100.1 -> 203.0.113.1
#   wireguard-go            userspace WireGuard (ChaCha20-Poly1305)       198.51.100.2 -> 203.0.113.2
#   OpenVPN                 2.6, UDP, TLS keys, AES-256-GCM, no DCO       198.51.100.3 -> 203.0.113.3
# The IPsec rows use the shared interop harness (../shared/interop: netns-up.sh, strongswan-peer.sh and its psk
# configs with esp_proposals = $ESP) and this project's interop/petrel-peer.sh.
#
# Per row: iperf3 TCP left -> right for DURATION seconds with 1 stream, then with -P 4, after an unmeasured
# warm-up of WARMUP seconds (the same for every tunnel; it lets the JVM compile its hot path).
# Columns: receiver Mbit/s, ratio to Petrel <-> Petrel, CPU seconds per GB carried (utime+stime of the tunnel
# processes on both sides from /proc/PID/stat before and after, over the GB iperf3's receiver counted; n/a for the
# kernel-only veth row), and each daemon's VmRSS (MiB, left/right) after the runs.
#
# Usage: bench/tunnel.sh                         (as root; about 6 x (WARMUP + 2 x DURATION + 10) seconds)
# Environment:
#   DURATION=10    iperf3 seconds per measurement         WARMUP=3        unmeasured seconds before them
#   ROWS="veth petrel strongswan petrel-strongswan wireguard openvpn"     a subset, in this order
#   ESP=aes128gcm16                                        ESP proposal of the IPsec rows
#   PETREL_SHARED=../shared/interop                       the interop harness
#   BENCH_NS_PREFIX=tb<pid>                               names: PREFIX-l / PREFIX-r namespaces, PREFIX-vl / -vr veth
#   RESULTS=file.tsv                                      also write the raw figures as TSV
# Needs: iperf3, python3, ip, ping, openssl, charon-systemd + swanctl (strongSwan rows), wireguard-go + wg,
# openvpn, a JDK 25 (bin/petrel). The script says what is missing before it starts anything.
# Everything it starts is stopped by PID, and its namespaces and run directory are removed on exit, also on
# failure or Ctrl-C.
set -euo pipefail

here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
root=$(dirname "$here")
. "$here/lib.sh"
SHARED=$(readlink -f "${PETREL_SHARED:-$root/../shared/interop}")
PETREL_PEER=$root/interop/petrel-peer.sh
STRONGSWAN_PEER=$SHARED/strongswan-peer.sh

DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
ESP=${ESP:-aes128gcm16}
ROWS=${ROWS:-"veth petrel strongswan petrel-strongswan wireguard openvpn"}
RESULTS=${RESULTS:-}
PARALLEL=(1 4)
ALL_ROWS="veth $(for r in $ROWS; do [ "$r" = veth ] || printf '%s ' "$r"; done)"

prefix=${BENCH_NS_PREFIX:-tb$$}
# The shared scripts read these; the namespaces and the run directory are this run's own.
export LEFT_NS=$prefix-l RIGHT_NS=$prefix-r LEFT_VETH=$prefix-vl RIGHT_VETH=$prefix-vr
export INTEROP_RUN=/run/petrel-tunnel-bench/$prefix
OUT_L=192.0.2.1 OUT_R=192.0.2.2
IN_L=198.51.100.1 IN_R=203.0.113.1      # IPsec rows (on lo, made by netns-up.sh)
WG_L=198.51.100.2 WG_R=203.0.113.2      # wireguard-go
OV_L=198.51.100.3 OV_R=203.0.113.3      # OpenVPN (point-to-point)
SUB_L=198.51.100.0/24 SUB_R=203.0.113.0/24
# wireguard-go's UAPI socket /var/run/wireguard/IF.sock is shared by all namespaces: names of our own.
WGIF_L=${prefix}wl WGIF_R=${prefix}wr

log() { printf '[tunnel.sh] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# --- what is needed, per row ---------------------------------------------------------------------------------
needs_for() {
  case $1 in
    veth) echo "iperf3 python3 ip ping" ;;
    petrel) echo "jdk25" ;;
    strongswan|petrel-strongswan) echo "charon-systemd swanctl" ;;
    wireguard) echo "wireguard-go wg" ;;
    openvpn) echo "openvpn openssl" ;;
    *) die "unknown row '$1' (rows: veth petrel strongswan petrel-strongswan wireguard openvpn)" ;;
  esac
}
package_of() {
  case $1 in
    charon-systemd) echo "charon-systemd libstrongswan-extra-plugins libcharon-extra-plugins" ;;
    swanctl) echo strongswan-swanctl ;; wg) echo wireguard-tools ;; ip) echo iproute2 ;;
    ping) echo iputils-ping ;; python3) echo python3-minimal ;; jdk25) ;;
    *) echo "$1" ;;
  esac
}
check_tools() {
  local missing=() pkgs=() row tool
  for row in $ALL_ROWS; do
    for tool in $(needs_for "$row"); do
      case $tool in
        jdk25) (. "$root/bin/jdk.sh") >/dev/null 2>&1 || missing+=("$tool") ;;
        *) command -v "$tool" >/dev/null || PATH=$PATH:/usr/sbin:/sbin command -v "$tool" >/dev/null || missing+=("$tool") ;;
      esac
    done
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  missing=($(printf '%s\n' "${missing[@]}" | sort -u))
  for tool in "${missing[@]}"; do pkgs+=($(package_of "$tool")); done
  log "missing: ${missing[*]}"
  [ ${#pkgs[@]} -gt 0 ] && log "install: apt-get install -y --no-install-recommends ${pkgs[*]}"
  [[ " ${missing[*]} " == *" jdk25 "* ]] && log "and a JDK 25 (e.g. Temurin 25) under /usr/lib/jvm or in JAVA_HOME, for bin/petrel"
  log "or leave those rows out with ROWS=\"...\""
  exit 1
}

# --- bookkeeping: every process this script starts directly is in PIDS; drivers stop their own daemons ---------
declare -A PIDS=()        # name -> pid
declare -A DRIVER=()      # namespace -> driver that started a daemon there
work=""
cleanup() {
  local rc=$? name pid ns
  set +e
  trap - EXIT INT TERM
  for name in "${!PIDS[@]}"; do stop_pid "$name"; done
  for ns in "${!DRIVER[@]}"; do "${DRIVER[$ns]}" stop "$ns" >/dev/null 2>&1; done
  remove_namespaces
  rm -rf "$INTEROP_RUN" "$work"
  rmdir /run/petrel-tunnel-bench 2>/dev/null
  exit "$rc"
}
stop_pid() {
  local name=$1 pid=${PIDS[$1]:-}
  unset "PIDS[$name]"
  [ -n "$pid" ] && [ -d "/proc/$pid" ] || return 0
  kill "$pid" 2>/dev/null
  for _ in $(seq 50); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
  [ -d "/proc/$pid" ] && kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  return 0
}
# spawn NAME NS CMD...: CMD in NS in the background (ip netns exec execs it, so $! is its own PID).
spawn() {
  local name=$1 ns=$2; shift 2
  ip netns exec "$ns" "$@" >"$work/$name.log" 2>&1 &
  PIDS[$name]=$!
}
nsx() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

# --- measuring ------------------------------------------------------------------------------------------------
cpu_ticks() { # sum of utime+stime (clock ticks) of the given PIDs, all their threads
  local pid sum=0
  for pid in "$@"; do sum=$((sum + $(sed 's/.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}'))); done
  echo "$sum"
}

# iperf SERVER_IP CLIENT_IP STREAMS SECONDS: runs iperf3 left -> right; sets MBPS_NOW and BYTES_NOW (receiver side).
iperf() {
  local sip=$1 cip=$2 p=$3 t=$4
  spawn iperf3-server "$RIGHT_NS" iperf3 -s -1 -B "$sip"
  for _ in $(seq 50); do nsx "$RIGHT_NS" ss -ltn 2>/dev/null | grep -qF "$sip:5201" && break; sleep 0.1; done
  spawn iperf3-client "$LEFT_NS" iperf3 -c "$sip" -B "$cip" -t "$t" -P "$p" -J
  wait "${PIDS[iperf3-client]}" 2>/dev/null || true
  unset "PIDS[iperf3-client]"
  stop_pid iperf3-server
  read -r MBPS_NOW BYTES_NOW < <(python3 - "$work/iperf3-client.log" <<'PY' || echo "FAILED 0"
import json, sys
try:
    d = json.load(open(sys.argv[1]))
    r = d["end"]["sum_received"]
    print("%.1f %d" % (r["bits_per_second"] / 1e6, r["bytes"]))
except Exception as e:
    print("iperf3: %s" % (locals().get("d", {}).get("error") or e), file=sys.stderr)
    print("FAILED 0")
PY
  ) || true
  if [ -z "${BYTES_NOW:-}" ]; then
    log "could not read iperf3's result; its output ends:"; tail -5 "$work/iperf3-client.log" >&2
    MBPS_NOW=FAILED BYTES_NOW=0
  fi
}

declare -A MBPS=() CPU=() RSS=() STATUS=()
# measure ROW SERVER_IP CLIENT_IP [TUNNEL_PID...]: warm-up, then 1 and 4 streams, CPU and RSS of the given PIDs.
measure() {
  local row=$1 sip=$2 cip=$3; shift 3
  local pids=("$@") p before after mbps bytes
  if ! nsx "$LEFT_NS" ping -c3 -i0.2 -W2 -I "$cip" "$sip" >/dev/null; then
    log "$row: ping $cip -> $sip through the tunnel failed"; STATUS[$row]="no tunnel"; return 1
  fi
  if [ ${#pids[@]} -gt 0 ] && [ "$WARMUP" -gt 0 ]; then iperf "$sip" "$cip" 1 "$WARMUP"; fi
  for p in "${PARALLEL[@]}"; do
    before=$([ ${#pids[@]} -gt 0 ] && cpu_ticks "${pids[@]}" || echo 0)
    iperf "$sip" "$cip" "$p" "$DURATION"; mbps=$MBPS_NOW bytes=$BYTES_NOW
    after=$([ ${#pids[@]} -gt 0 ] && cpu_ticks "${pids[@]}" || echo 0)
    MBPS[$row,$p]=$mbps
    if [ ${#pids[@]} -gt 0 ] && [ "$bytes" -gt 0 ]; then
      CPU[$row,$p]=$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v b="$bytes" 'BEGIN {printf "%.1f", t / hz / (b / 1e9)}')
    else
      CPU[$row,$p]=n/a
    fi
    log "$row, $p stream(s): $mbps Mbit/s, CPU ${CPU[$row,$p]} s/GB"
    [ "$mbps" != FAILED ] || STATUS[$row]="iperf3 failed"
  done
  if [ ${#pids[@]} -eq 2 ]; then RSS[$row]="$(rss_mib "${pids[0]}") / $(rss_mib "${pids[1]}")"; else RSS[$row]=n/a; fi
  STATUS[$row]=${STATUS[$row]:-ok}
}

# --- the IPsec peers, through the interop drivers -------------------------------------------------------------
ipsec_configs() { # DIR: the shared psk case with esp_proposals = $ESP
  local side
  for side in left right; do
    mkdir -p "$1/$side"
    sed "s/^\( *esp_proposals *= *\).*/\1$ESP/" "$SHARED/conf/psk/$side/swanctl.conf" > "$1/$side/swanctl.conf"
  done
}
# ipsec_row ROW LEFT_DRIVER RIGHT_DRIVER: responder right, initiator left, child "net", measure, stop both.
ipsec_row() {
  local row=$1 left=$2 right=$3 conf=$work/$1 lpid rpid
  ipsec_configs "$conf"
  DRIVER[$RIGHT_NS]=$right; DRIVER[$LEFT_NS]=$left
  if ! rpid=$("$right" start "$RIGHT_NS" "$conf/right") || ! lpid=$("$left" start "$LEFT_NS" "$conf/left"); then
    STATUS[$row]="daemon did not start"
  elif "$left" initiate "$LEFT_NS" net >"$work/$row-initiate.log" 2>&1; then
    measure "$row" "$IN_R" "$IN_L" "$lpid" "$rpid" || true
  else
    log "$row: initiate failed:"; tail -3 "$work/$row-initiate.log" >&2; STATUS[$row]="initiate failed"
  fi
  "$left" stop "$LEFT_NS" >/dev/null 2>&1 || true; unset "DRIVER[$LEFT_NS]"
  "$right" stop "$RIGHT_NS" >/dev/null 2>&1 || true; unset "DRIVER[$RIGHT_NS]"
}

row_veth()              { measure veth "$OUT_R" "$OUT_L" || true; }
row_petrel()            { ipsec_row petrel "$PETREL_PEER" "$PETREL_PEER"; }
row_strongswan()        { ipsec_row strongswan "$STRONGSWAN_PEER" "$STRONGSWAN_PEER"; }
row_petrel-strongswan() { ipsec_row petrel-strongswan "$PETREL_PEER" "$STRONGSWAN_PEER"; }

# --- wireguard-go ---------------------------------------------------------------------------------------------
# wg_side SIDE NS IF OWN_INNER PEER_OUTER PEER_SUBNET
wg_side() {
  local side=$1 ns=$2 ifn=$3 ip=$4 peer_out=$5 peer_sub=$6 other sock
  [ "$side" = left ] && other=right || other=left
  sock=/var/run/wireguard/$ifn.sock
  [ -S "$sock" ] && die "$sock exists: another wireguard-go $ifn is running"
  spawn "wg-$side" "$ns" env WG_PROCESS_FOREGROUND=1 wireguard-go -f "$ifn"
  for _ in $(seq 50); do [ -S "$sock" ] && break; sleep 0.1; done
  [ -S "$sock" ] || { log "wireguard-go $ifn did not create $sock"; return 1; }
  nsx "$ns" wg set "$ifn" listen-port 51820 private-key "$work/wg/$side.key" \
    peer "$(cat "$work/wg/$other.pub")" allowed-ips "$peer_sub" endpoint "$peer_out:51820"
  nsx "$ns" ip addr add "$ip/32" dev "$ifn"
  nsx "$ns" ip link set "$ifn" up
  nsx "$ns" ip route add "$peer_sub" dev "$ifn" src "$ip"
}
row_wireguard() {
  mkdir -p "$work/wg"
  (umask 077; cd "$work/wg"
   wg genkey > left.key; wg pubkey < left.key > left.pub
   wg genkey > right.key; wg pubkey < right.key > right.pub)
  if wg_side left "$LEFT_NS" "$WGIF_L" "$WG_L" "$OUT_R" "$SUB_R" &&
     wg_side right "$RIGHT_NS" "$WGIF_R" "$WG_R" "$OUT_L" "$SUB_L"; then
    measure wireguard "$WG_R" "$WG_L" "${PIDS[wg-left]}" "${PIDS[wg-right]}" || true
  else
    STATUS[wireguard]="did not start"
  fi
  stop_pid wg-left; stop_pid wg-right
}

# --- OpenVPN: point-to-point over UDP, TLS with a throw-away ECDSA CA, AES-256-GCM, DCO off ---------------------
ovpn_certs() {
  (umask 077; mkdir -p "$work/ovpn"; cd "$work/ovpn"
   openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 \
     -subj /CN=tunnel-bench-ca -keyout ca.key -out ca.crt 2>/dev/null
   for n in left right; do
     if [ "$n" = right ]; then eku=serverAuth; else eku=clientAuth; fi
     openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
       -subj "/CN=$n.tunnel-bench.test" -keyout "$n.key" -out "$n.csr" 2>/dev/null
     printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyAgreement\nextendedKeyUsage=%s\n' "$eku" > "$n.ext"
     openssl x509 -req -in "$n.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 1 \
       -extfile "$n.ext" -out "$n.crt" 2>/dev/null
   done)
}
# ovpn_side SIDE NS OWN_OUTER PEER_OUTER OWN_INNER PEER_INNER ROLE-ARGS...
ovpn_side() {
  local side=$1 ns=$2 lo=$3 ro=$4 li=$5 ri=$6 d=$work/ovpn; shift 6
  spawn "ovpn-$side" "$ns" openvpn --proto udp --local "$lo" --lport 1194 --remote "$ro" --rport 1194 \
    --dev ovpn0 --dev-type tun --ifconfig "$li" "$ri" \
    --ca "$d/ca.crt" --cert "$d/$side.crt" --key "$d/$side.key" \
    --data-ciphers AES-256-GCM --cipher AES-256-GCM --disable-dco --script-security 1 --verb 3 "$@"
}
row_openvpn() {
  local side ok=1
  ovpn_certs || { STATUS[openvpn]="openssl failed"; return 0; }
  ovpn_side right "$RIGHT_NS" "$OUT_R" "$OUT_L" "$OV_R" "$OV_L" \
    --tls-server --dh none --remote-cert-tls client --verify-x509-name left.tunnel-bench.test name
  ovpn_side left "$LEFT_NS" "$OUT_L" "$OUT_R" "$OV_L" "$OV_R" \
    --tls-client --remote-cert-tls server --verify-x509-name right.tunnel-bench.test name
  for side in left right; do
    for _ in $(seq 150); do grep -q 'Initialization Sequence Completed' "$work/ovpn-$side.log" && break; sleep 0.1; done
    grep -q 'Initialization Sequence Completed' "$work/ovpn-$side.log" || { log "openvpn $side did not come up"; ok=0; }
  done
  if [ "$ok" = 1 ]; then
    measure openvpn "$OV_R" "$OV_L" "${PIDS[ovpn-left]}" "${PIDS[ovpn-right]}" || true
  else
    STATUS[openvpn]="did not start"; tail -5 "$work/ovpn-left.log" >&2
  fi
  stop_pid ovpn-left; stop_pid ovpn-right
}

# --- the table --------------------------------------------------------------------------------------------------
label_of() {
  case $1 in
    veth) echo "plain veth (ceiling)" ;; petrel) echo "Petrel ↔ Petrel" ;;
    strongswan) echo "strongSwan ↔ strongSwan" ;; petrel-strongswan) echo "Petrel ↔ strongSwan" ;;
    wireguard) echo "wireguard-go ↔ wireguard-go" ;; openvpn) echo "OpenVPN ↔ OpenVPN" ;;
  esac
}
ratio() { # ROW P: this row's Mbit/s over Petrel <-> Petrel's
  local a=${MBPS[$1,$2]:-} b=${MBPS[petrel,$2]:-}
  if [[ "$a" =~ ^[0-9.]+$ && "$b" =~ ^[0-9.]+$ ]]; then awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f×", a / b}'; else echo "n/a"; fi
}
print_table() {
  local row
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "tunnel" "1 stream Mbit/s" "÷ Petrel" "4 streams Mbit/s" \
    "÷ Petrel" "CPU s/GB (1)" "CPU s/GB (4)" "VmRSS MiB left / right"
  printf '|---|---:|---:|---:|---:|---:|---:|---:|\n'
  for row in $ALL_ROWS; do
    if [ "${STATUS[$row]:-}" != ok ]; then
      printf '| %s | %s |  |  |  |  |  |  |\n' "$(label_of "$row")" "${STATUS[$row]:-not run}"; continue
    fi
    printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$(label_of "$row")" "${MBPS[$row,1]}" "$(ratio "$row" 1)" \
      "${MBPS[$row,4]}" "$(ratio "$row" 4)" "${CPU[$row,1]}" "${CPU[$row,4]}" "${RSS[$row]}"
    [ -n "$RESULTS" ] && printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$row" "${MBPS[$row,1]}" "${MBPS[$row,4]}" \
      "${CPU[$row,1]}" "${CPU[$row,4]}" "${RSS[$row]}" >> "$RESULTS"
  done
  return 0
}

# --- main -------------------------------------------------------------------------------------------------------
[ "$(id -u)" = 0 ] || die "must run as root (network namespaces, TUN devices, UDP 500)"
[ -x "$STRONGSWAN_PEER" ] || die "the interop harness is not at $SHARED (set PETREL_SHARED)"
check_tools
refuse_existing_namespaces
work=$(mktemp -d /tmp/petrel-tunnel-bench.XXXXXX)
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$INTEROP_RUN"
[ -n "$RESULTS" ] && printf 'row\tmbps_1\tmbps_4\tcpu_s_per_gb_1\tcpu_s_per_gb_4\trss_mib_left_right\n' > "$RESULTS"
case " $ROWS " in *" petrel "*|*" petrel-strongswan "*) "$root/bin/petrel" --version >/dev/null || die "bin/petrel does not run" ;; esac
"$SHARED/netns-up.sh" 2>/dev/null || die "netns-up.sh failed"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
log "namespaces $LEFT_NS ($OUT_L) <-> $RIGHT_NS ($OUT_R); ESP $ESP; ${DURATION}s per run, ${WARMUP}s warm-up; load $load_before"

for row in $ALL_ROWS; do
  log "--- $(label_of "$row")"
  "row_$row"
done

echo
echo "$(date -u '+%F %H:%M UTC'), $(nproc) CPUs ($(sed -n 's/^model name\t*: //p' /proc/cpuinfo | head -1)), kernel $(uname -r)"
echo "load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg); ${DURATION}s per run after ${WARMUP}s warm-up; ESP $ESP"
print_table
for row in $ALL_ROWS; do [ "${STATUS[$row]:-}" = ok ] || exit 1; done
