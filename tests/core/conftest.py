"""Fixtures of the data-core tests: the local Spark Connect server the Spark tests run against."""
from __future__ import annotations

import os

import pytest

from tests.core import spark_server


@pytest.fixture(scope="session")
def spark_url(tmp_path_factory):
    """``sc://localhost:PORT`` of a Spark Connect server started once for the test session.

    Skipped with the reason when this machine cannot run one (no Java, no full pyspark), except
    under ``CI=true``, where the Spark tests must run: ``make test`` installs both.
    """
    reason = spark_server.unavailable()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"cannot start the Spark Connect server under CI=true: {reason}")
        pytest.skip(reason)
    server = spark_server.SparkConnectServer(tmp_path_factory.mktemp("spark-connect"))
    try:
        url = server.start()
    except RuntimeError as error:
        pytest.fail(str(error))
    try:
        yield url
    finally:
        server.stop()
