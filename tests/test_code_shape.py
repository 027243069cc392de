"""The shape of the code the next engineer lives in (issue 16): no hand-written module over
500 lines, and no import circle among the modules' top-level imports (an import inside a
function or under `if TYPE_CHECKING:` is not one: it runs later, or never)."""

import ast
from pathlib import Path

import charte_desktop

PACKAGE = Path(charte_desktop.__file__).parent
MAX_LINES = 500
# Generated or data: migrations are frozen, the demo territories are long lists.
NOT_HAND_WRITTEN = ("db/migrations/", "demo/")


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def test_no_hand_written_module_is_over_500_lines() -> None:
    long = []
    for path in modules().values():
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith(NOT_HAND_WRITTEN):
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            long.append(f"{relative}: {lines}")
    assert long == []


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def top_level_imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules `name` imports when it is imported."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.If) and not _is_type_checking(node):
                visit(node.body)
                visit(node.orelse)
            elif isinstance(node, ast.Try):
                visit(node.body)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parent = package.split(".")
                    parent = parent[: len(parent) - node.level + 1]
                    base = ".".join([*parent, base] if base else parent)
                found.add(base)
                found.update(f"{base}.{alias.name}" for alias in node.names)

    visit(tree.body)
    return {module for module in found if module in known and module != name}


def test_no_import_circle() -> None:
    known = modules()
    graph = {name: top_level_imports(name, path, set(known)) for name, path in known.items()}
    circles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the path, 2: done

    def walk(name: str, path: list[str]) -> None:
        state[name] = 1
        for imported in sorted(graph[name]):
            if state.get(imported) == 1:
                circles.append([*path[path.index(imported):], imported])
            elif imported not in state:
                walk(imported, [*path, imported])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            walk(name, [name])
    # A package's __init__ re-exporting its own modules is not a circle worth a name:
    # importing the package imports them, and they import their siblings, not it.
    circles = [c for c in circles if not all(m.startswith(c[0] + ".") or m == c[0]
                                             for m in c)]
    assert circles == []
