"""HTTP fetching for news sources: conditional GET, timeouts, size cap, capped redirects,
per-host politeness, robots.txt, retries with backoff, and Vietnamese legacy encodings.

Every failure raises FetchFailed with a Vietnamese message that the caller records on the source.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import requests

from ttdn.text.legacy_encodings import LegacyEncodingError, decode_vietnamese

_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding=["']([\w-]+)""", re.I)
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class FetchFailed(Exception):
    """The fetch did not give a usable response; `message` is shown on the source's health."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class FetchPolicy:
    timeout: float = 15.0  # seconds to connect and between two chunks
    total_timeout: float = 60.0  # seconds for the whole body
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    retries: int = 2
    backoff: float = 1.0  # seconds, doubled at each retry
    host_delay: float = 1.0  # seconds between two requests to the same host
    user_agent: str = "TTDN-giam-sat-bao-chi/1.0"
    honour_robots: bool = True


@dataclass
class Fetched:
    url: str  # after redirects
    status: int
    body: bytes = b""
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""
    not_modified: bool = False


@dataclass
class Fetcher:
    policy: FetchPolicy = field(default_factory=FetchPolicy)
    session: requests.Session = field(default_factory=requests.Session)
    _last_hit: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, RobotFileParser | None] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self, url: str, *, etag: str = "", last_modified: str = "") -> Fetched:
        if self.policy.honour_robots and not self.allowed(url):
            raise FetchFailed("robots.txt của trang không cho phép lấy địa chỉ này")
        headers = {"User-Agent": self.policy.user_agent}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempt = 0
        while True:
            try:
                return self._follow(url, headers)
            except FetchFailed as exc:
                retryable = exc.status in _RETRY_STATUS or exc.status == 0
                if not retryable or attempt >= self.policy.retries:
                    raise
            attempt += 1
            time.sleep(self.policy.backoff * 2 ** (attempt - 1))

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            self._robots[root] = self._load_robots(root)
        parser = self._robots[root]
        return True if parser is None else parser.can_fetch(self.policy.user_agent, url)

    def _load_robots(self, root: str) -> RobotFileParser | None:
        try:
            fetched = self._follow(f"{root}/robots.txt", {"User-Agent": self.policy.user_agent})
        except FetchFailed as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                return None  # no robots.txt: everything is allowed
            raise FetchFailed(
                f"Không đọc được robots.txt: {exc.message}", status=exc.status
            ) from exc
        parser = RobotFileParser()
        parser.parse(fetched.body.decode("utf-8", "replace").splitlines())
        return parser

    def _follow(self, url: str, headers: dict[str, str]) -> Fetched:
        seen: set[str] = set()
        for _ in range(self.policy.max_redirects + 1):
            if url in seen:
                raise FetchFailed(f"Chuyển hướng vòng lặp tại {url}")
            seen.add(url)
            self._wait_for_host(url)
            response = self._request(url, headers)
            if response.is_redirect and "location" in response.headers:
                response.close()
                url = urljoin(url, response.headers["location"])
                continue
            return self._read(url, response)
        raise FetchFailed(f"Quá {self.policy.max_redirects} lần chuyển hướng")

    def _request(self, url: str, headers: dict[str, str]) -> requests.Response:
        try:
            return self.session.get(
                url,
                headers=headers,
                timeout=self.policy.timeout,
                allow_redirects=False,
                stream=True,
            )
        except requests.Timeout as exc:
            raise FetchFailed(
                f"Hết thời gian chờ ({self.policy.timeout:g} giây)", status=0
            ) from exc
        except requests.RequestException as exc:
            raise FetchFailed(f"Không kết nối được: {type(exc).__name__}", status=0) from exc

    def _read(self, url: str, response: requests.Response) -> Fetched:
        with response:
            if response.status_code == 304:
                return Fetched(url=url, status=304, not_modified=True)
            if response.status_code >= 400:
                raise FetchFailed(
                    f"Máy chủ trả lỗi HTTP {response.status_code}", status=response.status_code
                )
            declared = int(response.headers.get("content-length") or 0)
            if declared > self.policy.max_bytes:
                raise FetchFailed(self._too_big())
            body = bytearray()
            deadline = time.monotonic() + self.policy.total_timeout
            try:
                for chunk in response.iter_content(64 * 1024):
                    body += chunk
                    if len(body) > self.policy.max_bytes:
                        raise FetchFailed(self._too_big())
                    if time.monotonic() > deadline:
                        raise FetchFailed("Hết thời gian tải nội dung", status=0)
            except requests.RequestException as exc:
                raise FetchFailed(f"Mất kết nối khi tải: {type(exc).__name__}", status=0) from exc
            return Fetched(
                url=url,
                status=response.status_code,
                body=bytes(body),
                content_type=response.headers.get("content-type", ""),
                etag=response.headers.get("etag", ""),
                last_modified=response.headers.get("last-modified", ""),
            )

    def _too_big(self) -> str:
        return f"Nội dung quá lớn (trên {self.policy.max_bytes // (1024 * 1024)} MB), đã bỏ qua"

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc
        with self._lock:
            wait = self._last_hit.get(host, 0.0) + self.policy.host_delay - time.monotonic()
            self._last_hit[host] = time.monotonic() + max(wait, 0.0)
        if wait > 0:
            time.sleep(wait)


def decode_body(body: bytes, content_type: str = "") -> tuple[str, str]:
    """Return (text, encoding) for a page or feed: Vietnamese legacy encodings are recognised
    whatever the page declares (TCVN3 pages usually claim ISO-8859-1)."""
    declared = ""
    m = re.search(r"charset=([\w-]+)", content_type, re.I)
    if m:
        declared = m.group(1).lower()
    else:
        found = _CHARSET.search(body[:4096]) or _XML_ENCODING.search(body[:512])
        if found:
            declared = found.group(1).decode("ascii", "replace").lower()
    try:
        return decode_vietnamese(body)
    except LegacyEncodingError:
        pass
    try:
        return body.decode(declared or "utf-8"), declared or "utf-8"
    except (LookupError, UnicodeDecodeError):
        return body.decode("utf-8", "replace"), "utf-8"
