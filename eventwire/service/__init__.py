"""``eventwire serve``: an HTTP service over one output folder (FastAPI + uvicorn).

* :mod:`.app` — :func:`create_app` (routes) and :func:`serve` (uvicorn);
* :mod:`.db` — the read-only DuckDB connection and the folder's layout;
* :mod:`.queries` / :mod:`.stories` — parameterised queries over events, actors and stories;
* :mod:`.schemas` — request and response models (the OpenAPI document);
* :mod:`.limits` — the request-body size limit (413) as a pure ASGI middleware;
* :mod:`.coding` — ``POST /code``: the library call on posted articles.

    >>> from fastapi.testclient import TestClient
    >>> from eventwire.service import create_app
    >>> client = TestClient(create_app("out"))              # doctest: +SKIP
    >>> client.get("/events", params={"event_type": "AID"}).json()["total"]  # doctest: +SKIP
"""
from .app import DEFAULT_MAX_BODY_BYTES, create_app, serve

__all__ = ["DEFAULT_MAX_BODY_BYTES", "create_app", "serve"]
