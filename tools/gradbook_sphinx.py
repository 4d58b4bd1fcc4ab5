"""The book's own Sphinx extension (loaded from _config.yml, `local_extensions`).

- Each chapter page's download menu offers, beside the notebook, its **student edition**
  (written into the site as ``_student/<page>.ipynb`` by ``tools/student_edition.py``, at
  build time, so the site never offers a stale one) and the **whole book as a PDF**
  (``gradbook.pdf`` at the site's root: `make pdf` puts it there; the build copies
  ``_build/pdf/gradbook.pdf`` when it exists).
- The ``{gradbook-status}`` directive renders ``appendices/status/*.json``, which
  ``tools/execute_notebooks.py`` (`make notebooks`) writes, one file a notebook: its run time
  and date, and the versions of the key packages it ran with, shown beside today's pins.
"""

import json
import re
import shutil
from pathlib import Path

import nbformat
from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from student_edition import StudentEditionError, student_notebook

logger = logging.getLogger(__name__)
STUDENT_DIR = "_student"
PDF_NAME = "gradbook.pdf"


# --------------------------------------------------------------------------- downloads


def _write_student_edition(app, pagename):
    """Write the student edition of the page's notebook into the site; its URL path or None."""
    source = Path(app.env.doc2path(pagename))
    if source.suffix != ".ipynb":
        return None
    try:
        student, exercises = student_notebook(nbformat.read(source, as_version=4), pagename)
    except StudentEditionError as error:
        logger.warning(f"no student edition of {pagename}: {error}", location=pagename)
        return None
    if not exercises:
        return None
    target = Path(app.outdir) / STUDENT_DIR / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(student, target)
    return f"{STUDENT_DIR}/{pagename}.ipynb"


def add_download_buttons(app, pagename, templatename, context, doctree):
    if app.builder.name != "html" or doctree is None:
        return
    group = next(
        (b for b in context.get("header_buttons", []) if b.get("label") == "download-buttons"),
        None,
    )
    if group is None:  # the theme's download menu is switched off
        return
    pathto = context["pathto"]
    buttons = group["buttons"]
    student = _write_student_edition(app, pagename)
    if student:
        # after the page's notebook: the source button, for a page that is a notebook
        labels = [b.get("label") for b in buttons]
        after = next(
            (labels.index(x) for x in ("download-notebook-button", "download-source-button")
             if x in labels),
            -1,
        )  # fmt: skip
        buttons.insert(
            after + 1,
            {
                "type": "link",
                "url": pathto(student, 1),
                "text": "student .ipynb",
                "tooltip": "Download the student edition: exercises without their solutions",
                "icon": "fas fa-pen",
                "label": "download-student-notebook-button",
            },
        )
    buttons.append(
        {
            "type": "link",
            "url": pathto(PDF_NAME, 1),
            "text": "book .pdf",
            "tooltip": "Download the whole book as one PDF (made by make pdf)",
            "icon": "fas fa-book",
            "label": "download-book-pdf-button",
        }
    )


def copy_pdf(app, exception):
    if exception is None and app.builder.name == "html":
        pdf = Path(app.srcdir) / "_build" / "pdf" / PDF_NAME
        if pdf.exists():
            shutil.copyfile(pdf, Path(app.outdir) / PDF_NAME)


# --------------------------------------------------------------------------- status


def _pins(path):
    pins = {}
    if path.exists():
        for line in path.read_text().splitlines():
            match = re.match(r"^([A-Za-z0-9_.\-]+)==(\S+)", line.strip())
            if match:
                pins[re.sub(r"[-_.]+", "-", match[1]).lower()] = match[2]
    return pins


class StatusDirective(SphinxDirective):
    """Tables from the status files (a folder relative to the page, default ``status``)."""

    optional_arguments = 1

    def run(self):
        page = Path(self.env.doc2path(self.env.docname)).parent
        folder = (page / (self.arguments[0] if self.arguments else "status")).resolve()
        requirements = Path(self.env.srcdir) / "requirements.txt"
        files = sorted(folder.glob("*.json"))
        for path in [requirements, *files]:
            self.env.note_dependency(str(path))
        runs = [json.loads(path.read_text()) for path in files]
        if not runs:
            return [nodes.paragraph(text="No run of make notebooks is recorded yet.")]
        text = self._markdown(runs, _pins(requirements))
        container = nodes.container(classes=["gradbook-status"])
        self.state.nested_parse(StringList(text.splitlines(), source=str(folder)), 0, container)
        return container.children

    def _markdown(self, runs, pins):
        latest = max(runs, key=lambda run: run["executed"])
        lines = [
            f"Last run: **{latest['executed']}** (UTC), Python {latest['python']}, "
            f"{latest['cpus']} CPU cores, on {latest['platform']}.",
            "",
            "| Notebook | Run time (s) | Last run (UTC) |",
            "|:---|---:|:---|",
        ]
        for run in sorted(runs, key=lambda run: run["notebook"]):
            docname = run["notebook"].rsplit(".", 1)[0]
            known = docname in self.env.found_docs
            name = f"{{doc}}`/{docname}`" if known else f"`{run['notebook']}`"
            lines.append(f"| {name} | {run['seconds']:.1f} | {run['executed']} |")
        total = sum(run["seconds"] for run in runs)
        lines += [f"| **all** | **{total:.1f}** | |", "", "| Package | Ran with | Pinned now |"]
        lines.append("|:---|:---|:---|")
        for package in latest["packages"]:
            used = sorted({run["packages"].get(package, "?") for run in runs})
            pinned = pins.get(re.sub(r"[-_.]+", "-", package).lower(), "not pinned")
            mark = "" if used == [pinned] else " (differs)"
            lines.append(f"| {package} | {', '.join(used)} | {pinned}{mark} |")
        return "\n".join(lines)


# --------------------------------------------------------------------------- single page


def share_html_handlers(app):
    """Give the singlehtml builder the node handlers registered for html (for `make pdf`).

    Sphinx looks up custom-node handlers by builder name and falls back to the format only
    when the name has none; sphinx-exercise registers some for "singlehtml", which hides every
    other extension's "html" handlers (myst-nb's hidden code cells) from that builder.
    """
    handlers = app.registry.translation_handlers
    if app.builder.name != "html" and app.builder.format == "html":
        own = handlers.setdefault(app.builder.name, {})
        for node, visitors in handlers.get("html", {}).items():
            own.setdefault(node, visitors)


def setup(app):
    app.connect("builder-inited", share_html_handlers)
    app.connect("html-page-context", add_download_buttons, priority=502)
    app.connect("build-finished", copy_pdf)
    app.add_directive("gradbook-status", StatusDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
