# bench/lib.sh - what the side-by-side bench scripts share (sourced, not run): their two namespaces, LEFT_NS and
# RIGHT_NS, and the memory of a process.

ns_exists() { ip netns list | awk '{print $1}' | grep -qx "$1"; }
# Refuses to start over namespaces of another run (the caller's die).
refuse_existing_namespaces() {
  local ns
  for ns in "$LEFT_NS" "$RIGHT_NS"; do
    ns_exists "$ns" && die "namespace $ns exists already (another run?); set BENCH_NS_PREFIX"
  done
  return 0
}
remove_namespaces() {
  local ns
  for ns in "$LEFT_NS" "$RIGHT_NS"; do ns_exists "$ns" && ip netns del "$ns"; done
  return 0
}
rss_mib() { awk '/^VmRSS:/ {printf "%d", $2 / 1024}' "/proc/$1/status"; }
