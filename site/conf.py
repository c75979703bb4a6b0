"""Sphinx configuration: renders the executed notebooks offline (no execution, no CDN)."""

from explainer.site import copyright_line

project = "Venezuela Ultimatum Explainers"
author = "Venezuela Ultimatum Explainers contributors"
copyright = copyright_line()  # noqa: A001 - in the edition's language: the build speaks it
extensions = ["myst_nb"]
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
root_doc = "index"
# Quotation marks as written: the article's words and the data's text are shown exactly.
smartquotes = False
# The theme's own words (Next, Previous, On this page...) in the edition's language: the
# build stages the language's locale/<lang>/LC_MESSAGES/theme.po here as Sphinx's sphinx.po.
locale_dirs = ["locales"]

# MyST-NB: render what papermill executed, never execute again.
nb_execution_mode = "off"
nb_ipywidgets_js = {}  # no widget JavaScript from a CDN
nb_merge_streams = True
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
suppress_warnings = ["mystnb.unknown_mime_type"]

# The theme, with nothing fetched at view time: Furo, light (no icon font script), accessible,
# with a light and a dark scheme and a layout that works on a phone and on paper.
html_theme = "furo"
html_title = "Venezuela Ultimatum Explainers"
html_static_path = ["_static"]
html_css_files = ["explainer.css"]
html_js_files = ["explainer.js"]
html_theme_options = {"navigation_with_keys": False, "top_of_page_buttons": []}
html_show_sphinx = False
html_show_sourcelink = False
html_copy_source = False
html_last_updated_fmt = None  # no timestamps: two builds give the same bytes
html_permalinks_icon = "#"
html_favicon = "_static/favicon.svg"


def _no_asset_checksums(app, pagename, templatename, context, doctree):  # noqa: ANN001
    """Asset links without `?v=` checksums.

    Sphinx adds a checksum only for files already in the output folder when a page is
    written, so the bytes of a page would depend on what an earlier build left there.
    Without them, an incremental build writes the bytes a clean one writes.
    """
    import re

    for key in ("css_tag", "js_tag"):
        if key in context:
            context[key] = lambda asset, _tag=context[key]: re.sub(
                r"\?v=[0-9a-f]{8}", "", _tag(asset))


def setup(app):  # noqa: ANN001, ANN201
    app.connect("html-page-context", _no_asset_checksums)
