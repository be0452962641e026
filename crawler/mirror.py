"""A small local mirror server with the real sites' paths: ``python -m crawler.mirror DIR [--port N]``.

DIR holds the pages; ``DIR/routes.json`` (optional) maps a path (with query, if the site uses
one) to ``{"file": …, "type": …, "status": …, "zip_dir": …, "redirect": …, "delay": …}``;
without a route a file is served by its path. ETag/Last-Modified and 304 are supported, so
incremental crawls can be measured; every request and every byte sent is counted.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import threading
import time
import zipfile
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

LAST_MODIFIED = formatdate(1_760_000_000, usegmt=True)  # fixed: fixtures do not change
DEFAULT_ROBOTS = b"User-agent: *\nAllow: /\n"


def zip_directory(folder: Path) -> bytes:
    """Zip a folder deterministically (sorted names, fixed timestamps)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(str(path.relative_to(folder)), date_time=(2026, 1, 1, 0, 0, 0))
            zf.writestr(info, path.read_bytes())
    return buf.getvalue()


class MirrorServer(ThreadingHTTPServer):
    daemon_threads = True
    # socketserver's default backlog of 5 drops connects when a crawl opens several at once;
    # the crawler then sees a connect timeout on a healthy page
    request_queue_size = 128

    def __init__(self, root: Path, port: int = 0, overrides: dict | None = None):
        self.root = Path(root)
        routes_file = self.root / "routes.json"
        self.routes = json.loads(routes_file.read_text("utf-8")) if routes_file.exists() else {}
        self.routes.update(overrides or {})
        self.requests = 0
        self.bytes_sent = 0
        self.status_counts: dict[int, int] = {}
        self.log: list[str] = []
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", port), MirrorHandler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def count(self, status: int, size: int, line: str) -> None:
        with self.lock:
            self.requests += 1
            self.bytes_sent += size
            self.status_counts[status] = self.status_counts.get(status, 0) + 1
            self.log.append(line)

    def reset_counts(self) -> None:
        with self.lock:
            self.requests, self.bytes_sent, self.status_counts, self.log = 0, 0, {}, []


class MirrorHandler(BaseHTTPRequestHandler):
    server: MirrorServer
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # quiet: the server counts instead
        pass

    def do_GET(self):
        self._serve("GET")

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.body = self.rfile.read(length)
        self._serve("POST")

    def _route(self):
        routes = self.server.routes
        raw = self.path
        return routes.get(raw) or routes.get(unquote(raw)) or routes.get(raw.split("?", 1)[0])

    def _serve(self, method: str):
        route = self._route() or {}
        if route.get("delay"):
            time.sleep(float(route["delay"]))
        if route.get("redirect"):
            return self._send(302, b"", "text/plain", {"Location": route["redirect"]})
        if route.get("expect_multipart") and method == "POST":
            ctype = self.headers.get("Content-Type", "")
            body = getattr(self, "body", b"")
            if not ctype.startswith("multipart/form-data") or b"Content-Type: application/json" not in body:
                return self._send(500, b'{"type":"throwable","message":"bad request"}', "application/json")
        status = int(route.get("status", 200))
        if route.get("zip_dir"):
            content = zip_directory(self.server.root / route["zip_dir"])
        elif route.get("file"):
            content = (self.server.root / route["file"]).read_bytes()
        else:
            content = self._file_by_path()
            if content is None:
                return self._send(404, b"<html><body><h1>Nicht gefunden</h1></body></html>", "text/html; charset=utf-8")
        ctype = route.get("type") or self._guess_type()
        etag = '"' + hashlib.sha1(content).hexdigest()[:16] + '"'
        if status == 200 and (
            self.headers.get("If-None-Match") == etag
            or (self.headers.get("If-Modified-Since") == LAST_MODIFIED and not self.headers.get("If-None-Match"))
        ):
            return self._send(304, b"", None, {"ETag": etag, "Last-Modified": LAST_MODIFIED})
        self._send(status, content, ctype, {"ETag": etag, "Last-Modified": LAST_MODIFIED})

    def _file_by_path(self) -> bytes | None:
        path = unquote(self.path.split("?", 1)[0])
        if path == "/robots.txt" and not (self.server.root / "robots.txt").exists():
            return DEFAULT_ROBOTS
        target = (self.server.root / path.lstrip("/")).resolve()
        if not str(target).startswith(str(self.server.root.resolve())):
            return None
        if target.is_dir():
            target = target / "index.html"
        return target.read_bytes() if target.is_file() else None

    def _guess_type(self) -> str:
        path = self.path.split("?", 1)[0]
        if path.endswith(".txt"):
            return "text/plain; charset=utf-8"
        if path.endswith(".json"):
            return "application/json"
        if path.endswith(".xml"):
            return "application/xml"
        return "text/html; charset=utf-8"

    def _send(self, status: int, content: bytes, ctype: str | None, headers: dict | None = None):
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(content)
        self.server.count(status, len(content), f"{self.command} {self.path} {status}")


def serve(root: Path, port: int = 0, overrides: dict | None = None) -> MirrorServer:
    """Start a mirror in a background thread; call ``server.shutdown()`` to stop it."""
    server = MirrorServer(root, port, overrides)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m crawler.mirror")
    parser.add_argument("root", type=Path)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    server = MirrorServer(args.root, args.port)
    print(f"Spiegel von {args.root} unter {server.url} (Strg+C beendet)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
