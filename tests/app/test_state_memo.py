"""The data's months and segment columns are worked out once per frame (ui.state._PerFrame), and
never handed out for another frame: a new upload is asked again, even under the same data id."""
from __future__ import annotations

import gc

import pandas as pd

from ui import state


def test_a_value_is_computed_once_per_frame_and_key():
    memo, calls = state._PerFrame(), []
    frame = pd.DataFrame({"a": [1, 2]})

    def compute():
        calls.append(1)
        return len(calls)

    assert memo.get(frame, "k", compute) == memo.get(frame, "k", compute) == 1
    assert memo.get(frame, "other", compute) == 2  # another key (another data id, other columns)
    assert memo.get(pd.DataFrame({"a": [1, 2]}), "other", compute) == 3  # an equal but new frame


def test_a_dead_frames_answer_is_never_given_to_a_frame_that_reuses_its_id():
    memo = state._PerFrame()
    frame = pd.DataFrame({"a": [1]})
    memo.get(frame, "k", lambda: "old")
    old_id = id(frame)
    del frame
    gc.collect()
    for _ in range(1000):  # try to get the same id back
        other = pd.DataFrame({"a": [2]})
        if id(other) == old_id:
            break
    assert memo.get(other, "k", lambda: "new") == "new"


def test_segment_columns_follow_the_frame():
    a = pd.DataFrame({"month": ["2024-01"], "region": pd.Categorical(["华东"]), "x": [1.0]})
    b = a.assign(branch=pd.Categorical(["上海分行"]))
    assert state._segment_columns(a) == ["region"]
    assert state._segment_columns(b) == ["region", "branch"]
    assert state._segment_columns(a) == ["region"]
