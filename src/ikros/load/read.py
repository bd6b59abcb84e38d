"""Reading a file's bytes safely: never more than the size limit, never a
FIFO or a device (opening one for reading can block for ever)."""

from __future__ import annotations

import errno
import os
import stat

from ikros.oserrors import NotRegularFile

MAX_FILE_BYTES = 5 * 1024 * 1024  # larger files are refused (load.yamlio says so)


def read_file(path: str) -> bytes:
    """The file's bytes, or just enough of them to know it is too big.
    Opened without blocking and checked with fstat before it is read, so a
    FIFO that replaced the file since it was listed cannot hang the run."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), path)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(errno.EINVAL, "not a regular file", path)
        size = min(st.st_size, MAX_FILE_BYTES) + 1
        chunks = []
        while size > 0 and (chunk := os.read(fd, size)):
            chunks.append(chunk)
            size -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
