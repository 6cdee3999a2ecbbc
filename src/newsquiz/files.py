"""Reading input files so that nothing can hang or grow without bound, with errors that say why.

Only regular files are read, and never more than the size cap: a device (`/dev/zero`), a named
pipe or a socket is refused without waiting for a writer. Paths and folders that cannot be
reached (a link that loops or points nowhere, a folder the user may not enter) are reported by
name instead of raising.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .errors import BankError, Problem

BANK_SUFFIXES = (".yaml", ".yml")

# Open without blocking (a FIFO would wait for a writer), and never as a controlling terminal.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def why_unreachable(path: Path, exc: OSError) -> str:
    """Why a path cannot be used, for a message that names it."""
    if exc.errno == errno.ELOOP:
        return "it is a symbolic link that loops back on itself"
    if isinstance(exc, FileNotFoundError):
        try:
            if path.is_symlink():
                return f"it is a link to {os.readlink(path)}, which does not exist"
        except OSError:
            pass
        return "no such file or folder"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if exc.errno == errno.ENOTDIR:
        return "no such file or folder (a part of its path is a file)"
    return exc.strerror or str(exc)


def read_capped(path: Path, label: str, cap: int, cap_env: str) -> tuple[bytes | None, str]:
    """The bytes of a regular file of at most `cap` bytes, or None and the reason it was refused."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        return None, f"cannot read the {label}: {why_unreachable(path, exc)}"
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, f"the {label} is {kind_of(info.st_mode)}, not a file; give a file"
        too_big = (
            f"the {label} is {{size:,}} bytes, over the limit of {cap:,}; "
            f"raise {cap_env} to read it"
        )
        if info.st_size > cap:
            return None, too_big.format(size=info.st_size)
        chunks: list[bytes] = []
        size = 0
        while size <= cap:  # read to the end, which may come after st_size if the file grows
            chunk = os.read(fd, min(cap + 1 - size, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > cap:
            return None, too_big.format(size=size) + " (it grew while it was read)"
        return b"".join(chunks), ""
    except OSError as exc:
        return None, f"cannot read the {label}: {why_unreachable(path, exc)}"
    finally:
        os.close(fd)


def source_is_folder(path: Path) -> bool:
    """Whether a bank source is a folder; raises BankError when it cannot be reached at all."""
    if not str(path):
        raise BankError([Problem("''", 1, 1, "an empty path names no bank file or folder")])
    try:
        return stat.S_ISDIR(path.stat().st_mode)
    except OSError as exc:
        why = why_unreachable(path, exc)
        message = (
            "no such bank file or folder"
            if why == "no such file or folder"
            else f"cannot use this bank path: {why}"
        )
        raise BankError([Problem(str(path), 1, 1, message)]) from None


def bank_files_in(folder: Path) -> list[Path]:
    """Every .yaml/.yml file under a folder, sorted; BankError names a folder that cannot be read.

    Links to folders are followed once each (a link back up the tree is not walked again).
    Entries that are not regular files are listed too, so that reading them reports them.
    """
    found: list[Path] = []
    seen: set[tuple[int, int]] = set()
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            info = current.stat()
            if (info.st_dev, info.st_ino) in seen:
                continue
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(current) as entries:
                listed = list(entries)
        except OSError as exc:
            raise BankError(
                [
                    Problem(
                        str(current),
                        1,
                        1,
                        f"cannot read this folder: {why_unreachable(current, exc)}",
                    )
                ]
            ) from None
        for entry in listed:
            path = Path(entry.path)
            try:
                is_folder = entry.is_dir()
            except OSError:
                is_folder = False
            if is_folder:
                pending.append(path)
            elif path.suffix in BANK_SUFFIXES:
                found.append(path)
    if not found:
        raise BankError([Problem(str(folder), 1, 1, "this folder holds no .yaml bank")])
    return sorted(found)
