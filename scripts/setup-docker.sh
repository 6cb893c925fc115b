#!/usr/bin/env bash
# Make `migration-guard verify --database container` runnable on a Debian/Ubuntu machine:
#   1. a Docker engine that answers (installs Debian's docker.io and starts dockerd if needed),
#   2. a PostgreSQL image available locally under the names the code asks for
#      (`postgres:<pgVersion>-alpine`, default 15; and `postgres:17-alpine`), without needing a registry.
# Idempotent: every step is skipped when already done. The built image is cached as a
# tarball, so a re-run on a fresh engine does `docker load` instead of debootstrap.
#
# Where no registry is reachable (this project's CI/dev VMs) the image is a stand-in:
# Debian bookworm + postgresql-15 + a minimal entrypoint copying the official image's
# POSTGRES_USER/PASSWORD/DB behaviour (see /work/shared/notes/docker-testcontainers.md).
# Where a registry answers, the real image is pulled instead.
#
# Env: MG_DOCKER_WORK (scratch dir, default /tmp/mg-docker), MIGRATION_GUARD_CACHE_DIR (default
# ~/.cache/migration-guard), MG_PG_IMAGE_TAGS (names to tag, default "postgres:17-alpine postgres:15-alpine": the default target, pgVersion 15, asks for the latter),
# MG_TRY_PULL=0 to never try a registry.
# Stop the engine afterwards with: kill "$(cat "${MG_DOCKER_WORK:-/tmp/mg-docker}/dockerd.pid")"
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
WORK=${MG_DOCKER_WORK:-/tmp/mg-docker}
CACHE=${MIGRATION_GUARD_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/migration-guard}
ROOT=$WORK/rootfs
BUILT=local/postgres:15          # the stand-in image's own name
TARBALL=$CACHE/docker-image-local-postgres-15.tar.gz
TAGS=${MG_PG_IMAGE_TAGS:-postgres:17-alpine postgres:15-alpine}
TRY_PULL=${MG_TRY_PULL:-1}
mkdir -p "$WORK" "$CACHE"
t() { local s=$SECONDS; "$@"; echo "### step '$*' took $((SECONDS - s))s" >&2; }
have_image() { docker image inspect "$1" >/dev/null 2>&1; }
engine_up() { docker info >/dev/null 2>&1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

step_install() {
  local need=()
  command -v dockerd >/dev/null || need+=(docker.io)
  # debootstrap is only needed to build the image the first time
  if ! have_image "$BUILT" 2>/dev/null && [ ! -s "$TARBALL" ]; then
    command -v debootstrap >/dev/null || need+=(debootstrap)
  fi
  if [ ${#need[@]} -eq 0 ]; then echo "install: nothing to install" >&2; return 0; fi
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
}

step_dockerd() {
  if engine_up; then echo "dockerd: engine already answers" >&2; return 0; fi
  # dockerd runs its own managed containerd; default bridge + iptables (nf_tables) + overlay2 work here
  nohup /usr/sbin/dockerd >"$WORK/dockerd.log" 2>&1 &
  echo $! >"$WORK/dockerd.pid"
  for _ in $(seq 1 120); do engine_up && return 0; sleep 0.25; done
  echo "dockerd did not come up" >&2; tail -50 "$WORK/dockerd.log" >&2; return 1
}

step_debootstrap() {
  rm -rf "$ROOT"
  debootstrap --variant=minbase bookworm "$ROOT" http://deb.debian.org/debian >"$WORK/debootstrap.log"
}

step_chroot_pg() {
  # same mirrors (incl. bookworm-security) and name resolution as the host
  rm -f "$ROOT/etc/apt/sources.list"
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    cp /etc/apt/sources.list.d/debian.sources "$ROOT/etc/apt/sources.list.d/"
  else
    printf 'deb http://deb.debian.org/debian bookworm main\ndeb http://deb.debian.org/debian-security bookworm-security main\n' \
      >"$ROOT/etc/apt/sources.list"
  fi
  cp /etc/hosts /etc/resolv.conf "$ROOT/etc/"
  printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"; chmod +x "$ROOT/usr/sbin/policy-rc.d"
  mkdir -p "$ROOT/etc/postgresql-common/createcluster.d"
  echo 'create_main_cluster = false' >"$ROOT/etc/postgresql-common/createcluster.d/no-main.conf"
  printf 'path-exclude /usr/share/doc/*\npath-exclude /usr/share/man/*\npath-exclude /usr/share/info/*\npath-exclude /usr/share/locale/*\n' \
    >"$ROOT/etc/dpkg/dpkg.cfg.d/01-nodoc"
  printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' >"$ROOT/etc/apt/apt.conf.d/01-norecommends"
  chroot "$ROOT" /bin/sh -c 'export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq postgresql-15 >/dev/null && apt-get clean'
  # trim: JIT (LLVM, ~130 MB; postgres runs without it), docs, locales, apt lists
  rm -f "$ROOT"/usr/lib/x86_64-linux-gnu/libLLVM-14.so* "$ROOT"/usr/lib/postgresql/15/lib/llvmjit*
  rm -rf "$ROOT"/usr/lib/postgresql/15/lib/bitcode "$ROOT"/usr/share/locale/* "$ROOT"/usr/share/doc/* \
         "$ROOT"/usr/share/man/* "$ROOT"/var/lib/apt/lists/* "$ROOT"/var/cache/apt/* "$ROOT"/usr/sbin/policy-rc.d
  printf '127.0.0.1 localhost\n' >"$ROOT/etc/hosts"; : >"$ROOT/etc/resolv.conf"
  mkdir -p "$ROOT/docker-entrypoint-initdb.d"
  cat >"$ROOT/usr/local/bin/docker-entrypoint.sh" <<'EOF'
#!/bin/sh
# Minimal stand-in for the official postgres image entrypoint (subset):
# POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB, POSTGRES_HOST_AUTH_METHOD,
# POSTGRES_INITDB_ARGS, PGDATA, /docker-entrypoint-initdb.d/*.sql|*.sh.
# Like the official image it logs "database system is ready to accept connections"
# twice on first start (temporary socket-only server, then the real one).
set -e
PGBIN=/usr/lib/postgresql/15/bin
export PATH="$PGBIN:$PATH"
export PGDATA="${PGDATA:-/var/lib/postgresql/data}"
if [ "$1" = postgres ]; then shift; fi
case "$1" in ''|-*) ;; *) exec "$@" ;; esac
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown -R postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi
POSTGRES_USER="${POSTGRES_USER:-postgres}"
POSTGRES_DB="${POSTGRES_DB:-$POSTGRES_USER}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -n "$POSTGRES_PASSWORD" ]; then AUTH="${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}"
  else AUTH="${POSTGRES_HOST_AUTH_METHOD:-trust}"; fi
  pwfile=/tmp/pgpw.$$
  printf '%s\n' "${POSTGRES_PASSWORD:-postgres}" >"$pwfile"
  # shellcheck disable=SC2086
  initdb -D "$PGDATA" --username="$POSTGRES_USER" --pwfile="$pwfile" \
    --auth-local=trust --auth-host="$AUTH" --encoding=UTF8 --locale=C.UTF-8 --no-sync $POSTGRES_INITDB_ARGS
  rm -f "$pwfile"
  printf 'host all all all %s\n' "$AUTH" >>"$PGDATA/pg_hba.conf"
  pg_ctl -D "$PGDATA" -w -o "-c listen_addresses='' -c unix_socket_directories=/var/run/postgresql" start
  if [ "$POSTGRES_DB" != postgres ]; then
    psql -v ON_ERROR_STOP=1 -h /var/run/postgresql -U "$POSTGRES_USER" -d postgres -c "CREATE DATABASE \"$POSTGRES_DB\""
  fi
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sql) psql -v ON_ERROR_STOP=1 -h /var/run/postgresql -U "$POSTGRES_USER" -d "$POSTGRES_DB" -f "$f" ;;
      *.sh) . "$f" ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop
fi
exec postgres -D "$PGDATA" -c listen_addresses='*' -c unix_socket_directories=/var/run/postgresql "$@"
EOF
  chmod 755 "$ROOT/usr/local/bin/docker-entrypoint.sh"
}

step_import() {
  # docker 20.10's `import --change` rejects STOPSIGNAL, so add it with a one-line FROM build
  tar -C "$ROOT" --numeric-owner -c . | docker import \
    -c 'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' -c 'CMD ["postgres"]' -c 'EXPOSE 5432' \
    -c 'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin PGDATA=/var/lib/postgresql/data LANG=C.UTF-8' \
    - "$BUILT-rootfs" >/dev/null
  mkdir -p "$WORK/ctx"; printf 'FROM %s-rootfs\nSTOPSIGNAL SIGINT\n' "$BUILT" >"$WORK/ctx/Dockerfile"
  DOCKER_BUILDKIT=0 docker build -q -t "$BUILT" "$WORK/ctx" >/dev/null 2>&1
  docker rmi "$BUILT-rootfs" >/dev/null 2>&1 || true
  rm -rf "$ROOT"
}

step_cache_save() {
  docker save "$BUILT" | gzip -1 >"$TARBALL.tmp" && mv "$TARBALL.tmp" "$TARBALL"
  echo "cached image at $TARBALL ($(du -h "$TARBALL" | cut -f1))" >&2
}

step_cache_load() {
  gzip -dc "$TARBALL" | docker load >/dev/null
}

# Try the registry once (quick failure where none is reachable); true if every tag was pulled.
try_pull_all() {
  [ "$TRY_PULL" = 1 ] || return 1
  local tag
  for tag in $TAGS; do
    have_image "$tag" && continue
    timeout 120 docker pull -q "$tag" >/dev/null 2>&1 || return 1
  done
}

step_image() {
  local tag missing=0
  for tag in $TAGS; do have_image "$tag" || missing=1; done
  if [ $missing = 0 ]; then echo "image: $TAGS already present" >&2; return 0; fi
  if try_pull_all; then echo "image: pulled $TAGS" >&2; return 0; fi
  if ! have_image "$BUILT"; then
    if [ -s "$TARBALL" ]; then
      t step_cache_load
    else
      t step_debootstrap
      t step_chroot_pg
      t step_import
      t step_cache_save
    fi
  fi
  # testcontainers only pulls when the image is missing, so these names resolve locally
  for tag in $TAGS; do have_image "$tag" || docker tag "$BUILT" "$tag"; done
  docker image ls "$BUILT"
}

t step_install
t step_dockerd
t step_image
if [ -s "$WORK/dockerd.pid" ] && kill -0 "$(cat "$WORK/dockerd.pid")" 2>/dev/null; then
  echo "dockerd pid $(cat "$WORK/dockerd.pid"); stop it with: kill \$(cat $WORK/dockerd.pid)"
fi
