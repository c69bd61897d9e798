#!/usr/bin/env bash
# Local Zipkin (io.zipkin:zipkin-server exec jar from Maven Central): span collector and trace
# viewer in one JVM. The services (OTEL_TRACES_EXPORTER=zipkin in infra/env/dev.env) and the
# browsers (config.json telemetryFormat=zipkin) post spans to /api/v2/spans; a developer opens
# the UI at http://localhost:9411. Spans are kept in memory only (gone at stop).
#   infra/zipkin.sh start      fetch + unpack (first time), start on 127.0.0.1:9411, wait for /health
#   infra/zipkin.sh stop       SIGTERM, wait (SIGKILL after ZIPKIN_STOP_TIMEOUT s)
#   infra/zipkin.sh restart
#   infra/zipkin.sh status     exit 0 only if /health says UP
#   infra/zipkin.sh fetch      only download and unpack
#   infra/zipkin.sh logs       tail the server log
# Env: ZIPKIN_VERSION (3.5.1) ZIPKIN_HOST (127.0.0.1) ZIPKIN_PORT (9411)
#      ZIPKIN_MEM_MAX_SPANS (50000; the oldest traces are dropped beyond it)
#      ZIPKIN_ALLOWED_ORIGINS (the dev staff UI and child app: http://localhost:4200,4300 and
#      http://127.0.0.1:4200,4300; CORS of the collector and query API, comma-separated)
#      ZIPKIN_HEAP_OPTS (-Xms32m -Xmx256m) ZIPKIN_JIT_OPTS (-XX:TieredStopAtLevel=1; "" for full C2)
#      ZIPKIN_CDS (1) ZIPKIN_START_TIMEOUT (90) ZIPKIN_STOP_TIMEOUT (20) JAVA_HOME
# Start-up speed: the exec jar is unpacked once into infra/.cache/zipkin-<v>/ and run from a
# plain class path (no Spring Boot launcher), so the JVM can use a class-data-sharing archive:
# it is recorded during the first run and written when that run stops (like Keycloak's), and
# halves start-up from then on.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ZIPKIN_VERSION="${ZIPKIN_VERSION:-3.5.1}"
ZIPKIN_HOST="${ZIPKIN_HOST:-127.0.0.1}"
ZIPKIN_PORT="${ZIPKIN_PORT:-9411}"
ZIPKIN_MEM_MAX_SPANS="${ZIPKIN_MEM_MAX_SPANS:-50000}"
ZIPKIN_ALLOWED_ORIGINS="${ZIPKIN_ALLOWED_ORIGINS:-http://localhost:4200,http://localhost:4300,http://127.0.0.1:4200,http://127.0.0.1:4300}"
ZIPKIN_HEAP_OPTS="${ZIPKIN_HEAP_OPTS:--Xms32m -Xmx256m}"
ZIPKIN_JIT_OPTS="${ZIPKIN_JIT_OPTS--XX:TieredStopAtLevel=1}"
ZIPKIN_CDS="${ZIPKIN_CDS:-1}"
ZIPKIN_START_TIMEOUT="${ZIPKIN_START_TIMEOUT:-90}"
ZIPKIN_STOP_TIMEOUT="${ZIPKIN_STOP_TIMEOUT:-20}"

ZIPKIN_HOME="$CACHE_ROOT/zipkin-$ZIPKIN_VERSION"
ZIPKIN_RUN_DIR="$RUN_ROOT/zipkin"
PIDFILE="$ZIPKIN_RUN_DIR/zipkin.pid"
LOGFILE="$ZIPKIN_RUN_DIR/zipkin.log"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAR="${JAVA_HOME:+$JAVA_HOME/bin/}jar"
MAIN_CLASS="zipkin.server.ZipkinServer"
PID_PATTERN="$MAIN_CLASS"
BASE_URL="http://$ZIPKIN_HOST:$ZIPKIN_PORT"
CDS_ARCHIVE="$ZIPKIN_HOME/zipkin-cds.jsa"
CDS_PENDING="$ZIPKIN_RUN_DIR/cds-pending"   # holds the path of an archive the running JVM writes at exit

lock() { mkdir -p "$ZIPKIN_RUN_DIR"; exec 9>"$ZIPKIN_RUN_DIR/.lock"; flock 9; }

cmd_fetch() {
  if [[ -f $ZIPKIN_HOME/.complete ]]; then return 0; fi
  need mvn "apt-get install maven"; need unzip
  local t0; t0=$(now_ms)
  local jar="$CACHE_ROOT/zipkin-server-$ZIPKIN_VERSION-exec.jar"
  mkdir -p "$CACHE_ROOT"
  if [[ ! -s $jar ]]; then
    info "fetching Zipkin $ZIPKIN_VERSION (io.zipkin:zipkin-server:$ZIPKIN_VERSION:jar:exec) from Maven Central"
    # run outside any Maven project: dependency:copy needs none
    (cd "$CACHE_ROOT" && mvn -q -B dependency:copy \
      -Dartifact="io.zipkin:zipkin-server:$ZIPKIN_VERSION:jar:exec" \
      -DoutputDirectory="$CACHE_ROOT" >"$CACHE_ROOT/zipkin-fetch.log" 2>&1) \
      || { tail -30 "$CACHE_ROOT/zipkin-fetch.log" >&2; die "maven could not fetch Zipkin $ZIPKIN_VERSION"; }
  fi
  info "unpacking $(rel "$jar")"
  rm -rf "$ZIPKIN_HOME" "$ZIPKIN_HOME.tmp"; mkdir -p "$ZIPKIN_HOME.tmp"
  # The exec jar starts with a launch script; unzip skips it (and says so: exit 1 = warning).
  unzip -q "$jar" 'BOOT-INF/*' -d "$ZIPKIN_HOME.tmp" || [[ $? == 1 ]] || die "could not unpack $(rel "$jar")"
  local tmp="$ZIPKIN_HOME.tmp/BOOT-INF"
  [[ -f $tmp/classpath.idx && -d $tmp/classes/zipkin ]] || die "$(rel "$jar") is not the Zipkin exec jar"
  # Zipkin's own classes as a jar: a class-data-sharing archive accepts no directories on the class path.
  if command -v "$JAR" >/dev/null 2>&1; then
    "$JAR" cf "$tmp/zipkin-classes.jar" -C "$tmp/classes" . && rm -rf "$tmp/classes"
  fi
  # The class path in the launcher's order (BOOT-INF/classpath.idx), relative to ZIPKIN_HOME.
  { if [[ -f $tmp/zipkin-classes.jar ]]; then echo "BOOT-INF/zipkin-classes.jar"; else echo "BOOT-INF/classes"; fi
    sed -n 's/^- "\(.*\)"$/\1/p' "$tmp/classpath.idx"; } >"$ZIPKIN_HOME.tmp/classpath.txt"
  mv "$ZIPKIN_HOME.tmp" "$ZIPKIN_HOME"
  rm -f "$jar"   # a copy stays in ~/.m2
  touch "$ZIPKIN_HOME/.complete"
  ok "fetched Zipkin $ZIPKIN_VERSION ($(( $(wc -l <"$ZIPKIN_HOME/classpath.txt") - 1 )) jars) in $(( ($(now_ms) - t0) / 1000 ))s"
}

classpath() {
  sed "s#^#$ZIPKIN_HOME/#" "$ZIPKIN_HOME/classpath.txt" | paste -sd:
}

healthy() {
  curl -fsS -m 2 "$BASE_URL/health" 2>/dev/null | grep -q '"status" *: *"UP"'
}

wait_healthy() {
  local t0=$1 what=$2 deadline=$(( $(date +%s) + ZIPKIN_START_TIMEOUT ))
  while ! healthy; do
    if ! pid_alive "$PIDFILE" "$PID_PATTERN"; then
      tail -40 "$LOGFILE" >&2
      die "zipkin exited during start-up (log: $(rel "$LOGFILE"))"
    fi
    (( $(date +%s) < deadline )) || die "zipkin not healthy after ${ZIPKIN_START_TIMEOUT}s (log: $(rel "$LOGFILE"))"
    sleep 0.25
  done
  ok "zipkin    $what in $(( $(now_ms) - t0 ))ms (pid $(<"$PIDFILE"), RSS $(rss_mb "$(<"$PIDFILE")") MiB, Zipkin $ZIPKIN_VERSION, UI http://localhost:$ZIPKIN_PORT)"
}

cmd_start() {
  need curl; need "$JAVA" "install OpenJDK 17+"
  lock
  local t0; t0=$(now_ms)
  if pid_alive "$PIDFILE" "$PID_PATTERN"; then
    wait_healthy "$t0" "already running; healthy"; return 0
  fi
  if tcp_open "$ZIPKIN_HOST" "$ZIPKIN_PORT"; then
    die "port $ZIPKIN_HOST:$ZIPKIN_PORT is in use by another process (not started by this script)"
  fi
  cmd_fetch
  local cds=() cds_note="" heap jit
  read -r -a heap <<<"$ZIPKIN_HEAP_OPTS"
  read -r -a jit <<<"$ZIPKIN_JIT_OPTS"
  rm -f "$CDS_PENDING"
  if [[ $ZIPKIN_CDS == 1 ]] && ! grep -q '^BOOT-INF/classes$' "$ZIPKIN_HOME/classpath.txt"; then
    if [[ -s $CDS_ARCHIVE ]]; then
      cds=(-XX:SharedArchiveFile="$CDS_ARCHIVE" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off)
      cds_note=", CDS archive"
    else
      rm -f "$CDS_ARCHIVE.new"
      cds=(-XX:ArchiveClassesAtExit="$CDS_ARCHIVE.new" -Xlog:cds=off -Xlog:cds+dynamic=off)
      echo "$CDS_ARCHIVE.new" >"$CDS_PENDING"
      cds_note=", recording a CDS archive for faster later starts (written at stop)"
    fi
  fi
  t0=$(now_ms)
  info "starting zipkin $ZIPKIN_VERSION on $BASE_URL (in-memory, at most $ZIPKIN_MEM_MAX_SPANS spans$cds_note) — log: $(rel "$LOGFILE")"
  # Spring Boot settings (zipkin-server-shared.yml): in-memory storage only; every collector but
  # HTTP off (so a KAFKA_BOOTSTRAP_SERVERS etc. in the caller's environment is never picked up);
  # CORS (zipkin.query.allowed-origins) covers the collector's POST /api/v2/spans as well.
  STORAGE_TYPE=mem MEM_MAX_SPANS="$ZIPKIN_MEM_MAX_SPANS" SELF_TRACING_ENABLED=false \
    COLLECTOR_HTTP_ENABLED=true COLLECTOR_GRPC_ENABLED=false COLLECTOR_SCRIBE_ENABLED=false \
    COLLECTOR_KAFKA_ENABLED=false COLLECTOR_RABBITMQ_ENABLED=false COLLECTOR_ACTIVEMQ_ENABLED=false \
    COLLECTOR_PULSAR_ENABLED=false DISCOVERY_EUREKA_ENABLED=false \
  spawn "$PIDFILE" "$LOGFILE" "$JAVA" "${heap[@]}" "${jit[@]}" "${cds[@]}" -XX:+UseSerialGC -Xss512k \
    -Djava.awt.headless=true -cp "$(classpath)" "$MAIN_CLASS" \
    --spring.main.banner-mode=off \
    "--armeria.ports[0].ip=$ZIPKIN_HOST" "--armeria.ports[0].port=$ZIPKIN_PORT" "--armeria.ports[0].protocols[0]=http" \
    "--zipkin.query.allowed-origins=$ZIPKIN_ALLOWED_ORIGINS" \
    --zipkin.ui.environment=delaktig-local
  wait_healthy "$t0" "healthy at $BASE_URL"
}

cmd_stop() {
  lock
  if [[ -s $CDS_PENDING ]] && pid_alive "$PIDFILE" "$PID_PATTERN"; then
    local pending; pending=$(<"$CDS_PENDING")
    info "zipkin writes its class-data-sharing archive on this first stop (one-off, a few seconds)"
    stop_pid "$PIDFILE" "$PID_PATTERN" zipkin $(( ZIPKIN_STOP_TIMEOUT + 60 ))
    # keep the archive only if the JVM finished writing it (a SIGKILLed dump is discarded)
    if [[ -s $pending && $STOP_KILLED == 0 ]]; then
      mv -f "$pending" "$CDS_ARCHIVE" && ok "CDS archive saved ($(rel "$CDS_ARCHIVE"), $(( $(stat -c %s "$CDS_ARCHIVE") / 1048576 )) MiB)"
    fi
    rm -f "$CDS_PENDING" "$pending"
  else
    stop_pid "$PIDFILE" "$PID_PATTERN" zipkin "$ZIPKIN_STOP_TIMEOUT"
    rm -f "$CDS_PENDING"
  fi
}

cmd_status() {
  if healthy; then
    if pid_alive "$PIDFILE" "$PID_PATTERN"; then
      ok "zipkin    up at $BASE_URL, UI http://localhost:$ZIPKIN_PORT (pid $(<"$PIDFILE"), RSS $(rss_mb "$(<"$PIDFILE")") MiB)"
    else
      ok "zipkin    up at $BASE_URL (not started by infra/zipkin.sh)"
    fi
  elif pid_alive "$PIDFILE" "$PID_PATTERN"; then
    echo "[$(_ts)] DOWN zipkin    process $(<"$PIDFILE") runs but $BASE_URL/health is not UP yet"; return 1
  else
    echo "[$(_ts)] DOWN zipkin    not running ($BASE_URL)"; return 1
  fi
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  restart) cmd_stop; cmd_start ;;
  status) cmd_status ;;
  fetch) cmd_fetch ;;
  logs) exec tail -n 100 -F "$LOGFILE" ;;
  *) echo "usage: $0 {start|stop|restart|status|fetch|logs}" >&2; exit 2 ;;
esac
