"""Print the single-page HTML build of the book to one PDF: `make pdf` runs this.

`jupyter-book build . --builder singlehtml` writes the whole book as one page (numbered
chapters, figures and equations, as on the site). This script serves that page on 127.0.0.1,
opens it in Debian's Chromium through Playwright (never `playwright install`: no browser is
downloaded), waits until MathJax has typeset every formula, and prepares the page for paper:
a title page, a table of contents with page numbers, a title page for each part, each chapter
on a new page, solutions shown rather than folded, the hidden code cells and the site's
navigation left out. Chromium then prints it, twice: the first print tells on which page each
chapter starts (from the PDF's outline, read with pypdf), the second prints those numbers in
the table of contents.

Usage: python tools/make_pdf.py _build/singlehtml/index.html _build/pdf/gradbook.pdf
"""

import argparse
import functools
import http.server
import io
import os
import shutil
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
# Flags from the machine's notes: without the background-networking ones Chromium tries to
# reach Google's hosts at start-up (which is not the site's doing, so it must not be).
CHROMIUM = os.environ.get("GRADBOOK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

PRINT_CSS = """
@page { size: A4; margin: 18mm 16mm 18mm 16mm; }
html, body { background: white !important; }
.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .bd-header-article, .bd-footer,
.bd-footer-article, .bd-footer-content, .prev-next-area, .headerlink, .toggle-button,
.sbt-scroll-pixel-helper, .skip-link, #pst-back-to-top, .bd-search, .search-button-field,
#pst-primary-sidebar-checkbox, #pst-secondary-sidebar-checkbox, .copybtn, .onlyprint,
details.hide, .pst-scrollable-table-container::after { display: none !important; }
.bd-main, .bd-content, .bd-article-container, .bd-article, .bd-container, .bd-page-width {
  max-width: none !important; width: 100% !important; padding: 0 !important; margin: 0 !important;
}
body { font-size: 10.5pt; }
.bd-main .bd-content .bd-article h1:first-of-type { display: block !important; }
.toggle-hidden {
  display: block !important; visibility: visible !important; height: auto !important;
}
section.pdf-chapter, section.pdf-part, #pdf-toc, #pdf-title { break-before: page; }
section.pdf-part { padding-top: 30vh; text-align: center; }
section.pdf-part h1 { font-size: 2.2em; border: none; }
#pdf-title { padding-top: 28vh; text-align: center; break-before: avoid; }
#pdf-title .title { font-size: 2.6em; font-weight: bold; margin-bottom: 0.6em; }
#pdf-title p { font-size: 1.1em; color: #444; }
#pdf-toc h1 { font-size: 1.8em; }
#pdf-toc .part { font-weight: bold; margin-top: 1em; }
#pdf-toc .entry { display: flex; align-items: baseline; margin: 0.15em 0 0.15em 1.2em; }
#pdf-toc .entry a { color: inherit; text-decoration: none; }
#pdf-toc .entry .dots { flex: 1; border-bottom: 1px dotted #999; margin: 0 0.4em; }
#pdf-toc .entry .page { min-width: 2.5em; text-align: right; }
figure, img, .cell_output, table { break-inside: avoid; }
h1, h2, h3 { break-after: avoid; }
pre { white-space: pre-wrap !important; word-break: break-word; }
.pst-scrollable-table-container { overflow: visible !important; }
"""

# Runs in the page: title page, table of contents, part pages; returns the chapters' titles.
PREPARE_JS = """
({parts, title, subtitle}) => {
  const main = document.querySelector("article.bd-article") || document.body;
  document.querySelectorAll(".toggle-hidden").forEach(e => e.classList.remove("toggle-hidden"));
  document.querySelectorAll("details:not(.hide)").forEach(d => { d.open = true; });
  const entries = [];
  for (const part of parts) {
    let first = true;
    for (const doc of part.docs) {
      // the root document is the page's first section; the others follow a "document-" anchor
      const anchor = document.getElementById("document-" + doc) ||
        (doc === parts[0].docs[0] ? main.querySelector(":scope > section") : null);
      if (!anchor) continue;
      const section = anchor.tagName === "SECTION" ? anchor : anchor.nextElementSibling;
      if (!section || section.tagName !== "SECTION") continue;
      section.classList.add("pdf-chapter");
      if (first && part.caption) {
        const page = document.createElement("section");
        page.className = "pdf-part";
        page.id = "pdf-part-" + entries.length;
        page.innerHTML = "<h1></h1>";
        page.querySelector("h1").textContent = part.caption;
        anchor.before(page);
        entries.push({kind: "part", text: part.caption, id: page.id});
        section.classList.remove("pdf-chapter");  // the part page already starts a new page
        section.style.breakBefore = "page";
      }
      first = false;
      const heading = section.querySelector("h1, h2");
      const text = heading ? heading.textContent.replace(/#$/, "").trim() : doc;
      entries.push({kind: "chapter", text, id: section.id});
    }
  }
  const toc = document.createElement("section");
  toc.id = "pdf-toc";
  toc.innerHTML = "<h1>Contents</h1>";
  for (const e of entries) {
    const div = document.createElement("div");
    if (e.kind === "part") {
      div.className = "part";
      div.textContent = e.text;
    } else {
      div.className = "entry";
      div.innerHTML = '<a></a><span class="dots"></span><span class="page"></span>';
      div.querySelector("a").textContent = e.text;
      div.querySelector("a").href = "#" + e.id;
      div.querySelector(".page").dataset.target = e.id;
      div.querySelector(".page").textContent = "000";
    }
    toc.append(div);
  }
  const cover = document.createElement("section");
  cover.id = "pdf-title";
  cover.innerHTML = '<div class="title"></div><p></p>';
  cover.querySelector(".title").textContent = title;
  cover.querySelector("p").textContent = subtitle;
  main.prepend(cover, toc);
  return entries.filter(e => e.kind === "chapter");
}
"""

FILL_TOC_JS = """
(pages) => {
  for (const span of document.querySelectorAll("#pdf-toc .page")) {
    span.textContent = pages[span.dataset.target] ?? "";
  }
}
"""

FOOTER = (
    '<div style="font-size:8pt; width:100%; text-align:center; color:#666;">'
    '<span class="pageNumber"></span></div>'
)


def toc_parts(toc_path):
    """[(caption, [docname, ...]), ...] from _toc.yml, the preface first (no caption)."""
    toc = yaml.safe_load(Path(toc_path).read_text())
    parts = [{"caption": "", "docs": [toc["root"]]}]
    for part in toc.get("parts", []):
        docs = [entry["file"] for entry in part.get("chapters", [])]
        parts.append({"caption": part.get("caption", ""), "docs": docs})
    return parts


def destination_pages(pdf_bytes):
    """{named destination (an element id): page number, from 1} of a PDF Chromium printed."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf_bytes))
    return {
        name.lstrip("/"): reader.get_destination_page_number(dest) + 1
        for name, dest in reader.named_destinations.items()
    }


def serve(folder):
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def make_pdf(page_path, out_path, toc_path=ROOT / "_toc.yml", config_path=ROOT / "_config.yml"):
    from playwright.sync_api import sync_playwright

    page_path = Path(page_path).resolve()
    if page_path.name == "index.html" and page_path.stat().st_size < 500:  # a redirect
        page_path = page_path.with_name(f"{toc_parts(toc_path)[0]['docs'][0]}.html")
    config = yaml.safe_load(Path(config_path).read_text())
    title = config.get("title", "gradbook")
    built = datetime.now(timezone.utc).strftime("%d %B %Y")
    subtitle = f"{config.get('author', '')}, {config.get('copyright', '')}. Printed {built}."
    server = serve(page_path.parent)
    url = f"http://127.0.0.1:{server.server_address[1]}/{page_path.name}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page()
            page.route(
                "**/*",
                lambda route: (
                    route.continue_()
                    if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:"))
                    else route.abort()
                ),
            )
            page.goto(url, wait_until="networkidle", timeout=120_000)
            page.wait_for_function(
                "() => window.MathJax && MathJax.startup && MathJax.startup.promise",
                timeout=120_000,
            )
            page.evaluate("() => MathJax.startup.promise")
            errors = page.locator("mjx-merror").count()
            if errors:
                raise SystemExit(f"MathJax could not typeset {errors} formulas")
            page.add_style_tag(content=PRINT_CSS)
            chapters = page.evaluate(
                PREPARE_JS, {"parts": toc_parts(toc_path), "title": title, "subtitle": subtitle}
            )
            page.emulate_media(media="print")
            options = {
                "format": "A4",
                "print_background": True,
                "display_header_footer": True,
                "header_template": "<span></span>",
                "footer_template": FOOTER,
                "margin": {"top": "16mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
            }
            # A quick untagged print tells where each chapter starts (the TOC links to them,
            # so they are named destinations); the final print adds the outline (bookmarks).
            found = destination_pages(page.pdf(**options))
            pages = {c["id"]: found[c["id"]] for c in chapters if c["id"] in found}
            missing = [c["text"] for c in chapters if c["id"] not in found]
            if missing:
                print(f"warning: no page found for {missing}", file=sys.stderr)
            page.evaluate(FILL_TOC_JS, pages)
            pdf = page.pdf(**options, outline=True, tagged=True)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_bytes(pdf)
    return len(chapters)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("page", type=Path, help="the singlehtml build's index.html")
    parser.add_argument("out", type=Path, help="where to write the PDF")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(
            f"error: no Chromium at {CHROMIUM} (Debian: apt-get install chromium; "
            "or set GRADBOOK_CHROMIUM)",
            file=sys.stderr,
        )
        return 1
    start = time.monotonic()
    n_chapters = make_pdf(args.page, args.out)
    from pypdf import PdfReader

    n_pages = len(PdfReader(args.out).pages)
    print(
        f"wrote {args.out}: {n_pages} pages, {n_chapters} chapters and appendices, "
        f"in {time.monotonic() - start:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
