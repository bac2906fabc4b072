r"""Which calendar date a stored instant is: Parquet timestamps that carry a time zone.

Spark and Hive write a ``TIMESTAMP`` as an instant in UTC (Parquet's ``isAdjustedToUTC``), so a
Chinese bank's snapshot of 2024-02-01 00:00 (+08:00) is stored as 2024-01-31T16:00Z. Read by its
UTC wall clock it lands in January. The date a risk manager means is the wall clock where the
book is kept, so a UTC-labelled column is read:

1. in the zone the deployment names in ``DW_TIMEZONE`` (an IANA name such as
   ``Asia/Shanghai``; ``UTC`` turns the guess below off);
2. else at the offset that makes every value a local midnight, when all its values share one time
   of day that is neither midnight nor noon (dates written as local midnights: the common case;
   noon UTC is the usual way to store a date as an instant, and reads as its UTC date); or, when
   they take two times of day one hour apart on the same side of UTC (a zone with daylight
   saving: 23:00 and 22:00 UTC are midnights at +01:00 and +02:00), each value at its own one of
   the two offsets;
3. else in UTC, with a note when some value is not a UTC midnight, since then the zone decides
   the date.

A column labelled with any other zone (``Asia/Shanghai``, ``+08:00``) is read in that zone: the
writer said where its wall clock is.
"""
from __future__ import annotations

import zoneinfo
from collections import Counter
from collections.abc import Iterable, Mapping

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

#: Zone names that mean UTC itself: the wall clock they give is not where the book is kept.
_UTC_NAMES = frozenset({"utc", "etc/utc", "z", "gmt", "etc/gmt", "+00:00", "-00:00", "zulu", "universal"})
_DAY_SECONDS = 86_400
_UNIT_SECONDS = {"s": 1, "ms": 1_000, "us": 1_000_000, "ns": 1_000_000_000}
#: Offsets come in quarter hours (Nepal is +05:45). A time of day up to 10:00 UTC is read as a
#: midnight west of UTC (Hawaii is −10:00); later ones east of it, up to +14:00 (Kiribati): a
#: value at 11:00 or 12:00 is New Zealand's midnight (+13:00, +12:00), not an islet's at −11:00.
_QUARTER_HOUR, _LAST_WEST, _NOON = 900, 10 * 3600, 12 * 3600
#: ``zones`` value for a column of local midnights at two offsets (daylight saving), east or west
#: of UTC: each value is read at its own offset (not a zone name: any IANA zone with those two
#: offsets would do, and which one is not known).
_MIDNIGHTS = "local midnights, "
#: The least share of a column's values each of daylight saving's two times of day must hold.
_DAYLIGHT_SHARE = 0.05


def configured_zone(environ: Mapping) -> str | None:
    r"""The IANA zone in ``DW_TIMEZONE``, or ``None`` when it is unset or not a zone.

    Examples
    --------
    >>> configured_zone({"DW_TIMEZONE": "Asia/Shanghai"}), configured_zone({"DW_TIMEZONE": "Mars/Base"})
    ('Asia/Shanghai', None)
    """
    name = str(environ.get("DW_TIMEZONE", "")).strip()
    if not name:
        return None
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
    return name


def offset_name(seconds: int) -> str:
    r"""``+08:00`` for 28,800 seconds east of UTC.

    Examples
    --------
    >>> offset_name(28_800), offset_name(-16_200), offset_name(20_700)
    ('+08:00', '-04:30', '+05:45')
    """
    sign = "-" if seconds < 0 else "+"
    hours, minutes = divmod(abs(seconds) // 60, 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


def midnight_offset(times_of_day: set[int]) -> int | None:
    r"""Seconds east of UTC at which values with these UTC times of day (seconds since midnight,
    ``-1`` for one with a fraction of a second) are all local midnights: when there is one time
    of day, not midnight, on a quarter hour; else ``None``.

    Examples
    --------
    >>> midnight_offset({16 * 3600}), midnight_offset({5 * 3600}), midnight_offset({16 * 3600, 9 * 3600})
    (28800, -18000, None)
    >>> midnight_offset({0}) is None, midnight_offset({-1}) is None, midnight_offset({12 * 3600}) is None
    (True, True, True)
    """
    if len(times_of_day) != 1:
        return None
    (first,) = times_of_day
    if first <= 0 or first % _QUARTER_HOUR or first == _NOON:
        return None  # noon UTC is the usual way to store a date as an instant: its UTC date
    return -first if first <= _LAST_WEST else _DAY_SECONDS - first


def daylight_offsets(times_of_day: set[int]) -> tuple[int, int] | None:
    r"""The two offsets (seconds east of UTC, the lower first) at which values with these UTC
    times of day are all local midnights in a zone with daylight saving: two offsets one hour
    apart on one side of UTC, each a midnight by :func:`midnight_offset`'s rule or UTC midnight
    itself (London is +00:00 in winter); else ``None``.

    Examples
    --------
    >>> daylight_offsets({23 * 3600, 22 * 3600}), daylight_offsets({5 * 3600, 4 * 3600}), daylight_offsets({0, 23 * 3600})
    ((3600, 7200), (-18000, -14400), (0, 3600))
    >>> daylight_offsets({23 * 3600, 21 * 3600}), daylight_offsets({11 * 3600, 12 * 3600}), daylight_offsets({10 * 3600, 11 * 3600})
    (None, None, None)
    """
    if len(times_of_day) != 2:
        return None
    offsets = [0 if t == 0 else midnight_offset({t}) for t in times_of_day]
    if None in offsets:
        return None
    low, high = sorted(offsets)
    return (low, high) if high - low == 3600 and not low < 0 < high else None


def times_of_day(column: pa.ChunkedArray | pa.Array, limit: int = 2) -> set[int]:
    r"""Up to ``limit`` distinct UTC times of day of a timestamp column's values, in seconds
    since midnight (``-1`` for a value with a fraction of a second: not a date's).

    Examples
    --------
    >>> import datetime as dt
    >>> times_of_day(pa.array([dt.datetime(2024, 1, 31, 16), None], type=pa.timestamp("ms", tz="UTC")))
    {57600}
    """
    return set(times_of_day_counts(column, limit))


def times_of_day_counts(column: pa.ChunkedArray | pa.Array, limit: int = 3) -> dict[int, int]:
    r"""How many values have each of up to ``limit`` distinct UTC times of day (as
    :func:`times_of_day` reads them).

    Examples
    --------
    >>> import datetime as dt
    >>> utc = pa.timestamp("ms", tz="UTC")
    >>> times_of_day_counts(pa.array([dt.datetime(2024, 1, 31, 23), dt.datetime(2024, 6, 30, 22), dt.datetime(2024, 1, 1, 23)], type=utc))
    {79200: 1, 82800: 2}
    """
    per_second = _UNIT_SECONDS[column.type.unit]
    ticks = pc.drop_null(column.cast(pa.timestamp(column.type.unit)).cast(pa.int64()))
    ticks = ticks.to_numpy() if isinstance(ticks, pa.Array) else ticks.combine_chunks().to_numpy()
    whole = np.where(ticks % per_second == 0, (ticks // per_second) % _DAY_SECONDS, -1)
    values, counts = np.unique(whole, return_counts=True)
    return {int(v): int(n) for v, n in zip(values[:limit], counts[:limit])}


def reading_zones(schema: pa.Schema, pieces: Iterable[pa.Table], configured: str | None
                  ) -> tuple[dict[str, str], tuple[tuple[str, dict], ...]]:
    r"""``(zones, notes)``: the zone to read each UTC-labelled timestamp column in (see the
    module), and what to tell the user about it.

    ``pieces`` are the file's rows (the whole table, or its batches one after another: a file
    read in pieces is read alike); only the UTC timestamp columns of ``schema`` are looked at,
    and only until each has shown three times of day (two may be daylight saving's).

    Examples
    --------
    >>> import datetime as dt
    >>> utc = pa.timestamp("us", tz="UTC")
    >>> t = pa.table({"日期": pa.array([dt.datetime(2024, 1, 31, 16)], type=utc)})
    >>> reading_zones(t.schema, [t], None)
    ({'日期': '+08:00'}, (('ingest.note.utc_local_midnights', {'column': '日期', 'zone': 'UTC+08:00'}),))
    >>> t = pa.table({"日期": pa.array([dt.datetime(2024, 1, 31, 16, 5), dt.datetime(2024, 2, 1)], type=utc)})
    >>> reading_zones(t.schema, [t], None)[1][0][0], reading_zones(t.schema, [t], "Asia/Shanghai")[0]
    ('ingest.note.utc_read_as_utc', {'日期': 'Asia/Shanghai'})
    """
    utc = [f.name for f in schema if pa.types.is_timestamp(f.type) and _is_utc(f.type.tz)]
    counted: dict[str, Counter] = {name: Counter() for name in utc}
    for piece in pieces if utc else ():
        for name in utc:
            if len(counted[name]) < 3 and name in piece.column_names:
                counted[name].update(times_of_day_counts(piece.column(name), limit=3))
        if all(len(v) >= 3 for v in counted.values()):
            break
    seen = {name: set(counts) for name, counts in counted.items()}
    zones: dict[str, str] = {}
    notes: list[tuple[str, dict]] = []
    for name in utc:
        east, at_times = midnight_offset(seen[name]), seen[name] - {0}
        # both offsets of a daylight-saving zone hold months of the year: a UTC book with a stray
        # 23:00 is no London book
        counts = counted[name]
        daylight = daylight_offsets(seen[name]) \
            if counts and min(counts.values()) >= _DAYLIGHT_SHARE * sum(counts.values()) else None
        if configured is not None:  # the deployment says where the book is kept: no guess beats it
            zones[name] = configured
            if at_times:
                notes.append(("ingest.note.utc_read_in_zone", {"column": name, "zone": configured}))
        elif east is not None:
            zones[name] = offset_name(east)
            notes.append(("ingest.note.utc_local_midnights", {"column": name, "zone": f"UTC{offset_name(east)}"}))
        elif daylight is not None:
            zones[name] = _MIDNIGHTS + ("east" if daylight[1] > 0 else "west")
            notes.append(("ingest.note.utc_local_midnights",
                          {"column": name, "zone": f"UTC{offset_name(daylight[0])}/{offset_name(daylight[1])}"}))
        elif at_times:
            notes.append(("ingest.note.utc_read_as_utc", {"column": name}))
    return zones, tuple(notes)


def _is_utc(tz: str | None) -> bool:
    return tz is not None and tz.strip().lower() in _UTC_NAMES


def wall_clock(table: pa.Table, zones: Mapping[str, str]) -> pa.Table:
    r"""``table`` with every zoned timestamp column as the wall clock of its zone (no zone
    attached): ``zones`` for the columns it names, the column's own zone for the others.

    Examples
    --------
    >>> import datetime as dt
    >>> t = pa.table({"d": pa.array([dt.datetime(2024, 1, 31, 16)], type=pa.timestamp("us", tz="UTC"))})
    >>> wall_clock(t, {"d": "+08:00"}).column("d")[0].as_py(), wall_clock(t, {}).column("d")[0].as_py()
    (datetime.datetime(2024, 2, 1, 0, 0), datetime.datetime(2024, 1, 31, 16, 0))
    """
    for i, field in enumerate(table.schema):
        if pa.types.is_timestamp(field.type) and field.type.tz is not None:
            zone = zones.get(field.name, field.type.tz)
            if zone.startswith(_MIDNIGHTS):  # local midnights either side of a daylight-saving change
                column = _nearest_midnight(table.column(i), east=zone == _MIDNIGHTS + "east")
            else:
                column = pc.local_timestamp(table.column(i).cast(pa.timestamp(field.type.unit, tz=zone)))
            table = table.set_column(i, field.name, column)
    return table


def _nearest_midnight(column: pa.ChunkedArray, east: bool) -> pa.ChunkedArray:
    """UTC instants that are local midnights east of UTC (the next UTC midnight is their date) or
    west of it (the UTC midnight before them), as that date's midnight with no zone attached."""
    rounded = pc.ceil_temporal(column, unit="day") if east else pc.floor_temporal(column, unit="day")
    return rounded.cast(pa.timestamp(column.type.unit))
