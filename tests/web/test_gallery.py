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
    picker_names = [e.get_attribute("data-name") for e in browser.find_elements(By.CSS_SELECTOR, "#tag-options input[data-name]")]
    assert picker_names[:3] == ["cat", "dog", "bird"]
    # Checking a tag writes its name into the query box; unchecking takes it out again.
    for name in ("cat", "bird", "dog"):
        browser.find_element(By.CSS_SELECTOR, f"#tag-options input[data-name={name}]").click()
    box = browser.find_element(By.ID, "q")
    assert box.get_attribute("value") == "cat bird dog"
    browser.find_element(By.CSS_SELECTOR, "#tag-options input[data-name=bird]").click()
    assert box.get_attribute("value") == "cat dog"
    Select(browser.find_element(By.ID, "sort")).select_by_value("created_at_asc")
    browser.find_element(By.ID, "apply").click()
    wait.until(EC.url_contains("q="))

    want = expected(data, ["cat", "dog"], sort="created_at_asc")
    pages = [want[i:i + 3] for i in range(0, len(want), 3)]
    assert len(pages) >= 3
    state = parse_qs(urlparse(browser.current_url).query)
    assert state["q"] == ["cat dog"] and "tag" not in state
    assert state["sort"] == ["created_at_asc"] and "cursor" not in state
    assert on_screen(browser) == pages[0]
    # Every card shows the picked tags, highlighted; the picked tags stay checked.
    for card in browser.find_elements(By.CSS_SELECTOR, "#grid li.card"):
        hits = {e.text for e in card.find_elements(By.CSS_SELECTOR, ".tags li.hit")}
        assert hits == {"cat", "dog"}
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#tag-options[data-loaded=true]")))
    checked = {e.get_attribute("data-name") for e in browser.find_elements(By.CSS_SELECTOR, "#tag-options input:checked")}
    assert checked == {"cat", "dog"}

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
                          d.find_elements(By.CSS_SELECTOR, "#tag-options input[data-name]")] == ["fish"])
    browser.find_element(By.CSS_SELECTOR, "#tag-options input[data-name=fish]").click()
    browser.find_element(By.ID, "apply").click()
    wait.until(lambda d: parse_qs(urlparse(d.current_url).query).get("q") == ["cat dog fish"])
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

    # A chip adds its tag to the query (ANDed with the tag id of the URL): the page, its total
    # and the panel follow.
    browser.find_element(By.CSS_SELECTOR, f"#related-tags li[data-id='{TAGS['dog']}'] a.add").click()
    wait.until(lambda d: parse_qs(urlparse(d.current_url).query).get("q") == ["dog"])
    want = expected(data, ["cat", "dog"])
    assert on_screen(browser) == want[:3]
    assert browser.find_element(By.ID, "total").text == f"{len(want):,} results"
    checked = {e.get_attribute("value") for e in browser.find_elements(By.CSS_SELECTOR, "#selected-tags input:checked")}
    assert checked == {TAGS["cat"]}
    assert browser.find_element(By.ID, "q").get_attribute("value") == "dog"
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#related[data-loaded=true]")))
    assert chips(browser) == related_want(["cat", "dog"])

    # No match: zero results, and the panel says there is nothing related.
    browser.get(f"{base_url}/?tag={TAGS['unused']}")
    assert browser.find_element(By.ID, "total").text == "0 results"
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#related[data-loaded=true]")))
    assert chips(browser) == []


# ----------------------------------------------------------------------------- the query box

def api_pages(base_url: str, q: str, page_size: int) -> tuple[list[list[tuple[str, int]]], int]:
    """Every page of a query as the API serves it (walked with its cursors), and its total."""
    import json
    from urllib.parse import urlencode
    from urllib.request import urlopen

    pages, cursor, total = [], None, None
    while True:
        params = [("q", q), ("page_size", str(page_size))] + ([("cursor", cursor)] if cursor else [])
        with urlopen(f"{base_url}/api/v1/content/unified?{urlencode(params)}", timeout=10) as r:
            body = json.load(r)
        pages.append([(i["source_type"], i["id"]) for i in body["items"]])
        total = body["pagination"]["total_count"]
        if not body["pagination"]["has_next"]:
            return pages, total
        cursor = body["pagination"]["next_cursor"]


def suggestions(driver) -> list[str]:
    from selenium.webdriver.common.by import By

    return [e.get_attribute("data-name") for e in driver.find_elements(By.CSS_SELECTOR, "#q-suggestions li")
            if e.is_displayed()]


def query_of(driver) -> str | None:
    return (parse_qs(urlparse(driver.current_url).query, keep_blank_values=True).get("q") or [None])[0]


def test_query_box_pages_forward_and_back(browser, base_url, web_db):
    """Type two queries (names taken from the suggestions), page forward and back, go back in
    history: rows and totals are the API's, which are the brute force's."""
    import psycopg
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    from oracle import Request
    from tag_query_oracle import matching_keys

    url, _ = web_db
    wait = WebDriverWait(browser, 15)
    browser.get(f"{base_url}/?page_size=3")
    box = browser.find_element(By.ID, "q")

    # `cat -dog`, both names chosen from the suggestions for the word under the caret
    box.send_keys("ca")
    wait.until(lambda d: suggestions(d) == ["cat"])
    box.send_keys(Keys.ARROW_DOWN, Keys.ENTER)
    assert box.get_attribute("value") == "cat "
    box.send_keys("-do")
    wait.until(lambda d: suggestions(d) == ["dog"])
    browser.find_element(By.CSS_SELECTOR, "#q-suggestions li[data-name=dog]").click()
    assert box.get_attribute("value") == "cat -dog "
    box.send_keys(Keys.ENTER)
    wait.until(lambda d: query_of(d) == "cat -dog ")

    with psycopg.connect(url) as conn:
        first_want = matching_keys(conn, Request(), "cat -dog")
        second_want = matching_keys(conn, Request(), "(cat or dog) bird")
    pages, total = api_pages(base_url, "cat -dog", 3)
    assert [k for page in pages for k in page] == first_want and total == len(first_want)
    assert len(pages) >= 3
    assert on_screen(browser) == pages[0]
    assert browser.find_element(By.ID, "total").text == f"{total:,} results"
    assert browser.find_element(By.ID, "q").get_attribute("value") == "cat -dog "

    browser.find_element(By.ID, "next").click()
    wait.until(lambda d: on_screen(d) == pages[1])
    browser.find_element(By.ID, "next").click()
    wait.until(lambda d: on_screen(d) == pages[2])
    browser.find_element(By.ID, "prev").click()
    wait.until(lambda d: on_screen(d) == pages[1])
    assert browser.find_element(By.ID, "total").text == f"{total:,} results"  # every page
    browser.back()
    wait.until(lambda d: on_screen(d) == pages[2])
    assert query_of(browser) == "cat -dog "

    # `(cat or dog) bird`, typed out
    box = browser.find_element(By.ID, "q")
    box.clear()
    box.send_keys("(cat or dog) bird", Keys.ENTER)
    wait.until(lambda d: query_of(d) == "(cat or dog) bird")
    pages2, total2 = api_pages(base_url, "(cat or dog) bird", 3)
    assert [k for page in pages2 for k in page] == second_want and total2 == len(second_want)
    assert on_screen(browser) == pages2[0]
    assert browser.find_element(By.ID, "total").text == f"{total2:,} result" + ("" if total2 == 1 else "s")
    if len(pages2) > 1:
        browser.find_element(By.ID, "next").click()
        wait.until(lambda d: on_screen(d) == pages2[1])
        browser.find_element(By.ID, "prev").click()
        wait.until(lambda d: on_screen(d) == pages2[0])

    # the back button returns to the previous query, its page and its total
    while query_of(browser) != "cat -dog ":
        browser.back()
    wait.until(lambda d: on_screen(d) == pages[2])
    assert browser.find_element(By.ID, "q").get_attribute("value") == "cat -dog "
    assert browser.find_element(By.ID, "total").text == f"{total:,} results"


def test_query_errors_show_inline(browser, base_url):
    """While typing, the API's 400 message for the query appears under the box; submitted, the
    page says the same there."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, 15)
    browser.get(f"{base_url}/?page_size=3")
    box = browser.find_element(By.ID, "q")
    error = browser.find_element(By.ID, "q-error")
    assert not error.is_displayed()
    box.send_keys("cat (dog")
    wait.until(lambda d: error.is_displayed() and error.text == 'tag_query: unmatched "(" at 5')
    assert box.get_attribute("aria-invalid") == "true"
    box.send_keys(")")
    wait.until(lambda d: not error.is_displayed())
    assert box.get_attribute("aria-invalid") is None

    box.send_keys(" -nosuch")
    wait.until(lambda d: error.is_displayed() and "nosuch" in error.text)
    assert error.text.startswith("tag_query: unknown tag names")
    box.send_keys(Keys.ESCAPE, Keys.ENTER)
    wait.until(lambda d: query_of(d) == "cat (dog) -nosuch")
    error = browser.find_element(By.ID, "q-error")
    assert error.is_displayed() and "nosuch" in error.text
    assert browser.find_elements(By.CSS_SELECTOR, "#grid li.card") == []
    assert not browser.find_elements(By.ID, "error")  # the query's error is the box's, not the page's

    browser.get(f"{base_url}/?q=" + "%28cat")  # a bookmarked bad query
    assert browser.find_element(By.ID, "q-error").text == 'tag_query: unmatched "(" at 1'
    assert browser.find_element(By.ID, "q").get_attribute("value") == "(cat"


def test_related_chips_add_and_exclude(browser, base_url, web_db):
    """A related chip's second control excludes its tag: the query, rows, total and panel follow."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, 15)
    browser.get(f"{base_url}/?q=cat&page_size=3")
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#related[data-loaded=true]")))
    names = [e.get_attribute("data-name") for e in browser.find_elements(By.CSS_SELECTOR, "#related-tags li.related-chip")]
    assert "dog" in names and "cat" not in names
    browser.find_element(By.CSS_SELECTOR, "#related-tags li[data-name=dog] a.exclude").click()
    wait.until(lambda d: query_of(d) == "cat -dog")
    pages, total = api_pages(base_url, "cat -dog", 3)
    assert on_screen(browser) == pages[0]
    assert browser.find_element(By.ID, "total").text == f"{total:,} results"
    assert browser.find_element(By.ID, "q").get_attribute("value") == "cat -dog"
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#related[data-loaded=true]")))
    names = [e.get_attribute("data-name") for e in browser.find_elements(By.CSS_SELECTOR, "#related-tags li.related-chip")]
    assert "dog" not in names and "bird" in names

    browser.find_element(By.CSS_SELECTOR, "#related-tags li[data-name=bird] a.add").click()
    wait.until(lambda d: query_of(d) == "cat -dog bird")
    pages, total = api_pages(base_url, "cat -dog bird", 3)
    assert on_screen(browser) == pages[0]
    assert browser.find_element(By.ID, "total").text == f"{total:,} result" + ("" if total == 1 else "s")
    browser.back()
    wait.until(lambda d: query_of(d) == "cat -dog")
