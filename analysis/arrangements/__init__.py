"""Repayment arrangements and what a customer pays.

* :mod:`.options`: the options, the no-arrangement chain from the book's roll rates,
  :func:`~.options.compare_options`, :func:`~.options.sensitivity`, options JSON;
* :mod:`.segment`: which accounts (bucket, cause class, one account);
* :mod:`.redefault`: re-default from the book's own restructured accounts;
* :mod:`.payload`: the comparison's public JSON (CLI and page);
* :mod:`.tables`, :mod:`.offer_summary`: what a reader and a customer see;
* :mod:`.card_interest`, :mod:`.instalment`, :mod:`.calculator_summary`: the two calculators.
"""
