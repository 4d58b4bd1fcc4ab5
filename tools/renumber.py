"""Renumber chapters everywhere at once: files, labels, exercise ids and "chapter N" in prose.

A chapter's number lives in many places: its file names (``chapters/07_x.ipynb``, its twin
``sources/chapters/07_x.md``, its registry ``lib/gradbook/exercises/ch07_x.py``, its registry
test ``tests/test_exercises_ch07.py``), its label ``(ch07)=`` and the references to it, its
exercise ids ``07-x/...``, its equation and figure labels ``eq-07-...``, and the words
"chapter 7" in text (link texts, docstrings). This script rewrites all of them at once from a
mapping, so that inserting a chapter is one mechanical commit.

Usage (from the repository root; every pair is OLD:NEW, all applied simultaneously)::

    python tools/renumber.py 07:08 08:09 21:07           # shows what would change
    python tools/renumber.py --apply 07:08 08:09 21:07   # does it (git mv for the renames)

Notebooks are rewritten in their cell sources and text outputs only (never in image data), so
their twins stay in step and nbval still passes without re-executing them. Every replacement
of "chapter N" is printed with its context: read them, since a reference to another book's
chapter would be renumbered too.
"""

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUFFIXES = {".md", ".ipynb", ".py", ".yml", ".yaml", ".toml", ".cfg", ".txt", ".json"}
SKIP = ("tools/renumber.py",)
TEXT_MIMES = ("text/plain", "text/markdown", "text/html", "text/latex")


def chapter_slugs():
    """{"07": "choosing_a_loss", ...} from the notebooks in chapters/."""
    return {p.stem[:2]: p.stem[3:] for p in (ROOT / "chapters").glob("*.ipynb")}


class Renumberer:
    def __init__(self, mapping, slugs):
        self.mapping = mapping
        self.slugs = {old: slugs[old] for old in mapping if old in slugs}
        self.prose_changes = []
        numbers = "|".join(mapping)
        slug_alternatives = "|".join(
            f"{old}[-_](?:{re.escape(s)}|{re.escape(s.replace('_', '-'))})"
            for old, s in self.slugs.items()
        )
        self.patterns = [
            # labels, references and module names: (ch07)=, <ch07>, ch07_choosing_a_loss
            (re.compile(rf"(?<![A-Za-z0-9])ch({numbers})(?![0-9])"), self._label),
            # equation, figure, table and exercise labels: eq-07-..., fig-07-...
            (re.compile(rf"\b((?:eq|fig|tbl|ex|sec)-)({numbers})-"), self._prefixed),
            # "chapter 7", "chapters 8 and 9", "chapters 8–12"
            (
                re.compile(
                    r"\b([Cc]hapters?\s+)(\d+)((?:(?:\s*,\s*|\s+and\s+|\s+or\s+|\s*[–-]\s*|\s+to\s+)\d+)*)"
                ),
                self._prose,
            ),
        ]
        if slug_alternatives:
            # file stems and exercise ids: 07_choosing_a_loss, 07-choosing-a-loss/
            self.patterns.insert(
                0, (re.compile(rf"(?<![0-9A-Za-z])(?:{slug_alternatives})"), self._slugged)
            )

    def _new(self, old):
        return self.mapping.get(old, old)

    def _label(self, m):
        return "ch" + self._new(m.group(1))

    def _prefixed(self, m):
        return m.group(1) + self._new(m.group(2)) + "-"

    def _slugged(self, m):
        text = m.group(0)
        return self._new(text[:2]) + text[2:]

    def _prose(self, m):
        def renumber(n):
            new = self.mapping.get(f"{int(n.group()):02d}")
            return str(int(new)) if new else n.group()

        tail = re.sub(r"\d+", renumber, m.group(3))
        new = m.group(1) + renumber(re.match(r"\d+", m.group(2))) + tail
        if new != m.group(0):
            self.prose_changes.append(
                (m.group(0), new, m.string[max(0, m.start() - 40) : m.end() + 20])
            )
        return new

    def text(self, s):
        for pattern, replace in self.patterns:
            s = pattern.sub(replace, s)
        return s

    def notebook(self, raw):
        nb = json.loads(raw)
        for cell in nb["cells"]:
            cell["source"] = self._lines(cell["source"])
            for out in cell.get("outputs", []):
                if "text" in out:
                    out["text"] = self._lines(out["text"])
                for mime in TEXT_MIMES:
                    if mime in out.get("data", {}):
                        out["data"][mime] = self._lines(out["data"][mime])
                for mime, value in out.get("data", {}).items():
                    if mime.startswith("application/papermill.record/text"):
                        out["data"][mime] = self._lines(value)
        return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"

    def _lines(self, value):
        if isinstance(value, list):
            return [self.text(line) for line in value]
        return self.text(value)


def tracked_files():
    out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True)
    return [ROOT / f for f in out.stdout.splitlines()]


def git(*args):
    subprocess.run(["git", *args], cwd=ROOT, check=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="+", help="OLD:NEW chapter numbers, e.g. 07:08")
    parser.add_argument("--apply", action="store_true", help="write the changes (default: show)")
    args = parser.parse_args(argv)
    mapping = {}
    for pair in args.pairs:
        old, new = pair.split(":")
        mapping[f"{int(old):02d}"] = f"{int(new):02d}"
    r = Renumberer(mapping, chapter_slugs())
    changed = []
    for path in tracked_files():
        rel = path.relative_to(ROOT).as_posix()
        if path.suffix not in SUFFIXES or rel in SKIP or not path.exists():
            continue
        raw = path.read_text()
        new = r.notebook(raw) if path.suffix == ".ipynb" else r.text(raw)
        new_rel = r.text(rel)
        if new != raw or new_rel != rel:
            changed.append((rel, new_rel))
            if args.apply:
                path.write_text(new)
    if args.apply:
        renames = [(rel, new_rel) for rel, new_rel in changed if new_rel != rel]
        # through temporary names, since 13 -> 14 and 14 -> 15 may both be renames
        for rel, _ in renames:
            git("mv", rel, rel + ".renumbering")
        for rel, new_rel in renames:
            git("mv", rel + ".renumbering", new_rel)
    for rel, new_rel in changed:
        print(f"{rel}" + (f" -> {new_rel}" if new_rel != rel else ""))
    print(f"\n{len(r.prose_changes)} 'chapter N' replacements:")
    for old, new, context in r.prose_changes:
        print(f"  {old!r} -> {new!r}   ...{context.replace(chr(10), ' ')}...")
    if not args.apply:
        print("\n(dry run: add --apply to write)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
