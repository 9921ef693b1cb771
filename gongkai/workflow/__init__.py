"""Workflow steps declared once; see steps.py (the contract), views.py, api.py, commands.py."""
