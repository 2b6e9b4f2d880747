"""In-app notifications with e-mail, sent at most once per event, and the periodic-job
scheduler (`ttdn scheduler`) that enqueues the daily and weekly jobs on the task backend."""
