"""The package's shape: no import cycle, no import-time side effect on matplotlib."""

from __future__ import annotations

import ast
import sys

from conftest import ROOT, python_says

PACKAGE = ROOT / "explainer"


def module_name(path) -> str:
    """`views/figures.py` -> "views.figures"; a package's `__init__.py` -> its name."""
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path) -> set[str]:
    """The package modules a module imports, at its top or inside functions, but not
    the ones it names only for type checking. Importing `views.parts` imports `views`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(node) for block in ast.walk(tree) if isinstance(block, ast.If)
                   and "TYPE_CHECKING" in ast.unparse(block.test)
                   for node in ast.walk(block)}
    name = module_name(path)
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only or not isinstance(node, ast.ImportFrom) or node.level == 0:
            continue
        base = package[:len(package) - (node.level - 1)]
        targets = ([base + node.module.split(".")] if node.module
                   else [base + [alias.name] for alias in node.names])
        for target in targets:
            for k in range(1, len(target) + 1):  # every package on the way is imported too
                found.add(".".join(target[:k]))
    ancestors = {".".join(package[:k]) for k in range(1, len(package) + 1)}
    return found - {name} - ancestors  # a module's own package is already being imported


def test_no_import_cycle():
    graph = {module_name(p): imports_of(p) for p in PACKAGE.rglob("*.py")}
    state: dict[str, str] = {}

    def visit(module: str, trail: list[str]) -> None:
        if state.get(module) == "done":
            return
        assert state.get(module) != "open", " -> ".join([*trail, module])
        state[module] = "open"
        for target in sorted(graph.get(module, ())):
            visit(target, [*trail, module])
        state[module] = "done"

    for module in sorted(graph):
        visit(module, [])


def test_importing_charts_leaves_matplotlib_as_it_was():
    code = ("import matplotlib; matplotlib.use('svg'); before = dict(matplotlib.rcParams)\n"
            "import explainer.charts\n"
            "assert matplotlib.get_backend().lower() == 'svg', matplotlib.get_backend()\n"
            "changed = [k for k, v in matplotlib.rcParams.items() if before[k] != v]\n"
            "assert not changed, changed\n")
    done = python_says(code)
    assert done.returncode == 0, done.stderr[-800:]


def test_every_library_the_package_uses_is_declared():
    """`pip install .` must bring what the package imports (and runs: Sphinx, its theme)."""
    import re
    import tomllib
    from importlib.metadata import packages_distributions

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    wanted = [*project["dependencies"], *extras["site"], *extras["handouts"]]
    declared = {re.split(r"[<>=!~ ;\[]", d)[0].lower().replace("_", "-") for d in wanted}
    used = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                used |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                used.add(node.module.split(".")[0])
    used -= set(sys.stdlib_module_names) | {"explainer"}
    distributions = packages_distributions()
    needed = {distributions[m][0].lower().replace("_", "-") for m in used}
    needed |= {"sphinx", "myst-nb", "furo", "ipykernel"}  # run as programs, or by kernels
    runtime = {re.split(r"[<>=!~ ;\[]", d)[0].lower() for d in project["dependencies"]}
    assert not {"sphinx", "myst-nb", "furo", "playwright"} & runtime  # the site and the
    # handouts are extras
    assert needed <= declared, needed - declared
