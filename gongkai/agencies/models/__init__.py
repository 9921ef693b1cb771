from gongkai.agencies.models.org import *  # noqa: F401,F403
from gongkai.agencies.models.roles import Membership, Role, SystemRole
from gongkai.agencies.models.tree import Agency, AgencyKind, AgencyLevel, ReadingPoint

__all__ = [
    "Agency",
    "AgencyKind",
    "AgencyLevel",
    "Membership",
    "ReadingPoint",
    "Role",
    "SystemRole",
]
