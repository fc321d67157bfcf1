# shellcheck shell=bash
# Shared by the PostgreSQL management scripts in this folder (sourced, not run).
#
# Conventions every script follows:
#   exit 0  done;  exit 1  the operation failed (the reason is on stderr);  exit 2  bad arguments (usage on stderr)
#   Connection: -h HOST -p PORT -U USER, else PGHOST/PGPORT/PGUSER, else 127.0.0.1:5432 as postgres.
#   Passwords come from the environment (PGPASSWORD, APP_PASSWORD), never from the command line,
#   where any user could read them in the process list.
#   Server programs (initdb, pg_ctl) refuse to run as root: when invoked as root, the scripts run them
#   as PG_SERVER_USER (default postgres). Client programs (psql, pg_dump) run as the invoking user.

PROGRAM=${PROGRAM:-${0##*/}}
PG_SERVER_USER=${PG_SERVER_USER:-postgres}

die() {
  printf '%s: error: %s\n' "$PROGRAM" "$*" >&2
  exit 1
}

# usage_error MESSAGE: the arguments were wrong; print the script's usage() and exit 2.
usage_error() {
  printf '%s: %s\n' "$PROGRAM" "$*" >&2
  usage >&2
  exit 2
}

log() {
  printf '%s: %s\n' "$PROGRAM" "$*" >&2
}

is_root() {
  [ "$(id -u)" -eq 0 ]
}

# The folder of the server programs: PG_BIN, else the newest /usr/lib/postgresql/*/bin (Debian), else pg_config.
pg_bin_dir() {
  if [ -n "${PG_BIN:-}" ]; then
    [ -x "$PG_BIN/pg_ctl" ] || die "PG_BIN=$PG_BIN holds no pg_ctl"
    printf '%s\n' "$PG_BIN"
    return
  fi
  local dir
  dir=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$dir" ] && command -v pg_config >/dev/null 2>&1; then
    dir=$(pg_config --bindir)
  fi
  [[ -n $dir && -x $dir/pg_ctl ]] ||
    die "PostgreSQL server programs not found: install the Debian package 'postgresql' or set PG_BIN"
  printf '%s\n' "$dir"
}

# pg_tool NAME: the path of one PostgreSQL program, from the same installation as the server.
pg_tool() {
  local path
  path="$(pg_bin_dir)/$1"
  [ -x "$path" ] || die "PostgreSQL program '$1' is missing from $(pg_bin_dir)"
  printf '%s\n' "$path"
}

# as_server_user COMMAND...: run a server program as PG_SERVER_USER when we are root, else as ourselves.
# It starts in / because the server user may not be allowed into the caller's working directory.
as_server_user() {
  if is_root; then
    id "$PG_SERVER_USER" >/dev/null 2>&1 ||
      die "running as root, but the server's OS user '$PG_SERVER_USER' does not exist (set PG_SERVER_USER)"
    (cd / && runuser -u "$PG_SERVER_USER" -- "$@")
  else
    "$@"
  fi
}

# psql without ~/.psqlrc, stopping at the first error, never prompting for a password.
run_psql() {
  local psql
  psql=$(pg_tool psql) || return 1
  "$psql" -X -q -v ON_ERROR_STOP=1 --no-password "$@"
}

# Connection defaults; a script's -h/-p/-U options override them before calling this.
connection_defaults() {
  export PGHOST=${PGHOST:-127.0.0.1}
  export PGPORT=${PGPORT:-5432}
  export PGUSER=${PGUSER:-postgres}
  export PGCONNECT_TIMEOUT=${PGCONNECT_TIMEOUT:-5}
  export PGAPPNAME=${PGAPPNAME:-$PROGRAM}
}

# require_identifier WHAT VALUE: a plain lower-case SQL name, so it needs no quoting anywhere.
require_identifier() {
  [[ $2 =~ ^[a-z_][a-z0-9_]{0,62}$ ]] ||
    usage_error "$1 '$2' is not a plain identifier (lower-case letters, digits, _; at most 63; not starting with a digit)"
}

require_port() {
  if ! [[ $1 =~ ^[0-9]{1,5}$ ]] || ((10#$1 < 1 || 10#$1 > 65535)); then
    usage_error "port '$1' is not a number in 1..65535"
  fi
}

require_seconds() {
  if ! [[ $1 =~ ^[0-9]{1,4}$ ]] || ((10#$1 < 1)); then
    usage_error "timeout '$1' is not a whole number of seconds >= 1"
  fi
}
