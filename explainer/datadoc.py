"""The data dictionary (data/README.md), generated from datapackage.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .data import PACKAGE_FILE, default_data_dir, load, row_counts


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _constraints(spec: dict[str, Any]) -> str:
    parts = []
    for name, value in spec.get("constraints", {}).items():
        if name == "enum":
            parts.append("one of " + ", ".join(f"`{v}`" for v in value))
        elif value is True:
            parts.append(name)
        else:
            parts.append(f"{name} `{value}`")
    return "; ".join(parts)


def render(data_dir: Path | None = None) -> str:
    """The dictionary as Markdown: every table, every column, with its constraints."""
    data_dir = data_dir or default_data_dir()
    package = json.loads((data_dir / PACKAGE_FILE).read_text(encoding="utf-8"))
    counts = row_counts(data_dir)
    story = package.get("story", {})
    lines = [
        f"# Data dictionary: {package.get('title', '')}",
        "",
        "<!-- Generated from datapackage.json by `python -m explainer datadoc`; do not edit. -->",
        "",
        package.get("description", ""),
        "",
        f"- Version: {package.get('version', '')}",
        f"- Licence: {', '.join(lic.get('name', '') for lic in package.get('licenses', []))}",
        f"- Year of every date: {story.get('year')} ({story.get('year_basis')}). "
        f"{story.get('year_reason', '')}",
        "- Every row names its source (`source_id`, see `sources.csv`) and carries a short "
        "`evidence` fragment copied verbatim from the article.",
        "",
        "| table | file | rows | one row is |",
        "|---|---|---|---|",
    ]
    for res in package["resources"]:
        lines.append(f"| {res['title']} | [{res['path']}]({res['path']}) | "
                     f"{counts.get(res['name'], 0)} | {_cell(res.get('description', ''))} |")
    for res in package["resources"]:
        schema = res["schema"]
        lines += ["", f"## {res['title']} (`{res['path']}`)", "", res.get("description", ""), "",
                  f"Primary key: `{', '.join(schema.get('primaryKey', []))}`."]
        for fk in schema.get("foreignKeys", []):
            ref = fk["reference"]
            lines.append(f"Foreign key: `{fk['fields']}` → `{ref['resource']}.{ref['fields']}`.")
        lines += ["", "| column | title | type | constraints | description |",
                  "|---|---|---|---|---|"]
        for spec in schema["fields"]:
            lines.append(
                f"| `{spec['name']}` | {_cell(spec.get('title', ''))} | {spec.get('type')} | "
                f"{_cell(_constraints(spec))} | {_cell(spec.get('description', ''))} |")
    return "\n".join(lines) + "\n"


def write(data_dir: Path | None = None) -> Path:
    """Validate the package, then write its dictionary beside it."""
    data_dir = data_dir or default_data_dir()
    load(data_dir)  # a dictionary is written only for a package that passes every check
    target = data_dir / "README.md"
    target.write_text(render(data_dir), encoding="utf-8")
    return target
