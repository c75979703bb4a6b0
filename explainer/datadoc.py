"""The data dictionary (data/README.md), generated from datapackage.json."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .data import PACKAGE_FILE, default_data_dir, load, row_counts
from .i18n import _, current
from .labels import label
from .markup import code, link, text


def _row(*cells: str) -> str:
    """One row of a Markdown table."""
    return "| " + " | ".join(cells) + " |"


def _constraint_names() -> dict[str, str]:
    """Each Frictionless constraint by its name in the language in use."""
    return {"required": _("required"), "unique": _("unique"), "pattern": _("pattern"),
            "minimum": _("minimum"), "maximum": _("maximum"),
            "minLength": _("minimum length"), "maxLength": _("maximum length")}


def _constraints(spec: dict[str, Any]) -> str:
    parts = []
    names = _constraint_names()
    for name, value in spec.get("constraints", {}).items():
        shown = text(names.get(name, name))
        if name == "enum":
            parts.append(_("one of {values}").format(values=", ".join(code(v) for v in value)))
        elif value is True:
            parts.append(shown)
        else:
            parts.append(f"{shown} {code(value)}")
    return "; ".join(parts)


def package_words() -> Callable[[str], str]:
    """The package's titles and descriptions in the language in use: English as written,
    another language from its `datapackage` catalogue (`locale/<lang>/LC_MESSAGES/
    datapackage.po`); a text without a translation stops with its first words."""
    lang = current()
    if lang == "en":
        return lambda english: english
    from .narrative import translations, untranslated

    table = translations(lang, "datapackage")

    def say(english: str) -> str:
        if not english.strip():
            return english
        if english not in table:
            raise untranslated(PACKAGE_FILE, lang, english, "datapackage")
        return table[english]

    return say


def render(data_dir: Path | None = None, *, site: bool = False) -> str:
    """The dictionary as Markdown: every table, every column, with its constraints.

    `site`: titled as the site's page ("Data dictionary — …"), not as data/README.md.
    """
    data_dir = data_dir or default_data_dir()
    package = json.loads((data_dir / PACKAGE_FILE).read_text(encoding="utf-8"))
    counts = row_counts(data_dir)
    story = package.get("story", {})
    say = package_words()
    reason = story.get("translations", {}).get(current(), {}).get(
        "year_reason", story.get("year_reason", ""))
    title = _("Data dictionary — {title}") if site else _("Data dictionary: {title}")
    lines = [
        "# " + text(title.format(title=say(package.get("title", "")))),
        "",
        "<!-- Generated from datapackage.json by `python -m explainer datadoc`; do not edit. -->",
        "",
        text(say(package.get("description", ""))),
        "",
        "- " + text(_("Version: {version}").format(version=package.get("version", ""))),
        "- " + text(_("Licence: {licences}").format(
            licences=", ".join(lic.get("name", "") for lic in package.get("licenses", [])))),
        "- " + text(_("Year of every date: {year} ({basis}). {reason}").format(
            year=story.get("year"), basis=label("date_basis", story.get("year_basis")),
            reason=reason)),
        "- " + _("Every row names its source ({source_id}, see {sources}) and carries a short "
                 "{evidence} fragment copied verbatim from the article.").format(
            source_id=code("source_id"), sources=code("sources.csv"), evidence=code("evidence")),
        "",
        _row(_("table"), _("file"), _("rows"), _("one row is")),
        "|---|---|---|---|",
    ]
    for res in package["resources"]:
        lines.append(_row(text(say(res.get("title", ""))), link(res["path"], str(res["path"])),
                          str(counts.get(res["name"], 0)), text(say(res.get("description", "")))))
    for res in package["resources"]:
        schema = res["schema"]
        lines += ["", f"## {text(say(res.get('title', '')))} ({code(res['path'])})", "",
                  text(say(res.get("description", ""))), "",
                  _("Primary key: {key}.").format(
                      key=code(", ".join(schema.get("primaryKey", []))))]
        for fk in schema.get("foreignKeys", []):
            ref = fk["reference"]
            lines.append(_("Foreign key: {fields} → {target}.").format(
                fields=code(fk["fields"]), target=code(f"{ref['resource']}.{ref['fields']}")))
        lines += ["", _row(_("column"), _("title"), _("type"), _("constraints"),
                           _("description")),
                  "|---|---|---|---|---|"]
        for spec in schema["fields"]:
            lines.append(_row(code(spec["name"]), text(say(spec.get("title", ""))),
                              code(spec.get("type", "")), _constraints(spec),
                              text(say(spec.get("description", "")))))
    return "\n".join(lines) + "\n"


def write(data_dir: Path | None = None) -> Path:
    """Validate the package, then write its dictionary beside it."""
    data_dir = data_dir or default_data_dir()
    load(data_dir)  # a dictionary is written only for a package that passes every check
    target = data_dir / "README.md"
    target.write_text(render(data_dir), encoding="utf-8")
    return target


def render_glossary(data_dir: Path | None = None) -> str:
    """The site's glossary page: every word the collection defines, alphabetically, with
    where each definition comes from (read straight from glossary.csv, without pandas)."""
    import csv

    folder = data_dir or default_data_dir()
    with (folder / "glossary.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if current() != "en":  # the language's words, from translations.csv
        with (folder / "translations.csv").open(encoding="utf-8", newline="") as handle:
            said = {(r["row_id"], r["field"]): r["text"] for r in csv.DictReader(handle)
                    if r["table"] == "glossary" and r["lang"] == current()}
        for row in rows:
            for field in ("term", "definition"):
                row[field] = said.get((row["glossary_id"], field), row[field])
    from .i18n import sort_key

    rows.sort(key=lambda row: sort_key(row["term"]))
    intro = _("Every word the notebooks define, in alphabetical order. Each notebook shows, in "
              "its own glossary box, the words it uses. The last column says where each "
              "definition comes from: the article, background knowledge (not from the "
              "article), or our method (how this collection reads the article).")
    lines = ["# " + _("Glossary"), "", intro, "",
             _row(_("term"), _("definition"), _("from")), "|---|---|---|"]
    lines += [_row(text(row["term"]), text(row["definition"]), text(label("basis", row["basis"])))
              for row in rows]
    return "\n".join([*lines, ""])
