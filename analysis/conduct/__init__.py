"""Collections conduct: message templates and contact logs checked against rule packs, and what
each collector and action achieves (issue 16).

Modules: ``rules`` (editable rule packs per jurisdiction, ``packs/*.json``), ``segment`` (Chinese
word boundaries with jieba, negation), ``textpii`` (personal data found by content in any text,
and its masking), ``templates`` (the template check), ``contacts`` and ``performance`` (the
contact log). Import what you need from the module; this package re-exports nothing.
"""
