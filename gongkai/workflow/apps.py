from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    """Not a data app: it holds the step contract, its generic page, API route and CLI."""

    name = "gongkai.workflow"
    label = "workflow"
    # Workflows are declared in each app's services; gongkai.core.plugins imports every app's
    # services at start, so every step is known to pages, API and CLI, and a broken services
    # module fails the start.
