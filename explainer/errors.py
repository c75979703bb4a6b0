"""The project's own exceptions: each carries a message a reader can act on."""

from __future__ import annotations


class ExplainerError(Exception):
    """Base class: the message is the whole story, no traceback needed."""


class DataError(ExplainerError):
    """The data package is broken; `problems` lists each as `file:row:column: what is wrong`."""

    def __init__(self, problems: list[str], data_dir: str = "") -> None:
        self.problems = list(problems)
        where = f" in {data_dir}" if data_dir else ""
        count = len(self.problems)
        head = f"the data package{where} has {count} problem{'s' if count != 1 else ''}:"
        super().__init__("\n".join([head, *(f"  {p}" for p in self.problems)]))


class ParameterError(ExplainerError):
    """A notebook parameter has an unknown name or a bad value."""


class RunError(ExplainerError):
    """A notebook failed to execute; the message names the notebook, cell and error."""
