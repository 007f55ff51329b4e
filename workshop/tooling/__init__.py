"""Tooling around the notebooks: notebook files, slides, student copies, app mode."""
