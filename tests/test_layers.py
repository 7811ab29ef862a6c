"""What `lint-imports` (make test) cannot see: `pipelines/` is installed as
`leadanalytics.pipelines` but lives outside `leadanalytics/`, so an import of it from inside the
package is invisible to the import graph. Below the edges, no module may import it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1] / "leadanalytics"
BELOW_THE_EDGES = ["db", "config", "leads", "access", "timesheets", "bonuses", "notify",
                   "clock.py", "exceptions.py", "install.py"]


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


@pytest.mark.parametrize("room", BELOW_THE_EDGES)
def test_nothing_below_the_edges_imports_the_ingest(room):
    files = [ROOT / room] if room.endswith(".py") else sorted((ROOT / room).rglob("*.py"))
    assert files
    offending = {str(f.relative_to(ROOT)): sorted(m for m in _imports(f)
                                                  if m.startswith("leadanalytics.pipelines"))
                 for f in files}
    assert {f: m for f, m in offending.items() if m} == {}


def test_top_level_holds_at_most_five_modules():
    assert len(list(ROOT.glob("*.py"))) <= 5
