import pytest


@pytest.fixture(autouse=True)
def _categories(request):
    """The default tree comes from a data migration, which a transactional test's flush
    removes; put it back for every hotline test that uses the database."""
    uses_db = request.node.get_closest_marker("django_db") or {"db", "transactional_db"} & set(
        request.fixturenames
    )
    if uses_db:
        from gongkai.hotline.defaults import load_categories
        from gongkai.hotline.models import Category

        load_categories(Category)
