"""`charte-desktop`: with a subcommand, the command line (no Qt); without, the window."""

import sys


def main(argv: list[str] | None = None) -> int:
    from charte_desktop.cli.main import run

    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
