#!/usr/bin/env bash
# Restores a pg-backup.sh dump into a database, all or nothing.
set -euo pipefail
PROGRAM=${0##*/}
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<EOF
usage: $PROGRAM [-h HOST] [-p PORT] [-U USER] [-C] [-O] [-T SECONDS] -d DATABASE -i FILE

Restores the custom-format dump FILE into DATABASE in a single transaction: on the first error
everything is rolled back and DATABASE is left as it was.

  -C           create DATABASE first (it must not exist); it is dropped again if the restore fails
  -O           restore without ownership and privileges (objects belong to USER), e.g. on
               another cluster where the dump's roles do not exist
  -T SECONDS   give up when pg_restore has not finished after SECONDS (default 3600): it is
               stopped and its transaction never commits
Prints the number of tables and their rows in DATABASE afterwards.
EOF
}

database="" file="" create=false no_owner=false limit=3600
while getopts ":h:p:U:COT:d:i:" opt; do
  case $opt in
    h) PGHOST=$OPTARG ;;
    p) require_port "$OPTARG"; PGPORT=$OPTARG ;;
    U) PGUSER=$OPTARG ;;
    C) create=true ;;
    O) no_owner=true ;;
    T) require_seconds "$OPTARG"; limit=$OPTARG ;;
    d) database=$OPTARG ;;
    i) file=$OPTARG ;;
    :) usage_error "option -$OPTARG needs a value" ;;
    *) usage_error "unknown option -$OPTARG" ;;
  esac
done
shift $((OPTIND - 1))
[ $# -eq 0 ] || usage_error "unexpected argument '$1'"
[ -n "$database" ] || usage_error "-d DATABASE is required"
[ -n "$file" ] || usage_error "-i FILE is required"
require_identifier database "$database"
[[ -f $file && -r $file ]] || die "cannot read the dump $file"
connection_defaults
pg_restore=$(pg_tool pg_restore)
"$pg_restore" --list "$file" >/dev/null 2>&1 || die "$file is not a pg_dump custom-format archive"

# EXERCISE 1.4-1f: restore in one transaction within the time limit; a database this script created is removed again on failure (tests: ManagementScriptTests.A_restored*, ManagementScriptTests.A_restore*, ManagementExperimentTests)
if $create; then
  run_psql -d postgres -v db="$database" <<<'CREATE DATABASE :"db"' || die "could not create database '$database'"
fi
restore_args=(--no-password --single-transaction --exit-on-error --dbname="$database")
if $no_owner; then restore_args+=(--no-owner --no-privileges); fi
rc=0
timeout --kill-after=10 "$limit" "$pg_restore" "${restore_args[@]}" "$file" || rc=$?
if [ "$rc" -ne 0 ]; then
  if $create; then
    # FORCE: a stopped pg_restore may leave its server session behind, still inside the uncommitted transaction.
    run_psql -d postgres -v db="$database" <<<'DROP DATABASE IF EXISTS :"db" WITH (FORCE)' || true
  fi
  case $rc in
    124 | 137) die "restore of $file into '$database' did not finish within ${limit}s; it was stopped and rolled back" ;;
    *) die "restore of $file into '$database' failed and was rolled back" ;;
  esac
fi
# END EXERCISE

# Exact row counts (the statistics views are only estimates): count(*) per table through query_to_xml.
run_psql -d "$database" -At <<'SQL'
SELECT format('restored %s tables, %s rows', count(*), coalesce(sum(
         (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I.%I', schemaname, tablename), false, true, '')))[1]::text::bigint), 0))
  FROM pg_tables
 WHERE schemaname NOT IN ('pg_catalog', 'information_schema');
SQL
