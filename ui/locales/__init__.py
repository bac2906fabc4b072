"""Catalogues of page text; one module per area (see analysis.core.i18n)."""
