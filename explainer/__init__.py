"""Venezuela Ultimatum Explainers: data, checks, charts and the build behind the notebooks."""

__version__ = "1.0.0"
