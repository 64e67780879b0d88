"""A small headless-Chromium harness for tests of generated HTML (maps, reports).

It drives the Debian ``chromium`` binary through the Chrome DevTools Protocol
over a websocket (``websocket-client``): no Selenium, no chromedriver, nothing
downloaded. The browser starts with a new empty profile and the network
blocked (every request goes to a proxy on 127.0.0.1:9, where nothing listens),
and every request the page makes is counted from the DevTools ``Network``
events, so a test can assert that a page is self-contained.

Use::

    from tests.browser import Browser          # or: from browser import Browser

    with Browser() as b:
        page = b.open("out/map.html")           # waits for the load event
        assert page.requests == []              # nothing but the file itself
        n = page.evaluate("document.title")
        png = page.screenshot()                 # PNG bytes
        assert page.errors == []                # uncaught JS exceptions

``page.dialogs`` lists the alert/confirm/prompt dialogs the page opened (each is
dismissed at once, so an injected ``alert(1)`` cannot hang a test).

When Chromium is absent, :func:`chromium_path` raises :class:`BrowserMissing`
with the line that installs it; tests turn that into a failure, not a skip.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

__all__ = ["Browser", "Page", "BrowserMissing", "BrowserError", "chromium_path", "png_pixels"]

INSTALL_HINT = "install it with: apt-get install chromium chromium-driver"

#: Flags of every start: headless, no first-run, no background traffic, no sync,
#: no QUIC; the network is blocked by a proxy on a closed local port.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--mute-audio",
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
]


class BrowserMissing(RuntimeError):
    """Chromium (or websocket-client) is not installed."""


class BrowserError(RuntimeError):
    """The browser did not start, a command failed, or a wait timed out."""


def chromium_path() -> str:
    """The Chromium binary: ``$CHROMIUM``, else ``chromium``/``chromium-browser`` on PATH."""
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    raise BrowserMissing(f"headless Chromium is needed for the browser tests: {INSTALL_HINT}")


def _websocket():
    try:
        import websocket  # websocket-client
    except ImportError:  # pragma: no cover - a test dependency
        raise BrowserMissing("the browser tests need websocket-client: pip install -e '.[test]'")
    return websocket


class Page:
    """One tab: evaluate JavaScript, wait, take screenshots, read what it did.

    Attributes
    ----------
    url : str
        The address opened.
    requests : list of str
        URLs the page asked for besides its own address and ``data:``/``blob:``
        URLs (the network is blocked, so any entry is a failed request).
    errors : list of str
        Uncaught JavaScript exceptions.
    console : list of (level, text)
    dialogs : list of str
        Messages of alert/confirm/prompt dialogs opened (all dismissed).
    """

    def __init__(self, browser: "Browser", ws):
        self._browser = browser
        self._ws = ws
        self._id = 0
        self._events: list = []
        self.url = None
        self.requests: list = []
        self.errors: list = []
        self.console: list = []
        self.dialogs: list = []
        self._loaded = False

    # -- protocol ---------------------------------------------------------
    def send(self, method: str, params: dict | None = None, *, timeout: float = 60.0):
        """Send one DevTools command and return its result (raises on a protocol error)."""
        self._id += 1
        mid = self._id
        self._ws.send(json.dumps({"id": mid, "method": method, "params": params or {}}))
        deadline = time.monotonic() + timeout
        while True:
            msg = self._recv(deadline, what=method)
            if msg.get("id") == mid:
                if "error" in msg:
                    raise BrowserError(f"{method}: {msg['error'].get('message')}")
                return msg.get("result", {})

    def _recv(self, deadline: float, *, what: str):
        websocket = _websocket()
        left = deadline - time.monotonic()
        if left <= 0:
            raise BrowserError(f"timed out waiting for {what}")
        self._ws.settimeout(left)
        try:
            raw = self._ws.recv()
        except websocket.WebSocketTimeoutException:
            raise BrowserError(f"timed out waiting for {what}") from None
        msg = json.loads(raw)
        if "method" in msg:
            self._event(msg["method"], msg.get("params", {}))
        return msg

    def _event(self, method: str, params: dict):
        if method == "Network.requestWillBeSent":
            url = params.get("request", {}).get("url", "")
            if url != self.url and not url.startswith(("data:", "blob:")):
                self.requests.append(url)
        elif method == "Runtime.exceptionThrown":
            det = params.get("exceptionDetails", {})
            exc = det.get("exception", {})
            self.errors.append(exc.get("description") or det.get("text", "exception"))
        elif method == "Runtime.consoleAPICalled":
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
            self.console.append((params.get("type"), text))
        elif method == "Page.javascriptDialogOpening":
            self.dialogs.append(params.get("message", ""))
            self._id += 1
            self._ws.send(json.dumps({"id": self._id, "method": "Page.handleJavaScriptDialog",
                                      "params": {"accept": False}}))
        elif method == "Page.loadEventFired":
            self._loaded = True

    def pump(self, seconds: float = 0.2):
        """Process events for a while (requests started late, exceptions, dialogs)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                self._recv(deadline, what="events")
            except BrowserError:
                break

    # -- use --------------------------------------------------------------
    def goto(self, url: str, *, timeout: float = 60.0) -> "Page":
        self.url = url
        self._loaded = False
        self.send("Page.navigate", {"url": url})
        deadline = time.monotonic() + timeout
        while not self._loaded:
            self._recv(deadline, what=f"the load event of {url}")
        return self

    def evaluate(self, expression: str, *, await_promise: bool = False, timeout: float = 60.0):
        """The value of a JavaScript expression (JSON-serialisable values come back as Python)."""
        res = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                             "awaitPromise": await_promise}, timeout=timeout)
        if "exceptionDetails" in res:
            det = res["exceptionDetails"]
            desc = det.get("exception", {}).get("description") or det.get("text")
            raise BrowserError(f"JavaScript error: {desc}")
        return res.get("result", {}).get("value")

    def wait_for(self, expression: str, *, timeout: float = 30.0, interval: float = 0.05):
        """Poll until ``expression`` is truthy; return its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise BrowserError(f"timed out waiting for: {expression}")
            self.pump(interval)

    def screenshot(self, path=None, *, clip: dict | None = None) -> bytes:
        """A PNG of the viewport (or of ``clip`` = {x, y, width, height}); saved if ``path``."""
        params = {"format": "png"}
        if clip:
            params["clip"] = {**clip, "scale": 1}
        data = base64.b64decode(self.send("Page.captureScreenshot", params)["data"])
        if path is not None:
            Path(path).write_bytes(data)
        return data

    def close(self):
        try:
            self._ws.close()
        except Exception:  # pragma: no cover
            pass


class Browser:
    """A headless Chromium with a fresh profile and the network blocked.

    Parameters
    ----------
    width, height : int
        Viewport size in CSS pixels.
    extra_flags : list of str
        More command-line flags.
    """

    def __init__(self, *, width: int = 1280, height: int = 900, extra_flags=()):
        self.width = width
        self.height = height
        self.extra_flags = list(extra_flags)
        self._proc = None
        self._profile = None
        self.port = None
        self.pages: list = []

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self):
        exe = chromium_path()
        _websocket()
        self._profile = tempfile.mkdtemp(prefix="ssbkg-chromium-")
        cmd = [exe, *FLAGS, f"--user-data-dir={self._profile}",
               f"--window-size={self.width},{self.height}", *self.extra_flags, "about:blank"]
        self._proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        marker = Path(self._profile) / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not marker.is_file() or len(marker.read_text().splitlines()) < 2:
            if self._proc.poll() is not None:
                raise BrowserError(f"chromium exited with code {self._proc.returncode}")
            if time.monotonic() > deadline:
                self.stop()
                raise BrowserError("chromium did not open its DevTools port within 30 s")
            time.sleep(0.05)
        self.port = int(marker.read_text().splitlines()[0])
        return self

    def _targets(self):
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json/list", timeout=10) as r:
            return json.loads(r.read())

    def new_page(self) -> Page:
        """A new tab with Network, Page and Runtime events on and the viewport set."""
        websocket = _websocket()
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}/json/new?about:blank",
                                     method="PUT")
        with urllib.request.urlopen(req, timeout=10) as r:
            target = json.loads(r.read())
        ws = websocket.create_connection(target["webSocketDebuggerUrl"], suppress_origin=True,
                                         timeout=30)
        page = Page(self, ws)
        for method in ("Page.enable", "Runtime.enable", "Network.enable"):
            page.send(method)
        page.send("Network.setCacheDisabled", {"cacheDisabled": True})
        page.send("Emulation.setDeviceMetricsOverride",
                  {"width": self.width, "height": self.height, "deviceScaleFactor": 1,
                   "mobile": False})
        self.pages.append(page)
        return page

    def open(self, path, *, settle: float = 0.3, timeout: float = 60.0) -> Page:
        """Open a local file in a new tab, wait for its load event, then ``settle`` seconds."""
        url = Path(path).resolve().as_uri()
        page = self.new_page()
        page.goto(url, timeout=timeout)
        page.pump(settle)
        return page

    def stop(self):
        for page in self.pages:
            page.close()
        self.pages = []
        if self._proc is not None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:  # pragma: no cover
                self._proc.kill()
                self._proc.wait()
            self._proc = None
        if self._profile:
            shutil.rmtree(self._profile, ignore_errors=True)
            self._profile = None


def png_pixels(data: bytes):
    """A PNG as a numpy array of shape (height, width, channels), uint8 (uses Pillow)."""
    import io

    import numpy as np
    from PIL import Image

    with Image.open(io.BytesIO(data)) as img:
        return np.asarray(img.convert("RGB"))
