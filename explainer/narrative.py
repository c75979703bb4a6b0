"""The notebooks' own prose in other languages: each paragraph of each Markdown cell is a
message of the `notebooks` catalogue (`locale/notebooks.pot`, `locale/<lang>/LC_MESSAGES/
notebooks.po`), and a language's notebooks are written from the English ones and that
catalogue (`python -m explainer translate`), so no copy is kept by hand.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .catalogue import EPOCH, PROJECT
from .data import project_root
from .errors import RunError
from .i18n import _

DOMAIN = "notebooks"
HEADER = ("# The prose of the Venezuela Ultimatum Explainers notebooks, paragraph by paragraph.\n"
          "# Written by `python -m explainer messages` from notebooks/: do not edit by hand.\n")


def locales() -> Path:
    return project_root() / "locale"


def template_path() -> Path:
    return locales() / f"{DOMAIN}.pot"


def po_path(lang: str) -> Path:
    return locales() / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def paragraphs(text: str) -> list[str]:
    """A Markdown cell's paragraphs: blocks between blank lines (a list is one block)."""
    return [block for block in re.split(r"\n\s*\n", text.strip()) if block.strip()]


def english_notebooks() -> list[Path]:
    """The notebooks the prose comes from: the numbered ones in notebooks/."""
    from .run import list_notebooks

    return list_notebooks()


def _catalog(header: str):  # noqa: ANN202 - a babel Catalog
    from babel.messages.catalog import Catalog

    return Catalog(project=PROJECT, version="1", creation_date=EPOCH, revision_date=EPOCH,
                   fuzzy=False, charset="utf-8", header_comment=header,
                   msgid_bugs_address="", copyright_holder=f"{PROJECT} contributors")


#: The site's own pages and the teacher's guide, translated the same way, paragraph by
#: paragraph (domain `pages`); the generated parts of TEACHING.md come from the code.
PAGES = ("TEACHING.md", "site/index.md", "site/data.md", "site/methodology.md",
         "site/teacher-notes.md")
PAGES_HEADER = ("# The prose of the Venezuela Ultimatum Explainers site pages and teaching guide.\n"
                "# Written by `python -m explainer messages`: do not edit by hand.\n")


#: What a page keeps as it is: generated blocks, fenced directives, HTML comments.
_KEPT = re.compile(r"(?s)<!-- generated: [\w-]+ -->.*?<!-- end generated -->|^```.*?^```|"
                   r"<!--.*?-->", re.MULTILINE)


def _split_page(text: str) -> list[tuple[bool, str]]:
    """A page as (translatable, text) pieces: the kept blocks whole, and between them
    paragraphs and the blank lines that part them."""
    pieces: list[tuple[bool, str]] = []
    last = 0
    for match in _KEPT.finditer(text):
        pieces += _prose(text[last:match.start()])
        pieces.append((False, match.group(0)))
        last = match.end()
    return pieces + _prose(text[last:])


def _prose(text: str) -> list[tuple[bool, str]]:
    return [(bool(part.strip()) and not re.fullmatch(r"\s*", part), part)
            for part in re.split(r"(\n\s*\n)", text) if part]


#: The one line of a fenced directive that a reader sees: a toctree's caption.
_CAPTION = re.compile(r"^(:caption:[ \t]*)(\S.*?)[ \t]*$", re.MULTILINE)


def page_paragraphs(text: str) -> list[str]:
    """A page's paragraphs to translate (not the generated blocks, fences or comments),
    and the captions of its directives (the site's menu headings)."""
    found = []
    for prose, part in _split_page(text):
        if prose and part.strip():
            found.append(part.strip())
        elif not prose and part.startswith("```"):
            found += [m.group(2) for m in _CAPTION.finditer(part)]
    return found


def translate_page(text: str, lang: str, name: str) -> str:
    """`text` with every paragraph in `lang` (kept blocks as they are); a paragraph without
    a translation stops with the page and its first words."""
    table = translations(lang, "pages")
    out = []

    def missing(body: str) -> RunError:
        return _no_paragraph(name, lang, body, f"locale/{lang}/LC_MESSAGES/pages.po")

    def caption(match: re.Match[str]) -> str:
        if match.group(2) not in table:
            raise missing(match.group(2))
        return match.group(1) + table[match.group(2)]

    for prose, part in _split_page(text):
        if not prose:
            out.append(_CAPTION.sub(caption, part) if part.startswith("```") else part)
            continue
        body = part.strip()
        if body not in table:
            raise missing(body)
        out.append(part.replace(body, table[body]))
    return "".join(out)


def extract_pages():  # noqa: ANN201 - a babel Catalog
    """Every paragraph of the site's pages and the teaching guide."""
    catalog = _catalog(PAGES_HEADER)
    for name in PAGES:
        text = (project_root() / name).read_text(encoding="utf-8")
        for block in page_paragraphs(text):
            catalog.add(block, locations=[(name, 0)])
    return catalog


PACKAGE_HEADER = ("# The words of the Venezuela Ultimatum Explainers data package: its title and\n"
                  "# description, and every table's and column's. Written by `python -m explainer\n"
                  "# messages` from data/datapackage.json: do not edit by hand.\n")


def package_texts(package: dict[str, Any]) -> list[tuple[str, str]]:
    """(where, text) for every title and description the data dictionary shows."""
    found = [("package", str(package.get(k, ""))) for k in ("title", "description")]
    for res in package["resources"]:
        found += [(res["name"], str(res.get(k, ""))) for k in ("title", "description")]
        for spec in res["schema"]["fields"]:
            where = f"{res['name']}.{spec['name']}"
            found += [(where, str(spec.get(k, ""))) for k in ("title", "description")]
    return [(where, text) for where, text in found if text.strip()]


def extract_package():  # noqa: ANN201 - a babel Catalog
    """Every title and description of the data package."""
    from .data import PACKAGE_FILE, default_data_dir

    catalog = _catalog(PACKAGE_HEADER)
    package = json.loads((default_data_dir() / PACKAGE_FILE).read_text(encoding="utf-8"))
    for where, text in package_texts(package):
        catalog.add(text, locations=[(where, 0)])
    return catalog


#: A code cell's line that is a whole comment: a reader sees it (a solution's reasoning).
_COMMENT = re.compile(r"^([ \t]*#[ \t]*)(\S.*?)[ \t]*$", re.MULTILINE)


def comments(source: str) -> list[str]:
    """The whole-line comments of a code cell, without their `#`."""
    return [m.group(2) for m in _COMMENT.finditer(source)]


def _is_parameters(cell: dict[str, Any]) -> bool:
    return "parameters" in cell.get("metadata", {}).get("tags", [])


THEME_HEADER = ("# The words of the site's theme (Furo's templates: Next, Previous, On this\n"
                "# page...), given to Sphinx as its own `sphinx` catalogue for each language.\n"
                "# Written by `python -m explainer messages` from the installed theme: do not\n"
                "# edit by hand.\n")
#: A template's message: `_("...")`, or a `{% trans %}...{% endtrans %}` block, with the
#: whitespace Jinja's `-` markers take away taken away.
_TEMPLATE_MESSAGE = re.compile(
    r"""_\(\s*(["'])(?P<call>.+?)\1\s*\)"""
    r"|\{%(?P<open>-?) trans (?P<trim>-?)%\}(?P<block>.*?)\{%(?P<close>-?) endtrans -?%\}", re.S)


def theme_messages() -> list[str]:
    """Every message the site's theme's templates translate (sorted, unique)."""
    import furo

    found = set()
    for template in sorted((Path(furo.__file__).parent / "theme").rglob("*.html")):
        for match in _TEMPLATE_MESSAGE.finditer(template.read_text(encoding="utf-8")):
            if match["call"] is not None:
                found.add(match["call"])
                continue
            text = match["block"]
            text = text.lstrip() if match["trim"] else text
            text = text.rstrip() if match["close"] else text
            if text.strip():
                found.add(text)
    return sorted(found)


def extract_theme():  # noqa: ANN201 - a babel Catalog
    """The theme's words, from its installed templates."""
    catalog = _catalog(THEME_HEADER)
    for text in theme_messages():
        catalog.add(text, locations=[("furo", 0)])
    return catalog


def extract():  # noqa: ANN201 - a babel Catalog
    """Every paragraph of every Markdown cell of the English notebooks, and every whole-line
    comment of their code cells (the parameters cell says its meanings through the code)."""
    catalog = _catalog(HEADER)
    for path in english_notebooks():
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            source = "".join(cell["source"])
            found = (paragraphs(source) if cell["cell_type"] == "markdown" else
                     [] if _is_parameters(cell) else comments(source))
            for block in found:
                catalog.add(block, locations=[(path.name, 0)])
    return catalog


def update() -> list[Path]:
    """Write the templates, then merge each into every language's `.po` that exists."""
    from .catalogue import write_and_merge

    return [*write_and_merge(extract(), template_path(), po_path),
            *write_and_merge(extract_pages(), locales() / "pages.pot",
                             lambda lang: locales() / lang / "LC_MESSAGES" / "pages.po"),
            *write_and_merge(extract_package(), locales() / "datapackage.pot",
                             lambda lang: locales() / lang / "LC_MESSAGES" / "datapackage.po"),
            *write_and_merge(extract_theme(), locales() / "theme.pot",
                             lambda lang: locales() / lang / "LC_MESSAGES" / "theme.po")]


def _no_paragraph(name: str, lang: str, block: str, po: object) -> RunError:
    """The error for a paragraph of a page or notebook that has no `lang` translation."""
    return RunError(_("{notebook}: no {lang} translation for the paragraph {start}; run "
                      "`python -m explainer messages` and translate it in {po}").format(
        notebook=name, lang=lang, start=repr(block[:60]), po=po))


def untranslated(where: str, lang: str, english: str, domain: str) -> RunError:
    """The error for a text of `domain` that has no current `lang` translation."""
    return RunError(_("{page}: no {lang} translation for {start}; run `python -m explainer "
                      "messages` and translate it in {po}").format(
        page=where, lang=lang, start=repr(english.strip()[:60]),
        po=f"locale/{lang}/LC_MESSAGES/{domain}.po"))


def translations(lang: str, domain: str = DOMAIN) -> dict[str, str]:
    """English paragraph -> its translation, for every translated, current message."""
    from babel.messages.pofile import read_po

    path = locales() / lang / "LC_MESSAGES" / f"{domain}.po"
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    return {m.id: m.string for m in catalog
            if m.id and isinstance(m.id, str) and m.string and not m.fuzzy}


def translated_notebook(nb: dict[str, Any], lang: str, table: dict[str, str],
                        name: str) -> dict[str, Any]:
    """`nb` with its prose in `lang`, its outputs cleared and `lang` (and the data folder,
    one level deeper) as its defaults; a paragraph without a translation stops with its
    notebook and its first words."""
    from .i18n import speaking
    from .params import declared_defaults, with_defaults

    def said(block: str) -> str:
        if block not in table:
            raise _no_paragraph(name, lang, block, po_path(lang).relative_to(project_root()))
        return table[block]

    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            blocks = [said(block) for block in paragraphs("".join(cell["source"]))]
            cell["source"] = _lines("\n\n".join(blocks))
        elif cell["cell_type"] == "code" and not _is_parameters(cell):
            cell["source"] = _lines(_COMMENT.sub(lambda m: m.group(1) + said(m.group(2)),
                                                 "".join(cell["source"])))
        elif _is_parameters(cell):
            source = "".join(cell["source"])
            deeper = ({"data_dir": "../../data"}  # notebooks/<lang>/ is one level deeper
                      if declared_defaults(source).get("data_dir") == "../data" else {})
            with speaking(lang):  # the parameters' meanings, in the notebook's language
                cell["source"] = _lines(with_defaults(source, lang=lang, **deeper))
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    nb.get("metadata", {}).pop("papermill", None)
    return nb


def write_language(lang: str, out: Path | None = None) -> list[Path]:
    """Write `notebooks/<lang>/` from the English notebooks and the catalogue (unexecuted:
    `python -m explainer refresh` runs them)."""
    table = translations(lang)
    folder = out or project_root() / "notebooks" / lang
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for path in english_notebooks():
        nb = translated_notebook(json.loads(path.read_text(encoding="utf-8")), lang, table,
                                 path.name)
        target = folder / path.name
        target.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(target)
    return written


def _lines(text: str) -> list[str]:
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
