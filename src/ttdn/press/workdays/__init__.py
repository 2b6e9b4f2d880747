"""Working days of Vietnamese civil servants and the legal deadlines counted in them (PURE).

`lunar` converts Vietnamese lunar dates (UTC+7), `calendar` knows the public holidays (dated
statutory rules + each year's official announcement), `deadlines` holds the foreign-press
deadlines as dated rules. Nothing here imports Django.
"""

from ttdn.press.workdays.calendar import WorkCalendar, default_calendar
from ttdn.press.workdays.deadlines import DeadlineRule, deadline_for, rule_in_force

__all__ = ["DeadlineRule", "WorkCalendar", "deadline_for", "default_calendar", "rule_in_force"]
