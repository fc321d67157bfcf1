# Point the Stateless Mind labs at the docker compose services.
# Use from the repository root:   source infra/compose/env.sh
# (plain `export` lines: works in bash, zsh and sh). To go back to the embedded
# defaults:   source infra/compose/env.sh --unset   (bash/zsh)   or open a new shell.

if [ "${1:-}" = "--unset" ]; then
  unset SM_POSTGRES SM_POSTGRES_REPLICA KAFKA_BOOTSTRAP_SERVERS REDIS_URL \
        S3_ENDPOINT S3_ACCESS_KEY S3_SECRET_KEY SPARK_REMOTE PROMETHEUS_URL MONGODB_URI
else
  export SM_POSTGRES="Host=localhost;Port=5432;Username=postgres;Password=postgres;Database=postgres"
  export SM_POSTGRES_REPLICA="Host=localhost;Port=5433;Username=postgres;Password=postgres;Database=postgres"
  export KAFKA_BOOTSTRAP_SERVERS=localhost:9092
  export REDIS_URL=redis://localhost:6379
  export S3_ENDPOINT=http://localhost:9000
  export S3_ACCESS_KEY=minioadmin
  export S3_SECRET_KEY=minioadmin
  export SPARK_REMOTE=sc://localhost:15002
  export PROMETHEUS_URL=http://localhost:9090
  # MongoDB runs only with `docker compose --profile base up -d`; export this
  # once it does (the ACID-vs-BASE lab uses it when set):
  # export MONGODB_URI=mongodb://localhost:27017
fi
