"""The core never imports Qt: scripts and the command line run without a window system."""

import ast
import subprocess
import sys
from pathlib import Path

import charte_desktop

PACKAGE = Path(charte_desktop.__file__).parent
QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


def imported_modules(source: Path) -> set[str]:
    tree = ast.parse(source.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_module_outside_ui_imports_qt() -> None:
    offenders = []
    for source in PACKAGE.rglob("*.py"):
        relative = source.relative_to(PACKAGE)
        if relative.parts[0] == "ui":
            continue
        for name in imported_modules(source):
            if name.split(".")[0] in QT_MODULES:
                offenders.append(f"{relative}: {name}")
    assert offenders == []


def test_command_line_runs_without_loading_qt_or_heavy_modules(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    script = (
        "import sys\n"
        "from charte_desktop.cli.main import run\n"
        f"assert run(['demo', {str(path)!r}]) == 0\n"
        f"assert run(['list', 'actions', {str(path)!r}]) == 0\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'docx', 'openpyxl'))\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr


def test_the_window_does_not_import_the_command_line() -> None:
    """ui/ and cli/ are two front doors on the same core: neither goes through the other
    (the command line starts the window through `ui.app.launch` only)."""
    offenders = [
        f"{source.relative_to(PACKAGE)}: {name}"
        for source in (PACKAGE / "ui").rglob("*.py")
        for name in imported_modules(source)
        if name.startswith("charte_desktop.cli")
    ]
    assert offenders == []


def _charte_imports(source: Path, modules: set[str]) -> set[str]:
    """The Charte modules `source` imports anywhere (deferred imports too), type-only
    imports aside: those never run."""
    tree = ast.parse(source.read_text(encoding="utf-8"))
    type_only = {id(node) for branch in ast.walk(tree)
                 if isinstance(branch, ast.If) and "TYPE_CHECKING" in ast.unparse(branch.test)
                 for node in ast.walk(branch)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("charte_desktop"):
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                found.add(full if full in modules else str(node.module))
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("charte_desktop"))
    return found & modules


def test_no_import_circle() -> None:
    """Each module can be understood from what it imports: no two modules import each
    other, even through others or inside a function."""
    paths = {".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
             .removesuffix(".__init__"): path for path in PACKAGE.rglob("*.py")}
    graph = {name: _charte_imports(path, set(paths)) - {name} for name, path in paths.items()}
    circles = []
    for start in graph:  # a path from a module back to itself
        seen, pending = set(), [(start, [start])]
        while pending:
            current, trail = pending.pop()
            for following in graph[current]:
                if following == start:
                    circles.append(" → ".join([*trail, start]))
                elif following not in seen:
                    seen.add(following)
                    pending.append((following, [*trail, following]))
    assert circles == []
