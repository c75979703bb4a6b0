"""`watch`: build, then build again each time a source of the collection changes.

One process does every build, so Sphinx, MyST-NB and pandas are imported once, not once a
build: after a prose edit the rebuild is the render alone.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .ahead import SITE
from .errors import RunError
from .i18n import _
from .stamp import code_on_disk

#: What a rebuild imports: imported once, before the first save, when the first build was
#: a no-op that needed none of it.
WARM = ("explainer.build", "explainer.run", "explainer.site", "nbformat", *SITE)


def watch(build: Callable[[], None], paths: list[Path], inputs: Callable[[], str], *,
          log: Callable[[str], object] = print, stop_event: Any = None) -> None:
    """Call `build`, then again after each change under `paths`, until `stop_event` is set
    (or Ctrl-C, which raises KeyboardInterrupt). `build` reports its own errors; `inputs`
    hashes what it reads, so that a save made while the first build ran is not missed.

    A change to the package's code or the lock ends the watch with a RunError: this
    process still runs the code it started with, and a build must not mix the two.
    """
    try:
        import watchfiles
    except ModuleNotFoundError as exc:
        missing = RunError(_("watching needs watchfiles, which is not installed"))
        missing.hint = _("install the site extra (pip install '.[site]') or the full lock "
                         "(requirements.txt)")
        raise missing from exc
    code, before = code_on_disk(), inputs()
    build()
    # Not watched either: JupyterLab's checkpoints, and the copy it writes before a save
    # puts it in place (".~name").
    ignore = watchfiles.DefaultFilter(
        ignore_dirs=(*watchfiles.DefaultFilter.ignore_dirs, ".ipynb_checkpoints"),
        ignore_entity_patterns=(*watchfiles.DefaultFilter.ignore_entity_patterns, r"^\.~"))
    waiting = _("watching the notebooks, data, pages and catalogues for changes (Ctrl-C to "
                "stop) ...")
    ready = False
    # An empty set every half second while nothing changes: the first says that the
    # watcher is in place (a save from then on is seen, even one made while it warms up).
    for changes in watchfiles.watch(*paths, watch_filter=ignore, stop_event=stop_event,
                                    rust_timeout=500, yield_on_timeout=True):
        if not ready:
            ready = True
            for name in WARM:
                with contextlib.suppress(Exception):  # the build that needs it says why
                    importlib.import_module(name)
            log(waiting)
            changes = changes or inputs() != before
        if not changes:
            continue
        if code_on_disk() != code:
            stale = RunError(_("the explainer package's code or the lock changed: the "
                               "watch stops, as this process still runs the code it "
                               "started with"))
            stale.hint = _("start it again to build with the new code: "
                           "python -m explainer watch")
            raise stale
        build()
        log(waiting)  # after each build: the watch is idle again
