"""The built site in a real browser, with every request to another host refused.

Runs against `_build/html` (build it first: `make test-browser` does), in Debian's Chromium
driven by Playwright. Never `playwright install`: these machines have no network to fetch a
browser, and must not need one. Skips, saying why, where Chromium or the build is missing.
"""

import functools
import http.server
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "html"
# One Chromium and one set of flags for the browser test and for `make pdf` (tools/make_pdf.py).
sys.path.insert(0, str(ROOT / "tools"))
from make_pdf import CHROMIUM, FLAGS  # noqa: E402

sys.path.remove(str(ROOT / "tools"))


@pytest.fixture(scope="module")
def site():
    if not (SITE / "index.html").exists():
        pytest.skip(f"no built site at {SITE}: run `make book` first")
    handler = functools.partial(_QuietHandler, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium; CI installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, site):
    """A page whose requests may only reach the local site; others are aborted and recorded."""
    context = browser.new_context()
    page = context.new_page()
    page.foreign = []

    def route(route):
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            page.foreign.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def wait_for_mathjax(page):
    page.wait_for_function(
        "() => window.MathJax && MathJax.startup && MathJax.startup.promise"
        " && MathJax.startup.promise.then(() => true)",
        timeout=30_000,
    )
    page.evaluate("() => MathJax.startup.promise")


@pytest.mark.parametrize(
    "path", ["chapters/01_loss_vs_cost.html", "appendices/notation.html", "appendices/library.html"]
)
def test_formulas_render_with_no_request_leaving_the_machine(page, site, path):
    page.goto(f"{site}/{path}", wait_until="networkidle")
    wait_for_mathjax(page)
    rendered = page.locator("mjx-container").count()
    assert rendered > 0, f"no formula rendered on {path}"
    assert page.locator("mjx-merror").count() == 0, "MathJax reported a formula error"
    assert page.locator("mjx-container").first.bounding_box()["width"] > 0
    assert page.foreign == [], f"{path} requested other hosts: {page.foreign}"
    assert page.errors == [], f"JavaScript errors on {path}: {page.errors}"


def test_every_page_stays_on_the_machine(page, site):
    """Load every built page: none may ask another host for anything (fonts, scripts, images)."""
    pages = sorted(
        p.relative_to(SITE).as_posix() for p in SITE.rglob("*.html") if "_static" not in p.parts
    )
    assert len(pages) >= 5
    for path in pages:
        page.goto(f"{site}/{path}", wait_until="networkidle")
    assert page.foreign == [], f"requests to other hosts: {sorted(set(page.foreign))}"


def test_search_finds_a_chapter(page, site):
    page.goto(f"{site}/search.html?q=regularisation", wait_until="networkidle")
    results = page.locator("ul.search li a")
    results.first.wait_for(timeout=15_000)
    links = results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert any("01_loss_vs_cost" in href for href in links), links
    assert page.foreign == []


def test_exercise_solution_is_collapsed_until_clicked(page, site):
    page.goto(f"{site}/chapters/01_loss_vs_cost.html", wait_until="networkidle")
    solution = page.locator("div.solution.dropdown").first
    body = solution.locator("text=Correct: 01-loss-vs-cost/squared-error.")
    assert body.count() == 1, "the solution's code output is not inside the solution block"
    assert not body.is_visible(), "the solution is visible before it is opened"
    solution.locator("button.toggle-button").click()
    body.wait_for(state="visible", timeout=5_000)
    assert body.is_visible()


def test_a_chapter_offers_its_student_notebook_and_the_book_pdf(page, site):
    page.goto(f"{site}/chapters/01_loss_vs_cost.html", wait_until="networkidle")
    student = page.locator("a.btn:has-text('student .ipynb')")
    assert student.count() == 1, "no student notebook in the download menu"
    reply = page.request.get(f"{site}/chapters/{student.get_attribute('href')}")
    assert reply.ok, reply.status
    notebook = reply.json()
    assert notebook["metadata"]["gradbook"]["edition"] == "student"
    assert "solution-start" not in reply.text() and "Correct:" not in reply.text()
    pdf = page.locator("a.btn:has-text('book .pdf')")
    assert pdf.get_attribute("href") == "../gradbook.pdf"  # `make pdf` puts it there
    assert page.foreign == [] and page.errors == []


def test_the_status_page_lists_every_chapter_with_its_run_time(page, site):
    page.goto(f"{site}/appendices/status.html", wait_until="networkidle")
    rows = page.locator("table").first.locator("tbody tr")
    chapters = len(list((SITE.parent.parent / "chapters").glob("*.ipynb")))
    assert rows.count() >= chapters + 1  # every chapter, and the total
    assert page.locator("th:has-text('Pinned now')").count() == 1
