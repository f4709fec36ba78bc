"""Who may read the yearly report: the municipality's people (the coordinator and the
officials). Representatives may not: the report compares groups."""

import rules

from officials.rules import is_staff_member

rules.add_perm("reports.view_report", is_staff_member)
