from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class WorkflowConfig(AppConfig):
    """Not a data app: it holds the step contract, its generic page, API route and CLI."""

    name = "gongkai.workflow"
    label = "workflow"

    def ready(self) -> None:
        # Workflows are declared in each app's services; importing them all at start means
        # every step is known to pages, API and CLI, and a broken services module fails now.
        autodiscover_modules("services")
