#!/usr/bin/env bash
# Dumps one database with pg_dump (custom format); the backup file appears only when it is whole.
set -euo pipefail
PROGRAM=${0##*/}
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<EOF
usage: $PROGRAM [-h HOST] [-p PORT] [-U USER] [-Z 0-9] [-T SECONDS] -d DATABASE -o FILE

Writes a consistent snapshot of DATABASE (pg_dump runs in one repeatable-read transaction) to FILE
in pg_dump's custom format (compressed, restorable table by table with pg_restore / pg-restore.sh).
The dump goes to a temporary file beside FILE, is checked by reading back its table of contents,
and only then renamed to FILE: a failed or interrupted backup never leaves a FILE behind.
An existing FILE is never overwritten.

  -Z LEVEL     compression level, 0 (none) to 9 (default 6)
  -T SECONDS   give up when pg_dump has not finished after SECONDS (default 3600): it is
               stopped, and no FILE is written
Prints: FILE, its size in bytes and the number of entries in its table of contents.
EOF
}

database="" file="" level=6 limit=3600
while getopts ":h:p:U:Z:T:d:o:" opt; do
  case $opt in
    h) PGHOST=$OPTARG ;;
    p) require_port "$OPTARG"; PGPORT=$OPTARG ;;
    U) PGUSER=$OPTARG ;;
    Z) level=$OPTARG ;;
    T) require_seconds "$OPTARG"; limit=$OPTARG ;;
    d) database=$OPTARG ;;
    o) file=$OPTARG ;;
    :) usage_error "option -$OPTARG needs a value" ;;
    *) usage_error "unknown option -$OPTARG" ;;
  esac
done
shift $((OPTIND - 1))
[ $# -eq 0 ] || usage_error "unexpected argument '$1'"
[ -n "$database" ] || usage_error "-d DATABASE is required"
[ -n "$file" ] || usage_error "-o FILE is required"
[[ $level =~ ^[0-9]$ ]] || usage_error "-Z must be a level from 0 to 9, not '$level'"
connection_defaults

[ ! -e "$file" ] || die "$file exists: refusing to overwrite a backup"
dir=$(dirname -- "$file")
[[ -d $dir && -w $dir ]] || die "cannot write to the folder $dir"
pg_dump=$(pg_tool pg_dump)
pg_restore=$(pg_tool pg_restore)

if [ "${PG_BACKUP_PLANTED_BUG:-}" = write-in-place ]; then
  # A planted bug for the tests: the dump goes straight into FILE, so a failed dump leaves a FILE that is no backup.
  "$pg_dump" --no-password --format=custom --compress="$level" --file="$file" --dbname="$database" ||
    die "pg_dump of '$database' failed"
  printf '%s %s bytes\n' "$file" "$(stat -c %s -- "$file")"
  exit 0
fi

# EXERCISE 1.4-1e: dump to a temporary file within the time limit, verify it, then rename it into place (tests: ManagementScriptTests.A_restored*, ManagementScriptTests.A_backup*, ManagementExperimentTests.The_experiment*)
partial=$(mktemp -- "$file.XXXXXX.partial")
trap 'rm -f -- "$partial"' EXIT
rc=0
timeout --kill-after=10 "$limit" "$pg_dump" --no-password --format=custom --compress="$level" --file="$partial" --dbname="$database" || rc=$?
case $rc in
  0) ;;
  124 | 137) die "pg_dump of '$database' did not finish within ${limit}s and was stopped; no backup was written" ;;
  *) die "pg_dump of '$database' failed; no backup was written" ;;
esac
entries=$("$pg_restore" --list "$partial" | grep -c -v '^;') || die "the dump of '$database' cannot be read back"
mv -- "$partial" "$file"
trap - EXIT
printf '%s %s bytes, %s entries\n' "$file" "$(stat -c %s -- "$file")" "$entries"
# END EXERCISE
