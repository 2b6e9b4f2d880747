"""`ttdn scheduler`: enqueue the periodic jobs on the task backend when their time comes.

Daily at 06:30 (Vietnam time) the overdue marking, then the reminders; Mondays at 07:00 the
weekly digest. Run it as a long-lived process beside `ttdn worker`, or from cron with `--once`;
several schedulers at once still enqueue each slot once (see notifications.scheduling).
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from argparse import ArgumentParser
from typing import Any

from django.db import close_old_connections
from django.utils import timezone

from ttdn.core.commands import TtdnCommand
from ttdn.core.errors import ValidationFailed
from ttdn.notifications.scheduling import scheduler_tick

logger = logging.getLogger(__name__)


def parse_now(value: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise ValidationFailed(
            f"Thời điểm “{value}” không hợp lệ; ghi theo dạng 2026-11-23T06:45 (giờ Việt Nam)."
        ) from exc
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


class Command(TtdnCommand):
    help = (
        "Đưa các việc định kỳ vào hàng đợi đúng giờ: đánh dấu quá hạn và nhắc hạn hằng ngày "
        "lúc 06:30, tổng hợp tuần sáng thứ Hai lúc 07:00."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--once", action="store_true", help="kiểm tra một lượt rồi dừng (cron)")
        parser.add_argument(
            "--now",
            metavar="ISO_DATETIME",
            help="coi thời điểm hiện tại là giá trị này (để kiểm thử); chạy một lượt",
        )
        parser.add_argument(
            "--interval", type=int, default=60, help="số giây giữa hai lượt kiểm tra (mặc định 60)"
        )

    def run(self, *args: Any, **options: Any) -> None:
        if options["interval"] < 1:
            raise ValidationFailed("--interval phải là số giây dương.")
        if options["now"] or options["once"]:
            now = parse_now(options["now"]) if options["now"] else timezone.now()
            self._tick(now, verbosity=options["verbosity"])
            return
        self.stdout.write(
            f"Lịch chạy định kỳ: kiểm tra mỗi {options['interval']} giây (Ctrl+C để dừng)."
        )
        try:
            while True:
                close_old_connections()
                try:
                    self._tick(timezone.now(), verbosity=options["verbosity"])
                except Exception:  # a busy database must not stop the schedule
                    logger.exception("Lượt kiểm tra lịch chạy định kỳ bị lỗi; thử lại lượt sau.")
                time.sleep(options["interval"])
        except KeyboardInterrupt:
            self.stdout.write("Đã dừng lịch chạy định kỳ.")

    def _tick(self, now: dt.datetime, *, verbosity: int) -> None:
        enqueued = scheduler_tick(now=now)
        for row in enqueued:
            self.stdout.write(
                f"Đã đưa vào hàng đợi: {row.job.label} ({row.job.name}, lượt {row.slot}, "
                f"mã {row.result_id})."
            )
        if not enqueued and verbosity >= 2:
            self.stdout.write(f"{timezone.localtime(now):%H:%M %d/%m/%Y}: chưa đến lượt việc nào.")
