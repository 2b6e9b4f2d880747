"""Periodic reporting on the task register: reporting periods, each unit's task updates with
indicators, money and evidence, the unit's period report (draft → approved → submitted →
accepted / returned), completeness and timeliness, and reminders (đôn đốc)."""
