#!/usr/bin/env bash
# Creates a database and a least-privilege login role for one application (idempotent).
set -euo pipefail
PROGRAM=${0##*/}
# shellcheck source-path=SCRIPTDIR
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<EOF
usage: $PROGRAM [-h HOST] [-p PORT] [-U SUPERUSER] [-o OWNER] [-s SCHEMA] [-l LIMIT] -d DATABASE -r ROLE

Creates, or brings up to date, what one application needs and nothing more:
  OWNER     a NOLOGIN role (default DATABASE_owner) that owns DATABASE and SCHEMA; schema changes
            run as it (SET ROLE), so the application's own login cannot alter or drop anything
  DATABASE  closed to PUBLIC: only OWNER and ROLE may connect
  SCHEMA    (default app) where the tables live; the default search_path of ROLE in DATABASE
  ROLE      a LOGIN role with CONNECT on DATABASE, USAGE on SCHEMA, SELECT/INSERT/UPDATE/DELETE on
            its tables and USAGE/SELECT on its sequences (present and future) - no DDL, no TRUNCATE,
            no other database, not superuser, cannot create roles or databases, at most LIMIT
            connections (default 20)
ROLE's password is taken from APP_PASSWORD (without it ROLE gets none). Running it again changes nothing.
EOF
}

database="" role="" owner="" schema=app limit=20
while getopts ":h:p:U:o:s:l:d:r:" opt; do
  case $opt in
    h) PGHOST=$OPTARG ;;
    p) require_port "$OPTARG"; PGPORT=$OPTARG ;;
    U) PGUSER=$OPTARG ;;
    o) owner=$OPTARG ;;
    s) schema=$OPTARG ;;
    l) limit=$OPTARG ;;
    d) database=$OPTARG ;;
    r) role=$OPTARG ;;
    :) usage_error "option -$OPTARG needs a value" ;;
    *) usage_error "unknown option -$OPTARG" ;;
  esac
done
shift $((OPTIND - 1))
[ $# -eq 0 ] || usage_error "unexpected argument '$1'"
[ -n "$database" ] || usage_error "-d DATABASE is required"
[ -n "$role" ] || usage_error "-r ROLE is required"
owner=${owner:-${database}_owner}
require_identifier database "$database"
require_identifier role "$role"
require_identifier owner "$owner"
require_identifier schema "$schema"
if ! [[ $limit =~ ^[0-9]{1,4}$ ]] || ((10#$limit < 1)); then
  usage_error "connection limit '$limit' is not a number >= 1"
fi
[ "$role" != "$owner" ] || usage_error "ROLE and OWNER must differ: the application must not own its tables"
connection_defaults

# EXERCISE 1.4-1b: roles and database with least privilege, where \gexec runs CREATE only when the object is missing (tests: ManagementScriptTests, ManagementExperimentTests)
run_psql -d postgres -v db="$database" -v owner="$owner" -v role="$role" -v limit="$limit" <<'SQL' ||
SET client_min_messages = warning;
\getenv app_password APP_PASSWORD
SELECT format('CREATE ROLE %I NOLOGIN', :'owner')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'owner') \gexec
SELECT format('CREATE ROLE %I LOGIN', :'role')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
ALTER ROLE :"role" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS CONNECTION LIMIT :limit;
\if :{?app_password}
ALTER ROLE :"role" PASSWORD :'app_password';
\endif
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'owner')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
ALTER DATABASE :"db" OWNER TO :"owner";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"db" TO :"role";
SQL
  die "could not create the roles or database '$database'"

run_psql -d "$database" -v owner="$owner" -v role="$role" -v schema="$schema" -v db="$database" <<'SQL' ||
SET client_min_messages = warning;
BEGIN;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
CREATE SCHEMA IF NOT EXISTS :"schema" AUTHORIZATION :"owner";
ALTER SCHEMA :"schema" OWNER TO :"owner";
GRANT USAGE ON SCHEMA :"schema" TO :"role";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA :"schema" TO :"role";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA :"schema" TO :"role";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA :"schema" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"role";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA :"schema" GRANT USAGE, SELECT ON SEQUENCES TO :"role";
ALTER ROLE :"role" IN DATABASE :"db" SET search_path = :"schema";
COMMIT;
SQL
  die "could not set up schema '$schema' in '$database'"
# END EXERCISE

log "database $database (owner $owner, schema $schema) ready for login role $role"
