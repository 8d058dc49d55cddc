"""Print the share of mutants killed, per core module and in all, after `mutmut run`.

Reads mutmut's result files under mutants/ (one ``.meta`` per mutated module).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code


def main() -> int:
    metas = sorted(Path("mutants").rglob("*.py.meta"))
    if not metas:
        print("no mutation results: run `make mutation`", file=sys.stderr)
        return 2
    total: Counter[str] = Counter()
    for meta in metas:
        codes = json.loads(meta.read_text("utf-8")).get("exit_code_by_key", {})
        counts = Counter(status_by_exit_code[code] for code in codes.values())
        if not counts:
            continue
        total.update(counts)
        print(f"{meta.relative_to('mutants').as_posix()[:-5]:40} {_line(counts)}")
    print(f"{'all core modules':40} {_line(total)}")
    return 0


def _line(counts: Counter[str]) -> str:
    killed = counts["killed"] + counts["timeout"]
    tested = sum(n for status, n in counts.items() if status not in ("skipped", "not checked"))
    share = 100 * killed / tested if tested else 0.0
    rest = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()) if status != "killed")
    return f"{share:5.1f} % killed ({killed} of {tested}; {rest or 'none else'})"


if __name__ == "__main__":
    sys.exit(main())
