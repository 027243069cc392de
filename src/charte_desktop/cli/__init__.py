"""The command line: the same core as the window, for scripts and IT support. No Qt here."""
