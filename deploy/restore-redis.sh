#!/bin/sh
# Restores a backup of deploy/backup-redis.sh into the Redis of docker-compose.yml. Run from the
# repository folder; the bot is stopped meanwhile and started again at the end:
#
#   deploy/restore-redis.sh backups/redis-20250610T010000Z.tar.gz
#
# The files it replaces are kept in the Redis volume under before-restore-<time>/ (delete them once
# the bot looks right). Environment: COMPOSE (default "docker compose"; e.g. "docker-compose").
set -eu

archive=${1:?usage: deploy/restore-redis.sh backups/redis-<time>.tar.gz}
compose=${COMPOSE:-docker compose}
stamp=$(date -u +%Y%m%dT%H%M%SZ)

gzip -dc "$archive" | tar -tf - | grep -qx dump.rdb || { echo "restore: $archive holds no dump.rdb" >&2; exit 1; }

echo "restore: stopping the bot and Redis"
$compose stop bot redis

echo "restore: setting the current data aside (before-restore-$stamp/) and unpacking $archive"
gzip -dc "$archive" | $compose run --rm --no-deps -T --entrypoint sh redis -c "
  set -eu
  cd /data
  mkdir before-restore-$stamp
  for f in appendonlydir dump.rdb; do if [ -e \"\$f\" ]; then mv \"\$f\" before-restore-$stamp/; fi; done
  tar -xf - dump.rdb"

# Redis ignores dump.rdb when appendonly is on and there is no append-only file yet (it would start
# empty): load the snapshot with appendonly off, then turn it on, which writes the append-only file
# from memory, and wait for that to finish.
echo "restore: loading the snapshot and writing a new append-only file"
# shellcheck disable=SC2016 # expanded inside the container
$compose run --rm --no-deps -T --entrypoint sh redis -c '
  set -eu
  redis-server /usr/local/etc/redis/redis.conf --appendonly no --daemonize yes --logfile /tmp/restore.log
  until redis-cli PING 2>/dev/null | grep -q PONG; do sleep 1; done
  redis-cli CONFIG SET appendonly yes >/dev/null
  sleep 1
  while redis-cli INFO persistence | grep -Eq "^aof_rewrite_(in_progress|scheduled):1"; do sleep 1; done
  redis-cli INFO persistence | grep -q "^aof_last_bgrewrite_status:ok" || { cat /tmp/restore.log; exit 1; }
  echo "restore: $(redis-cli DBSIZE) keys"
  redis-cli SHUTDOWN'

echo "restore: starting Redis and the bot"
$compose up -d
echo "restore: done. Check the keys (docker compose exec redis redis-cli DBSIZE) and /status in the chat."
