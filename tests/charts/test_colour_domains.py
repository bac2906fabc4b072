"""Every mark a chart builder draws has a colour: where a builder fixes a nominal colour scale's
domain, the values of the coloured field in the chart's data are in it.

A colour scale whose domain misses the data's values colours nothing: the causes page's rate
waterfall once gave its colour scale the y axis's two numbers and drew no bars at all, on screen
and in the deck, with a legend of two floats. Checked on every builder's recorded call
(:mod:`tests.charts.test_builder_specs`).
"""
from __future__ import annotations

import pytest

from tests.charts.test_builder_specs import CALLS, _spec


def _layers(spec: dict):
    """The spec and every nested layer, concatenation or facet, each with the data it reads."""
    yield spec
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for part in spec.get(key, []):
            yield from _layers({**part, "data": part.get("data", spec.get("data"))})
    if "spec" in spec:
        yield from _layers({**spec["spec"], "data": spec["spec"].get("data", spec.get("data"))})


def _rows(spec: dict, root: dict) -> list[dict]:
    name = (spec.get("data") or {}).get("name")
    return root.get("datasets", {}).get(name, []) if name else (spec.get("data") or {}).get("values", [])


def _fixed_nominal_colours(spec: dict, root: dict):
    """``(field, domain, values)`` of each colour channel with a domain of its own."""
    colour = (spec.get("encoding") or {}).get("color") or {}
    domain = (colour.get("scale") or {}).get("domain")
    field = colour.get("field")
    if not field or not isinstance(domain, list) or colour.get("type") not in ("nominal", "ordinal"):
        return
    rows = _rows(spec, root)
    values = {r[field] for r in rows if field in r and r[field] is not None}
    if values:  # a field computed by a transform is not in the data: nothing to compare
        yield field, domain, values


@pytest.mark.parametrize(("case", "builder", "args", "kwargs"), CALLS, ids=[c[0] for c in CALLS])
def test_a_fixed_colour_domain_holds_the_coloured_values(case, builder, args, kwargs):
    root = _spec(builder, args, kwargs)
    for layer in _layers(root):
        for field, domain, values in _fixed_nominal_colours(layer, root):
            assert values <= set(domain), f"{case}: {field} values {sorted(map(str, values - set(domain)))} " \
                                          f"are not in the colour domain {domain}"
