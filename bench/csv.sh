#!/usr/bin/env bash
# CSV import benchmark: pgbarge import-csv vs psql \copy into a local PostgreSQL.
#
#   bench/csv.sh [SIZE_MB]          # default 1024 (a ~1 GB file)
#
# Generates a CSV of about SIZE_MB MiB (id, name, amount, created, flag, note — some notes quoted,
# with commas and newlines), starts a throwaway PostgreSQL server (Debian's postgresql-15 under
# /usr/lib/postgresql/15/bin, or PGBIN=…), loads the file with `psql \copy`, then with
# `pgbarge import-csv` at -j 1 and -j 2, and prints seconds and MiB/s for each.
# Not part of the test suite (it takes minutes). Needs psql, python3, and target/pgbarge.jar (./pgbarge builds it).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MB=${1:-1024}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PORT=${PORT:-55439}
WORK=$(mktemp -d /tmp/pgbarge-csv-bench.XXXXXX)
chmod 755 "$WORK"
CSV="$WORK/data.csv"
AS=()
if [ "$(id -u)" = 0 ]; then AS=(runuser -u nobody --); chown nobody "$WORK"; fi

cleanup() {
  "${AS[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "generating ~${SIZE_MB} MiB of CSV in $CSV" >&2
python3 - "$CSV" "$SIZE_MB" <<'PY'
import random, sys
path, size = sys.argv[1], int(sys.argv[2]) << 20
rnd = random.Random(42)
words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
with open(path, "w", newline="") as f:
    f.write("id,name,amount,created,flag,note\n")
    written, i, buf = 0, 0, []
    while written < size:
        i += 1
        note = " ".join(rnd.choice(words) for _ in range(rnd.randint(2, 8)))
        if i % 10 == 0:
            note = '"' + note.replace(" ", ", ", 1) + '\nsecond ""line"""'
        line = "%d,%s %d,%d.%02d,2024-%02d-%02d %02d:%02d:%02d+00,%s,%s\n" % (
            i, rnd.choice(words), i % 1000, rnd.randint(0, 99999), rnd.randint(0, 99),
            rnd.randint(1, 12), rnd.randint(1, 28), rnd.randint(0, 23), rnd.randint(0, 59), rnd.randint(0, 59),
            "true" if i % 3 else "false", note)
        buf.append(line)
        written += len(line)
        if len(buf) >= 10000:
            f.write("".join(buf)); buf = []
    f.write("".join(buf))
PY
BYTES=$(stat -c %s "$CSV")

"${AS[@]}" "$PGBIN/initdb" -D "$WORK/pg" -U postgres -A trust >/dev/null
"${AS[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w \
  -o "-p $PORT -k $WORK -c listen_addresses=127.0.0.1 -c max_wal_size=4GB -c checkpoint_timeout=30min" start >/dev/null
URI="postgresql://postgres@127.0.0.1:$PORT/postgres"
psql -q "$URI" -c "CREATE TABLE t (id bigint PRIMARY KEY, name text, amount numeric, created timestamptz, flag boolean, note text)"

./pgbarge --version >/dev/null   # builds target/pgbarge.jar when the sources changed
report() { # name seconds
  python3 -c "import sys; b=int(sys.argv[3]); s=float(sys.argv[2]); print('%-32s %8.1f s %8.1f MiB/s' % (sys.argv[1], s, b/s/1048576))" "$1" "$2" "$BYTES"
}
timed() { # name command…
  local name=$1; shift
  psql -q "$URI" -c "TRUNCATE t" -c "CHECKPOINT"
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >/dev/null 2>&1
  t1=$(date +%s.%N)
  local n
  n=$(psql -Atq "$URI" -c "SELECT count(*) FROM t")
  report "$name ($n rows)" "$(python3 -c "print($t1 - $t0)")"
}

echo "file: $BYTES bytes; machine: $(nproc) CPU, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); server: $("$PGBIN/postgres" --version)"
timed "psql \\copy" psql -q "$URI" -c "\\copy t FROM '$CSV' (FORMAT csv, HEADER)"
for j in 1 2; do
  timed "pgbarge import-csv -j $j" java -jar target/pgbarge.jar import-csv "$CSV" --table t -j "$j" --no-progress "$URI"
done
