"""Collections conduct and performance (催收合规与绩效): do the messages and the contacts keep to
the rules, and what does each collector, agency and strategy achieve.

The screen, top to bottom: whose rules apply (China, or the US: Regulation F / FDCPA) and the
note that this is a screening aid; then four tabs: the message templates checked against the
rule pack (and the template each playbook action sends), the contact log checked against the
contact limits, collections performance with an A/B comparison, and the rules themselves with
their sources. None of it needs the portfolio except cure and roll-forward rates; but the bundled
contact log is the sample portfolio's, so beside the user's own portfolio the log tabs ask for the
user's log instead (:func:`ui.conduct.state.contact_log`).
"""
from __future__ import annotations

import streamlit as st

from ui import persist, presentation, state
from ui.conduct import contacts_view, performance_view, rules_view, templates_view
from ui.conduct import keys as K
from ui.conduct.state import JURISDICTIONS
from ui.i18n import t

st.title(t("cdp.title"))
st.markdown(t("cdp.intro"))

names = {j: t(f"cdp.jurisdiction.{j}") for j in JURISDICTIONS}
persist.choice(st.segmented_control, t("cdp.jurisdiction"), JURISDICTIONS, key=K.JURISDICTION, default="cn",
               options=JURISDICTIONS, format_func=names.get, help=t("cdp.jurisdiction_help"))
st.info(t("conduct.disclaimer"), icon=":material/gavel:")
view = state.view()

(tab_tpl, open_tpl), (tab_log, open_log), (tab_perf, open_perf), (tab_rules, open_rules) = presentation.tabs(
    K.TAB, [t("cdp.tab.templates"), t("cdp.tab.contacts"), t("cdp.tab.performance"), t("cdp.tab.rules")])
with tab_tpl:
    if open_tpl:
        templates_view.templates_tab(view)
with tab_log:
    if open_log:
        contacts_view.contacts_tab(view)
with tab_perf:
    if open_perf:
        performance_view.performance_tab(view)
with tab_rules:
    if open_rules:
        rules_view.rules_tab(view)
