"""Catalogues of page text; one module per area (see analysis.i18n)."""
