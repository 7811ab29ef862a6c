"""The demo agency: a seeded synthetic interim-staffing agency written as input files, and the
flow that takes them through the package (``leadanalytics demo``).

What it holds (same seed and scale, same bytes; dates relative to ``REFERENCE_DATE``, the
demo's "today", with data up to the day before):

- ``branches.csv``: head office, five regions, city branches, one city with sub-branches;
- ``people.csv``: Dutch names, a director per region (one also finance), a branch director
  below a region, finance, analyst, admin (some with several roles), employees, a few inactive;
- ``delegations.csv``: a director's summer holiday, a week's cover, a finance week off;
- ``leads.csv`` / ``lead_events.csv``: lookup codes for unit, source, priority and category;
  histories drawn from the phase pipeline's configuration (``next``, verbs and who may use
  them, reasons, assignment ids), some drafts incomplete, permanent roles, hours extensions;
- ``assignments.csv``: start, end (some open) and timesheet contact (nl or en);
- ``timesheets/timesheets_YYYY-MM.csv``: line revisions along the approval route, rejections
  and resubmissions, corrections, one sender writing ISO weeks, late rows in a later file,
  repeated rows, a conflicting revision and one row per broken column rule;
- ``vms/connecting-expertise_YYYY-MM.csv``: the vendor platform's export with Dutch headers;
- ``corrections/timesheet_correction_YYYY-MM-DD.csv``: written by the flow, not here, during
  its payroll calendar: one client's correction that puts a closed batch's bonus in `review`
  (``flow._review_scene``).

Examples:
    >>> from leadanalytics.demo import write_inputs, write_timesheet_rows
    >>> inputs = write_inputs("demo/input", scale=1, seed=7)              # doctest: +SKIP
    >>> write_timesheet_rows("bench/ts.csv", 10_000_000)                  # doctest: +SKIP
"""

from leadanalytics.demo.build import (
    DEFAULT_SEED,
    REFERENCE_DATE,
    DemoInputs,
    write_inputs,
    write_timesheet_rows,
)

__all__ = ["DEFAULT_SEED", "REFERENCE_DATE", "DemoInputs", "write_inputs", "write_timesheet_rows"]
