"""Writing a file so that it is either the old one or the complete new one, never half of one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_bytes_atomic(target: str | Path, data: bytes) -> Path:
    """``data`` into ``target`` via a uniquely named temp file beside it, fsync and a rename.

    A full disk, a kill or a crash leaves the old file (or none) and no temp file; two processes
    writing the same target never share a temp name. Raises ``OSError`` (see ``corpus.errors_de``).
    """
    target = Path(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes 0600: keep the mode of the file replaced, else rw-r--r--
        os.chmod(tmp, target.stat().st_mode & 0o777 if target.exists() else 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def write_text_atomic(target: str | Path, text: str) -> Path:
    return write_bytes_atomic(target, text.encode("utf-8"))
