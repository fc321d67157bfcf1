#!/usr/bin/env bash
# Changes a server setting with ALTER SYSTEM and reloads the configuration, or reads one.
set -euo pipefail
PROGRAM=${0##*/}
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<EOF
usage: $PROGRAM [-h HOST] [-p PORT] [-U SUPERUSER] [-t SECONDS] get NAME
       $PROGRAM [-h HOST] [-p PORT] [-U SUPERUSER] [-t SECONDS] set NAME VALUE
       $PROGRAM [-h HOST] [-p PORT] [-U SUPERUSER] [-t SECONDS] reset NAME

  get    print the value a new session sees
  set    ALTER SYSTEM SET (written to postgresql.auto.conf), reload, and wait (-t, default 10 s)
         until a new session runs with the reloaded configuration; prints old -> new
  reset  ALTER SYSTEM RESET (back to postgresql.conf or the default), reload, wait
Exit 3 when the change is saved but needs a restart (pg-ctl.sh restart) to take effect.
EOF
}

timeout=10
while getopts ":h:p:U:t:" opt; do
  case $opt in
    h) PGHOST=$OPTARG ;;
    p) require_port "$OPTARG"; PGPORT=$OPTARG ;;
    U) PGUSER=$OPTARG ;;
    t) timeout=$OPTARG ;;
    :) usage_error "option -$OPTARG needs a value" ;;
    *) usage_error "unknown option -$OPTARG" ;;
  esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || usage_error "expected an action: get, set or reset"
action=$1
shift
case $action in
  get | reset) [ $# -eq 1 ] || usage_error "$action takes one argument: NAME" ;;
  set) [ $# -eq 2 ] || usage_error "set takes two arguments: NAME VALUE" ;;
  *) usage_error "unknown action '$action'" ;;
esac
name=$1
value=${2:-}
[[ $name =~ ^[a-z_][a-z0-9_.]*$ ]] || usage_error "'$name' is not a setting name"
require_seconds "$timeout"
connection_defaults

# query SQL [PSQL-OPTION...]: one value from a new session; SQL may use :'name' (psql interpolates
# variables only in what it reads, not in -c, so the SQL goes in on stdin).
query() {
  local sql=$1
  shift
  run_psql -d postgres -At -v name="$name" "$@" <<<"$sql"
}

# One session for the facts before the change: is the name known, when the configuration was last loaded,
# and the value (last, so that a value holding the separator still ends up whole in the last variable).
facts=$(query "SELECT count(*), pg_conf_load_time(), max(current_setting(name)) FROM pg_settings WHERE name = :'name'") ||
  die "cannot reach the server at $PGHOST:$PGPORT"
IFS='|' read -r known loaded_before old <<<"$facts"
[ "$known" = 1 ] || die "the server has no setting '$name'"

if [ "$action" = get ]; then
  printf '%s\n' "$old"
  exit 0
fi

# EXERCISE 1.4-1c: persist the change, reload, and wait until new sessions run with the reloaded configuration (tests: ManagementScriptTests.A_reloadable*, ManagementScriptTests.A_setting*, ManagementExperimentTests)
if [ "$action" = set ]; then
  change='ALTER SYSTEM SET :"name" TO :'"'value'"
else
  change='ALTER SYSTEM RESET :"name"'
fi
query "$change; SELECT pg_reload_conf();" -v value="$value" >/dev/null || die "the server rejected $action $name"

# The postmaster rereads the files on SIGHUP, asynchronously; a session started after that reports a newer load time.
deadline=$((SECONDS + timeout))
while :; do
  facts=$(query "SELECT pg_conf_load_time() > :'before'::timestamptz, pending_restart, current_setting(name)
                   FROM pg_settings WHERE name = :'name'" -v before="$loaded_before") || die "lost the server while waiting for the reload"
  IFS='|' read -r reloaded pending new <<<"$facts"
  [ "$reloaded" = t ] && break
  [ "$SECONDS" -lt "$deadline" ] || die "the server did not reload its configuration within ${timeout}s"
  sleep 0.1
done
if [ "$pending" = t ]; then
  log "$name: saved, but it takes effect only after a restart (still $old)"
  exit 3
fi
printf '%s: %s -> %s\n' "$name" "$old" "$new"
# END EXERCISE
