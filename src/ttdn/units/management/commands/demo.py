"""`ttdn demo`: load the demo province, accounts, plan and the plan's progress (idempotent) and
print how to sign in."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.conf import settings

from ttdn.activities.demo import demo_activities_load
from ttdn.core.commands import TtdnCommand
from ttdn.core.errors import ValidationFailed
from ttdn.library.demo import demo_library_load
from ttdn.monitoring.demo import demo_monitoring_load
from ttdn.plans.demo import demo_plan_load
from ttdn.press.demo import demo_press_load
from ttdn.reporting.demo import REFERENCE_DAY, demo_progress_load
from ttdn.reporting.demo_data import PROGRESS_ACCOUNTS
from ttdn.units.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_load


class Command(TtdnCommand):
    help = (
        "Nạp dữ liệu trình diễn (đơn vị, tài khoản mẫu, kế hoạch mẫu và tiến độ thực hiện); "
        "chạy lại nhiều lần không sinh trùng."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="cho phép nạp khi TTDN_DEBUG tắt (tài khoản mẫu có mật khẩu công khai)",
        )

    def run(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["allow_production"]:
            raise ValidationFailed(
                "Dữ liệu trình diễn có mật khẩu công khai: chỉ nạp khi TTDN_DEBUG=1 "
                "hoặc thêm --allow-production."
            )
        summary = demo_load()
        self.stdout.write(
            f"Dữ liệu trình diễn: {summary.created} đơn vị mới, {summary.updated} đơn vị cập nhật."
        )
        plan, imported = demo_plan_load()
        state = "đã nhập" if imported else "đã có"
        self.stdout.write(
            f"Kế hoạch trình diễn ({state}): {plan.title}, {plan.tasks.count()} nhiệm vụ."
        )
        progress = demo_progress_load(plan=plan)
        state = "đã nạp" if progress.loaded else "đã có"
        self.stdout.write(
            f"Tiến độ trình diễn ({state}, tình hình đến {REFERENCE_DAY:%d/%m/%Y}): "
            f"{progress.updates} lượt cập nhật nhiệm vụ, {progress.reports} báo cáo của đơn vị, "
            f"{progress.accounts_created} tài khoản lãnh đạo đơn vị mới."
        )
        for label, (loaded, count) in (
            ("Đoàn, sự kiện báo chí", demo_press_load()),
            ("Hoạt động", demo_activities_load()),
            ("Tin giám sát báo chí", demo_monitoring_load()),
        ):
            self.stdout.write(f"{label} trình diễn ({'đã nạp' if loaded else 'đã có'}): {count}.")
        added = demo_library_load()
        self.stdout.write(
            f"CSDL thông tin đối ngoại: {added} tin, bài trình diễn mới; cổng thông tin: /portal/"
        )
        self.stdout.write(f"Tài khoản trình diễn (mật khẩu chung: {DEMO_PASSWORD}):")
        for account in (*DEMO_ACCOUNTS, *PROGRESS_ACCOUNTS):
            self.stdout.write(f"  {account.username:<20} {account.role:<15} {account.unit_code}")
