# shellcheck shell=bash
# Sourced by test.sh and bench.sh: starts a simulator and waits until it
# listens, or fails with its log.

pids=()

# start_sim BINARY LOG ARGS...: starts BINARY --port 0 ARGS in the background,
# adds its pid to $pids (for the caller's trap) and sets $url to its address.
# Not meant for a $(…) subshell, so the pid reaches the caller.
start_sim() {
  local bin=$1 log=$2
  shift 2
  "$bin" --port 0 "$@" >"$log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  url=
  for _ in $(seq 100); do
    url=$(sed -n 's|.*listening on \(https\{0,1\}://[^/]*\)/.*|\1|p' "$log" | head -1)
    [ -n "$url" ] && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  cat "$log" >&2
  echo "the simulator did not start: $bin $*" >&2
  return 1
}

# wait_for_http URL WHAT: waits up to 5 s for URL to answer, or fails.
wait_for_http() {
  for _ in $(seq 50); do
    curl -fs -o /dev/null "$1" && return 0
    sleep 0.1
  done
  echo "$2 did not answer at $1" >&2
  return 1
}
