"""One writer per build folder: a second build into the same folder waits for the first."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .i18n import _

_held: dict[Path, int] = {}  # folders this process holds: the lock is re-entrant


@contextmanager
def exclusive(folder: Path, log: Callable[[str], object] = print) -> Iterator[None]:
    """Hold `folder`'s lock (its `.lock` file) while the block runs; wait if another
    process holds it. The operating system releases it when a holder dies, however."""
    key = Path(folder).resolve()
    if key in _held or os.name != "posix":
        yield
        return
    import fcntl

    key.mkdir(parents=True, exist_ok=True)
    handle = os.open(key / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log(_("another build is writing {folder}: waiting for it to finish").format(
                folder=folder))
            fcntl.flock(handle, fcntl.LOCK_EX)
        _held[key] = handle
        yield
    finally:
        _held.pop(key, None)
        os.close(handle)
