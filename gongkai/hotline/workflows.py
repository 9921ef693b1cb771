"""The hotline's two workflows (their steps are declared in services.py and partners.py):
the Ticket at the centre, and the Assignment at the body it was dispatched to."""

from gongkai.hotline.choices import AssignmentStatus, TicketStatus
from gongkai.hotline.models import Assignment, Ticket
from gongkai.workflow.steps import Workflow

# What the ledger snapshots of the ticket before and after a step (of either workflow: an
# assignment's steps are recorded on its ticket).
AUDIT_FIELDS = (
    "status",
    "body",
    "due_on",
    "sign_due_on",
    "signed_on",
    "signed_late",
    "replied_on",
    "closed_on",
    "closed_late",
    "extended",
    "returns",
    "reworks",
    "supervised",
    "satisfaction",
)
TICKET = Workflow(
    "hotline.ticket",
    Ticket,
    label="热线工单",
    final={TicketStatus.CLOSED},
    audit_fields=AUDIT_FIELDS,
)
ASSIGNMENT = Workflow(
    "hotline.assignment",
    Assignment,
    label="派单",
    agency_field="body",
    final={AssignmentStatus.RETURNED, AssignmentStatus.REPLIED, AssignmentStatus.WITHDRAWN},
    audit_fields=AUDIT_FIELDS,
)
