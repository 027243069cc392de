"""Entry point PyInstaller freezes: the same `main` as the `charte-desktop` command."""

import sys

from charte_desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
