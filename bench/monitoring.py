"""Benchmark: press-monitoring analysis throughput, peak memory, and end-to-end ingest rate.

Run: `.venv/bin/python bench/monitoring.py [--articles 50000] [--feeds 40 --per-feed 100]
[--pg-database NAME]`.
1. Generates N articles from our own vocabulary (provinces, topic phrases, tone words; one in ten a
   syndicated copy of an earlier one), pins the process to one core and times
   `Analyzer.analyze_batch` (language, provinces, topics, sentiment, stories in two stages:
   MinHash copies, then same-event write-ups); peak RSS in MB.
2. Serves F RSS feeds of P items each from a local HTTP server on 127.0.0.1 and times, in a
   child process per database, polling every feed (fetch, parse, store) and analysing what was
   stored: SQLite in a throwaway folder, and PostgreSQL (a throwaway database, `--pg-database`,
   on the server of DATABASE_URL) when DATABASE_URL is set, else reported as "skipped".
Ends with `RESULT analyze_per_s=… peak_mb=… ingest_sqlite_per_s=… ingest_postgres_per_s=…`.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core: no BLAS thread pool either

PROVINCES = [
    "Quảng Trị", "Quảng Ninh", "Lào Cai", "Đà Nẵng", "Khánh Hòa", "Hà Nội", "Cần Thơ",
    "Nghệ An", "Điện Biên", "Lạng Sơn", "Gia Lai", "Tây Ninh", "An Giang", "Huế",
]  # fmt: skip
PHRASES = {
    "kinh-te-dau-tu": ["thu hút đầu tư vào khu công nghiệp", "doanh nghiệp tăng xuất khẩu"],
    "du-lich": ["du khách đến tham quan bãi biển", "lượng khách du lịch tăng mạnh"],
    "bien-gioi": ["lực lượng biên phòng tuần tra cột mốc", "cửa khẩu thông quan hàng hóa"],
    "xa-hoi": ["mưa lũ gây sạt lở đường giao thông", "bệnh viện tiếp nhận nhiều ca bệnh"],
    "van-hoa-di-san": ["lễ hội truyền thống được công nhận di sản", "triển lãm nghệ thuật"],
    "quoc-phong-an-ninh": ["công an bắt giữ nhóm buôn lậu ma túy", "diễn tập phòng thủ"],
}
TONE = ["thành công tốt đẹp", "được đánh giá cao", "gây thiệt hại nặng nề", "khiến dư luận lo ngại"]
SUBJECTS = ["Sở Kế hoạch", "Ủy ban nhân dân", "Ban quản lý", "Hội nông dân", "Trường học",
            "Bệnh viện", "Đồn biên phòng", "Công ty", "Hợp tác xã", "Đoàn thanh niên"]  # fmt: skip
VERBS = ["triển khai", "hoàn thành", "kiểm tra", "đề xuất", "tổng kết", "phối hợp", "hỗ trợ",
         "khảo sát", "báo cáo", "xây dựng"]  # fmt: skip
OBJECTS = ["kế hoạch năm", "công trình thủy lợi", "tuyến đường liên xã", "chương trình đào tạo",
           "mô hình sản xuất", "dự án nhà ở", "hệ thống cấp nước", "vùng trồng cây ăn quả",
           "chợ đầu mối", "điểm trường"]  # fmt: skip


def generate(n: int, seed: int = 7) -> list[dict[str, str]]:
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    for i in range(n):
        if rows and rng.random() < 0.1:
            copy = dict(rng.choice(rows))
            copy["id"], copy["text"] = f"a{i}", copy["text"] + " Ảnh: cộng tác viên."
            rows.append(copy)
            continue
        province = rng.choice(PROVINCES)
        topic = rng.choice(list(PHRASES))
        sentences = [
            f"Ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}, tại tỉnh {province}, "
            f"{rng.choice(PHRASES[topic])} {rng.choice(TONE)}.",
            *(
                f"{rng.choice(SUBJECTS)} {rng.randint(1, 90)} {rng.choice(VERBS)} "
                f"{rng.choice(OBJECTS)} {rng.randint(1, 400)} cho {rng.randint(10, 990)} hộ, "
                f"{rng.choice(VERBS)} {rng.randint(2, 60)} {rng.choice(OBJECTS)}."
                for _ in range(rng.randint(4, 9))
            ),
            f"Lãnh đạo {province} cho biết {rng.choice(PHRASES[rng.choice(list(PHRASES))])}.",
        ]
        rows.append(
            {
                "id": f"a{i}",
                "title": f"{province}: {rng.choice(PHRASES[topic])} (số {i})",
                "text": " ".join(sentences),
                "source_domain": rng.choice(["baotinh.vn", "example.com", "tin.vn"]),
            }
        )
    return rows


def bench_analysis(n: int) -> tuple[float, float]:
    from ttdn.monitoring.nlp import Analyzer, Article

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    rows = generate(n)
    articles = [Article.from_json(r) for r in rows]
    analyzer = Analyzer(province="Quảng Trị")
    analyzer.analyze_batch(articles[:50])  # warm-up: model files and caches are loaded once
    start = time.perf_counter()
    results = analyzer.analyze_batch(articles)
    seconds = time.perf_counter() - start
    stories = len({r.story_id for r in results})
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"analysis: {n} articles in {seconds:.1f} s on one core = {n / seconds:.0f}/s")
    print(f"          {stories} stories, peak RSS {peak_mb:.0f} MB")
    return n / seconds, peak_mb


class FeedHandler(BaseHTTPRequestHandler):
    per_feed = 100

    def do_GET(self) -> None:
        if self.path == "/robots.txt":
            body = b"User-agent: *\nAllow: /\n"
        else:
            feed = int(self.path.strip("/").split("/")[-1].removesuffix(".xml"))
            body = rss(feed, self.per_feed).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def rss(feed: int, per_feed: int) -> str:
    rows = generate(per_feed, seed=1000 + feed)
    items = "".join(
        f"<item><title>{r['title']}</title><link>https://tin{feed}.vn/bai/{i}</link>"
        f"<description>{r['text']} (nguồn {feed})</description>"
        "<pubDate>Mon, 05 Jan 2026 08:00:00 +0700</pubDate></item>"
        for i, r in enumerate(rows)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>{items}</channel></rss>'
    )


def ingest_child(feeds: int, port: int) -> None:
    """In a child process (its own settings): poll every feed, then analyse what is new."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from ttdn.monitoring.analysis import analyze_pending
    from ttdn.monitoring.fetching import Fetcher, FetchPolicy
    from ttdn.monitoring.ingestion import poll_source
    from ttdn.monitoring.models import Article, Source, SourceKind

    sources = [
        Source.objects.create(
            name=f"Feed {i}", kind=SourceKind.RSS, url=f"http://127.0.0.1:{port}/feed/{i}.xml"
        )
        for i in range(feeds)
    ]
    fetcher = Fetcher(FetchPolicy(host_delay=0.0))
    start = time.perf_counter()
    for source in sources:
        poll_source(source, fetcher)
    while analyze_pending(500):
        pass
    seconds = time.perf_counter() - start
    count = Article.objects.filter(analyzed_at__isnull=False).count()
    print(f"INGEST {count} {seconds:.3f}")


def run_ingest(
    backend: str, feeds: int, port: int, database_name: str = "test_ttdn_monitoring_bench"
) -> float | None:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="ttdn.config.settings_test", REDIS_URL="")
    env.pop("TTDN_DEBUG", None)
    tmp = tempfile.mkdtemp(prefix="ttdn-bench-monitoring-")
    env["TTDN_VAR_DIR"] = tmp
    database = None
    if backend == "sqlite":
        env["DATABASE_URL"] = ""
    else:
        url = os.environ.get("DATABASE_URL", "")
        if not url.startswith("postgres"):
            print("ingest postgres: skipped (DATABASE_URL is not a PostgreSQL URL)")
            return None
        database = database_name
        _postgres(url, f'DROP DATABASE IF EXISTS "{database}"', f'CREATE DATABASE "{database}"')
        env["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + database
    try:
        out = subprocess.run(  # noqa: S603 - our own interpreter and script
            [sys.executable, __file__, "--ingest-child", str(feeds), "--port", str(port)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if database:
            _postgres(os.environ["DATABASE_URL"], f'DROP DATABASE IF EXISTS "{database}"')
    count, seconds = next(line for line in out.splitlines() if line.startswith("INGEST")).split()[
        1:
    ]
    rate = int(count) / float(seconds)
    print(
        f"ingest {backend}: {count} articles (fetch, parse, store, analyse) "
        f"in {seconds} s = {rate:.0f}/s"
    )
    return rate


def _postgres(url: str, *statements: str) -> None:
    import psycopg

    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--feeds", type=int, default=40)
    parser.add_argument("--per-feed", type=int, default=100)
    parser.add_argument("--ingest-child", type=int, default=None)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--pg-database", default="test_ttdn_monitoring_bench")
    args = parser.parse_args()
    if args.ingest_child is not None:
        ingest_child(args.ingest_child, args.port)
        return
    FeedHandler.per_feed = args.per_feed
    server = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    sqlite_rate = run_ingest("sqlite", args.feeds, port)
    postgres_rate = run_ingest("postgres", args.feeds, port, args.pg_database)
    server.shutdown()
    per_s, peak_mb = bench_analysis(args.articles)

    def show(rate: float | None) -> str:
        return "skipped" if rate is None else f"{rate:.0f}"

    print(
        f"RESULT analyze_per_s={per_s:.0f} peak_mb={peak_mb:.0f} "
        f"ingest_sqlite_per_s={show(sqlite_rate)} ingest_postgres_per_s={show(postgres_rate)}"
    )


if __name__ == "__main__":
    main()
