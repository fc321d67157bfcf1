#!/usr/bin/env bash
# Creates a new PostgreSQL cluster (initdb) that listens on loopback only.
set -euo pipefail
PROGRAM=${0##*/}
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<EOF
usage: $PROGRAM -D DATADIR [-p PORT] [-A scram-sha-256|trust] [-N] [-c NAME=VALUE]...

Creates a new cluster in DATADIR (absent or empty): UTF-8, C.UTF-8 locale, page checksums,
listening on 127.0.0.1:PORT only (TCP, no Unix socket). Start it with pg-ctl.sh -D DATADIR start.

  -D DATADIR   data directory to create
  -p PORT      port to listen on (default 5432)
  -A METHOD    client authentication: scram-sha-256 (default; the superuser 'postgres' gets the
               password in PGPASSWORD) or trust (anyone on loopback; for throwaway test clusters)
  -N           no fsync: initdb does not wait for the files to reach the disk, and the server runs
               with fsync=off (throwaway test clusters only: a crash can corrupt such a cluster)
  -c NAME=VALUE  a postgresql.conf setting (repeatable); VALUE is quoted for you

As root, the cluster belongs to PG_SERVER_USER (default postgres) and initdb runs as that user.
EOF
}

datadir="" port=5432 auth=scram-sha-256 durable=true
settings=()
while getopts ":D:p:A:Nc:" opt; do
  case $opt in
    D) datadir=$OPTARG ;;
    p) port=$OPTARG ;;
    A) auth=$OPTARG ;;
    N) durable=false ;;
    c) settings+=("$OPTARG") ;;
    :) usage_error "option -$OPTARG needs a value" ;;
    *) usage_error "unknown option -$OPTARG" ;;
  esac
done
shift $((OPTIND - 1))
[ $# -eq 0 ] || usage_error "unexpected argument '$1'"
[ -n "$datadir" ] || usage_error "-D DATADIR is required"
require_port "$port"
case $auth in
  scram-sha-256) [ -n "${PGPASSWORD:-}" ] || usage_error "-A scram-sha-256 needs the superuser's password in PGPASSWORD" ;;
  trust) ;;
  *) usage_error "-A must be scram-sha-256 or trust, not '$auth'" ;;
esac
for setting in "${settings[@]}"; do
  [[ $setting =~ ^[a-z_][a-z0-9_.]*=.*$ ]] || usage_error "-c '$setting' is not NAME=VALUE"
done

datadir=$(realpath -m -- "$datadir")
if [ -d "$datadir" ] && [ -n "$(ls -A -- "$datadir")" ]; then
  die "$datadir exists and is not empty: refusing to initialise over it"
fi
initdb=$(pg_tool initdb)

# EXERCISE 1.4-1a: create the data directory for the server's OS user and run initdb as that user (tests: ClusterLifecycleTests, ManagementScriptTests, ManagementExperimentTests)
mkdir -p -- "$datadir"
if is_root; then
  chown "$PG_SERVER_USER:" "$datadir"
  runuser -u "$PG_SERVER_USER" -- test -w "$datadir" ||
    die "user $PG_SERVER_USER cannot reach $datadir: make its parent folders searchable (chmod o+x)"
fi
chmod 700 "$datadir"

init_args=(-D "$datadir" -U postgres -E UTF8 --locale=C.UTF-8 --data-checksums -A "$auth")
if ! $durable; then init_args+=(--no-sync); fi
pwfile=""
trap '[ -z "$pwfile" ] || rm -f -- "$pwfile"' EXIT
if [ "$auth" = scram-sha-256 ]; then
  # initdb reads the password from a file the server user can read, and nobody else.
  pwfile=$(mktemp)
  printf '%s\n' "$PGPASSWORD" >"$pwfile"
  if is_root; then chown "$PG_SERVER_USER:" "$pwfile"; fi
  init_args+=(--pwfile="$pwfile")
fi
as_server_user "$initdb" "${init_args[@]}" >/dev/null || die "initdb failed for $datadir"
# END EXERCISE

# Later lines of postgresql.conf win: append this script's settings at the end.
{
  printf '\n# --- %s ---\n' "$PROGRAM"
  printf "listen_addresses = '127.0.0.1'\n"
  printf 'port = %s\n' "$port"
  printf "unix_socket_directories = ''\n"
  if ! $durable; then printf 'fsync = off\n'; fi
  for setting in "${settings[@]}"; do
    value=${setting#*=}
    printf "%s = '%s'\n" "${setting%%=*}" "${value//\'/\'\'}"
  done
} >>"$datadir/postgresql.conf"

log "initialised $datadir ($("$initdb" --version | awk '{print $3}'), 127.0.0.1:$port, auth $auth)"
log "start it with: pg-ctl.sh -D $datadir start"
