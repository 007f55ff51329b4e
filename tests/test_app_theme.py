"""The app (Voilà) takes the reader's colour scheme: the page, its text and the widgets.

Voilà renders its notebook page with JupyterLab's light theme unless ``?theme=dark`` is
asked for; the kit's template loads the dark theme too, under ``prefers-color-scheme:
dark`` (``workshop.tooling.app``). Real Chromium, the app's own server.
"""

from __future__ import annotations

import pytest
from browser_helpers import open_voila
from contrast import text_contrasts, too_faint
from servers import ROOT, TOKEN, learner_server

from workshop.tooling import app
from workshop.tooling.nbfiles import notebook_files, notebook_title, read_notebook


def test_the_notebook_page_template_loads_the_dark_theme_under_a_dark_scheme():
    page = app.offline_template_files()["index.html.j2"]
    assert 'media="(prefers-color-scheme: dark)"' in page
    assert "include_url('static/theme-dark.css')" in page
    light_body = page.index('data-jp-theme-light="true"')
    assert page.index('dataset.jpThemeLight = "false"') > light_body


# JS: relative luminance (0 black … 1 white) of the colour the browser computed for an
# element's background (an SVG shape's: its fill).
LUMINANCE = """(selector) => {
  const el = document.querySelector(selector);
  const s = getComputedStyle(el);
  const c = el instanceof SVGElement ? s.fill : s.backgroundColor;
  const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(Number)
    .map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_app_page_follows_the_colour_scheme_and_its_text_reads(voila_server, page, scheme):
    page.emulate_media(color_scheme=scheme)
    open_voila(page, voila_server, "01_kinetic_chain.ipynb")
    page.wait_for_selector(".mm-explorer svg", timeout=120_000)
    marked_light = page.evaluate("document.body.dataset.jpThemeLight")
    assert marked_light == ("false" if scheme == "dark" else "true")
    page_ground = page.evaluate(LUMINANCE, "body")
    explorer_card = page.evaluate(LUMINANCE, ".mm-explorer .mm-card")
    if scheme == "dark":
        assert page_ground < 0.05 and explorer_card < 0.05, (page_ground, explorer_card)
    else:
        assert page_ground > 0.9 and explorer_card > 0.9, (page_ground, explorer_card)
    # Every text on the first screen: headings, prose, the controls and the picture.
    texts = text_contrasts(page, "body")
    assert len(texts) > 30, texts
    assert too_faint(texts) == [], too_faint(texts)


def test_the_notebook_list_template_loads_the_dark_theme_under_a_dark_scheme():
    page = app.offline_template_files()["page.html"]
    assert 'media="(prefers-color-scheme: dark)"' in page
    assert "include_url('static/theme-dark.css')" in page


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_notebook_list_follows_the_colour_scheme_and_reads(voila_server, page, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{voila_server}/?token={TOKEN}", timeout=120_000)
    # The server-rendered list (classic_tree): there with the page, no script needed.
    # Each notebook is listed by its title (its first heading), in the files' order, and
    # opens that file.
    files = notebook_files(ROOT / "notebooks")
    titles = [notebook_title(read_notebook(f), f.name) for f in files]
    page.get_by_text(titles[1]).wait_for(timeout=120_000)
    links = page.locator(".voila-notebooks a")
    assert links.all_inner_texts() == titles
    hrefs = [links.nth(i).get_attribute("href") for i in range(len(files))]
    assert [h.split("?")[0].rsplit("/", 1)[1] for h in hrefs] == [f.name for f in files]
    ground = page.evaluate(LUMINANCE, "body")
    assert (ground < 0.05) if scheme == "dark" else (ground > 0.9), ground
    texts = text_contrasts(page, "body")
    assert any(t["text"].startswith(titles[1][:20]) for t in texts), texts  # (cut at 40)
    assert too_faint(texts) == [], too_faint(texts)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    ("path", "words"), [("/login", "make app"), ("/logout", "Successfully logged out")]
)
def test_the_login_and_logout_pages_follow_the_colour_scheme_and_read(
    voila_server, page, scheme, path, words
):
    """Someone without the token lands on the login page, and logging out shows a page
    of Jupyter Server's: dark on a dark system like the app's other pages, every text
    readable on it."""
    page.context.clear_cookies()
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{voila_server}{path}", timeout=120_000)
    page.get_by_text(words).first.wait_for(timeout=120_000)
    for where in ("body", "#header"):
        ground = page.evaluate(LUMINANCE, where)
        assert (ground < 0.05) if scheme == "dark" else (ground > 0.9), (where, ground)
    # The rule under the header: a faint line on either ground, not a light stripe in dark.
    rule = page.evaluate(LUMINANCE, "#header .header-bar")
    assert (rule < 0.15) if scheme == "dark" else (rule > 0.5), rule
    texts = text_contrasts(page, "body")
    assert any(words in t["text"] for t in texts), texts
    assert too_faint(texts) == [], too_faint(texts)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_hub_learners_notebook_list_shows_titles_and_reads(browser, tmp_path, scheme):
    """On a hub (a learner's own server with the kit's workshop-hub template) the list
    names the kit's notebooks by title under the JupyterLab link, and every text,
    the link too, reads on either scheme's page."""
    context = browser.new_context(viewport={"width": 1100, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    try:
        with learner_server(ROOT, tmp_path) as url:
            page.goto(f"{url}/voila/tree/notebooks?token={TOKEN}", timeout=120_000)
            page.get_by_text("Open JupyterLab").wait_for(timeout=120_000)
            listed = page.locator(".voila-notebooks a").all_inner_texts()
            ground = page.evaluate(LUMINANCE, "body")
            texts = text_contrasts(page, "body")
    finally:
        context.close()
    files = notebook_files(ROOT / "notebooks")
    titles = [notebook_title(read_notebook(f), f.name) for f in files]
    assert [t.strip() for t in listed if t.strip() != ".."] == titles
    assert (ground < 0.05) if scheme == "dark" else (ground > 0.9), ground
    assert any("Open JupyterLab" in t["text"] for t in texts), texts
    assert too_faint(texts) == [], too_faint(texts)
