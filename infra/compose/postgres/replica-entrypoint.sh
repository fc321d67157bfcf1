#!/usr/bin/env bash
# Entrypoint of postgres-replica. On first start (empty data directory) it clones
# the primary with pg_basebackup:
#   -R  writes standby.signal and primary_conninfo, so the server starts as a standby;
#   -S  streams through the slot the primary's init script created (replica1);
#   -X stream  copies the WAL written during the backup, so the copy is consistent.
# Then it hands over to the image's own entrypoint, which starts postgres as a
# hot standby (read-only queries on port 5432 in the container, 5433 on the host).
set -Eeuo pipefail

: "${PGDATA:=/var/lib/postgresql/data}"
primary_host="${PRIMARY_HOST:-postgres-primary}"
primary_port="${PRIMARY_PORT:-5432}"
repl_user="${REPLICATION_USER:-replicator}"
repl_slot="${REPLICATION_SLOT:-replica1}"
# Written after a complete clone; its absence means "clone (again)". standby.signal
# cannot serve: promoting the standby (a failover exercise) removes it.
marker="$PGDATA/.cloned-from-primary"

as_postgres() {
  if [ "$(id -u)" = 0 ]; then gosu postgres "$@"; else "$@"; fi
}

if [ ! -f "$marker" ]; then
  echo "replica: waiting for ${primary_host}:${primary_port} ..."
  for _ in $(seq 1 120); do
    pg_isready -q -h "$primary_host" -p "$primary_port" && break
    sleep 1
  done
  if ! pg_isready -q -h "$primary_host" -p "$primary_port"; then
    echo "replica: primary ${primary_host}:${primary_port} not ready after 120 s; is postgres-primary running?" >&2
    exit 1
  fi

  mkdir -p "$PGDATA"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PGDATA"; fi
  chmod 0700 "$PGDATA"
  # Leftovers of an interrupted clone would make pg_basebackup refuse the directory.
  find "$PGDATA" -mindepth 1 -delete

  echo "replica: cloning ${primary_host}:${primary_port} through slot ${repl_slot} ..."
  export PGPASSWORD="${REPLICATION_PASSWORD:-replicator}"
  as_postgres pg_basebackup \
    --host="$primary_host" --port="$primary_port" --username="$repl_user" \
    --pgdata="$PGDATA" --write-recovery-conf --slot="$repl_slot" \
    --wal-method=stream --checkpoint=fast --no-password
  unset PGPASSWORD
  as_postgres touch "$marker"
  echo "replica: clone complete; starting as hot standby"
fi

exec docker-entrypoint.sh "$@"
