#!/usr/bin/env bash
# Online backup of one instance, while the app runs: a dump of the embedded PostgreSQL database (consistent, taken
# through the cluster's private socket) and every file of the data folder that is not regenerated at start (keys,
# the sealing public key, recordings and archives). Run it as the service user (or root).
# Usage: deploy/backup.sh DATA_DIR BACKUP_DIR        e.g. deploy/backup.sh /var/lib/daovien-reception /srv/backup/2026-12-02
# Restore with deploy/restore.sh. With an external database (ConnectionStrings:Reception) back that server up with
# its own tools and this script's files part only (--files-only).
set -euo pipefail
umask 077

files_only=0
if [[ "${1:-}" == "--files-only" ]]; then files_only=1; shift; fi
if [[ $# -ne 2 ]]; then
  echo "usage: $0 [--files-only] DATA_DIR BACKUP_DIR" >&2
  exit 2
fi
data=$(realpath -e "$1")
dest=$(realpath -m "$2")
if [[ -e "$dest/SHA256SUMS" ]]; then
  echo "$dest already holds a backup: choose a new folder" >&2
  exit 1
fi
mkdir -p "$dest"

if ((!files_only)); then
  socket_dir="$data/postgres"
  if [[ ! -S "$socket_dir/.s.PGSQL.5432" ]]; then
    echo "no embedded PostgreSQL is running in $socket_dir: start the app first (or use --files-only with an external database)" >&2
    exit 1
  fi
  pg_bin=$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d | sort -V | tail -n 1)
  "$pg_bin/pg_dump" --host "$socket_dir" --port 5432 --username postgres --format custom --file "$dest/reception.dump" reception
fi

# The database files are in the dump; Janus's and coturn's folders are written anew at every start; pid files and
# logs belong to the running instance. A recording still being written may change while tar reads it (exit 1):
# what was read is kept, the next backup takes the rest.
status=0
tar --create --file "$dest/files.tar" --directory "$data" \
  --exclude=./postgres --exclude=./janus --exclude=./coturn --exclude='*.pid' --exclude='*.log' --exclude='.write-probe-*' \
  --warning=no-file-changed . || status=$?
if ((status > 1)); then
  echo "tar failed ($status)" >&2
  exit "$status"
fi

(cd "$dest" && sha256sum -- * > SHA256SUMS)
echo "Backup written to $dest"
