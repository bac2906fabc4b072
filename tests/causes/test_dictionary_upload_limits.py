"""An uploaded cause dictionary is refused when it would hold the page for minutes, find nothing,
or carry values that are not keywords."""
from __future__ import annotations

import json

import pytest

from analysis.causes.dictionary import MAX_KEYWORDS, CausesError, dictionary_from_bytes


def test_a_dictionary_of_more_keywords_than_the_limit_is_refused():
    # a million keywords took a minute to classify 213 reasons
    words = [f"词{i}" for i in range(MAX_KEYWORDS + 1)]
    with pytest.raises(CausesError) as err:
        dictionary_from_bytes(json.dumps({"forgot": words}).encode(), "d.json")
    assert err.value.key == "causes.error.dict_too_big"
    assert f"{MAX_KEYWORDS:,}" in err.value.message("zh") and f"{MAX_KEYWORDS:,}" in err.value.message("en")


@pytest.mark.parametrize("data, name", [(b"category,keyword\nforgot,  \nforgot,\n", "d.csv"), (b'{"forgot": []}', "d.json")])
def test_a_dictionary_without_a_keyword_does_not_replace_the_one_in_use(data, name):
    with pytest.raises(CausesError) as err:
        dictionary_from_bytes(data, name)
    assert err.value.key == "causes.error.dict_empty"


def test_null_or_objects_are_no_keywords():
    # they became the keywords "none", "a 1" and "5"
    with pytest.raises(CausesError) as err:
        dictionary_from_bytes(b'{"forgot": [null, {"a": 1}, 5]}', "d.json")
    assert err.value.key == "causes.error.dict_json_shape"
