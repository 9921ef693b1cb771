from gongkai.agencies.models.org import *  # noqa: F401,F403
