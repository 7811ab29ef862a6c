"""The demo agency: a seeded synthetic interim-staffing agency written as input files, and the
flow that loads it into a warehouse (``leadanalytics demo``).

Examples:
    >>> from leadanalytics.demo import write_inputs
    >>> inputs = write_inputs("demo/input", scale=1, seed=7)     # doctest: +SKIP
"""

from leadanalytics.demo.build import (
    DEFAULT_SEED,
    REFERENCE_DATE,
    DemoInputs,
    write_inputs,
    write_timesheet_rows,
)

__all__ = ["DEFAULT_SEED", "REFERENCE_DATE", "DemoInputs", "write_inputs", "write_timesheet_rows"]
