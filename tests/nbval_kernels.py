"""A pytest plugin for nbval (`-p tests.nbval_kernels`): its kernels talk over Unix socket
files in a folder of their own, as the build's kernels do (`explainer.run`), so two
workers starting kernels at once cannot draw the same TCP port."""

from __future__ import annotations

import atexit
import itertools
import os
import shutil
import tempfile

import nbval.kernel
from jupyter_client.manager import KernelManager

_FOLDER = tempfile.mkdtemp(prefix="explainer-nbval-")
_COUNT = itertools.count()
atexit.register(shutil.rmtree, _FOLDER, ignore_errors=True)


def start_new_kernel(startup_timeout: float = 60, kernel_name: str = "python",
                     **kwargs: object) -> tuple[KernelManager, object]:
    """jupyter_client's start_new_kernel, with IPC channels."""
    manager = KernelManager(kernel_name=kernel_name, transport="ipc",
                            ip=os.path.join(_FOLDER, f"k{next(_COUNT)}"))
    manager.start_kernel(**kwargs)
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=startup_timeout)
    except RuntimeError:
        client.stop_channels()
        manager.shutdown_kernel()
        raise
    return manager, client


nbval.kernel.start_new_kernel = start_new_kernel
