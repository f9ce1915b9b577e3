#!/usr/bin/env bash
# pgbarge against pg_dump|psql, pg_dump/pg_restore -j and pgcopydb, on the same machine in the same run.
#
#   bench/run.sh [--jobs N] [--repeat N] [--tools LIST] [--setup-only] [DATASET...]
#
# --repeat N runs every tool N times per dataset (rounds: each round runs every tool once; each round
# starts one tool further down the list, so that no tool always runs first after a dataset change or
# right after the same other tool) and reports each tool's median, and pgbarge's median against the
# fastest peer's.
# DATASET: small, big, mixed, remote (default: all four). TOOLS (comma-separated, default all):
#   pgbarge        pgbarge copy SRC TGT -j N
#   pgbarge-noanalyze  the same with --no-analyze, as pg_dump | psql and pg_restore leave tables
#                  unanalyzed (not in the default list; name it in --tools)
#   pgbarge-dump   pgbarge dump -Fd -j N, then pgbarge restore -j N
#   psql           pg_dump SRC | psql TGT
#   dir            pg_dump -Fd -j N, then pg_restore -j N
#   custom         pg_dump -Fc, then pg_restore -j N
#   pgcopydb       pgcopydb clone --table-jobs N --index-jobs N
#
# Everything lives under $BENCH_DIR (default /work/benchdata), never in the repository: two
# PostgreSQL 15 clusters tuned alike (source on 127.0.0.1:55432; the target inside the network
# namespace pgbench-tgt at 10.77.0.2:5432, reached over a veth pair — for the "remote" dataset the
# pair is limited to 200 Mbit/s and a delaying proxy makes the round trip 20 ms), the datasets (generated once, reused), dump
# directories and the results (results/*.tsv). Each tool gets a freshly created, empty target
# database. pgbarge runs with -Xmx512m (exceeding it fails the run) and a GC log from which the peak
# heap is read. Needs root (network namespace, runuser), postgresql-15, postgresql-client-15,
# pgcopydb, a JDK 17 and Maven; it installs what apt can and says what is missing.
set -euo pipefail

JOBS=2
REPEAT=1
TOOLS="pgbarge,pgbarge-dump,psql,dir,custom,pgcopydb"
SETUP_ONLY=0
DATASETS=()
while [ $# -gt 0 ]; do
  case "$1" in
    -j|--jobs) JOBS="$2"; shift 2 ;;
    -r|--repeat) REPEAT="$2"; shift 2 ;;
    --tools) TOOLS="$2"; shift 2 ;;
    --setup-only) SETUP_ONLY=1; shift ;;
    -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
    small|big|mixed|remote) DATASETS+=("$1"); shift ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ ${#DATASETS[@]} -gt 0 ] || DATASETS=(small big mixed remote)

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BD="${BENCH_DIR:-/work/benchdata}"
PGBIN=/usr/lib/postgresql/15/bin
NS=pgbench-tgt
SRC_PORT=55432
TGT_HOST=10.77.0.2
HOST_IP=10.77.0.1
SRC="host=127.0.0.1 port=$SRC_PORT user=postgres"
TGT="host=$TGT_HOST port=5432 user=postgres"
export PATH="$PGBIN:$PATH" PGCONNECT_TIMEOUT=10

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
die() { echo "bench: $*" >&2; exit 1; }

# ---------------------------------------------------------------- prerequisites
prerequisites() {
  [ "$(id -u)" = 0 ] || die "run as root (network namespace, runuser)"
  local missing=()
  [ -x "$PGBIN/postgres" ] || missing+=(postgresql-15)
  command -v pg_dump >/dev/null && command -v pgbench >/dev/null || missing+=(postgresql-client-15 postgresql-contrib)
  command -v pgcopydb >/dev/null || missing+=(pgcopydb)
  command -v tc >/dev/null && command -v ip >/dev/null || missing+=(iproute2)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}" >/dev/null \
      || die "could not install ${missing[*]}; install them (Debian bookworm: apt-get install ${missing[*]}) and run again"
  fi
  command -v java >/dev/null || die "java (JDK 17+) is missing"
  command -v mvn >/dev/null || die "maven is missing"
  id postgres >/dev/null 2>&1 || die "user postgres is missing (it comes with postgresql-common)"
}

# ---------------------------------------------------------------- servers
CONF="shared_buffers = 2GB
max_wal_size = 16GB
min_wal_size = 1GB
checkpoint_timeout = 30min
max_connections = 200
wal_level = replica
log_min_duration_statement = -1
logging_collector = off
max_locks_per_transaction = 1024
unix_socket_directories = '$BD/sock'"

init_cluster() { # dir port listen
  local dir="$1" port="$2" listen="$3"
  if [ ! -f "$dir/PG_VERSION" ]; then
    log "initdb $dir"
    runuser -u postgres -- "$PGBIN/initdb" -D "$dir" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    printf '%s\nport = %s\nlisten_addresses = %s\n' "$CONF" "$port" "'$listen'" >>"$dir/postgresql.conf"
    echo "host all all 10.77.0.0/24 trust" >>"$dir/pg_hba.conf"
  fi
}

network() {
  if ! ip netns list | grep -qw "$NS"; then
    log "network namespace $NS with veth $HOST_IP <-> $TGT_HOST"
    ip netns add "$NS"
    ip link add pgb-host type veth peer name pgb-tgt
    ip link set pgb-tgt netns "$NS"
    ip addr add "$HOST_IP/24" dev pgb-host
    ip link set pgb-host up
    ip netns exec "$NS" ip addr add "$TGT_HOST/24" dev pgb-tgt
    ip netns exec "$NS" ip link set pgb-tgt up
    ip netns exec "$NS" ip link set lo up
  fi
}

# The "remote" target: 200 Mbit/s each way (tc tbf on both ends of the veth pair) and 20 ms round
# trip. The delay would be tc netem's job, but this machine's kernel has no netem: bench/delay_proxy.py
# adds 10 ms each way in user space instead, and the tools connect to it ($HOST_IP:6543).
PROXY_PID=""
set_remote() {
  if [ "$1" = on ]; then
    tc qdisc replace dev pgb-host root tbf rate 200mbit burst 256kb latency 50ms
    ip netns exec "$NS" tc qdisc replace dev pgb-tgt root tbf rate 200mbit burst 256kb latency 50ms
    if [ -z "$PROXY_PID" ]; then
      python3 "$REPO/bench/delay_proxy.py" "$HOST_IP" 6543 "$TGT_HOST" 5432 10 &
      PROXY_PID=$!
      sleep 0.5
    fi
  else
    tc qdisc del dev pgb-host root 2>/dev/null || true
    ip netns exec "$NS" tc qdisc del dev pgb-tgt root 2>/dev/null || true
    if [ -n "$PROXY_PID" ]; then kill "$PROXY_PID" 2>/dev/null || true; wait "$PROXY_PID" 2>/dev/null || true; PROXY_PID=""; fi
  fi
}

start_servers() {
  mkdir -p "$BD/sock" "$BD/dumps" "$BD/results" "$BD/logs"
  chown postgres "$BD" "$BD/sock" "$BD/dumps"
  init_cluster "$BD/src" $SRC_PORT 127.0.0.1
  init_cluster "$BD/tgt" 5432 "$TGT_HOST"
  network
  if ! pg_isready -q -h 127.0.0.1 -p $SRC_PORT; then
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$BD/src" -l "$BD/src.log" -w start >/dev/null
  fi
  if ! pg_isready -q -h $TGT_HOST -p 5432; then
    ip netns exec "$NS" runuser -u postgres -- "$PGBIN/pg_ctl" -D "$BD/tgt" -l "$BD/tgt.log" -w start >/dev/null
  fi
}

# ---------------------------------------------------------------- datasets
db_exists() { [ "$(psql "$SRC dbname=postgres" -XAtc "select 1 from pg_database where datname = '$1'")" = 1 ]; }

make_small() {
  createdb -h 127.0.0.1 -p $SRC_PORT -U postgres small
  psql "$SRC dbname=small" -Xq -v ON_ERROR_STOP=1 <<'SQL'
DO $$
BEGIN
  FOR i IN 1..1500 LOOP
    EXECUTE format($f$
      CREATE TABLE public.t%1$s (
        id int PRIMARY KEY,
        code text NOT NULL UNIQUE,
        qty int NOT NULL CHECK (qty >= 0),
        prev_id int,
        created timestamptz NOT NULL,
        payload text)$f$, lpad(i::text, 4, '0'));
    EXECUTE format($f$
      INSERT INTO public.t%1$s
      SELECT g, 'c-' || %2$s || '-' || g, (g * 7) %% 1000, CASE WHEN g > 1 THEN g - 1 END,
             timestamptz '2024-01-01' + g * interval '1 minute',
             repeat(md5(g::text || %2$s), 4 + g %% 4)
      FROM generate_series(1, 300 + (%2$s %% 100)) g$f$, lpad(i::text, 4, '0'), i);
    EXECUTE format('CREATE INDEX ON public.t%1$s (created)', lpad(i::text, 4, '0'));
    -- each table refers to the one before it (the first to itself): 1,500 foreign keys
    EXECUTE format('ALTER TABLE public.t%1$s ADD FOREIGN KEY (prev_id) REFERENCES public.t%2$s (id)',
                   lpad(i::text, 4, '0'), lpad(greatest(i - 1, 1)::text, 4, '0'));
  END LOOP;
END $$;
SQL
}

make_big() {
  createdb -h 127.0.0.1 -p $SRC_PORT -U postgres big
  psql "$SRC dbname=big" -Xq -v ON_ERROR_STOP=1 <<'SQL'
CREATE TABLE public.events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ts timestamptz NOT NULL,
  user_id int NOT NULL,
  kind smallint NOT NULL,
  amount numeric(12,2),
  note text);
INSERT INTO public.events (ts, user_id, kind, amount, note)
SELECT timestamptz '2023-01-01' + g * interval '2 seconds', (g * 7919) % 500000, (g % 12)::smallint,
       ((g * 31) % 100000) / 100.0, 'event ' || md5(g::text)
FROM generate_series(1::bigint, 12000000) g;
SQL
}

make_mixed() {
  createdb -h 127.0.0.1 -p $SRC_PORT -U postgres mixed
  pgbench -h 127.0.0.1 -p $SRC_PORT -U postgres -i -s 40 -q mixed >/dev/null 2>&1
  psql "$SRC dbname=mixed" -Xq -v ON_ERROR_STOP=1 <<'SQL'
CREATE TABLE public.documents (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id int NOT NULL,
  created timestamptz NOT NULL,
  title text NOT NULL,
  body jsonb NOT NULL);
INSERT INTO public.documents (account_id, created, title, body)
SELECT (g * 13) % 4000000 + 1, timestamptz '2022-01-01' + g * interval '10 seconds', 'document ' || g,
       jsonb_build_object('kind', (ARRAY['invoice','order','note','ticket'])[g % 4 + 1],
                          'tags', jsonb_build_array('t' || g % 50, 't' || g % 7, 't' || g % 1000),
                          'amount', (g % 10000) / 10.0,
                          'customer', jsonb_build_object('id', g % 100000, 'name', 'customer ' || g % 100000,
                                                         'city', 'city ' || g % 300),
                          'text', repeat(md5(g::text), 6))
FROM generate_series(1::bigint, 2000000) g;
CREATE INDEX documents_created_idx ON public.documents (created);
CREATE INDEX documents_account_idx ON public.documents (account_id);
CREATE INDEX documents_body_idx ON public.documents USING gin (body jsonb_path_ops);
ALTER TABLE public.pgbench_accounts ADD FOREIGN KEY (bid) REFERENCES public.pgbench_branches;
SQL
}

datasets() {
  for d in "$@"; do
    local db="$d"; [ "$d" = remote ] && db=mixed
    if ! db_exists "$db"; then
      log "generating dataset $db (once; kept in $BD/src)"
      "make_$db"
      psql "$SRC dbname=$db" -Xqc "VACUUM ANALYZE"
    fi
  done
}

# ---------------------------------------------------------------- tools
jar() {
  if [ ! -f "$BD/pgbarge.jar" ] || [ "$REPO/target/pgbarge.jar" -nt "$BD/pgbarge.jar" ] \
      || [ -n "$(find "$REPO/src/main" "$REPO/pom.xml" -newer "$REPO/target/pgbarge.jar" -print -quit 2>/dev/null)" ]; then
    log "building pgbarge.jar"
    (cd "$REPO" && mvn -q -B -o -DskipTests package) || die "pgbarge build failed"
    cp "$REPO/target/pgbarge.jar" "$BD/pgbarge.jar"
    rm -f "$BD/pgbarge.jar.jsa"*   # the old build's class archive (see warm_up)
  fi
}

GCLOG=""
pgbarge() {
  # through the launcher, as a user runs it (its JVM options included), on the copy of this build
  PGBARGE_JAR="$BD/pgbarge.jar" \
    PGBARGE_JAVA_OPTS="-Xmx512m -Xlog:gc:file=$GCLOG -Xlog:gc+heap+exit=info:file=$GCLOG.exit" "$REPO/pgbarge" "$@"
}

# The launcher keeps an archive of the classes a copy loads next to the jar (see ./pgbarge), written by
# the first run of a new build: one untimed copy makes it, as a user's first run would, so no measured
# run pays for writing it. Its target database is kept with the first dataset's (see fresh_target):
# dropped right away, its thousands of files would make the first measured run the slow one.
warm_up() {
  [ -f "$BD/pgbarge.jar.jsa" ] && return 0
  local db="${DATASETS[0]}"; [ "$db" = remote ] && db=mixed
  log "warming up: one untimed pgbarge copy of $db, which writes the JVM's class archive"
  psql "$TGT dbname=postgres" -Xqc "DROP DATABASE IF EXISTS bench_warmup WITH (FORCE)" -c "CREATE DATABASE bench_warmup"
  GCLOG="$BD/logs/warmup.gc" pgbarge copy "$SRC dbname=$db" "$TGT dbname=bench_warmup" -j "$JOBS" --no-progress \
    >"$BD/logs/warmup.out" 2>&1 || log "  the warm-up copy failed, see $BD/logs/warmup.out"
  GCLOG="$BD/logs/warmup.gc" pgbarge --version >/dev/null   # checks the archive and puts it in place
  [ -f "$BD/pgbarge.jar.jsa" ] || log "  no class archive was made; pgbarge runs without one"
  TGT_DBS+=(bench_warmup)
}

# Java heap in MB as "peak/live": the largest heap in use (before any GC, or at exit) — what G1 let
# grow within -Xmx — and the largest heap still in use after a GC, i.e. what the run needed
peak_heap() {
  local f peak live
  peak="$(for f in "$@"; do
      [ -f "$f" ] || continue
      grep -ho '[0-9]*M->' "$f" | sed 's/M->//' || true
      grep -hoE 'garbage-first heap +total [0-9]+K, used [0-9]+K' "$f.exit" 2>/dev/null | sed -E 's/.*used ([0-9]+)K/\1/' \
        | awk '{print int($1/1024)}' || true
    done | sort -n | tail -1)"
  # after young and full collections only: a concurrent cycle's Remark and Cleanup lines show the
  # heap as it is, garbage included
  live="$(for f in "$@"; do [ -f "$f" ] && { grep -E 'Pause (Young|Full)' "$f" | grep -o 'M->[0-9]*M' | sed 's/M->//; s/M//' || true; }; done | sort -n | tail -1)"
  echo "${peak:--}/${live:--}"
}

run_tool() { # tool dataset db target-url -> prints seconds
  local tool="$1" db="$3" tgt="$4" out="$BD/dumps/$3-$1"
  rm -rf "$out"
  case "$tool" in
    pgbarge)
      pgbarge copy "$SRC dbname=$db" "$tgt" -j "$JOBS" --no-progress ;;
    pgbarge-noanalyze)
      pgbarge copy "$SRC dbname=$db" "$tgt" -j "$JOBS" --no-progress --no-analyze ;;
    pgbarge-dump)
      pgbarge dump "$SRC dbname=$db" -Fd -j "$JOBS" -f "$out"
      GCLOG="$GCLOG.restore" pgbarge restore -d "$tgt" -j "$JOBS" --no-progress "$out" ;;
    psql)
      pg_dump -d "$SRC dbname=$db" | psql -Xq -v ON_ERROR_STOP=1 -d "$tgt" >/dev/null ;;
    dir)
      pg_dump -d "$SRC dbname=$db" -Fd -j "$JOBS" -f "$out"
      pg_restore -d "$tgt" -j "$JOBS" --exit-on-error "$out" ;;
    custom)
      pg_dump -d "$SRC dbname=$db" -Fc -f "$out"
      pg_restore -d "$tgt" -j "$JOBS" --exit-on-error "$out" ;;
    pgcopydb)
      pgcopydb clone --source "$SRC dbname=$db" --target "$tgt" --table-jobs "$JOBS" --index-jobs "$JOBS" \
        --dir "$out" ;;
  esac
}

# Every run loads into its own new database, and nothing is deleted while a dataset's runs go on.
# This machine's ext4 (no journal) skips inodes freed in the last 60-360 s when it creates a file,
# one buffer lookup each (perf: find_inode_bit, recently_deleted), so the 10,000+ files of `small`
# cost seconds more kernel time when many files were deleted near where they land: the same
# pg_dump | psql load spent 13.9% of all samples there in one run and 0.7% in the next. Dropping the
# previous run's database made this a lottery between tools. So the databases of a dataset's runs are
# kept until the dataset is done (small: ~0.4 GB each), and large ones (few files, much disk) are
# dropped right after their run; files a tool deletes itself (TRUNCATE) still count against it.
TGT_DBS=()
fresh_target() { # name
  psql "$TGT dbname=postgres" -Xqc "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1"
  TGT_DBS+=("$1")
  psql "$TGT dbname=postgres" -Xqc "CHECKPOINT"
  psql "$SRC dbname=postgres" -Xqc "CHECKPOINT"
  # the kernel writes the previous run's dirty pages (data, WAL) back in the background, taking CPU
  # from whichever tool runs next; every tool starts with nothing left to write
  sync
}

drop_targets() {
  local db
  for db in "${TGT_DBS[@]}"; do psql "$TGT dbname=postgres" -Xqc "DROP DATABASE IF EXISTS $db WITH (FORCE)"; done
  TGT_DBS=()
}

# databases left by an interrupted earlier run; their files must not be "recently deleted" when the
# first tool runs, so after dropping any, wait until the kernel no longer skips their inodes
drop_leftovers() {
  local left
  left="$(psql "$TGT dbname=postgres" -XAtc "select datname from pg_database where datname like 'bench%'")"
  [ -n "$left" ] || return 0
  log "dropping leftover target databases: $(echo $left)"
  for db in $left; do psql "$TGT dbname=postgres" -Xqc "DROP DATABASE IF EXISTS $db WITH (FORCE)"; done
  psql "$TGT dbname=postgres" -Xqc "CHECKPOINT"; sync
  log "waiting 70 s for the freed inodes to age (see fresh_target)"
  sleep 70
}

# A dataset's source files, read once into the kernel's page cache before its first round: the runs of
# the dataset before write gigabytes and push them out, so whichever tool ran first (always pgbarge)
# read its rows from disk (big: its copy 0.8 s slower in round 1 than in rounds 2-5 of run
# 20261125T032208). Every tool now starts with the source's files cached, as in later rounds.
warm_source() { # database
  local oid
  oid="$(psql "$SRC dbname=postgres" -XAtc "SELECT oid FROM pg_database WHERE datname = '$1'")"
  [ -n "$oid" ] || return 0
  log "reading $1's files on the source into the page cache"
  cat "$BD/src/base/$oid"/* >/dev/null 2>&1 || true
}

tool_version() {
  case "$1" in
    pgbarge|pgbarge-dump|pgbarge-noanalyze) echo "pgbarge $(cd "$REPO" && git rev-parse --short HEAD)" ;;
    psql) echo "pg_dump/psql $(pg_dump --version | awk '{print $3}')" ;;
    dir|custom) echo "pg_dump/pg_restore $(pg_restore --version | awk '{print $3}')" ;;
    pgcopydb) echo "pgcopydb $(pgcopydb --version 2>/dev/null | awk '/^pgcopydb/ {print $3}')" ;;
  esac
}

# ---------------------------------------------------------------- main
prerequisites
start_servers
datasets "${DATASETS[@]}"
[ "$SETUP_ONLY" = 1 ] && { log "servers up, datasets ready"; exit 0; }
jar

trap 'set_remote off' EXIT
drop_leftovers
warm_up
RUN="$(date -u +%Y%m%dT%H%M%S)"
RES="$BD/results/$RUN.tsv"
printf 'dataset\ttool\tjobs\tseconds\theap_mb\tstatus\tround\n' >"$RES"
log "run $RUN, load average $(cut -d' ' -f1-3 /proc/loadavg)"
IFS=, read -ra TOOL_LIST <<<"$TOOLS"
for d in "${DATASETS[@]}"; do
  db="$d"; [ "$d" = remote ] && db=mixed
  if [ "$d" = remote ]; then set_remote on; else set_remote off; fi
  warm_source "$db"
  for round in $(seq 1 "$REPEAT"); do
    n=${#TOOL_LIST[@]}; order=()
    for i in $(seq 0 $((n - 1))); do order+=("${TOOL_LIST[$(( (i + round - 1) % n ))]}"); done
    for tool in "${order[@]}"; do
      tdb="bench_${d}_${tool//-/_}_$round"
      fresh_target "$tdb"
      GCLOG="$BD/logs/$RUN-$d-$tool-$round.gc"
      log "$d: $tool (-j $JOBS, round $round of $REPEAT)"
      start=$(date +%s.%N)
      status=ok
      tgt="$TGT dbname=$tdb"; [ "$d" = remote ] && tgt="host=$HOST_IP port=6543 user=postgres dbname=$tdb"
      run_tool "$tool" "$d" "$db" "$tgt" >"$BD/logs/$RUN-$d-$tool-$round.out" 2>"$BD/logs/$RUN-$d-$tool-$round.err" || status=failed
      end=$(date +%s.%N)
      secs=$(echo "$end - $start" | bc)
      heap=""
      case "$tool" in pgbarge*) heap="$(peak_heap "$GCLOG" "$GCLOG.restore")" ;; esac
      [ "$status" = ok ] || log "  FAILED, see $BD/logs/$RUN-$d-$tool-$round.err"
      printf '%s\t%s\t%s\t%.1f\t%s\t%s\t%s\n' "$d" "$tool" "$JOBS" "$secs" "${heap:--}" "$status" "$round" >>"$RES"
      log "  $(printf '%.1f' "$secs") s${heap:+, heap peak/live $heap MB}"
      [ "$d" = small ] || drop_targets
      # a kept database whose tables the tool left unanalyzed (psql, pg_restore) would have autovacuum
      # analyze them during the next tool's run, on the CPU that tool needs: done here, untimed
      [ "$d" = small ] && psql "$tgt" -Xqc "ANALYZE"
    done
  done
  drop_targets
done
set_remote off
trap - EXIT

echo
echo "results: $RES"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB RAM, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
for tool in "${TOOL_LIST[@]}"; do echo "$tool: $(tool_version "$tool")"; done
echo
summarize() { # format: text|md
  awk -F'\t' -v fmt="$1" '
    function median(k,   n, i, j, t, a) { n = cnt[k]; for (i = 1; i <= n; i++) a[i] = v[k, i]
      for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
      return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
    NR > 1 { k = $1 "|" $2; if ($6 == "ok") v[k, ++cnt[k]] = $4; else bad[k]++
             runs[k] = runs[k] (runs[k] == "" ? "" : ", ") $4 ($6 == "ok" ? "" : " (" $6 ")")
             if ($5 != "-" && $5 != "") { split($5, hp, "/"); if (hp[1] + 0 >= hmax[k]) { hmax[k] = hp[1] + 0; heap[k] = $5 } }
             if (!($1 in seen)) { seen[$1] = 1; ds[++n] = $1 } if (!($2 in tseen)) { tseen[$2] = 1; tl[++m] = $2 } }
    END {
      if (fmt == "md") { print "| dataset | tool | runs (s) | median (s) | median / pgbarge median | pgbarge heap peak/live (MB) |"
                         print "|---|---|---|---:|---:|---:|" }
      else printf "%-8s %-17s %-24s %8s %10s %8s\n", "dataset", "tool", "runs (s)", "median", "vs pgbarge", "heap MB"
      for (i = 1; i <= n; i++) { base = cnt[ds[i] "|pgbarge"] ? median(ds[i] "|pgbarge") : 0; best = ""; bt = 0
        for (j = 1; j <= m; j++) { k = ds[i] "|" tl[j]; if (!(k in runs)) continue
          med = cnt[k] ? median(k) : 0; r = (base > 0 && med > 0) ? sprintf("%.2f", med / base) : "-"
          if (tl[j] !~ /^pgbarge/ && med > 0 && (bt == 0 || med < bt)) { bt = med; best = tl[j] }
          if (fmt == "md") printf "| %s | %s | %s | %s | %s | %s |\n", ds[i], tl[j], runs[k], (med ? sprintf("%.1f", med) : "-"), r, heap[k]
          else printf "%-8s %-17s %-24s %8s %10s %8s\n", ds[i], tl[j], runs[k], (med ? sprintf("%.1f", med) : "-"), r, heap[k] }
        fastest[i] = best; ft[i] = bt; pb[i] = base }
      if (fmt == "md") { print ""; print "| dataset | pgbarge median (s) | fastest peer (median, s) | pgbarge / fastest peer | goal <= 0.80 |"
                         print "|---|---:|---|---:|---|" }
      else { print ""; printf "%-8s %15s %-24s %10s\n", "dataset", "pgbarge median", "fastest peer (median)", "ratio" }
      for (i = 1; i <= n; i++) { if (!pb[i] || !ft[i]) continue; r = pb[i] / ft[i]
        if (fmt == "md") printf "| %s | %.1f | %s %.1f | %.2f | %s |\n", ds[i], pb[i], fastest[i], ft[i], r, (r <= 0.8 ? "met" : "not met")
        else printf "%-8s %15.1f %-24s %10.2f\n", ds[i], pb[i], fastest[i] " " sprintf("%.1f", ft[i]), r } }' "$RES"
}
summarize text
summarize md >"${RES%.tsv}.md"
echo "Markdown: ${RES%.tsv}.md"
