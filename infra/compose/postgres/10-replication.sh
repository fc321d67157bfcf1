#!/usr/bin/env bash
# Runs once, when postgres-primary initialises an empty data directory
# (/docker-entrypoint-initdb.d). Prepares the primary for a streaming standby:
#   1. a role allowed to connect for replication,
#   2. the physical replication slot the standby streams from (so the primary
#      keeps the WAL the standby has not received yet),
#   3. a pg_hba.conf rule admitting that role from the compose network.
# The image's entrypoint sources or executes this file, so it must not `exit`.
set -Eeo pipefail  # no -u: the entrypoint may source this file into its own shell

repl_user="${REPLICATION_USER:-replicator}"
repl_password="${REPLICATION_PASSWORD:-replicator}"
repl_slot="${REPLICATION_SLOT:-replica1}"

psql -v ON_ERROR_STOP=1 \
     --username "$POSTGRES_USER" --dbname "${POSTGRES_DB:-$POSTGRES_USER}" \
     -v repl_user="$repl_user" -v repl_password="$repl_password" -v repl_slot="$repl_slot" <<'SQL'
CREATE ROLE :"repl_user" WITH REPLICATION LOGIN PASSWORD :'repl_password';

-- immediately_reserve => true: WAL is kept from now on, before the standby first connects.
SELECT pg_create_physical_replication_slot(:'repl_slot', true)
WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = :'repl_slot');
SQL

# `samenet`: any address on a subnet this container is attached to, i.e. the
# compose network. The rule is read when the entrypoint restarts the server
# after initialisation.
echo "host replication ${repl_user} samenet scram-sha-256" >> "$PGDATA/pg_hba.conf"
