"""Execute notebooks with papermill: parameter checks first, deterministic outputs after."""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .data import Dataset, load, project_root, remembered
from .errors import ParameterError, RunError
from .i18n import _
from .stamp import code_fingerprint

if TYPE_CHECKING:
    import nbformat

KERNEL = "python3"
INJECTED_ID = "injected-parameters"


def notebook_dir() -> Path:
    return project_root() / "notebooks"


def list_notebooks(folder: Path | None = None) -> list[Path]:
    """The numbered notebooks, in order."""
    return sorted((folder or notebook_dir()).glob("[0-9][0-9]_*.ipynb"))


def resolve_notebook(name: str, folder: Path | None = None) -> Path:
    """A notebook file anywhere, or one of the collection's by number (`2`, `02`) or stem;
    ParameterError if none."""
    given = Path(name).expanduser()
    if given.suffix == ".ipynb" and given.is_file():
        return given.resolve()
    if len(given.parts) > 1:
        raise ParameterError(_("no notebook file {path}").format(path=repr(name)))
    books = list_notebooks(folder)
    text = Path(name).name.removesuffix(".ipynb")
    for path in books:
        stem = path.stem
        number, _sep, title = stem.partition("_")
        if text in (stem, title) or (text.isdigit() and int(text) == int(number)):
            return path
    message = (_("unknown notebook {name}; notebooks: {notebooks}") if books else
               _("unknown notebook {name}; notebooks: none found"))
    raise ParameterError(message.format(name=repr(name),
                                        notebooks=", ".join(p.stem for p in books)))


def declared_parameters(path: Path) -> dict[str, Any]:
    """Names and default values from the cell tagged `parameters` (papermill's inspection).

    Remembered by the cell's source and papermill's version, in the user's cache: a build
    that only renders then never imports papermill (a fifth of a second in every process).
    """
    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = next((c for c in nb.get("cells", [])
                 if "parameters" in c.get("metadata", {}).get("tags", [])), None)
    source = "".join(cell["source"]) if cell else ""
    from importlib.metadata import version

    key = hashlib.sha256(f"{version('papermill')}\n{source}".encode()).hexdigest()
    from .data import _cache_dir

    memo = _cache_dir().parent / "parameters" / f"{key}.json"
    if memo.is_file():
        return json.loads(memo.read_text(encoding="utf-8"))
    defaults = _inspect(path)
    try:
        memo.parent.mkdir(parents=True, exist_ok=True)
        memo.write_text(json.dumps(defaults), encoding="utf-8")
    except OSError:  # a read-only cache only costs time
        pass
    return defaults


def _inspect(path: Path) -> dict[str, Any]:
    import papermill

    found = papermill.inspect_notebook(str(path))
    defaults = {}
    for name, info in found.items():
        try:
            defaults[name] = ast.literal_eval(info["default"]) if info["default"] else None
        except (ValueError, SyntaxError):
            defaults[name] = info["default"]
    return defaults


def prepare_parameters(path: Path, given: dict[str, Any]) -> dict[str, Any]:
    """Reject unknown names, coerce and check values: all before any kernel starts."""
    from . import params

    declared = declared_parameters(path)
    for name in given:
        if name not in declared:
            raise params.unknown(name, declared)
    data_dir = params.resolve_data_dir(given.get("data_dir", declared.get("data_dir")),
                                       base=path.parent)
    ds = remembered(data_dir) or load(data_dir)  # checked before, by this code: not read again
    checked: dict[str, Any] = {}
    for name, value in given.items():
        checked[name] = str(data_dir) if name == "data_dir" else params.coerce(name, value, ds)
    return checked


def slug(parameters: dict[str, Any]) -> str:
    """A file-name-safe name for a set of parameters: readable, then a short hash of all of
    them, so that values differing anywhere get different names:
    `as_of-2025-11-25__tracks-legal__1f3a9c2e`."""
    if not parameters:
        return "defaults"
    parts = []
    for name in sorted(parameters):
        value = parameters[name]
        text = ",".join(value) if isinstance(value, list) else str(value)
        parts.append(f"{name}-{re.sub(r'[^A-Za-z0-9.,-]+', '_', text).strip('_')[:40]}")
    whole = json.dumps(parameters, sort_keys=True, default=str).encode()
    return "__".join([*parts, hashlib.sha256(whole).hexdigest()[:8]])


def normalise(nb: nbformat.NotebookNode, parameters: dict[str, Any]) -> nbformat.NotebookNode:
    """Strip everything volatile: timings, paths, random ids, execution counts."""
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": KERNEL}
    # The kernel's own language_info, as JupyterLab writes it on save: a notebook opened
    # and saved unchanged stays unchanged (with the Python of the lock).
    nb.metadata["language_info"] = dict(nb.metadata.get("language_info") or {"name": "python"})
    nb.metadata["papermill"] = {"parameters": parameters} if parameters else {}
    if not nb.metadata["papermill"]:
        nb.metadata.pop("papermill")
    count = 0
    for index, cell in enumerate(nb.cells):
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        tags = cell.metadata.get("tags", [])
        if "injected-parameters" in tags:
            cell["id"] = INJECTED_ID
        elif not re.fullmatch(r"[a-z0-9-]{1,64}", str(cell.get("id", ""))):
            cell["id"] = f"cell-{index}"
        if cell.cell_type == "code":
            count += 1
            cell.execution_count = count
            for output in cell.get("outputs", []):
                if "execution_count" in output:
                    output["execution_count"] = count
                output.get("metadata", {}).pop("execution", None)
    return nb


def _failure(path: Path, exc: Exception, nb_path: Path, timeout: int = 0) -> RunError:
    if type(exc).__name__ == "CellTimeoutError":
        return RunError(_("{notebook}: a cell ran longer than {seconds} s and was stopped; "
                          "give it longer with --timeout (see {path})").format(
            notebook=path.name, seconds=timeout, path=nb_path))
    if _did_not_start(exc):
        return RunError(_("{notebook}: the kernel did not start: {error} (its log: {log})")
                        .format(notebook=path.name, error=exc, log=kernel_log()))
    cell = getattr(exc, "exec_count", None) or getattr(exc, "cell_index", "?")
    ename = getattr(exc, "ename", type(exc).__name__)
    evalue = getattr(exc, "evalue", str(exc)).strip().splitlines()
    detail = evalue[-1] if evalue else ""
    return RunError(_("{notebook}: cell {cell} failed: {error}: {detail} (see {path})").format(
        notebook=path.name, cell=cell, error=ename, detail=detail, path=nb_path))


def _did_not_start(exc: Exception) -> bool:
    """True when the kernel died or timed out before it ran a single cell."""
    return isinstance(exc, RuntimeError) and "before replying to kernel_info" in str(exc)


def execute(path: Path, out: Path, parameters: dict[str, Any] | None = None,
            timeout: int = 300, *, attempts: int = 2,
            started: Callable[[], object] | None = None) -> Path:
    """Run one notebook into `out`, normalised; RunError names notebook, cell and error.

    A kernel that dies before it runs any cell is started again, up to `attempts` times.
    `started` is called once the kernel is up, before its first cell (nbclient's
    `on_notebook_start`): work for this process while the kernel runs.
    """
    import nbformat
    import papermill

    parameters = dict(parameters or {})
    out.parent.mkdir(parents=True, exist_ok=True)
    for attempt in range(1, attempts + 1):
        try:
            with kernel_chatter_to(kernel_log()), private_channels() as config:
                papermill.execute_notebook(
                    str(path), str(out), parameters=parameters, kernel_name=KERNEL,
                    progress_bar=False, cwd=str(path.parent), execution_timeout=timeout,
                    request_save_on_cell_execute=False, config=config,
                    shutdown_kernel="immediate",  # every output is in: no graceful wait
                    on_notebook_start=lambda notebook: started and started(),
                )
            break
        except Exception as exc:  # papermill wraps the cell's error; report it in one line
            if _did_not_start(exc) and attempt < attempts:
                continue
            if out.exists():
                _save(normalise(nbformat.read(out, as_version=4), parameters), out)
            raise _failure(path, exc, out, timeout) from None
    _save(normalise(nbformat.read(out, as_version=4), parameters), out)
    return out


class SharedKernel:
    """One kernel that runs notebooks one after another, each as a fresh kernel would.

    Each notebook after the first starts in its own folder with the kernel's namespace and
    input history cleared (IPython's reset, as a new session): it reuses only the modules
    the earlier ones imported, so it runs in about half the time of a fresh kernel, with
    the outputs a fresh kernel gives (a test compares them with the committed notebooks,
    which `refresh` runs each in a fresh kernel and nbval checks). A notebook that fails
    in it runs again in a fresh kernel, which says what is wrong if it still fails; the
    next notebook gets a new shared kernel. One that cannot start leaves every notebook
    to a fresh kernel of its own. Modules keep their state: a library setting changed
    outside a context manager (matplotlib's rcParams, say) reaches the next notebook.
    """

    def __init__(self) -> None:
        self._km: Any = None
        self._channels: ExitStack | None = None
        self._used = False
        self._cannot_start = False

    def run(self, path: Path, out: Path, parameters: dict[str, Any] | None = None,
            timeout: int = 300) -> float | RunError:
        """Run `path` into `out`, normalised: its seconds, or its RunError."""
        import time

        parameters = dict(parameters or {})
        start = time.perf_counter()
        try:
            with kernel_chatter_to(kernel_log()):
                km = self._kernel(path.parent)
                import papermill  # a first import, while a new kernel boots

                if self._used:
                    _fresh_session(km, path.parent)
                self._used = True
                out.parent.mkdir(parents=True, exist_ok=True)
                papermill.execute_notebook(
                    str(path), str(out), parameters=parameters, kernel_name=KERNEL,
                    progress_bar=False, cwd=str(path.parent), execution_timeout=timeout,
                    request_save_on_cell_execute=False, km=km)
            _save(_normalised(out, parameters), out)
        except Exception:  # noqa: BLE001 - again in a fresh kernel, which says what is wrong
            self.close()
            try:
                execute(path, out, parameters, timeout)
            except RunError as failed:
                return failed
        return time.perf_counter() - start

    def _kernel(self, folder: Path) -> Any:
        if self._cannot_start:
            raise _NoSharedKernel
        if self._km is not None and self._km.is_alive():
            return self._km
        self.close()
        from jupyter_client.manager import KernelManager

        channels = ExitStack()
        km = KernelManager(kernel_name=KERNEL, config=channels.enter_context(private_channels()))
        try:
            km.start_kernel(cwd=str(folder))
        except Exception:
            channels.close()
            self._cannot_start = True
            raise
        self._km, self._channels, self._used = km, channels, False
        return km

    def close(self) -> None:
        """Shut the kernel down (a later `run` starts another)."""
        if self._km is not None and self._km.is_alive():
            self._km.shutdown_kernel(now=True)
        self._km = None
        if self._channels is not None:
            self._channels.close()
            self._channels = None


class _NoSharedKernel(Exception):
    """The shared kernel is gone or could not start afresh: run in a fresh one instead."""


def _normalised(out: Path, parameters: dict[str, Any]) -> nbformat.NotebookNode:
    import nbformat

    return normalise(nbformat.read(out, as_version=4), parameters)


def _fresh_session(km: Any, folder: Path) -> None:
    """The kernel in `folder`, its namespace and input history cleared (a new session)."""
    client = km.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=60)
        code = f"__import__('os').chdir({str(folder)!r});get_ipython().reset(new_session=True)"
        reply = client.execute_interactive(code, store_history=False, timeout=60,
                                           output_hook=lambda _msg: None)
        if reply["content"]["status"] != "ok":
            raise _NoSharedKernel
    finally:
        client.stop_channels()


@contextmanager
def private_channels() -> Iterator[Any]:
    """Kernel config whose channels are Unix sockets in a folder of this run's own.

    Kernels started at once by several processes (a build's workers, parallel tests) can
    pick the same free TCP port and die before they reply; socket files cannot collide.
    """
    import tempfile

    from traitlets.config import Config

    if os.name != "posix":
        yield Config()
        return
    with tempfile.TemporaryDirectory(prefix="explainer-k") as folder:
        yield Config({"KernelManager": {"transport": "ipc", "ip": f"{folder}/k"}})


def kernel_log() -> Path:
    """Where kernels' start-up and shutdown chatter goes: the user's log folder, never
    the checkout (platformdirs: XDG_STATE_HOME on Linux)."""
    from platformdirs import user_log_dir

    return Path(user_log_dir("venezuela-explainers", appauthor=False)) / "kernels.log"


@contextmanager
def kernel_chatter_to(log: Path) -> Iterator[None]:
    """Send what kernels print on stderr (start-up and shutdown noise) to a log file.

    Kernels inherit file descriptor 2, so the redirect is at that level; a cell's own
    errors still reach the executed notebook and our one-line RunError.
    """
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        target = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    except OSError:  # a read-only checkout: keep the chatter rather than fail
        os.close(saved)
        yield
        return
    os.dup2(target, 2)
    os.close(target)
    try:
        yield
    finally:
        sys.stderr.flush()
        os.dup2(saved, 2)
        os.close(saved)


def _save(nb: nbformat.NotebookNode, out: Path) -> None:
    import nbformat

    text = nbformat.writes(nb) + "\n"
    partial = out.with_name(out.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, out)  # a reader never sees half a notebook


def code_cells(nb: dict[str, Any]) -> list[dict[str, Any]]:
    """The code cells a kernel runs, without papermill's injected parameters."""
    return [c for c in nb["cells"] if c["cell_type"] == "code" and c.get("id") != INJECTED_ID]


def input_key(path: Path, ds: Dataset, parameters: dict[str, Any]) -> str:
    """Hash of everything a notebook's outputs depend on: its code, not its prose.

    Code cells (source and tags), the kernel, the parameters, the data, the lock and
    the package's own code. A Markdown-only edit keeps the key, so the build splices
    the new prose around the outputs it has instead of running a kernel again.
    """
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
        code = [(c.get("id"), c["source"], c.get("metadata", {}).get("tags", []))
                for c in code_cells(nb)]
    except json.JSONDecodeError as exc:
        raise RunError(_("{notebook}: not a notebook: its JSON breaks off or is malformed at "
                         "line {line}, column {column} ({reason})").format(
            notebook=path.name, line=exc.lineno, column=exc.colno, reason=exc.msg)) from None
    except (KeyError, TypeError, AttributeError) as exc:
        raise RunError(_("{notebook}: not a notebook: it has no list of cells with their "
                         "type and source ({reason})").format(
            notebook=path.name, reason=exc)) from None
    digest = hashlib.sha256(json.dumps(code, sort_keys=True).encode())
    digest.update(json.dumps(nb.get("metadata", {}).get("kernelspec", {}),
                             sort_keys=True).encode())
    digest.update(ds.digest.encode())
    digest.update(json.dumps(parameters, sort_keys=True, default=str).encode())
    digest.update(code_fingerprint().encode())
    return digest.hexdigest()


def splice(source: Path, executed: Path, out: Path, parameters: dict[str, Any]) -> Path:
    """`source`'s cells with the outputs of `executed`, whose code cells are the same.

    Gives the bytes a fresh execution of `source` would give, without a kernel: used when
    only Markdown changed since `executed` was made.
    """
    import nbformat

    new = nbformat.read(source, as_version=4)
    old = nbformat.read(executed, as_version=4)
    ran = code_cells(old)
    mine = code_cells(new)
    if [c.source for c in ran] != [c.source for c in mine]:
        raise RunError(_("{notebook}: cannot reuse outputs, its code cells changed").format(
            notebook=source.name))
    for cell, done in zip(mine, ran, strict=True):
        cell.outputs, cell.execution_count = done.outputs, done.execution_count
    injected = [c for c in old.cells if c.get("id") == INJECTED_ID]
    if injected:
        at = next(i for i, c in enumerate(new.cells)
                  if "parameters" in c.metadata.get("tags", []))
        new.cells.insert(at + 1, injected[0])
    new.metadata = old.metadata
    _save(normalise(new, parameters), out)
    return out
