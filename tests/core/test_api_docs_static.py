"""The API docs page loads Swagger UI from our static files, never from a CDN."""

import re

import pytest
from django.contrib.staticfiles import finders


@pytest.mark.django_db
def test_the_docs_page_names_only_our_static_files(client):
    page = client.get("/api/v1/docs").content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert "/static/ninja/swagger-ui-bundle.js" in sources
    assert "/static/ninja/swagger-ui.css" in sources
    assert [source for source in sources if "//" in source] == []
    assert finders.find("ninja/swagger-ui-bundle.js") is not None
