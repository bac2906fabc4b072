"""Say so when a browser's data is gone (a server restart, a reload), instead of switching to the
sample without a word.

Borrower data lives only in the server's memory, in the session that loaded it. A restart or a
reload starts a new session, which would open the bundled sample: the same charts, other
numbers, and only a grey sidebar line to tell them apart. So every run that shows the user's own
data puts a marker in the page's address (``?d=1``; no name, no value from the data), which the
browser keeps across reconnects and reloads. A new session that finds the marker but no data
knows the user's data was lost, and every page says so until the user uploads again or chooses
to carry on with the sample.

The browser side: after a restart Streamlit's page reconnects without running the script, so
the dead session's figures stay on screen until the first click (which then switches to the
sample). :func:`reconnect_watcher` puts a few lines of script in an invisible frame that ask the
server's health endpoint every few seconds; when it answers again after failing, the page is
rerun (Streamlit's own ``r`` shortcut), and a tab still stuck on the connection error after that
is reloaded. Both land on the notice above.

A refresh within the session brings the data back: the marker's value is an unguessable token
(:func:`secrets.token_urlsafe`, 256 bits) under which :data:`STORE`, a process-wide store in
the server's memory (never on disk), keeps the session's data and settings. A new session whose
address carries a live token (a refresh, a second tab with the same address) gets them back; a
token left unused for :data:`IDLE_MINUTES` is dropped, and a session that finds it gone says the
data expired. The store holds at most :data:`MAX_BYTES` of data; the least recently used go
first. With sign-in configured, a token only opens for the user who made it. A configured
dataset is read where it lies: its token keeps its key and the settings, none of its rows, and a
refresh opens it again.
"""
from __future__ import annotations

import json
import os
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from typing import Any, Callable

import streamlit as st

try:  # deprecated since Streamlit 1.67 ("removed after 2026-06-01"); the watcher needs its timers
    from streamlit.components.v1 import html as _html_frame
except ImportError:  # a Streamlit without it: st.iframe below, and the restart test says if that works
    _html_frame = None

from ui import access, datasets, state, workspace
from ui.i18n import t, t_data

#: The address marker: present while the page shows the user's own data (a token, or ``1``).
MARKER = "d"
K_LOST = "continuity_lost"          # True (restart) or "expired" while the lost-data notice is due
K_CARRY_ON = "continuity_carry_on"  # the notice's "use the sample" button
K_TOKEN = "continuity_token"        # (token, data id) this session's data is kept under
K_RESTORED = "continuity_restored"  # the data's name, said once after a refresh restored it

#: Minutes a token lives without use (``DW_KEEP_DATA_MINUTES``; 0 keeps nothing: a refresh then
#: loses the data, as before); the store's ceiling on the data it keeps.
IDLE_MINUTES = float(os.environ.get("DW_KEEP_DATA_MINUTES", "30"))
MAX_BYTES = 3 * 1024**3


@dataclass
class Entry:
    """What a token keeps: the data, its name and id, the settings and tables (ui/workspace.py)."""

    result: Any
    name: str
    data_id: str
    settings: dict = field(default_factory=dict)
    tables: dict = field(default_factory=dict)
    owner: str = ""
    size: int = 0
    used: float = 0.0
    #: a configured dataset's key (``result`` is then ``None``): a refresh opens it again
    dataset: str | None = None


class DataStore:
    """Token → :class:`Entry`, in this process's memory, with an idle expiry and a size cap.

    Thread-safe (every session runs on its own thread). Expired and evicted tokens are
    remembered (the last 10,000) so a session can say "expired" rather than "lost".

    Examples
    --------
    >>> store = DataStore(idle_seconds=60, max_bytes=100, clock=lambda: 0.0)
    >>> token = store.new_token()
    >>> store.put(token, Entry(result=None, name="a", data_id="1", size=10))
    True
    >>> store.get(token).name, store.get("guess") is None, store.expired("guess")
    ('a', True, False)
    """

    def __init__(self, idle_seconds: float = IDLE_MINUTES * 60, max_bytes: int = MAX_BYTES,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.idle_seconds = idle_seconds
        self.max_bytes = max_bytes
        self._clock = clock
        self._entries: OrderedDict[str, Entry] = OrderedDict()  # least recently used first
        self._gone: OrderedDict[str, None] = OrderedDict()
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None

    @staticmethod
    def new_token() -> str:
        """A fresh token: 32 random bytes, URL-safe (43 characters); nobody guesses it."""
        return secrets.token_urlsafe(32)

    def _forget(self, token: str) -> None:
        self._entries.pop(token, None)
        self._gone[token] = None
        while len(self._gone) > 10_000:
            self._gone.popitem(last=False)

    def _sweep(self, now: float) -> None:
        gone = [k for k, e in self._entries.items() if now - e.used > self.idle_seconds]
        for token in gone:
            self._forget(token)
        if gone:
            state.collect_garbage_soon()  # the data may sit in reference cycles (see there)

    def sweep(self) -> None:
        """Drop what has been idle too long; reschedules itself while anything is kept, so an idle
        server gives the memory back too (a daemon timer, at most one pending)."""
        with self._lock:
            self._timer = None
            self._sweep(self._clock())
            self._schedule()

    def _schedule(self) -> None:
        if self._timer is not None or not self._entries or self._clock is not time.monotonic:
            return  # a test clock does not move by itself: its tests sweep by asking
        due = min(e.used for e in self._entries.values()) + self.idle_seconds + 1 - self._clock()
        self._timer = threading.Timer(max(due, 1.0), self.sweep)
        self._timer.daemon = True
        self._timer.start()

    def put(self, token: str, entry: Entry) -> bool:
        """Keep ``entry`` under ``token`` (replacing what was there); False when it alone exceeds the cap."""
        with self._lock:
            now = self._clock()
            self._sweep(now)
            if self.idle_seconds <= 0:  # keeping nothing: a refresh is a lost session, not an expired one
                self._entries.pop(token, None)
                return False
            if entry.size > self.max_bytes:
                self._forget(token)
                return False
            entry.used = now
            self._entries.pop(token, None)
            self._gone.pop(token, None)
            self._entries[token] = entry
            while sum(e.size for e in self._entries.values()) > self.max_bytes:
                self._forget(next(iter(self._entries)))  # the least recently used
            self._schedule()
            return True

    def get(self, token: str, owner: str = "") -> Entry | None:
        """The entry under ``token`` (its idle clock restarts), or None: unknown, expired, someone else's."""
        with self._lock:
            now = self._clock()
            self._sweep(now)
            entry = self._entries.get(token)
            if entry is None or entry.owner != owner:
                return None
            entry.used = now
            self._entries.move_to_end(token)
            return entry

    def touch(self, token: str, data_id: str) -> bool:
        """Restart the idle clock of ``token`` if it still holds ``data_id``; False when it does not."""
        with self._lock:
            now = self._clock()
            self._sweep(now)
            entry = self._entries.get(token)
            if entry is None or entry.data_id != data_id:
                return False
            entry.used = now
            self._entries.move_to_end(token)
            return True

    def expired(self, token: str) -> bool:
        """Whether ``token`` was in the store and has gone (idle too long, or pushed out by the cap)."""
        with self._lock:
            self._sweep(self._clock())
            return token in self._gone

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)


#: The one store of this server process.
STORE = DataStore()


def _owner() -> str:
    return access.user_name() if access.sign_in_configured() else ""


def _size(result) -> int:
    try:
        return int(result.portfolio.memory_usage(index=False, deep=True).sum())
    except (AttributeError, TypeError, ValueError):
        return 0


def note_lost_data() -> None:
    """Before the sample is loaded: a new session whose address carries a live token gets the data
    back; one whose token expired, or that lost its data to a restart, gets the notice."""
    token = st.query_params.get(MARKER)
    if state.has_data() or not token:
        return
    entry = STORE.get(token, _owner()) if token != "1" else None
    if entry is not None and entry.dataset is not None:
        _reopen(token, entry)
        return
    if entry is not None:
        workspace.apply(entry.result, entry.name, entry.settings, entry.tables, data_id=entry.data_id)
        st.session_state[K_TOKEN] = (token, entry.data_id)
        st.session_state[K_RESTORED] = entry.name
        return
    st.session_state[K_LOST] = "expired" if STORE.expired(token) else True


def _reopen(token: str, entry: Entry) -> None:
    """A refresh of a page that showed a configured dataset: open it again, with its progress box
    (Spark takes seconds), and put the settings back; the lost-data notice when it cannot be."""
    if not datasets.reopen(entry.dataset):
        st.session_state[K_LOST] = True
        return
    # the book's segment columns: a filter on one it lacks is left out (a month's rows need not be read)
    workspace.apply_settings(entry.settings, entry.tables, set(state.book().segments))
    data_id = st.session_state[state.K_ID]  # the book opened again has an id of its own
    STORE.put(token, replace(entry, data_id=data_id))
    st.session_state[K_TOKEN] = (token, data_id)
    st.session_state[K_RESTORED] = entry.name


def _keep(data_id: str) -> str | None:
    """The token the session's data is kept under (a new one for new data); None when too large."""
    token, held = st.session_state.get(K_TOKEN) or (None, None)
    if token is not None and held == data_id and STORE.touch(token, data_id):
        return token
    if token is None or held != data_id:
        token = STORE.new_token()  # other data: another token, so a tab on the old address keeps the old data
    dataset = datasets.in_use()
    result = None if dataset is not None else state.ingest_result()
    settings, tables = workspace.collect()
    if not STORE.put(token, Entry(result, state.data_name(), data_id, settings, tables, _owner(), _size(result),
                                  dataset=dataset)):
        st.session_state.pop(K_TOKEN, None)
        return None
    st.session_state[K_TOKEN] = (token, data_id)
    return token


def keep_settings() -> None:
    """After the page ran: the settings the reader changed go with the kept data (a refresh restores them)."""
    token, held = st.session_state.get(K_TOKEN) or (None, None)
    if token is None or held != st.session_state.get(state.K_ID):
        return
    entry = STORE.get(token, _owner())
    if entry is not None:
        entry.settings, entry.tables = workspace.collect()


def mark_address() -> None:
    """After the data is in place: the marker follows whether the data in use is the user's own,
    and holds the token the data is kept under."""
    data_id = st.session_state.get(state.K_ID)
    own = state.has_data() and not state.showing_sample()
    if own:
        st.session_state.pop(K_LOST, None)  # new data arrived: the notice has done its work
        token = _keep(data_id) if state.ingest_result() is not None or datasets.in_use() is not None else None
        value = token or "1"
        if st.query_params.get(MARKER) != value:
            st.query_params[MARKER] = value
    elif MARKER in st.query_params and not st.session_state.get(K_LOST):
        del st.query_params[MARKER]


def restored_notice() -> None:
    """Once, after a refresh brought the data back."""
    name = st.session_state.pop(K_RESTORED, None)
    if name:
        st.toast(t_data("ws.restored", name=name), icon=":material/restore:")


def lost_data_notice() -> bool:
    """On every page while due: the data is gone, what is shown now, and the two ways on.

    Returns whether the notice was shown (it says the sample is in use: no second banner)."""
    if not st.session_state.get(K_LOST):
        return False
    with st.container(border=True):
        if st.session_state.get(K_LOST) == "expired":
            st.warning(t("ws.expired.body", minutes=f"{IDLE_MINUTES:g}", sample=t("app.sample_name")), icon=":material/timer_off:")
        else:
            st.warning(t("app.lost.body", sample=t("app.sample_name")), icon=":material/cloud_off:")
        c1, c2 = st.columns(2)
        with c1:
            st.page_link("pages/upload.py", label=t("app.lost.upload"), icon=":material/upload_file:")
        with c2:
            st.button(t("app.lost.carry_on"), key=K_CARRY_ON, icon=":material/science:", on_click=_carry_on)
    return True


def _carry_on() -> None:
    # a callback: runs before the next run draws anything, so the notice is gone from it
    st.session_state.pop(K_LOST, None)
    if MARKER in st.query_params:
        del st.query_params[MARKER]


#: Seconds between two health checks (and between two rerun requests once the server is back);
#: how many rerun requests before a tab still stuck on Streamlit's connection dialog is reloaded.
_POLL_S, _STUCK_S = 2, 15
_WATCHER = """<script>
(function () {
  const cfg = %s;
  const top = window.parent;
  let down = false, tries = 0;
  async function healthy() {
    try { return (await fetch(cfg.health, {cache: "no-store"})).ok; } catch (e) { return false; }
  }
  function running() {
    const app = top.document.querySelector('[data-testid="stApp"]');
    return !!app && app.getAttribute("data-test-script-state") === "running";
  }
  function stuck() {
    const d = top.document.querySelector('[role="dialog"]');
    return !!d && /Connection error|not responding|still running/i.test(d.innerText || "");
  }
  function rerun() {
    top.document.dispatchEvent(new KeyboardEvent("keydown", {key: "r", code: "KeyR", keyCode: 82, which: 82, bubbles: true}));
  }
  async function tick() {
    if (tries > 0) {
      // back up: Streamlit refuses a rerun until its own connection is back, so ask until a run starts
      if (running()) { tries = 0; return; }
      if (++tries > cfg.stuck) { tries = 0; if (stuck()) { top.location.reload(); } return; }
      rerun();
      return;
    }
    const ok = await healthy();
    if (!ok) { down = true; return; }
    if (down) { down = false; tries = 1; }
  }
  setInterval(tick, cfg.poll * 1000);
})();
</script>"""


def reconnect_watcher() -> None:
    """The invisible frame that brings a tab back after a server restart (see the module's notes)."""
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    health = "/" + "/".join(p for p in (base, "_stcore", "health") if p)
    config = json.dumps({"health": health, "poll": _POLL_S, "stuck": _STUCK_S})
    with st.sidebar:
        # components.html, not st.iframe: st.iframe's frame never ran the script's timers here
        # (Streamlit 1.67 logs that components.html is deprecated). Once it is gone, st.iframe:
        # tests/browser/test_server_restart.py then says whether the watcher still works.
        if _html_frame is not None:
            _html_frame(_WATCHER % config, height=0)
        else:
            st.iframe(_WATCHER % config, height=1)
