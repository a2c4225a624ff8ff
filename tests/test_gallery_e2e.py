"""The gallery page driven in headless Chromium (Debian's chromium + chromium-driver, never a
downloaded browser): pick tags and a sort, page forward twice and back once, reload the
bookmarked URL, toggle a source, and check what is on screen against the brute-force answer."""
from __future__ import annotations

import os
import shutil
import tempfile
import threading
from urllib.parse import parse_qs, urlparse

import pytest
from werkzeug.serving import make_server

from web_support import TAGS, expected, make_app, web_db  # noqa: F401

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


@pytest.fixture
def browser():
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        pytest.fail("chromium and chromium-driver must be installed (apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "true"  # selenium-manager must never fetch a browser or driver
    profile = tempfile.mkdtemp(prefix="tagpage-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1280,1600"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def base_url(web_db, make_app):
    url, _ = web_db
    app = make_app(url)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(5)


def on_screen(driver) -> list[tuple[str, int]]:
    """(source_type, id) of the cards in the grid, in screen order."""
    from selenium.webdriver.common.by import By

    return [(c.get_attribute("data-source"), int(c.get_attribute("data-id")))
            for c in driver.find_elements(By.CSS_SELECTOR, "#grid li.card")]


def titles(driver) -> list[str]:
    from selenium.webdriver.common.by import By

    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#grid li.card .title")]


def test_pick_tags_page_and_reload(browser, base_url, web_db):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import Select, WebDriverWait

    _, data = web_db
    wait = WebDriverWait(browser, 15)
    browser.get(f"{base_url}/?page_size=3")
    assert len(on_screen(browser)) == 3
    assert not browser.find_elements(By.ID, "prev") and browser.find_elements(By.ID, "next")

    # The picker is filled from /api/v1/tags/popular by the page's script.
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#tag-options[data-loaded=true]")))
    picker_names = [e.get_attribute("data-name") for e in browser.find_elements(By.CSS_SELECTOR, "#tag-options input[name=tag]")]
    assert picker_names[:3] == ["cat", "dog", "bird"]
    for name in ("cat", "dog"):
        browser.find_element(By.CSS_SELECTOR, f"#tag-options input[data-name={name}]").click()
    Select(browser.find_element(By.ID, "sort")).select_by_value("created_at_asc")
    browser.find_element(By.ID, "apply").click()
    wait.until(EC.url_contains("tag="))

    want = expected(data, ["cat", "dog"], sort="created_at_asc")
    pages = [want[i:i + 3] for i in range(0, len(want), 3)]
    assert len(pages) >= 3
    state = parse_qs(urlparse(browser.current_url).query)
    assert sorted(state["tag"]) == sorted([TAGS["cat"], TAGS["dog"]])
    assert state["sort"] == ["created_at_asc"] and "cursor" not in state
    assert on_screen(browser) == pages[0]
    # Every card shows the picked tags, highlighted; the chosen tags stay checked.
    for card in browser.find_elements(By.CSS_SELECTOR, "#grid li.card"):
        hits = {e.text for e in card.find_elements(By.CSS_SELECTOR, ".tags li.hit")}
        assert hits == {"cat", "dog"}
    checked = {e.get_attribute("value") for e in browser.find_elements(By.CSS_SELECTOR, "#selected-tags input:checked")}
    assert checked == {TAGS["cat"], TAGS["dog"]}

    # Forward twice, back once.
    browser.find_element(By.ID, "next").click()
    wait.until(lambda d: on_screen(d) == pages[1])
    browser.find_element(By.ID, "next").click()
    wait.until(lambda d: on_screen(d) == pages[2])
    browser.find_element(By.ID, "prev").click()
    wait.until(lambda d: on_screen(d) == pages[1])
    bookmark = browser.current_url
    assert "cursor=" in bookmark
    shown = titles(browser)
    assert shown == [f"{s} #{i}" for s, i in pages[1]]

    # The bookmarked URL alone reproduces the page: reload, and open it fresh.
    browser.refresh()
    wait.until(lambda d: on_screen(d) == pages[1])
    browser.get("about:blank")
    browser.get(bookmark)
    assert on_screen(browser) == pages[1]
    assert titles(browser) == shown
    assert Select(browser.find_element(By.ID, "sort")).first_selected_option.get_attribute("value") == "created_at_asc"
    status = browser.find_element(By.ID, "status")
    assert status.get_attribute("data-cache") in ("hit", "miss")

    # A source toggle narrows the grid and restarts from the first page.
    browser.find_element(By.ID, "src-community-auto").click()
    browser.find_element(By.ID, "apply").click()
    wait.until(lambda d: "cursor=" not in d.current_url and "content_source_types" in d.current_url)
    want_items = expected(data, ["cat", "dog"], sources=["community-regular", "user-auto", "user-regular"],
                          sort="created_at_asc")
    assert on_screen(browser) == want_items[:3]
    assert all(s == "items" for s, _ in on_screen(browser))

    # The search box finds tags by prefix through /api/v1/tags?q=; adding fish leaves no match.
    browser.find_element(By.ID, "tag-search").send_keys("fi")
    wait.until(lambda d: [e.get_attribute("data-name") for e in
                          d.find_elements(By.CSS_SELECTOR, "#tag-options input[name=tag]")] == ["fish"])
    browser.find_element(By.CSS_SELECTOR, "#tag-options input[data-name=fish]").click()
    browser.find_element(By.ID, "apply").click()
    wait.until(lambda d: TAGS["fish"] in d.current_url)
    assert on_screen(browser) == []
    assert browser.find_element(By.ID, "empty").text == "No items match."


def test_bad_url_shows_an_error_not_a_crash(browser, base_url):
    from selenium.webdriver.common.by import By

    browser.get(f"{base_url}/?tag=not-a-uuid")
    assert "tag" in browser.find_element(By.ID, "error").text
    assert browser.find_elements(By.CSS_SELECTOR, "#grid li.card") == []


def test_totals_and_related_tags(browser, base_url, web_db):
    """The result count above the grid, the related-tags panel, and a chip adding its tag."""
    from collections import Counter

    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    _, data = web_db
    wait = WebDriverWait(browser, 15)
    by_key = {(r.source_type, r.id): r for r in data}

    def related_want(tags: list[str]) -> list[tuple[str, str]]:
        counts = Counter(t for key in expected(data, tags) for t in by_key[key].tags if t not in tags)
        return [(name, str(n)) for name, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))]

    def chips(driver) -> list[tuple[str, str]]:
        return [(c.find_element(By.CSS_SELECTOR, "a.add").text, c.find_element(By.CSS_SELECTOR, "small").text.strip())
                for c in driver.find_elements(By.CSS_SELECTOR, "#related-tags li.related-chip")]

    browser.get(f"{base_url}/?tag={TAGS['cat']}&page_size=3")
    total = browser.find_element(By.ID, "total")
    n = len(expected(data, ["cat"]))
    assert total.text == f"{n:,} results" and total.get_attribute("data-exact") == "true"
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#related[data-loaded=true]")))
    assert chips(browser) == related_want(["cat"])
    assert "cat" not in [name for name, _ in chips(browser)], "every result carries cat: not related"

    # A chip adds its tag to the selection: the page, its total and the panel follow.
    browser.find_element(By.CSS_SELECTOR, f"#related-tags li[data-id='{TAGS['dog']}'] a.add").click()
    wait.until(lambda d: TAGS["dog"] in d.current_url)
    want = expected(data, ["cat", "dog"])
    assert on_screen(browser) == want[:3]
    assert browser.find_element(By.ID, "total").text == f"{len(want):,} results"
    checked = {e.get_attribute("value") for e in browser.find_elements(By.CSS_SELECTOR, "#selected-tags input:checked")}
    assert checked == {TAGS["cat"], TAGS["dog"]}
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#related[data-loaded=true]")))
    assert chips(browser) == related_want(["cat", "dog"])

    # No match: zero results, and the panel says there is nothing related.
    browser.get(f"{base_url}/?tag={TAGS['unused']}")
    assert browser.find_element(By.ID, "total").text == "0 results"
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#related[data-loaded=true]")))
    assert chips(browser) == []
