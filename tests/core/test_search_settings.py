"""Moving search to OpenSearch or Elasticsearch is a matter of settings (README, "Search")."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRINT_BACKENDS = (
    "import django, json; django.setup(); from django.conf import settings; "
    "print(json.dumps(settings.WAGTAILSEARCH_BACKENDS))"
)


def search_backends(**env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("SEARCH_") and key != "DATABASE_URL"
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="k8Zq-3vT_pL0w9xR2mN7bY4cH6jD1sF5gA8eU0iO3tW9yQ2zX7vB4nM6",
        **env,
    )
    result = subprocess.run(
        [sys.executable, "-c", PRINT_BACKENDS],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)["default"]


def test_without_a_search_backend_the_site_searches_its_own_database():
    assert search_backends() == {"BACKEND": "search.backends", "SEARCH_CONFIG": "dutch"}


def test_an_opensearch_cluster_is_three_variables():
    backend = search_backends(
        SEARCH_BACKEND="modelsearch.backends.opensearch2",
        SEARCH_URLS="https://zoek1.internal:9200, https://zoek2.internal:9200",
        SEARCH_INDEX_PREFIX="lg_",
    )
    assert backend["BACKEND"] == "modelsearch.backends.opensearch2"
    assert backend["URLS"] == ["https://zoek1.internal:9200", "https://zoek2.internal:9200"]
    assert backend["INDEX_PREFIX"] == "lg_"
    assert backend["INDEX_SETTINGS"]["settings"]["analysis"]["analyzer"]["default"] == {"type": "dutch"}
