#!/usr/bin/env bash
# Run a command with throwaway PostgreSQL and Redis servers on free loopback ports.
# Exports DATABASE_URL and REDIS_URL for the command; stops both servers afterwards,
# whether the command passed or failed, and returns the command's exit code.
set -euo pipefail

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

RUN_DIR=$(mktemp -d /tmp/jamlik-services.XXXXXX)
chmod 755 "$RUN_DIR"
PG_DIR="$RUN_DIR/pg"
PG_PORT=$(free_port)
REDIS_PORT=$(free_port)
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
AS_PG=()
[ "$(id -u)" -eq 0 ] && AS_PG=(runuser -u postgres --)

cleanup() {
  set +e
  "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PG_DIR" -m immediate stop >/dev/null 2>&1
  [ -f "$RUN_DIR/redis.pid" ] && kill "$(cat "$RUN_DIR/redis.pid")" 2>/dev/null
  rm -rf "$RUN_DIR"
}
trap cleanup EXIT INT TERM

install -d -m 700 "$PG_DIR"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PG_DIR"
"${AS_PG[@]}" "$PGBIN/initdb" -D "$PG_DIR" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
"${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/log" -w -o \
  "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
  --pidfile "$RUN_DIR/redis.pid" --logfile "$RUN_DIR/redis.log" --dir "$RUN_DIR" >/dev/null
for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/jamlik"
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
export JAMLIK_PGBIN="$PGBIN" JAMLIK_PGDATA="$PG_DIR" JAMLIK_REDIS_PORT="$REDIS_PORT"
echo "PostgreSQL på port $PG_PORT, Redis på port $REDIS_PORT"
set +e
"$@"
status=$?
exit $status
