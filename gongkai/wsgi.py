import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
application = get_wsgi_application()


def _import_urls() -> None:
    """Import every view and build the API's schemas now instead of on each worker's first
    request: under gunicorn --preload the workers forked from this process start ready, and a
    worker that is killed and forked again answers at once. Nothing here may keep a database
    connection, which forked workers would share."""
    from django.db import connections
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - the import is the point
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:  # (a test importing this keeps its transaction)
            connection.close()


_import_urls()
