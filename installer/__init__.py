"""Packaging: PyInstaller spec, NSIS script and their build script (see build.py)."""
