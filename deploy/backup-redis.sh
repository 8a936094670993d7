#!/bin/sh
# Backs up the Redis of docker-compose.yml: BGSAVE, wait until LASTSAVE moves (the snapshot is on
# disk), check it, and copy it into a dated tarball. Run from the repository folder:
#
#   deploy/backup-redis.sh [folder]        # default ./backups → backups/redis-20250610T010000Z.tar.gz
#
# Restore with deploy/restore-redis.sh. Environment: COMPOSE (default "docker compose"; e.g.
# "docker-compose"), BACKUP_TIMEOUT (seconds to wait for the snapshot, default 600), REDIS_EXEC
# (how to run a command next to Redis; default "$COMPOSE exec -T redis", empty for a local Redis).
set -eu

dest=${1:-backups}
compose=${COMPOSE:-docker compose}
run=${REDIS_EXEC-$compose exec -T redis}
timeout=${BACKUP_TIMEOUT:-600}

# Word splitting of $run is intended (it is a command line); CR comes from `exec` with a TTY.
# shellcheck disable=SC2086
cli() { $run redis-cli ${REDIS_CLI_ARGS:-} "$@" | tr -d '\r'; }
# shellcheck disable=SC2086
inside() { $run "$@"; }

before=$(cli LASTSAVE)
# LASTSAVE counts seconds: wait one so the new snapshot cannot carry the same second.
sleep 1
reply=$(cli BGSAVE SCHEDULE)
case $reply in
  *started* | *scheduled* | *"already in progress"*) ;;
  *) echo "backup: BGSAVE refused: $reply" >&2; exit 1 ;;
esac

waited=0
while [ "$(cli LASTSAVE)" = "$before" ]; do
  if [ "$waited" -ge "$timeout" ]; then echo "backup: no snapshot after ${timeout}s" >&2; exit 1; fi
  sleep 1
  waited=$((waited + 1))
done
if ! cli INFO persistence | grep -q '^rdb_last_bgsave_status:ok'; then
  echo "backup: the snapshot failed (see: $compose logs redis)" >&2
  exit 1
fi

dir=$(cli CONFIG GET dir | sed -n 2p)
file=$(cli CONFIG GET dbfilename | sed -n 2p)
inside redis-check-rdb "$dir/$file" >/dev/null

mkdir -p "$dest"
out="$dest/redis-$(date -u +%Y%m%dT%H%M%SZ).tar.gz"
inside tar -C "$dir" -cf - "$file" | gzip -9 >"$out.part"
# No pipefail in sh: check that the archive really holds the snapshot.
gzip -dc "$out.part" | tar -tf - | grep -qx "$file" || { rm -f "$out.part"; echo "backup: could not copy $dir/$file" >&2; exit 1; }
mv "$out.part" "$out"
echo "backup: $out ($(cli DBSIZE) keys, $(wc -c <"$out" | tr -d ' ') bytes)"
