"""Plans and their tasks: import (CLI, API, the web draft), unit assignments, Excel export.

`plans.parsing` is the PURE parser (file -> ParsedPlan); everything else here stores, resolves
and shows what it read.
"""
