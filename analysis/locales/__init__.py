"""Catalogues of the text the analysis layer emits; one module per area (see analysis.core.i18n)."""
