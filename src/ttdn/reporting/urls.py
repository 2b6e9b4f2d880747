"""URLs of task tracking and reporting (namespace "reporting"): the unit's side (My work,
updates, unit reports) in `urls_work`, the coordinating agency's (periods, dashboard,
scorecards, reminders) in `urls_coord`."""

from ttdn.reporting import urls_coord, urls_work

app_name = "reporting"

urlpatterns = [*urls_work.urlpatterns, *urls_coord.urlpatterns]
