"""The report in a real browser: headless Chromium with every other host unreachable.

Opens the report of the written fixture (reconciled stories, a denial, a place with
coordinates, hostile text) and checks: no console error, no request leaves the page, the
timeline, network, map and story view are drawn, a screenshot is not blank, a filter changes
what is shown, and a click on a drawn event leads to its sentence.  A slow test does the same
for the demo corpus coded end to end.  Skips, saying why, when Chromium or chromedriver is
missing (Debian: ``apt-get install chromium chromium-driver``).

Screenshots go to ``$EVENTWIRE_SCREENSHOTS`` when set (else the test's temp folder).
"""
from __future__ import annotations

import base64
import os
import time
from pathlib import Path

import pytest
from browser_support import Browser, find_browser
from report_fixture import HOSTILE_OUTLET, HOSTILE_SENTENCE, write_fixture

from eventwire.report import build_report

BROWSER, DRIVER, WHY = find_browser()
pytestmark = pytest.mark.skipif(BROWSER is None, reason=WHY or "no browser")

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "demo"


def shots_dir(tmp: Path) -> Path:
    where = Path(os.environ.get("EVENTWIRE_SCREENSHOTS") or tmp)
    where.mkdir(parents=True, exist_ok=True)
    return where


def wait_for(br: Browser, script: str, what: str, tries: int = 200):
    """Poll ``script`` until it returns something truthy (bounded in count, not in wall time)."""
    for _ in range(tries):
        value = br.js(script)
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"never happened: {what}")


def load(br: Browser, page: Path) -> None:
    br.open(page)
    wait_for(br, "return window.eventwireReport && document.querySelectorAll('#timeline .main-svg').length > 0 "
                 "&& document.querySelectorAll('#map path').length > 0", "the report to draw")


COUNTS = """
return {
  timeline_points: document.querySelectorAll('#timeline .scatterlayer .point').length,
  network_points: document.querySelectorAll('#network .scatterlayer .point').length,
  network_lines: document.querySelectorAll('#network .scatterlayer .js-line').length,
  map_paths: document.querySelectorAll('#map svg path').length,
  map_filled: Array.from(document.querySelectorAll('#map svg path')).filter(p => p.getAttribute('fill') !== '#d9dee4').length,
  map_points: document.querySelectorAll('#map svg circle').length,
  stories: document.querySelectorAll('#story-list .story').length,
  story_events: document.querySelectorAll('#story-list .se').length,
  triggers: document.querySelectorAll('#story-list .mk-t').length,
  shown: document.getElementById('shown').textContent,
  bars: document.querySelectorAll('#types .bars .point').length,
};
"""

# decodes a PNG in a blank tab and measures it (no imaging library needed on the Python side)
MEASURE_PNG = """
var done = arguments[arguments.length - 1], img = new Image();
img.onload = function () {
  var c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
  var g = c.getContext('2d'); g.drawImage(img, 0, 0);
  var d = g.getImageData(0, 0, c.width, c.height).data, colours = {}, dark = 0, n = 0;
  for (var i = 0; i < d.length; i += 4 * 7) {
    n++; colours[(d[i] >> 3) + ',' + (d[i + 1] >> 3) + ',' + (d[i + 2] >> 3)] = 1;
    if (d[i] + d[i + 1] + d[i + 2] < 600) dark++;
  }
  done({width: img.width, height: img.height, colours: Object.keys(colours).length, inked: dark / n});
};
img.onerror = function () { done(null); };
img.src = 'data:image/png;base64,' + arguments[0];
"""


def measure_screenshot(br: Browser, png: bytes) -> dict:
    main = br.driver.current_window_handle
    br.driver.switch_to.new_window("tab")
    try:
        br.driver.get("about:blank")
        return br.driver.execute_async_script(MEASURE_PNG, base64.b64encode(png).decode("ascii"))
    finally:
        br.driver.close()
        br.driver.switch_to.window(main)


@pytest.fixture(scope="module")
def fixture_page(tmp_path_factory) -> Path:
    folder = write_fixture(tmp_path_factory.mktemp("browser") / "out")
    return build_report(folder)


@pytest.fixture(scope="module")
def browser():
    br = Browser(BROWSER, DRIVER)
    try:
        yield br
    finally:
        br.close()


@pytest.fixture(scope="module")
def opened(browser, fixture_page):
    load(browser, fixture_page)
    return browser


def test_no_console_error_and_no_request_leaves_the_page(opened, fixture_page):
    assert opened.console_errors() == []
    page_url = fixture_page.resolve().as_uri()
    outside = [u for u in opened.requests() if u != page_url and not u.startswith(("data:", "blob:"))]
    assert outside == []
    entries = opened.js("return performance.getEntriesByType('resource').map(e => e.name)")
    assert [u for u in entries if not u.startswith(("data:", "blob:", "file:"))] == []
    # hostile text stayed text: no element was made from it, no script ran from it
    assert opened.js("return document.querySelectorAll('img[src=x], #story-list script, .sent b').length") == 0
    texts = opened.js("return Array.from(document.querySelectorAll('#story-list .sent')).map(e => e.textContent)")
    assert HOSTILE_SENTENCE in texts
    outlets = opened.js("return Array.from(document.querySelectorAll('#story-list .report .src b')).map(e => e.textContent)")
    assert HOSTILE_OUTLET in outlets


def test_every_view_is_drawn(opened):
    c = opened.js(COUNTS)
    assert c["timeline_points"] == 5                    # the five story events, all dated
    assert c["network_points"] >= 3 and c["network_lines"] >= 1
    assert c["map_paths"] > 150 and c["map_filled"] >= 4 and c["map_points"] == 1   # Yeosu
    assert c["stories"] == 2 and c["story_events"] == 5 and c["triggers"] >= 5
    assert c["bars"] >= 1
    assert c["shown"].startswith("5 of 5")


def test_screenshot_is_not_blank(opened, tmp_path):
    path = opened.screenshot(shots_dir(tmp_path) / "report-fixture.png")
    stats = measure_screenshot(opened, path.read_bytes())
    assert stats and stats["width"] >= 1000
    assert stats["colours"] > 40 and stats["inked"] > 0.01, stats
    opened.driver.set_window_size(1400, 1000)


def test_a_filter_changes_what_is_shown(opened):
    before = opened.js(COUNTS)
    opened.js("var f = document.getElementById('f-min'); f.value = '2'; f.dispatchEvent(new Event('change'));")
    wait_for(opened, "return document.getElementById('shown').textContent.indexOf('1 of 5') === 0", "the filter")
    after = opened.js(COUNTS)
    assert after["timeline_points"] == 1 and after["stories"] == 1 and after["story_events"] == 1
    assert after["network_points"] < before["network_points"]
    # the corroboration score of reconciliation
    opened.js("document.getElementById('f-reset').click();")
    opened.js("var f = document.getElementById('f-corr'); f.value = '0.5'; f.dispatchEvent(new Event('change'));")
    wait_for(opened, "return document.getElementById('shown').textContent.indexOf('1 of 5') === 0", "the score filter")
    # an actor filter (the datalist's label)
    opened.js("document.getElementById('f-reset').click();")
    opened.js("var f = document.getElementById('f-actor'); f.value = 'Russia (RUS)'; f.dispatchEvent(new Event('change'));")
    wait_for(opened, "return document.getElementById('shown').textContent.indexOf('2 of 5') === 0", "the actor filter")
    assert opened.js(COUNTS)["map_points"] == 0
    opened.js("document.getElementById('f-reset').click();")
    wait_for(opened, "return document.getElementById('shown').textContent.indexOf('5 of 5') === 0", "the reset")


def test_a_click_on_a_drawn_event_leads_to_its_sentence(opened):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    opened.driver.set_window_size(1400, 1000)
    point = opened.driver.find_elements(By.CSS_SELECTOR, "#timeline .scatterlayer .point")[0]
    opened.js("arguments[0].scrollIntoView({block: 'center'})", point)
    time.sleep(0.3)
    ActionChains(opened.driver).move_to_element(point).pause(0.3).click().perform()
    wait_for(opened, "return document.querySelectorAll('#selection .se.focus').length === 1", "the clicked story event")
    focus = opened.js("var f = document.querySelector('#selection .se.focus'); "
                      "return {t: f.querySelector('.mk-t').textContent, s: f.querySelector('.sent').textContent}")
    assert focus["t"] in focus["s"] and len(focus["s"]) > 20
    # a country on the map lists its story events with their sentences
    opened.js("document.querySelectorAll('#map svg path').forEach(p => { "
              "if (p.querySelector('title').textContent.indexOf('(KOR)') > 0) p.dispatchEvent(new MouseEvent('click')); });")
    wait_for(opened, "return document.querySelector('#selection h3') && "
                     "document.querySelector('#selection h3').textContent.indexOf('KOR') > 0", "the map selection")
    assert opened.js("return document.querySelectorAll('#selection .sent').length") >= 1
    assert opened.console_errors() == []


@pytest.mark.slow
@pytest.mark.skipif(not DEMO.is_dir(), reason="examples/demo is missing")
def test_demo_corpus_report_in_the_browser(browser, tmp_path):
    """Code examples/demo end to end (report written by the run) and open the page."""
    from eventwire.runner import run

    out = tmp_path / "demo"
    summary = run([DEMO], out, jobs=1)
    page = out / "report.html"
    assert page.is_file() and page.stat().st_size < 15_000_000
    load(browser, page)
    c = browser.js(COUNTS)
    assert browser.console_errors() == []
    assert [u for u in browser.requests() if not u.startswith(("file:", "data:", "blob:"))] == []
    assert c["timeline_points"] > 20 and c["network_points"] > 5 and c["map_filled"] > 5
    # the run reconciled before the report: one dot per story event (reports of one act merged)
    n_story_events = len((out / "story_events.jsonl").read_text(encoding="utf-8").splitlines())
    assert 0 < n_story_events <= summary.events
    assert c["story_events"] > 0 and f"of {n_story_events}" in c["shown"]
    path = browser.screenshot(shots_dir(tmp_path) / "report-demo.png")
    stats = measure_screenshot(browser, path.read_bytes())
    assert stats["colours"] > 40 and stats["inked"] > 0.01
    browser.driver.set_window_size(1400, 1000)
