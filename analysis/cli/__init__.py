"""One module per CLI command (see analysis/__main__.py and docs/ARCHITECTURE.md)."""
