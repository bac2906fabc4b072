"""Shared fixtures. Portfolios are built in memory; no test writes into the repository."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pandas as pd
import pytest

from analysis.core.buckets import DEFAULT_BUCKETS, Buckets
from analysis.core import Cubes, attach_states, book_from_portfolio

REPO = Path(__file__).resolve().parents[1]
REALDATA = REPO.parent / "shared" / "realdata"


@pytest.fixture(scope="session")
def realdata_dir() -> Path:
    """``../shared/realdata``; the test is skipped when it is absent."""
    if not REALDATA.is_dir():
        pytest.skip("../shared/realdata is absent")
    return REALDATA


@pytest.fixture(scope="session")
def sample_portfolio() -> pd.DataFrame:
    """A small canonical portfolio from the sample generator (600 accounts × 24 months)."""
    from data.sample.make_sample import generate_portfolio

    return generate_portfolio(n_accounts=600, n_months=24)


@pytest.fixture(scope="session")
def full_sample_portfolio() -> pd.DataFrame:
    """The bundled sample exactly as the app loads it (through ingest)."""
    from analysis.ingest.portfolio import load_portfolio

    path = REPO / "data" / "sample" / "sample_portfolio.csv"
    return load_portfolio(path.read_bytes(), path.name).portfolio


def make_portfolio(rows: list[tuple]) -> pd.DataFrame:
    """A canonical portfolio from ``(account_id, month, dpd, balance)`` tuples, for golden tests."""
    df = pd.DataFrame(rows, columns=["account_id", "month", "days_past_due", "balance"])
    df["days_past_due"] = df["days_past_due"].astype("int64")
    df["balance"] = df["balance"].astype("float64")
    df["snapshot_date"] = pd.PeriodIndex(df["month"], freq="M").to_timestamp(how="end").normalize()
    return df


@pytest.fixture
def tiny_portfolio() -> pd.DataFrame:
    """Three accounts over three months, answers easy to work out by hand."""
    return make_portfolio([
        ("A", "2024-01", 0, 100.0), ("A", "2024-02", 0, 90.0), ("A", "2024-03", 15, 80.0),
        ("B", "2024-01", 10, 200.0), ("B", "2024-02", 40, 210.0), ("B", "2024-03", 70, 220.0),
        ("C", "2024-01", 95, 50.0), ("C", "2024-02", 125, 50.0),
    ])


# --- the data core: cubes and rows with next month's state -------------------------------------

def open_cubes(df: pd.DataFrame, buckets: Buckets = DEFAULT_BUCKETS) -> Cubes:
    """The data core's cubes of ``df`` (DuckDB in memory). Close with ``cubes.book.close()``;
    tests use the :func:`cubes_of` fixture or :func:`core_cubes` instead, which close for them."""
    return book_from_portfolio(df).cubes(buckets)


@contextmanager
def core_cubes(df: pd.DataFrame, buckets: Buckets = DEFAULT_BUCKETS) -> Iterator[Cubes]:
    """``with core_cubes(df) as cubes:`` — for Hypothesis tests, which cannot use function fixtures."""
    cubes = open_cubes(df, buckets)
    try:
        yield cubes
    finally:
        cubes.book.close()


def rows_with_states(df: pd.DataFrame, buckets: Buckets = DEFAULT_BUCKETS) -> pd.DataFrame:
    """``df`` plus ``bucket``, ``next_bucket``, ``next_balance`` and ``next_dpd`` from the data core
    (what the deleted ``bucketed_panel`` added), for the analyses that read account rows."""
    with core_cubes(df, buckets) as cubes:
        return attach_states(df, cubes.states())


@pytest.fixture
def cubes_of() -> Iterator:
    """``cubes_of(df, buckets=DEFAULT_BUCKETS)`` → :class:`analysis.core.Cubes`; every book it
    opened is closed when the test ends."""
    books = []

    def make(df: pd.DataFrame, buckets: Buckets = DEFAULT_BUCKETS) -> Cubes:
        cubes = open_cubes(df, buckets)
        books.append(cubes.book)
        return cubes

    yield make
    for book in books:
        book.close()


@pytest.fixture
def tiny_cubes(tiny_portfolio, cubes_of) -> Cubes:
    """The data core's cubes of :func:`tiny_portfolio` (default buckets)."""
    return cubes_of(tiny_portfolio)


@pytest.fixture
def tiny_rows(tiny_portfolio) -> pd.DataFrame:
    """:func:`tiny_portfolio` with each account-month's bucket and next month's state."""
    return rows_with_states(tiny_portfolio)


@pytest.fixture(scope="session")
def sample_cubes(sample_portfolio) -> Iterator[Cubes]:
    """The data core's cubes of :func:`sample_portfolio` (default buckets), shared by the session."""
    with core_cubes(sample_portfolio) as cubes:
        yield cubes


# --- xdist: a module's shared fixtures are built once ------------------------------------------

_SHARED_SCOPES = {"module", "class", "package"}


@pytest.hookimpl(tryfirst=True)  # before xdist's worker turns the marks into group names
def pytest_collection_modifyitems(config, items):
    """Keep on one xdist worker the tests of a module that share module-, class- or package-scoped
    fixtures, so that ``make test`` (``-n 2 --dist loadgroup``) builds each such fixture once
    instead of once per worker (``--dist loadgroup`` hands ungrouped tests out one by one).

    Tests with an explicit ``xdist_group`` keep it; a package-scoped fixture groups its package.
    """
    for item in items:
        if item.get_closest_marker("xdist_group") is not None:
            continue
        info = getattr(item, "_fixtureinfo", None)
        if info is None:
            continue
        scopes = {defs[-1].scope for defs in info.name2fixturedefs.values() if defs}
        if "package" in scopes:
            item.add_marker(pytest.mark.xdist_group(f"package:{item.path.parent}"))
        elif scopes & _SHARED_SCOPES:
            item.add_marker(pytest.mark.xdist_group(f"module:{item.nodeid.split('::')[0]}"))


class _GroupsOnWorkers:
    """``--dist loadgroup`` on pytest 9.2: pytest-xdist (3.8) sends an ``xdist_group`` to one worker
    by appending ``@group`` to each test's node id on the workers (it sets ``item._nodeid``), but
    pytest 9.2 keeps the id in ``item._id`` (a :class:`NodeId`) and never reads ``_nodeid``: every
    group was silently spread over both workers (module fixtures and the Spark server were built on
    each, the memory test ran beside anything). This appends the suffix where xdist's did not take."""

    @pytest.hookimpl(trylast=True)  # after xdist's own hook and the group marks above
    def pytest_collection_modifyitems(self, config, items):
        for item in items:
            names = {str(m.args[0] if m.args else m.kwargs.get("name", "default"))
                     for m in item.iter_markers("xdist_group")}
            if not names:
                continue
            suffix = "@" + "_".join(sorted(names))
            if item.nodeid.endswith(suffix):
                continue  # xdist's own suffix took (a pytest that reads _nodeid)
            from _pytest.nodeid import NodeId

            item._id = NodeId.parse(item.nodeid + suffix)


def pytest_configure(config):
    # Only on an xdist worker under --dist loadgroup (xdist sets config.option.loadgroup there).
    if getattr(config.option, "loadgroup", False) and hasattr(config, "workerinput"):
        config.pluginmanager.register(_GroupsOnWorkers(), "tests-xdist-groups")
