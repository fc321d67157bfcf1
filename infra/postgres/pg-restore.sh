#!/usr/bin/env bash
# Restores a pg-backup.sh dump into a database, all or nothing.
set -euo pipefail
PROGRAM=${0##*/}
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<EOF
usage: $PROGRAM [-h HOST] [-p PORT] [-U USER] [-C] [-O] -d DATABASE -i FILE

Restores the custom-format dump FILE into DATABASE in a single transaction: on the first error
everything is rolled back and DATABASE is left as it was.

  -C   create DATABASE first (it must not exist); it is dropped again if the restore fails
  -O   restore without ownership and privileges (objects belong to USER), e.g. on another
       cluster where the dump's roles do not exist
Prints the number of tables and their rows in DATABASE afterwards.
EOF
}

database="" file="" create=false no_owner=false
while getopts ":h:p:U:COd:i:" opt; do
  case $opt in
    h) PGHOST=$OPTARG ;;
    p) require_port "$OPTARG"; PGPORT=$OPTARG ;;
    U) PGUSER=$OPTARG ;;
    C) create=true ;;
    O) no_owner=true ;;
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

# EXERCISE 1.4-1: restore in one transaction; a database this script created is removed again on failure
if $create; then
  run_psql -d postgres -v db="$database" <<<'CREATE DATABASE :"db"' || die "could not create database '$database'"
fi
restore_args=(--no-password --single-transaction --exit-on-error --dbname="$database")
if $no_owner; then restore_args+=(--no-owner --no-privileges); fi
if ! "$pg_restore" "${restore_args[@]}" "$file"; then
  if $create; then
    run_psql -d postgres -v db="$database" <<<'DROP DATABASE IF EXISTS :"db"' || true
  fi
  die "restore of $file into '$database' failed and was rolled back"
fi
# END EXERCISE

# Exact row counts (the statistics views are only estimates): count(*) per table through query_to_xml.
run_psql -d "$database" -At <<'SQL'
SELECT format('restored %s tables, %s rows', count(*), coalesce(sum(
         (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I.%I', schemaname, tablename), false, true, '')))[1]::text::bigint), 0))
  FROM pg_tables
 WHERE schemaname NOT IN ('pg_catalog', 'information_schema');
SQL
