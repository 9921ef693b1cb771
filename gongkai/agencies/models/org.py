"""Organisational records of a body (staff, funding, meetings, training, archive submissions,
reading-point visitors). Owned by the reports module; see gongkai/reports/figures.py."""
