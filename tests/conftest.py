"""Shared fixtures: every test gets its own data and config folders, never the user's."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory, monkeypatch):
    base = tmp_path_factory.mktemp("kulisse-home")
    monkeypatch.setenv("KULISSE_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("KULISSE_CONFIG_DIR", str(base / "config"))
    monkeypatch.delenv("KULISSE_DB", raising=False)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


def _loopback(address) -> bool:
    """AF_UNIX paths and 127.0.0.0/8, ::1, localhost: the only places a test may connect to."""
    if not isinstance(address, tuple):
        return True
    host = str(address[0])
    return host.startswith("127.") or host in ("::1", "localhost", "0.0.0.0", "::")


@pytest.fixture(autouse=True)
def _no_outbound_network(monkeypatch):
    """Tests never touch the network (DESIGN: only 127.0.0.1): an outbound connect fails loudly.
    Crawls run in subprocesses and are held to 127.0.0.1 by crawler/localonly.py instead."""
    import socket

    real = socket.socket.connect, socket.socket.connect_ex

    def guard(method):
        def connect(self, address):
            if not _loopback(address):
                raise OSError(f"Netzwerkzugriff in Tests verboten: {address!r}")
            return method(self, address)

        return connect

    monkeypatch.setattr(socket.socket, "connect", guard(real[0]))
    monkeypatch.setattr(socket.socket, "connect_ex", guard(real[1]))
