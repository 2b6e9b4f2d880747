"""Benchmark: public search of the CSDL TTĐN over 200,000 generated items, SQLite and PostgreSQL.

Run: `.venv/bin/python bench/search.py [--items 200000] [--runs 300]
[--postgres postgres://postgres@127.0.0.1:5432/ttdn_bench_NAME]` — for each database, in a child
process, builds a throwaway database (SQLite: a temporary folder; PostgreSQL: the database the URL
names when it starts with `ttdn_bench`, else `ttdn_bench_search`, created on the given server and
dropped at the end), migrates it, generates
the items (Vietnamese-like text: syllables drawn with a Zipf law, place names, 90 % public and
published, the rest restricted, secret, drafts or scheduled), indexes them, then times
`portal.search_public(q, "vi")` — the portal's whole search: backend ranking, the visibility
filter, loading the 50 best and highlighting them — for a mix of queries (place names with and
without accents, two-word phrases, one common word), `--runs` times after 20 warm-ups.
Prints median and p95 per database and ends with `RESULT sqlite_p95_ms=… postgres_p95_ms=…`
(`postgres_p95_ms=skipped` without `--postgres`). Target: p95 < 50 ms. `--keep` keeps both
databases for the next run (which then skips the generation; the SQLite one is kept in
`$TMPDIR/<database name>-kept`). Not run as a test.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH_DB = "ttdn_bench_search"

# ruff: noqa: E501 - the word lists below, one a line
INITIALS = ["", "b", "c", "ch", "d", "đ", "g", "gi", "h", "k", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"]  # fmt: skip
RHYMES = ["a", "ai", "am", "an", "ang", "anh", "ao", "ăn", "âm", "ân", "e", "em", "en", "ê", "i", "inh", "o", "oa", "oan", "ông", "ơ", "ơi", "u", "ui", "ung", "ư", "ưa", "ương", "iên", "uyên"]  # fmt: skip
TONES = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
PLACES = ["Quảng Bình", "Quảng Trị", "Đông Hà", "Lao Bảo", "Cửa Tùng", "Cửa Việt", "Khe Sanh", "Hướng Hóa", "Vĩnh Linh", "Gio Linh", "Triệu Phong", "Hải Lăng", "Cam Lộ", "Đakrông", "Cồn Cỏ", "Savannakhet", "Salavan", "Đồng Hới", "Phong Nha", "Lệ Thủy"]  # fmt: skip
QUERIES = ["quang binh", "Quảng Bình", "dong ha", "Lao Bảo", "cua tung", "khe sanh", "huong hoa", "savannakhet", "con co", "Đồng Hới", "phong nha", "le thuy", "quang tri dong ha", "vinh linh", "cam lo"]  # fmt: skip


def syllables(rng: random.Random, count: int) -> list[str]:
    import unicodedata

    words = set()
    while len(words) < count:
        word = rng.choice(INITIALS) + rng.choice(RHYMES)
        tone = rng.choice(TONES)
        words.add(unicodedata.normalize("NFC", word[0] + tone + word[1:] if tone else word))
    return sorted(words)


def admin_url(url: str) -> str:
    """The server's maintenance database: the named one need not exist."""
    return url.rsplit("/", 1)[0] + "/postgres"


def bench_db(url: str) -> str:
    """The database the URL names if it is a bench database (dropped and created at will), so
    that two people benchmarking on one server do not clobber each other; else BENCH_DB."""
    name = url.rsplit("/", 1)[-1].split("?", 1)[0] if url else ""
    return name if name.startswith("ttdn_bench") and name.replace("_", "").isalnum() else BENCH_DB


def keep_dir(url: str) -> str:
    return os.path.join(tempfile.gettempdir(), f"{bench_db(url)}-kept")


def child(backend: str, items: int, runs: int, url: str, keep: bool) -> None:
    database = bench_db(url)
    folder = keep_dir(url) if keep else tempfile.mkdtemp(prefix="ttdn-bench-search-")
    os.makedirs(folder, exist_ok=True)
    os.environ["TTDN_VAR_DIR"] = folder
    os.environ["DJANGO_SETTINGS_MODULE"] = "ttdn.config.settings_test"
    os.environ.pop("TTDN_DEBUG", None)  # no query log kept in memory
    if backend == "postgres":
        import psycopg

        with psycopg.connect(admin_url(url), autocommit=True) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [database]
            ).fetchone()
            if not (keep and exists):
                conn.execute(f"DROP DATABASE IF EXISTS {database}")
                conn.execute(f"CREATE DATABASE {database}")
        os.environ["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + database
    else:
        os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT / "src"))
    try:
        figures = measure(items, runs)
        print(json.dumps(figures))
    finally:
        from django.db import connections

        connections.close_all()
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)
        if backend == "postgres" and not keep:
            import psycopg

            with psycopg.connect(admin_url(url), autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {database}")


def generate(items: int) -> float:
    import datetime as dt

    from django.db import connection, transaction
    from django.utils import timezone

    from ttdn.library.models import Item, Translation
    from ttdn.library.search import search_backend
    from ttdn.units.models import Unit

    rng = random.Random(20261204)
    vocabulary = syllables(rng, 3000)
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]  # Zipf: a few very common words
    unit = Unit.objects.create(code="BENCH", name="Đơn vị đo", kind="department")
    now = timezone.now()
    started = time.perf_counter()
    batch = 5000
    for start in range(0, items, batch):
        with transaction.atomic():
            rows = []
            for n in range(start, min(items, start + batch)):
                roll = rng.random()
                level = "public" if roll < 0.94 else ("restricted" if roll < 0.97 else "secret")
                state = (
                    "published"
                    if rng.random() < 0.95
                    else rng.choice(["draft", "submitted", "approved"])
                )
                when = (
                    now - dt.timedelta(minutes=n)
                    if rng.random() < 0.98
                    else now + dt.timedelta(days=3)
                )
                rows.append(
                    Item(
                        kind="news", unit=unit, security_level=level, state=state, published_at=when
                    )
                )
            created = Item.objects.bulk_create(rows)
            translations = []
            for item in created:
                title = " ".join(rng.choices(vocabulary, weights, k=9))
                body = " ".join(rng.choices(vocabulary, weights, k=70))
                place = rng.choice(PLACES) if rng.random() < 0.3 else ""
                text = f"{title} {place} {body}".strip()
                translations.append(
                    Translation(
                        item=item,
                        language="vi",
                        title=f"{title} {place}".strip(),
                        body=f"<p>{body}</p>",
                        search_document=text,
                    )
                )
            created_translations = Translation.objects.bulk_create(translations)
            if connection.vendor != "postgresql" and created_translations[0].pk is None:
                raise SystemExit("bulk_create returned no ids")
            search_backend().index(created_translations)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # What autovacuum does soon after a bulk load: flush GIN's pending list, statistics.
            cursor.execute("VACUUM ANALYZE library_translation")
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO library_fts(library_fts) VALUES ('optimize')")
            cursor.execute("ANALYZE")
    return time.perf_counter() - started


def measure(items: int, runs: int) -> dict[str, object]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from ttdn.library.models import Item
    from ttdn.library.portal import search_public

    call_command("migrate", verbosity=0)
    load_s = generate(items) if Item.objects.count() != items else 0.0
    for q in QUERIES + QUERIES:  # warm-up
        search_public(q, "vi")
    timings, hits, per_query = [], {}, {}
    for run in range(runs):
        q = QUERIES[run % len(QUERIES)]
        started = time.perf_counter()
        found = search_public(q, "vi")
        timings.append((time.perf_counter() - started) * 1000)
        per_query.setdefault(q, []).append(timings[-1])
        hits[q] = len(found)
    timings.sort()
    return {
        "vendor": connection.vendor,
        "items": items,
        "load_s": round(load_s, 1),
        "median_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 2),
        "max_ms": round(timings[-1], 2),
        "hits": hits,
        "per_query_median_ms": {q: round(statistics.median(t), 1) for q, t in per_query.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--postgres", default="", help="URL of a PostgreSQL server to use")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the databases ($TMPDIR/<database>-kept, the PostgreSQL one) and reuse them",
    )
    parser.add_argument("--child", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.items, args.runs, args.postgres, args.keep)
        return
    results = {}
    for backend in ("sqlite", "postgres"):
        if backend == "postgres" and not args.postgres:
            continue
        command = [
            sys.executable,
            __file__,
            "--child",
            backend,
            "--items",
            str(args.items),
            "--runs",
            str(args.runs),
            "--postgres",
            args.postgres,
            *(["--keep"] if args.keep else []),
        ]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603
        figures = json.loads(output.strip().splitlines()[-1])
        results[backend] = figures
        print(
            f"{backend}: {figures['items']} items loaded and indexed in {figures['load_s']} s; "
            f"search median {figures['median_ms']} ms, p95 {figures['p95_ms']} ms, max {figures['max_ms']} ms"
        )
        print(f"  results per query (of 50 at most): {figures['hits']}")
        print(f"  median per query (ms): {figures['per_query_median_ms']}")
    postgres = results.get("postgres", {}).get("p95_ms", "skipped")
    print(f"RESULT sqlite_p95_ms={results['sqlite']['p95_ms']} postgres_p95_ms={postgres}")


if __name__ == "__main__":
    main()
