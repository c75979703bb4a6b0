"""The project's own exceptions: each carries a message a reader can act on."""

from __future__ import annotations

from .i18n import ngettext


class ExplainerError(Exception):
    """Base class: the message is the whole story, no traceback needed."""

    def _render_traceback_(self) -> list[str]:
        """What IPython (and so a notebook, papermill, nbval) shows: the message alone."""
        return f"{type(self).__name__}: {self}".splitlines()


class DataError(ExplainerError):
    """The data package is broken; `problems` lists each as `file:row:column: what is wrong`."""

    def __init__(self, problems: list[str], data_dir: str = "", hint: str = "") -> None:
        self.problems = list(problems)
        self.hint = hint  # what to do, when it is not "fix the rows named above"
        count = len(self.problems)
        if data_dir:
            head = ngettext("the data package in {folder} has {count} problem:",
                            "the data package in {folder} has {count} problems:", count)
        else:
            head = ngettext("the data package has {count} problem:",
                            "the data package has {count} problems:", count)
        head = head.format(folder=data_dir, count=count)
        super().__init__("\n".join([head, *(f"  {p}" for p in self.problems)]))


class ParameterError(ExplainerError):
    """A notebook parameter has an unknown name or a bad value."""


class RunError(ExplainerError):
    """A notebook failed to execute; the message names the notebook, cell and error."""
