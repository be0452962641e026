"""A test-only HTTP server on 127.0.0.1 that serves one fault per path.

It reuses ``crawler.mirror``'s server (routes, counting, request log) and adds what a mirror
of saved pages cannot hold: a body generated on the fly (a 50 MB page is never written to disk
or committed), raw bytes in a chosen encoding, and a connection that stalls. Every request
path is logged in ``server.log`` ("GET /path status"), which the politeness tests read.
"""

from __future__ import annotations

import select
import socket
import threading
import time
from pathlib import Path

from crawler.mirror import MirrorHandler, MirrorServer

CHUNK = b"<p>" + b"Viel zu lang. " * 4600 + b"</p>\n"  # ~64 KB of HTML a chunk


class FaultHandler(MirrorHandler):
    """Route keys beyond the mirror's: ``body`` (bytes to send as they are, with optional
    ``headers``, e.g. ``Content-Encoding``), ``huge_mb``
    (generate that many MB; ``stream: true`` sends no Content-Length), ``stall`` (wait before
    answering until the crawler hangs up, at most that many seconds)."""

    def _serve(self, method: str):
        self.server.note_start(self.path, self.headers.get("User-Agent", ""))
        try:
            self._serve_fault(method)
        finally:
            self.server.note_end()

    def _serve_fault(self, method: str):
        route = self._route() or {}
        if route.get("stall"):
            self._wait_for_hang_up(float(route["stall"]))
            return self._safe_send(200, b"<html><body><h1>zu spaet</h1></body></html>", "text/html; charset=utf-8")
        if route.get("huge_mb"):
            return self._send_huge(int(route["huge_mb"]), bool(route.get("stream")))
        if "body" in route:
            if route.get("delay"):
                time.sleep(float(route["delay"]))
            return self._send(int(route.get("status", 200)), route["body"], route.get("type"), route.get("headers"))
        return super()._serve(method)

    def _wait_for_hang_up(self, limit: float) -> None:
        """Stall until the crawler gives up and closes the connection (its timeout fired), at
        most ``limit`` s: a fixed sleep only beats the crawler's timeout on a quiet machine."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            readable, _, _ = select.select([self.connection], [], [], 0.1)
            if readable:
                try:
                    if self.connection.recv(1, socket.MSG_PEEK) == b"":
                        return  # the client hung up
                except OSError:
                    return
                time.sleep(0.1)  # pipelined bytes, not a hang-up: keep stalling

    def _safe_send(self, status, content, ctype):
        try:
            self._send(status, content, ctype)
        except (BrokenPipeError, ConnectionResetError):
            self.server.count(status, 0, f"{self.command} {self.path} {status} (Client weg)")

    def _send_huge(self, megabytes: int, stream: bool) -> None:
        total = megabytes * 1024 * 1024
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if stream:
            self.send_header("Connection", "close")  # length unknown: the end of the body is the close
            self.close_connection = True
        else:
            self.send_header("Content-Length", str(total))
        self.end_headers()
        sent = 0
        try:
            head = b"<html><body><h1>Riesig</h1>"
            self.wfile.write(head)
            sent = len(head)
            while sent < total:
                piece = CHUNK[: total - sent]
                self.wfile.write(piece)
                sent += len(piece)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the crawler hung up: that is what its size cap should do
        self.server.count(200, sent, f"{self.command} {self.path} 200")
        self.server.huge_sent[self.path] = sent


class FaultServer(MirrorServer):
    def __init__(self, root: Path, overrides: dict | None = None):
        super().__init__(root, 0, overrides)
        self.RequestHandlerClass = FaultHandler
        self.huge_sent: dict[str, int] = {}
        self.agents: set[str] = set()
        self.starts: list[tuple[float, str]] = []  # (monotonic time, path) of every request
        self.in_flight = 0
        self.max_in_flight = 0

    def note_start(self, path: str, agent: str) -> None:
        with self.lock:
            self.agents.add(agent)
            self.starts.append((time.monotonic(), path))
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def note_end(self) -> None:
        with self.lock:
            self.in_flight -= 1

    def handle_error(self, request, client_address):
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)  # a client hanging up is expected here

    @property
    def paths(self) -> list[str]:
        """Every requested path (with query), in order."""
        return [line.split(" ")[1] for line in self.log]


def start(root: Path, overrides: dict | None = None) -> FaultServer:
    server = FaultServer(root, overrides)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def stop(server: FaultServer) -> None:
    server.shutdown()
    server.server_close()
