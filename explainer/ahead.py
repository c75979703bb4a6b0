"""Import what a later step needs while this process only waits on a kernel.

A build's parent process, and `explainer run`, spend a kernel's run waiting for it. A
background thread imports the modules the next step needs meanwhile (Sphinx and its
extensions to render the site, nbconvert for a page), on the core the kernel leaves
free. Start it only after any fork of this process (a worker pool's): a child forked
mid-import could inherit that import's lock.
"""

from __future__ import annotations

import contextlib
import importlib
import threading
from collections.abc import Callable

#: What rendering the site imports: Sphinx, its HTML builder, MyST-NB and the theme.
SITE = ("sphinx.cmd.build", "sphinx.builders.html", "myst_nb.sphinx_ext", "furo")


def imports(modules: tuple[str, ...]) -> threading.Thread:
    """Import `modules` in a daemon thread; a module that is missing or fails to import is
    left for the step that needs it, which says what is wrong."""

    def run() -> None:
        for name in modules:
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001, S112 - the step that needs it will say why
                continue

    return meanwhile(run)


def meanwhile(work: Callable[[], object]) -> threading.Thread:
    """Run `work` in a daemon thread; an error in it is left for the step that needs it."""

    def run() -> None:
        with contextlib.suppress(Exception):  # the step that needs it will say what failed
            work()

    thread = threading.Thread(target=run, name="ahead", daemon=True)
    thread.start()
    return thread
