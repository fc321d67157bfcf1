#!/usr/bin/env bash
# Health check: is the server up, accepting connections and answering queries?
set -euo pipefail
PROGRAM=${0##*/}
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<EOF
usage: $PROGRAM [-h HOST] [-p PORT] [-U USER] [-d DATABASE] [-t SECONDS]

Exit 0 and print one line (version, primary or standby, uptime, connections in use) when the server
accepts connections and answers a query within -t seconds (default 5); exit 1 and say why when it
does not (down, starting up or shutting down, refusing the login, not answering).
EOF
}

database=postgres timeout=5
while getopts ":h:p:U:d:t:" opt; do
  case $opt in
    h) PGHOST=$OPTARG ;;
    p) require_port "$OPTARG"; PGPORT=$OPTARG ;;
    U) PGUSER=$OPTARG ;;
    d) database=$OPTARG ;;
    t) timeout=$OPTARG ;;
    :) usage_error "option -$OPTARG needs a value" ;;
    *) usage_error "unknown option -$OPTARG" ;;
  esac
done
shift $((OPTIND - 1))
[ $# -eq 0 ] || usage_error "unexpected argument '$1'"
require_seconds "$timeout"
connection_defaults
export PGCONNECT_TIMEOUT=$timeout
pg_isready=$(pg_tool pg_isready)

unhealthy() {
  printf 'unhealthy: %s:%s %s\n' "$PGHOST" "$PGPORT" "$*"
  exit 1
}

# EXERCISE 1.4-1d: probe with pg_isready, then prove the server answers a real query in time (tests: ClusterLifecycleTests.Init_start*, ManagementScriptTests.The_health*, ManagementExperimentTests)
rc=0
"$pg_isready" -q -t "$timeout" -d "$database" || rc=$?
case $rc in
  0) ;;
  1) unhealthy "rejects connections (starting up or shutting down)" ;;
  2) unhealthy "does not answer (server down or unreachable)" ;;
  *) unhealthy "could not be probed (pg_isready exit $rc)" ;;
esac
line=$(PGOPTIONS="-c statement_timeout=${timeout}s" run_psql -d "$database" -At 2>&1 <<'SQL'
SELECT format('PostgreSQL %s %s, up %s, %s/%s connections',
              current_setting('server_version'),
              CASE WHEN pg_is_in_recovery() THEN 'standby' ELSE 'primary' END,
              date_trunc('second', now() - pg_postmaster_start_time()),
              (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'),
              current_setting('max_connections'));
SQL
) || unhealthy "accepts connections but the query failed: ${line//$'\n'/ }"
printf 'healthy: %s:%s %s\n' "$PGHOST" "$PGPORT" "$line"
# END EXERCISE
