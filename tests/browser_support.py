"""Headless Chromium for the report's browser tests (Debian's chromium + chromedriver, via Selenium).

Every host but the page's own is unreachable (``--host-resolver-rules``), the browser's own
background traffic is off, and a fresh profile is used each time.
"""
from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Optional

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
DRIVER_CANDIDATES = ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--disable-dev-shm-usage",
         '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost', "--window-size=1400,1000",
         "--hide-scrollbars", "--force-device-scale-factor=1")


def find_browser() -> tuple[Optional[str], Optional[str], str]:
    """``(chromium, chromedriver, reason)``: paths, or None with the reason a test skips."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return None, None, "selenium is not installed (pip install selenium)"
    browser = next((p for p in CHROMIUM_CANDIDATES if Path(p).exists()), None) or shutil.which("chromium")
    driver = next((p for p in DRIVER_CANDIDATES if Path(p).exists()), None) or shutil.which("chromedriver")
    if not browser:
        return None, None, "Chromium is not installed (Debian: apt-get install chromium chromium-driver)"
    if not driver:
        return None, None, "chromedriver is not installed (Debian: apt-get install chromium-driver)"
    return browser, driver, ""


class Browser:
    """A headless Chromium session with console and network logs."""

    def __init__(self, browser: str, driver: str) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        self.profile = tempfile.mkdtemp(prefix="eventwire-chromium-")
        opts = webdriver.ChromeOptions()
        opts.binary_location = browser
        for f in FLAGS:
            opts.add_argument(f)
        opts.add_argument(f"--user-data-dir={self.profile}")
        opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        self.driver = webdriver.Chrome(service=Service(executable_path=driver), options=opts)
        self.driver.set_page_load_timeout(120)

    def open(self, path: Path) -> None:
        """Load ``path``; the logs of the browser's own start-up pages are dropped first."""
        self.driver.get("about:blank")
        self.driver.get_log("performance")
        self.driver.get_log("browser")
        self.driver.get(Path(path).resolve().as_uri())

    def console_errors(self) -> list[dict]:
        return [e for e in self.driver.get_log("browser") if e.get("level") == "SEVERE"]

    def requests(self) -> list[str]:
        """URLs of every request the page made (from the DevTools network log)."""
        urls = []
        for entry in self.driver.get_log("performance"):
            msg = json.loads(entry["message"])["message"]
            if msg.get("method") == "Network.requestWillBeSent":
                urls.append(msg["params"]["request"]["url"])
        return urls

    def js(self, script: str, *args):
        return self.driver.execute_script(script, *args)

    def screenshot(self, path: Path, full_height: bool = True) -> Path:
        if full_height:
            height = int(self.js("return Math.min(document.documentElement.scrollHeight, 6000)"))
            self.driver.set_window_size(1400, max(1000, height))
        self.driver.save_screenshot(str(path))
        return path

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)
