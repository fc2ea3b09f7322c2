#!/usr/bin/env bash
# Restores a backup made by deploy/backup.sh into a NEW data folder (never over a live one): unpacks the files,
# creates the embedded PostgreSQL cluster exactly as the app would, loads the dump, and stops the cluster again.
# Then start the app on that folder (--data-dir, or the systemd unit's StateDirectory). Run it as the user the app
# runs as (the service user; as root the cluster belongs to 'postgres', as the app does it as root).
# Usage: deploy/restore.sh BACKUP_DIR DATA_DIR
set -euo pipefail
umask 077

if [[ $# -ne 2 ]]; then
  echo "usage: $0 BACKUP_DIR DATA_DIR" >&2
  exit 2
fi
backup=$(realpath -e "$1")
data=$(realpath -m "$2")
(cd "$backup" && sha256sum --check --quiet SHA256SUMS)
if [[ -e "$data/postgres/data/PG_VERSION" ]]; then
  echo "$data already holds a database: stop the app and move that folder aside, then restore into an empty one" >&2
  exit 1
fi

mkdir -p "$data"
# As root the cluster runs as 'postgres', which must be able to pass through the folder (not read it).
if [[ $(id -u) -eq 0 ]]; then chmod 711 "$data"; else chmod 700 "$data"; fi
tar --extract --file "$backup/files.tar" --directory "$data"

if [[ -f "$backup/reception.dump" ]]; then
  pg_bin=$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d | sort -V | tail -n 1)
  root="$data/postgres"
  mkdir -p "$root"
  as=()
  if [[ $(id -u) -eq 0 ]]; then
    # PostgreSQL refuses to run as root; the app runs it as 'postgres' then, so the restored cluster must be theirs.
    chown -R postgres:postgres "$root"
    as=(runuser -u postgres --)
  fi
  cd "$root"
  "${as[@]}" "$pg_bin/initdb" -D "$root/data" -U postgres -A trust -E UTF8 --no-locale >/dev/null
  "${as[@]}" "$pg_bin/pg_ctl" -D "$root/data" -l "$root/server.log" -w -t 60 \
    -o "-c listen_addresses='' -c unix_socket_directories='$root' -c unix_socket_permissions=0700 -p 5432" start >/dev/null
  stop() { "${as[@]}" "$pg_bin/pg_ctl" -D "$root/data" -m fast -w stop >/dev/null; }
  trap stop EXIT
  "${as[@]}" "$pg_bin/createdb" --host "$root" --port 5432 --username postgres reception
  "${as[@]}" "$pg_bin/pg_restore" --host "$root" --port 5432 --username postgres --dbname reception --exit-on-error < "$backup/reception.dump"
fi
echo "Restored into $data: start the app with --data-dir $data"
