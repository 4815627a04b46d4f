"""Sync against a real shared remote on 127.0.0.1, with faults (issue 15, "A real shared
remote"): `git daemon` (git://) and git's smart HTTP (`git http-backend` behind a small
server, tests/git_http_server.py). Faults: the server killed in the middle of a fetch and of
a push, a push rejected because the remote moved, a read-only remote, a closed port, a
remote rewritten by force-push. After each: nothing lost on either side, a message that says
what happened and what to do, and the next sync succeeds once the fault is gone.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from scrutui.store.config import Config
from scrutui.store.git import Identity
from scrutui.store.service import Service
from scrutui.store.sync import SyncError
from tests.conftest import Clock, git, write_small_workspace

GIT_CORE = Path(
    subprocess.run(["git", "--exec-path"], capture_output=True, text=True).stdout.strip()
    or "/usr/lib/git-core"
)
ALICE = Identity("Alice Officer", "alice@example.gov.uk")
BOB = Identity("Bob Officer", "bob@example.gov.uk")
RECORD = "pcs/R-2023-09-29-1.toml"
SERVER = Path(__file__).with_name("git_http_server.py")


def _needs(program: str) -> None:
    if not (GIT_CORE / program).exists():
        pytest.skip(f"{program} is missing ({GIT_CORE}): install git's full package")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Remote:
    """A bare shared repository and the server in front of it, started and stopped."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.bare = root / "shared.git"
        subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(self.bare)], check=True)
        git(self.bare, "config", "http.receivepack", "true")
        self.port = _free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def http(self, fault: str = "none") -> str:
        _needs("git-http-backend")
        self.stop()
        ready = self.root / "port"
        ready.unlink(missing_ok=True)
        self.process = subprocess.Popen(
            [sys.executable, str(SERVER), str(self.root), str(ready), str(self.port), fault],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._wait(lambda: ready.exists())
        return f"http://127.0.0.1:{self.port}/shared.git"

    def daemon(self, *, writable: bool = True) -> str:
        _needs("git-daemon")
        self.stop()
        self.process = subprocess.Popen(
            [
                str(GIT_CORE / "git-daemon"),  # itself: `git daemon` would leave it running
                "--reuseaddr",
                "--export-all",
                f"--base-path={self.root}",
                "--listen=127.0.0.1",
                f"--port={self.port}",
                *(["--enable=receive-pack"] if writable else []),
                str(self.root),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._wait(self._listening)
        return f"git://127.0.0.1:{self.port}/shared.git"

    def _listening(self) -> bool:
        with socket.socket() as sock:
            return sock.connect_ex(("127.0.0.1", self.port)) == 0

    def _wait(self, ready: object) -> None:
        deadline = time.monotonic() + 20
        while not ready():  # type: ignore[operator]
            assert self.process is not None and self.process.poll() is None, "server died"
            assert time.monotonic() < deadline, "the server did not start in 20 s"
            time.sleep(0.02)

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None

    def log(self) -> list[str]:
        return git(self.bare, "log", "--format=%s", "main").splitlines()


@pytest.fixture
def remote(tmp_path: Path) -> Iterator[Remote]:
    served = Remote(tmp_path / "srv")
    yield served
    served.stop()


def officer(root: Path, who: Identity) -> Service:
    return Service(
        root, Config(root / ".git" / "none.toml", officer=who), lambda: date(2024, 11, 1)
    )


def _start(tmp_path: Path, remote: Remote, url: str) -> tuple[Path, Path]:
    """Alice's workspace shared at `url`, and Bob's clone of it."""
    a = write_small_workspace(tmp_path / "alice")
    officer(a, ALICE).set_remote(url)
    officer(a, ALICE).sync()
    b = tmp_path / "bob"
    git(tmp_path, "clone", "-q", url, str(b))
    return a, b


def clean(root: Path) -> None:
    assert git(root, "status", "--porcelain") == ""
    fsck = subprocess.run(["git", "fsck", "--strict"], cwd=root, capture_output=True, text=True)
    assert fsck.returncode == 0, fsck.stderr


def test_two_officers_sync_over_git_daemon_and_a_read_only_remote_refuses_with_a_message(
    tmp_path: Path, remote: Remote, clock: Clock, officer_config: None
) -> None:
    url = remote.daemon()
    a, b = _start(tmp_path, remote, url)
    officer(a, ALICE).add_update("R-2023-09-29-1", "Alice over git://.")
    officer(a, ALICE).sync()
    officer(b, BOB).add_update("A-2023-09-29-1", "Bob over git://.")
    assert officer(b, BOB).sync().pulled == 1
    remote.daemon(writable=False)
    officer(a, ALICE).change_status("A-2023-09-29-1", "G")
    with pytest.raises(SyncError, match="refused your changes: it is read-only for you") as err:
        officer(a, ALICE).sync()
    assert "Ask whoever looks after it for write access" in str(err.value)
    assert git(a, "log", "-1", "--format=%s").strip() == "A-2023-09-29-1: status R -> G"
    clean(a)
    remote.daemon()
    report = officer(a, ALICE).sync()
    assert report.pushed == 1 and remote.log()[0] == "A-2023-09-29-1: status R -> G"
    officer(b, BOB).sync()
    text = (b / "pcs" / "A-2023-09-29-1.toml").read_text()
    assert "Bob over git://." in text and 'status = "G"' in text
    clean(a), clean(b)


def test_a_closed_port_says_the_remote_cannot_be_reached_and_the_next_sync_succeeds(
    tmp_path: Path, remote: Remote, clock: Clock, officer_config: None
) -> None:
    url = remote.daemon()
    a, _ = _start(tmp_path, remote, url)
    remote.stop()
    officer(a, ALICE).add_update("R-2023-09-29-1", "Written offline.")
    with pytest.raises(SyncError, match=r"cannot be reached \(.*\): check the network"):
        officer(a, ALICE).sync()
    clean(a)
    remote.daemon()
    assert officer(a, ALICE).sync().pushed == 1
    assert remote.log()[0] == "R-2023-09-29-1: update added"


def test_the_http_server_killed_mid_fetch_loses_nothing_and_the_next_sync_succeeds(
    tmp_path: Path, remote: Remote, clock: Clock, officer_config: None
) -> None:
    url = remote.http()
    a, b = _start(tmp_path, remote, url)
    officer(a, ALICE).add_update("R-2023-09-29-1", "Alice's news.")
    officer(a, ALICE).sync()
    officer(b, BOB).add_update("A-2023-09-29-1", "Bob's news.")
    before = git(b, "rev-parse", "HEAD")
    remote.http("die-fetch")
    with pytest.raises(SyncError, match="broke off during the fetch") as err:
        officer(b, BOB).sync()
    assert "nothing was changed here, and your changes are kept" in str(err.value)
    assert git(b, "rev-parse", "HEAD") == before
    clean(b)
    remote.http()
    report = officer(b, BOB).sync()
    assert (report.pulled, report.pushed) == (1, 1)
    assert remote.log()[:2] == ["A-2023-09-29-1: update added", "R-2023-09-29-1: update added"]


def test_the_http_server_killed_mid_push_loses_nothing_and_sends_each_change_once(
    tmp_path: Path, remote: Remote, clock: Clock, officer_config: None
) -> None:
    url = remote.http()
    a, b = _start(tmp_path, remote, url)
    officer(b, BOB).add_update("A-2023-09-29-1", "Bob, first try.")
    remote.http("die-push")
    with pytest.raises(SyncError, match="broke off during the push"):
        officer(b, BOB).sync()
    clean(b)
    # killed after the push was applied, before it answered: the remote has it, Bob cannot know
    remote.http("die-after-push")
    with pytest.raises(SyncError):
        officer(b, BOB).sync()
    assert remote.log()[0] == "A-2023-09-29-1: update added"
    remote.http()
    officer(a, ALICE).sync()
    officer(a, ALICE).add_update("A-2023-09-29-1", "Alice, on the same record.")
    officer(a, ALICE).sync()
    officer(b, BOB).sync()
    for root in (a, b):
        officer(root, ALICE).sync()
        text = (root / "pcs" / "A-2023-09-29-1.toml").read_text()
        assert text.count("Bob, first try.") == 1, text  # 15.8: not applied a second time
        assert "Alice, on the same record." in text
        clean(root)
    assert remote.log().count("A-2023-09-29-1: update added") == 2


def test_a_push_rejected_because_the_remote_moved_is_replayed_and_sent_again(
    tmp_path: Path, remote: Remote, clock: Clock, officer_config: None
) -> None:
    url = remote.http()
    a, _ = _start(tmp_path, remote, url)
    officer(a, ALICE).add_update("R-2023-09-29-1", "Alice, racing Carol.")
    remote.http("move-before-push")
    report = officer(a, ALICE).sync()
    assert report.pushed == 1
    assert remote.log()[:2] == ["R-2023-09-29-1: update added", "Carol: a change of her own"]
    assert git(a, "rev-parse", "HEAD") == git(remote.bare, "rev-parse", "main")
    clean(a)


def test_a_force_pushed_remote_loses_nothing_the_workspace_had(
    tmp_path: Path, remote: Remote, clock: Clock, officer_config: None
) -> None:
    url = remote.daemon()
    a, b = _start(tmp_path, remote, url)
    officer(a, ALICE).add_update("R-2023-09-29-1", "Alice's update, later erased.")
    officer(a, ALICE).sync()
    officer(b, BOB).sync()
    # someone rewrites the shared history by hand, dropping Alice's commit
    git(a, "push", "-q", "--force", "origin", "HEAD~1:refs/heads/main")
    officer(b, BOB).add_update("A-2023-09-29-1", "Bob, after the rewrite.")
    report = officer(b, BOB).sync()
    assert report.pushed == 2
    for text in (
        "Alice's update, later erased.",
        "Bob, after the rewrite.",
    ):
        assert text in git(remote.bare, "log", "-p", "main")
    officer(a, ALICE).sync()
    assert "Bob, after the rewrite." in (a / "pcs" / "A-2023-09-29-1.toml").read_text()
    assert "Alice's update, later erased." in (a / RECORD).read_text()
    clean(a), clean(b)


@pytest.fixture
def officer_config(officer: tuple[str, str]) -> None:
    """The hand-run git above needs an identity of its own (conftest's HAND)."""
    assert shutil.which("git")
