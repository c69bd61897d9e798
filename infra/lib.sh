# Shared helpers for infra/*.sh — sourced, not executed.
# shellcheck shell=bash

INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$INFRA_DIR/.." && pwd)"
RUN_ROOT="${DELAKTIG_RUN_DIR:-$REPO_ROOT/.run}"
CACHE_ROOT="${DELAKTIG_CACHE_DIR:-$INFRA_DIR/.cache}"

_ts() { date +%H:%M:%S; }
info() { printf '[%s] %s\n' "$(_ts)" "$*"; }
ok()   { printf '[%s] OK   %s\n' "$(_ts)" "$*"; }
warn() { printf '[%s] WARN %s\n' "$(_ts)" "$*" >&2; }
die()  { printf '[%s] FAIL %s\n' "$(_ts)" "$*" >&2; exit 1; }

need() { command -v "$1" >/dev/null 2>&1 || die "'$1' is required but not on PATH${2:+ ($2)}"; }

now_ms() { date +%s%3N; }

# tcp_open HOST PORT — true if something accepts TCP connections there.
tcp_open() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# pid_alive PIDFILE PATTERN — true if the pid in PIDFILE runs and its command line
# contains PATTERN (guards against a recycled pid).
pid_alive() {
  local pidfile=$1 pattern=$2 pid
  [[ -s $pidfile ]] || return 1
  pid=$(<"$pidfile")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$pattern"
}

# stop_pid PIDFILE PATTERN NAME TIMEOUT_S — SIGTERM, wait, SIGKILL after the timeout.
# Sets STOP_KILLED=1 if SIGKILL was needed.
stop_pid() {
  STOP_KILLED=0
  local pidfile=$1 pattern=$2 name=$3 timeout=${4:-30} pid i
  if ! pid_alive "$pidfile" "$pattern"; then
    rm -f "$pidfile"
    ok "$name is not running"
    return 0
  fi
  pid=$(<"$pidfile")
  local t0; t0=$(now_ms)
  info "stopping $name (pid $pid, SIGTERM, up to ${timeout}s)"
  # spawn() puts each service in its own session, so signal the whole process group
  # (e.g. kc.sh and its java child); fall back to the single pid.
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    warn "$name did not exit within ${timeout}s; sending SIGKILL"
    STOP_KILLED=1
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$pidfile"
  ok "$name stopped in $(( ($(now_ms) - t0) ))ms"
}

# rss_mb PID — resident set size in MiB of PID and its process group (e.g. kc.sh + java).
rss_mb() {
  local kb
  kb=$(ps -o rss= -g "$1" 2>/dev/null | awk '{ s += $1 } END { print s + 0 }')
  [[ $kb -gt 0 ]] || kb=$(ps -o rss= -p "$1" 2>/dev/null | awk '{ print $1 + 0 }')
  echo $(( ${kb:-0} / 1024 ))
}

# spawn PIDFILE LOGFILE CMD... — start CMD detached (own session) with output appended
# to LOGFILE, record its pid.
spawn() {
  local pidfile=$1 logfile=$2; shift 2
  mkdir -p "$(dirname "$pidfile")" "$(dirname "$logfile")"
  printf '\n===== %s starting: %s\n' "$(date -Is)" "$*" >>"$logfile"
  # setsid: survive the calling shell/terminal; the inner shell writes its own pid
  # and then execs the command, so the pid file holds the real process.
  # fd 9 is the callers' flock: the child must not inherit it or the lock outlives the script.
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@" </dev/null >>"$logfile" 2>&1 9>&- &
  local i
  for ((i = 0; i < 50; i++)); do [[ -s $pidfile ]] && return 0; sleep 0.05; done
  die "could not start $1"
}

# rel PATH — PATH relative to the repository root (for messages).
rel() { printf '%s' "${1#"$REPO_ROOT"/}"; }

# realm_of_profile PROFILE — the Keycloak realm of a profile when KEYCLOAK_REALM is not set:
# `delaktig` for dev, `delaktig-<profile>` otherwise (one Keycloak serves every profile).
realm_of_profile() {
  if [[ $1 == dev ]]; then echo delaktig; else echo "delaktig-$1"; fi
}
