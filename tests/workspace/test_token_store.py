"""The in-memory store that lets a refresh find its data again (ui/continuity.py: DataStore)."""
from __future__ import annotations

import re

from ui.continuity import DataStore, Entry


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def entry(data_id: str = "d1", size: int = 10, owner: str = "") -> Entry:
    return Entry(result=object(), name=f"{data_id}.csv", data_id=data_id, size=size, owner=owner)


def test_a_token_gives_its_data_back_until_it_is_idle_too_long():
    clock = Clock()
    store = DataStore(idle_seconds=1800, max_bytes=1000, clock=clock)
    token = store.new_token()
    kept = entry()
    assert store.put(token, kept)
    clock.now += 1799
    assert store.get(token) is kept  # used: its idle clock restarts here
    clock.now += 1799
    assert store.get(token) is kept
    clock.now += 1801
    assert store.get(token) is None
    assert store.expired(token)  # the page can say "expired", not "lost"
    assert len(store) == 0


def test_touch_keeps_a_token_alive_only_for_the_same_data():
    clock = Clock()
    store = DataStore(idle_seconds=60, max_bytes=1000, clock=clock)
    token = store.new_token()
    store.put(token, entry("d1"))
    clock.now += 50
    assert store.touch(token, "d1") and not store.touch(token, "other")
    clock.now += 50  # 100 s after the put, 50 after the touch
    assert store.get(token) is not None


def test_an_unknown_token_is_neither_found_nor_called_expired():
    store = DataStore()
    assert store.get("not-a-token") is None and not store.expired("not-a-token")


def test_the_size_cap_pushes_out_the_least_recently_used():
    clock = Clock()
    store = DataStore(idle_seconds=1800, max_bytes=100, clock=clock)
    a, b, c = store.new_token(), store.new_token(), store.new_token()
    store.put(a, entry("a", 40))
    clock.now += 1
    store.put(b, entry("b", 40))
    clock.now += 1
    store.get(a)  # a is now the more recently used
    clock.now += 1
    store.put(c, entry("c", 40))  # 120 > 100: b goes
    assert store.get(b) is None and store.expired(b)
    assert store.get(a) is not None and store.get(c) is not None


def test_data_larger_than_the_cap_is_not_kept():
    store = DataStore(max_bytes=100)
    token = store.new_token()
    assert not store.put(token, entry(size=101))
    assert store.get(token) is None


def test_tokens_are_unguessable():
    store = DataStore()
    tokens = {store.new_token() for _ in range(2000)}
    assert len(tokens) == 2000
    # 32 random bytes, URL-safe base64: 43 characters, safe in an address
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{43}", t) for t in tokens)
    # every position varies: no counter, no time stamp inside (the last character carries 4 bits)
    for i in range(42):
        assert len({t[i] for t in tokens}) > 55
    assert len({t[42] for t in tokens}) == 16


def test_a_token_opens_only_for_the_user_who_made_it():
    store = DataStore()
    token = store.new_token()
    store.put(token, entry(owner="wang@bank.cn"))
    assert store.get(token, owner="li@bank.cn") is None
    assert store.get(token, owner="wang@bank.cn") is not None


def test_putting_new_data_under_a_token_replaces_the_old():
    store = DataStore()
    token = store.new_token()
    store.put(token, entry("d1"))
    store.put(token, entry("d2"))
    assert store.get(token).data_id == "d2" and len(store) == 1


def test_an_idle_server_gives_the_memory_back_by_itself():
    import time

    store = DataStore(idle_seconds=0.2, max_bytes=1000)  # the real clock: a timer sweeps
    store.put(store.new_token(), entry())
    assert len(store) == 1
    deadline = time.monotonic() + 10
    while len(store) and time.monotonic() < deadline:  # nobody asks the store anything meanwhile
        time.sleep(0.1)
    assert len(store) == 0


def test_zero_minutes_keeps_nothing():
    store = DataStore(idle_seconds=0)
    token = store.new_token()
    assert not store.put(token, entry())
    assert store.get(token) is None and not store.expired(token)  # a lost session, not an expired one
