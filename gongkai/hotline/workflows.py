"""The hotline's two workflows (their steps are declared in services.py and partners.py):
the Ticket at the centre, and the Assignment at the body it was dispatched to."""

from gongkai.hotline.choices import AssignmentStatus, Status
from gongkai.hotline.models import Assignment, Ticket
from gongkai.workflow.steps import Workflow

TICKET = Workflow("hotline.ticket", Ticket, label="热线工单", final={Status.CLOSED})
ASSIGNMENT = Workflow(
    "hotline.assignment",
    Assignment,
    label="派单",
    agency_field="body",
    final={AssignmentStatus.RETURNED, AssignmentStatus.REPLIED, AssignmentStatus.WITHDRAWN},
)
