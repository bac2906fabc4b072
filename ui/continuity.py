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
"""
from __future__ import annotations

import json

import streamlit as st
import streamlit.components.v1 as components

from ui import state
from ui.i18n import t

#: The address marker: present while the page shows the user's own data.
MARKER = "d"
K_LOST = "continuity_lost"          # True while the lost-data notice is due
K_CARRY_ON = "continuity_carry_on"  # the notice's "use the sample" button


def note_lost_data() -> None:
    """Before the sample is loaded: a new session whose address carries the marker lost its data."""
    if not state.has_data() and st.query_params.get(MARKER):
        st.session_state[K_LOST] = True


def mark_address() -> None:
    """After the data is in place: the marker follows whether the data in use is the user's own."""
    own = state.has_data() and st.session_state.get(state.K_ID) != "sample"
    if own:
        st.session_state.pop(K_LOST, None)  # new data arrived: the notice has done its work
        if st.query_params.get(MARKER) != "1":
            st.query_params[MARKER] = "1"
    elif MARKER in st.query_params and not st.session_state.get(K_LOST):
        del st.query_params[MARKER]


def lost_data_notice() -> None:
    """On every page while due: the data is gone, what is shown now, and the two ways on."""
    if not st.session_state.get(K_LOST):
        return
    with st.container(border=True):
        st.warning(t("app.lost.body", sample=t("app.sample_name")), icon=":material/cloud_off:")
        c1, c2 = st.columns(2)
        with c1:
            st.page_link("pages/upload.py", label=t("app.lost.upload"), icon=":material/upload_file:")
        with c2:
            st.button(t("app.lost.carry_on"), key=K_CARRY_ON, icon=":material/science:", on_click=_carry_on)


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
        # (Streamlit 1.67 logs that components.html is deprecated; revisit when it is removed)
        components.html(_WATCHER % config, height=0)
