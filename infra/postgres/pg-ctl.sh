#!/usr/bin/env bash
# Starts, stops, restarts a cluster made by pg-init.sh, or reports whether it runs.
set -euo pipefail
PROGRAM=${0##*/}
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<EOF
usage: $PROGRAM -D DATADIR [-m smart|fast|immediate] [-t SECONDS] start|stop|restart|status

  start    start the server and wait until it accepts connections (log: DATADIR/log/server.log)
  stop     stop it (-m fast by default: roll back open transactions, then a clean shutdown)
  restart  stop, then start (settings that need a restart take effect)
  status   exit 0 if it runs, 3 if it does not, 4 if DATADIR holds no cluster

  -t SECONDS  how long start/stop may wait (default 60)
Starting a running server or stopping a stopped one succeeds and says so.
EOF
}

datadir="" mode=fast timeout=60
while getopts ":D:m:t:" opt; do
  case $opt in
    D) datadir=$OPTARG ;;
    m) mode=$OPTARG ;;
    t) timeout=$OPTARG ;;
    :) usage_error "option -$OPTARG needs a value" ;;
    *) usage_error "unknown option -$OPTARG" ;;
  esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || usage_error "expected one action: start, stop, restart or status"
action=$1
case $action in start | stop | restart | status) ;; *) usage_error "unknown action '$action'" ;; esac
[ -n "$datadir" ] || usage_error "-D DATADIR is required"
case $mode in smart | fast | immediate) ;; *) usage_error "-m must be smart, fast or immediate, not '$mode'" ;; esac
require_seconds "$timeout"

datadir=$(realpath -m -- "$datadir")
pg_ctl=$(pg_tool pg_ctl)
logfile=$datadir/log/server.log

# pg_ctl status: 0 running, 3 not running, 4 not a data directory.
status() {
  local rc=0
  as_server_user "$pg_ctl" -D "$datadir" status >/dev/null 2>&1 || rc=$?
  return $rc
}

show_log_tail() {
  log "last lines of $logfile:"
  as_server_user tail -n 20 "$logfile" >&2 || true
}

start() {
  as_server_user mkdir -p "$datadir/log"
  if ! as_server_user "$pg_ctl" -D "$datadir" -l "$logfile" -w -t "$timeout" start >/dev/null; then
    show_log_tail
    die "the server in $datadir did not start"
  fi
  log "started $datadir"
}

stop() {
  as_server_user "$pg_ctl" -D "$datadir" -m "$mode" -w -t "$timeout" stop >/dev/null || die "the server in $datadir did not stop"
  log "stopped $datadir ($mode)"
}

rc=0
status || rc=$?
if [ "$rc" -eq 4 ]; then
  log "$datadir holds no PostgreSQL cluster (run pg-init.sh first)"
  [ "$action" = status ] && exit 4
  exit 1
fi
case $action in
  status)
    if [ "$rc" -eq 0 ]; then log "running: $datadir"; else log "not running: $datadir"; fi
    exit "$rc"
    ;;
  start)
    if [ "$rc" -eq 0 ]; then log "already running: $datadir"; else start; fi
    ;;
  stop)
    if [ "$rc" -eq 0 ]; then stop; else log "already stopped: $datadir"; fi
    ;;
  restart)
    if [ "$rc" -eq 0 ]; then stop; fi
    start
    ;;
esac
