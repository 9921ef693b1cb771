"""The publishing module's services, one module per job; this module names them all (and,
imported at start, declares the item workflow `ITEM`).

- `html`: the body's allowed HTML and its plain text;
- `items`: drafting, attachments, the Art. 26 deadline, correction;
- `findings`: personal data found by the scanner, masked or overridden;
- `steps`: the workflow (submit, approve, reject, sign-off, withdraw, channels, publication);
- `sectiontwo`: section 二 figures and their Excel import;
- `kiosk`: the hall touch-screen catalogue.

Every change is one transaction, one permission check, one audit event naming the actor.
"""

from gongkai.publishing.findings import mask_finding, override_finding, rescan
from gongkai.publishing.html import html_to_text, sanitize_html
from gongkai.publishing.items import (
    AUDIT_FIELDS,
    EDITABLE_FIELDS,
    PUBLISH_DEADLINE_WORKDAYS,
    add_attachment,
    correct,
    create_item,
    publish_deadline,
    recompute_deadlines,
    remove_attachment,
    update_item,
)
from gongkai.publishing.kiosk import delete_kiosk_entry, save_kiosk_entry
from gongkai.publishing.sectiontwo import import_section_two, parse_decimal, set_section_two
from gongkai.publishing.steps import (
    ITEM,
    approve,
    publish_scheduled,
    record_channel,
    reject,
    sign_off,
    submit,
    withdraw,
)
from gongkai.workflow.steps import StepError

WorkflowError = StepError  # the one step error of every workflow

__all__ = [
    "AUDIT_FIELDS",
    "EDITABLE_FIELDS",
    "ITEM",
    "PUBLISH_DEADLINE_WORKDAYS",
    "StepError",
    "WorkflowError",
    "add_attachment",
    "approve",
    "correct",
    "create_item",
    "delete_kiosk_entry",
    "html_to_text",
    "import_section_two",
    "mask_finding",
    "override_finding",
    "parse_decimal",
    "publish_deadline",
    "publish_scheduled",
    "recompute_deadlines",
    "record_channel",
    "reject",
    "remove_attachment",
    "rescan",
    "sanitize_html",
    "save_kiosk_entry",
    "set_section_two",
    "sign_off",
    "submit",
    "update_item",
    "withdraw",
]
