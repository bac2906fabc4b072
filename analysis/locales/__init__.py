"""Catalogues of the text the analysis layer emits; one module per area (see analysis.i18n)."""
