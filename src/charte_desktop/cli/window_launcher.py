"""Without a subcommand `charte-desktop` opens the window; Qt is imported only then."""


def launch_window(argv: list[str]) -> int:
    from charte_desktop.ui.app import launch

    return launch(argv)
