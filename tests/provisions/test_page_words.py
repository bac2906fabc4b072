"""The provisions page names the aging page's tab it shares its settings with by that tab's own label."""
from __future__ import annotations

import re

import pytest

from ui.i18n import all_messages


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_shared_settings_name_the_aging_tab_as_it_is_labelled(lang):
    messages = all_messages()
    tab = messages["aging.tab.reg"][lang]
    for key in ("prov.page.asm.staging", "prov.page.asm.five_tier"):
        quoted = re.findall(r"“([^”]+)”|(Regulatory) tab", messages[key][lang])
        assert quoted and all(tab in q for q in quoted), (key, lang, quoted, tab)
