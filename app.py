"""Delinquency Workbench · 逾期分析工作台 — the router: page registry and sidebar, nothing else."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui import access, continuity, deployment, presentation, state, widgets, workspace
from ui.hardening import keep_uploads_in_memory
from ui.i18n import t
from ui.sidebar import draw_sidebar

HERE = Path(__file__).parent

# (section, file, title key, icon, url path); the first page with data is the default.
PAGES = [
    ("app.nav.start", "pages/overview.py", "overview.title", ":material/dashboard:", "overview"),
    ("app.nav.start", "pages/upload.py", "upload.title", ":material/upload_file:", "upload"),
    ("app.nav.analyse", "pages/aging.py", "aging.title", ":material/stacked_bar_chart:", "aging"),
    ("app.nav.analyse", "pages/trend.py", "trend.title", ":material/trending_up:", "trend"),
    ("app.nav.analyse", "pages/causes.py", "causes.title", ":material/psychology_alt:", "causes"),
    ("app.nav.analyse", "pages/provisions.py", "prov.page.title", ":material/account_balance:", "provisions"),
    ("app.nav.act", "pages/whatif.py", "whatif.title", ":material/tune:", "whatif"),
    ("app.nav.act", "pages/warnings.py", "warnings.title", ":material/notification_important:", "warnings"),
    ("app.nav.act", "pages/arrangements.py", "arr.page.title", ":material/handshake:", "arrangements"),
    ("app.nav.act", "pages/conduct.py", "cdp.title", ":material/verified_user:", "conduct"),
    ("app.nav.present", "pages/report.py", "report.title", ":material/slideshow:", "report"),
]


#: The name Streamlit reserves for the landing page (served at "/"): see :func:`navigation`.
LANDING_NAME = "home"


def navigation() -> tuple[st.Page, list[st.Page]]:
    """The page to run, and the pages presentation mode steps through (all but the upload)."""
    sections: dict[str, list] = {}
    deck, landing = [], None
    for section, path, title_key, icon, url in PAGES:
        if not (HERE / path).exists():
            continue
        if landing is None:
            # The landing page lives at "/", and Streamlit reserves its own name for it without
            # serving it: /overview typed by hand opened the overview under Streamlit's English
            # "Page not found" dialog, once the server had run a page. The landing page takes a
            # name nobody types, and a hidden page of its usual name sends the reader there.
            page = st.Page(path, title=t(title_key), icon=icon, url_path=LANDING_NAME, default=True)
            landing = st.Page(lambda home=page: st.switch_page(home), title=t(title_key), url_path=url,
                              visibility="hidden")
        else:
            page = st.Page(path, title=t(title_key), icon=icon, url_path=url)
        sections.setdefault(t(section), []).append(page)
        if url != "upload":
            deck.append(page)
    if landing is not None:
        next(iter(sections.values())).append(landing)
    return st.navigation(sections), deck


# A local icon: a :material: icon makes every browser fetch it from fonts.gstatic.com (a leak on an intranet).
st.set_page_config(page_title=t("app.title"), page_icon=str(HERE / "ui" / "assets" / "icon.png"), layout="wide")
keep_uploads_in_memory()  # uploads never touch the disk (ui/hardening.py)
deployment.log_settings_problems()  # once per process: a bad memory setting is said in the server's log
access.require_sign_in()  # with [auth] configured, nothing before the organisation's sign-in
continuity.note_lost_data()  # before the sample fills the gap: a refresh gets its data back, or was it lost?
workspace.apply_pending()  # a workspace the upload page opened, before the sidebar draws what it restores
state.ensure_data()
continuity.mark_address()
page, deck = navigation()
draw_sidebar()
widgets.house_styles()
presentation.apply(page, deck)  # presenting: → past a page's last section opens the next in the deck
lost_notice = continuity.lost_data_notice()
workspace.sample_banner(page.url_path, lost_notice)  # the sample must never pass for the user's numbers
continuity.restored_notice()
continuity.reconnect_watcher()
try:
    with widgets.problems_said():  # a lost cluster or an over-limit query: a message, not an error box
        page.run()
finally:
    continuity.mark_address()  # the upload page may just have loaded the user's data
    continuity.keep_settings()  # and a refresh restores the settings as they are now

