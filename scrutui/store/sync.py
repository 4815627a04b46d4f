"""Sharing a workspace through a git remote: fetch, replay local changes, push.

scrutui never runs `git rebase` and never leaves one half done. Local commits are replayed
onto the fetched tip as field changes (a three-way merge per record: see domain.merge), each
rebuilt with a temporary index and `git commit-tree`, so nothing on disk moves until the new
history is complete and pushed. Only then is the branch moved and the files updated, under a
journal that `recover()` finishes after a kill. Different records never conflict; the same
field changed differently on both sides stops the sync, changes nothing, and is returned for
the officer to choose, after which the replayed commit names both sides.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from scrutui.domain.changes import show_value
from scrutui.domain.merge import WHOLE, FieldConflict, merge_data
from scrutui.domain.records import ID_CHARS
from scrutui.store.git import ZERO, GitError, GitRepo, Identity
from scrutui.store.tomlfile import atomic_write, data_or_none, edit_document, new_document

REMOTE = "origin"
MERGED = " (merged with the shared workspace)"


def _pack_program(repo: GitRepo, key: str, option: str, program: str) -> tuple[str, ...]:
    """git's own program at the remote's end (`--upload-pack=git-upload-pack`), unless the
    officer chose one in their own (global or system) settings: one named in the
    workspace's own config was chosen by whoever made the workspace, and would run on every
    fetch from a folder or over ssh."""
    try:
        found = repo.run("config", "--show-scope", "--get", f"remote.{REMOTE}.{key}")
    except GitError:
        found = ""
    if found.split("\t", 1)[0] in ("global", "system"):
        return ()
    return (f"{option}={program}",)


Resolutions = Mapping[str, Mapping[str, Any]]  # path -> field -> the value chosen
Progress = Callable[[str], None]


class SyncError(Exception):
    """The sync could not be done; nothing was changed."""


@dataclass
class RecordConflict:
    """A record both sides changed in the same fields: what each side made of each field."""

    path: str
    mine: str  # the local commit, "abc1234 Tom Hudson: R-...: status Y -> G"
    theirs: list[str]
    fields: list[FieldConflict]

    @property
    def record_id(self) -> str:
        return Path(self.path).stem


@dataclass
class SyncReport:
    """What a sync did, or the conflicts that stopped it (then it changed nothing)."""

    pulled: int = 0
    pushed: int = 0
    renamed: list[tuple[str, str]] = field(default_factory=list)
    conflicts: list[RecordConflict] = field(default_factory=list)

    def __str__(self) -> str:
        if self.conflicts:
            return (
                f"{len(self.conflicts)} records were changed on both sides: nothing was "
                "synced; choose for each field, then sync again"
            )
        parts = [f"received {self.pulled} changes", f"sent {self.pushed}"]
        parts += [f"renumbered {old} to {new}" for old, new in self.renamed]
        return "Synced: " + ", ".join(parts)


@dataclass(frozen=True)
class SyncStatus:
    """Where the workspace stands against its remote (as of the last fetch)."""

    remote: str | None
    ahead: int = 0
    behind: int = 0
    last_sync: datetime | None = None

    def __str__(self) -> str:
        if self.remote is None:
            return "not shared (scrutui remote set URL)"
        when = self.last_sync.strftime("%d/%m %H:%M") if self.last_sync else "never"
        return f"{self.ahead} to send, {self.behind} to receive; last sync {when}"


def _state_dir(repo: GitRepo) -> Path:
    folder = repo.git_dir / "scrutui"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def remote_url(repo: GitRepo) -> str | None:
    return repo.config(f"remote.{REMOTE}.url")


def set_remote(repo: GitRepo, url: str) -> None:
    if remote_url(repo) is None:
        repo.run("remote", "add", REMOTE, url)
    else:
        repo.run("remote", "set-url", REMOTE, url)


def branch(repo: GitRepo) -> str:
    try:
        return repo.run("symbolic-ref", "--short", "-q", "HEAD")
    except GitError:
        raise SyncError(
            "HEAD is detached (not on a branch): check out the workspace's "
            "branch, e.g. `git switch main`, then sync"
        ) from None


def status(repo: GitRepo) -> SyncStatus:
    url = remote_url(repo)
    if url is None:
        return SyncStatus(None)
    stamp = _state_dir(repo) / "last-sync"
    last = datetime.fromisoformat(stamp.read_text().strip()) if stamp.exists() else None
    tracking = f"refs/remotes/{REMOTE}/{branch(repo)}"
    if not _rev(repo, tracking):
        ahead = int(repo.run("rev-list", "--count", "HEAD")) if repo.head() else 0
        return SyncStatus(url, ahead, 0, last)
    counts = repo.run("rev-list", "--left-right", "--count", f"HEAD...{tracking}").split()
    return SyncStatus(url, int(counts[0]), int(counts[1]), last)


def _rev(repo: GitRepo, ref: str) -> str | None:
    try:
        return repo.run("rev-parse", "--verify", "-q", ref) or None
    except GitError:
        return None


# Recovery -----------------------------------------------------------------------------------


def _journal(repo: GitRepo) -> Path:
    return _state_dir(repo) / "sync-journal"


def recover(repo: GitRepo) -> bool:
    """Finish updating the files of a sync that was killed; True if there was one to finish.

    The journal names the commits before and after; HEAD is one of them. Every path that
    differs between them is made to match HEAD again, in the index and on disk.
    """
    journal = _journal(repo)
    if not journal.exists():
        return False
    old, new = journal.read_text().split()
    head = repo.head()
    paths = [
        p
        for p in repo.run(
            "diff-tree", "-r", "--name-only", "-z", "--no-renames", old, new, strip=False
        ).split("\x00")
        if p
    ]
    if paths and head:
        tree = set(
            repo.run("ls-tree", "-r", "--name-only", "-z", head, "--", *paths, strip=False).split(
                "\x00"
            )
        )
        present = [p for p in paths if p in tree]
        repo.run("reset", "-q", head, "--", *paths)
        if present:
            repo.run("checkout", head, "--", *present)
        for path in paths:
            if path not in tree:
                (repo.root / path).unlink(missing_ok=True)
    journal.unlink()
    return True


# The sync -----------------------------------------------------------------------------------


class Sync:
    """One sync of one workspace (use `run`)."""

    def __init__(
        self,
        repo: GitRepo,
        identity: Identity,
        progress: Progress | None = None,
        *,
        interactive: bool = True,
    ) -> None:
        self.repo = repo
        self.identity = identity
        self.progress = progress or (lambda _: None)
        self.env = (
            {}
            if interactive
            else {"GIT_TERMINAL_PROMPT": "0", "GIT_SSH_COMMAND": "ssh -o BatchMode=yes"}
        )

    def run(self, resolutions: Resolutions | None = None) -> SyncReport:
        repo = self.repo
        if remote_url(repo) is None:
            raise SyncError("this workspace has no shared remote: `scrutui remote set URL`")
        name = branch(repo)
        dirty = [path for _, path in repo.changed_paths() if _is_record_file(path)]
        if dirty:
            shown = ", ".join(dirty[:3]) + (f" and {len(dirty) - 3} more" if len(dirty) > 3 else "")
            raise SyncError(
                f"{len(dirty)} record files have changes not yet committed ({shown}): "
                "commit them first (`scrutui commit-outside`, or o in the app), then sync"
            )
        self.hidden: set[str] = set()
        if (repo.git_dir / "shallow").exists():  # a shallow clone: ids used before it count too
            self.progress("Fetching the whole history (this is a shallow clone)")
            seen = set(repo.run("log", "--remotes", "--format=", "--name-only").split())
            self._network("fetch", "fetch", "--quiet", "--unshallow", *self._upload_pack(), REMOTE)
            added = repo.run("log", "--all", "--format=", "--name-only", "--diff-filter=A")
            self.hidden = set(added.split()) - seen
        for _ in range(3):
            self.progress(f"Fetching from {REMOTE}")
            self._network("fetch", "fetch", "--quiet", *self._upload_pack(), REMOTE)
            report = self._once(name, resolutions or {})
            if report is not None:
                _stamp(repo)
                return report
            self.progress("The shared workspace moved while syncing: trying again")
        raise SyncError("the shared workspace kept changing while syncing: try again")

    def _upload_pack(self) -> tuple[str, ...]:
        return _pack_program(self.repo, "uploadpack", "--upload-pack", "git-upload-pack")

    def _receive_pack(self) -> tuple[str, ...]:
        return _pack_program(self.repo, "receivepack", "--receive-pack", "git-receive-pack")

    def _network(self, what: str, *args: str) -> str:
        """A git command that talks to the remote; a SyncError that says what happened and
        what to do if it fails."""
        try:
            return self._git(*args)
        except GitError as error:
            raise _network_error(what, str(error), remote_url(self.repo)) from None

    def _git(self, *args: str) -> str:
        return self.repo.run(*args, env={**self.identity.env(), **self.env})

    def _once(self, name: str, resolutions: Resolutions) -> SyncReport | None:
        repo = self.repo
        head = repo.head()
        remote = _rev(repo, f"refs/remotes/{REMOTE}/{name}")
        if head is None:
            raise SyncError("the workspace has no commits yet")
        if remote is None:
            self.progress("Sending the workspace")
            self._network(
                "push",
                "push",
                "--quiet",
                *self._receive_pack(),
                "-u",
                REMOTE,
                f"HEAD:refs/heads/{name}",
            )
            return SyncReport(pushed=int(repo.run("rev-list", "--count", "HEAD")))
        mine = repo.run("rev-list", "--reverse", "--first-parent", f"{remote}..{head}")
        local = [c for c in mine.splitlines() if c]
        pulled = int(repo.run("rev-list", "--count", f"{head}..{remote}"))
        if not local:
            if pulled:
                self._move(head, remote)
            return SyncReport(pulled=pulled)
        self.progress(f"Replaying {len(local)} local changes on the shared ones")
        replay = Replay(repo, self.identity, remote, resolutions, self.hidden)
        new_head = replay.run(local)
        if replay.conflicts:
            return SyncReport(pulled=pulled, conflicts=replay.conflicts)
        renamed = replay.renamed
        if not pulled and not renamed:  # nothing new there: the commits go as they are,
            new_head = head  # each keeping the id its "Saved <sha>" gave
        if new_head != remote:
            self.progress("Sending")
            try:
                self._git(
                    "push",
                    "--quiet",
                    *self._receive_pack(),
                    REMOTE,
                    f"{new_head}:refs/heads/{name}",
                )
            except GitError as error:
                if "rejected" in str(error) or "fetch first" in str(error):
                    return None  # the shared workspace moved meanwhile: fetch and replay again
                raise _network_error("push", str(error), remote_url(repo)) from None
        self._move(head, new_head)
        pushed = int(repo.run("rev-list", "--count", f"{remote}..{new_head}"))
        return SyncReport(pulled=pulled, pushed=pushed, renamed=renamed)

    def _move(self, old: str, new: str) -> None:
        """Move the branch and the files from `old` to `new`, journalled against a kill."""
        self.progress("Updating the files")
        journal = _journal(self.repo)
        atomic_write(journal, f"{old} {new}\n")
        self.repo.run("read-tree", "-m", "-u", old, new)
        self.repo.run("update-ref", "-m", "scrutui sync", "HEAD", new, old)
        journal.unlink()


_UNREACHABLE = (
    "connection refused",
    "could not resolve host",
    "unable to connect",
    "failed to connect",
    "couldn't connect",
    "network is unreachable",
    "timed out",
    "no route to host",
)
_BROKEN = (
    "hung up unexpectedly",
    "early eof",
    "rpc failed",
    "unexpected disconnect",
    "empty reply from server",
    "connection reset",
    "invalid index-pack output",
    "protocol error",
    "transfer closed",
)
_REFUSED = (
    "403",
    "401",
    "permission denied",
    "read-only",
    "read only",
    "service not enabled",
    "access denied",
    "not allowed",
)


def _network_error(what: str, git_says: str, url: str | None) -> SyncError:
    """A failed fetch or push, said so an officer can act on it. Nothing was changed here:
    the branch and the files only move after a push succeeds."""
    said = git_says.lower()
    kept = "nothing was changed here, and your changes are kept to send next time"
    where = f"the shared remote ({url})"
    lines = [line.strip() for line in git_says.strip().splitlines() if line.strip()]
    first = next(
        (line for line in lines if line.startswith(("fatal:", "error:"))),
        lines[0] if lines else "no reason given",
    )
    first = first.removeprefix("fatal: ").removeprefix("error: ").rstrip(".")
    if "does not appear to be a git repository" in said or "not found" in said:
        return SyncError(
            f"there is no shared workspace at {url} ({first}): check the address "
            f"(`scrutui remote`), or whether the shared drive is connected; {kept}"
        )
    if any(w in said for w in _UNREACHABLE):
        return SyncError(
            f"{where} cannot be reached ({first}): check the network, or that the address "
            f"is right (`scrutui remote`), then sync again; {kept}"
        )
    if any(w in said for w in _BROKEN):
        return SyncError(
            f"the connection to {where} broke off during the {what} ({first}): {kept}. "
            "Sync again; if it keeps happening, tell whoever looks after the remote"
        )
    if what == "push" and any(w in said for w in _REFUSED):
        return SyncError(
            f"{where} refused your changes: it is read-only for you ({first}). Ask whoever "
            f"looks after it for write access; {kept}"
        )
    return SyncError(
        f"the {what} from {where} failed: {first}; {kept}".replace("push from", "push to")
    )


def _is_record_file(path: str) -> bool:
    """A record or a tracker's settings (`TRACKER/ID.toml`): the files a sync carries and
    that must be committed first. Anything else (a paper written into the folder, an
    editor's backup) never blocks a sync."""
    folder, _, name = path.partition("/")
    return (
        bool(folder) and "/" not in name and name.endswith(".toml") and not folder.startswith(".")
    )


def _stamp(repo: GitRepo) -> None:
    atomic_write(_state_dir(repo) / "last-sync", datetime.now().astimezone().isoformat() + "\n")


class Replay:
    """Local commits rebuilt, one by one, on top of the shared tip (nothing on disk moves)."""

    def __init__(
        self,
        repo: GitRepo,
        identity: Identity,
        tip: str,
        resolutions: Resolutions,
        hidden: set[str] | frozenset[str] = frozenset(),
    ) -> None:
        self.repo = repo
        self.identity = identity
        self.tip = tip
        try:
            self.base = repo.run("merge-base", "HEAD", tip)
        except GitError:
            raise SyncError(
                "the shared remote holds a different workspace (its history has nothing in "
                "common with this one): check the address with `scrutui remote`, and set the "
                "right one with `scrutui remote set URL`; nothing was changed"
            ) from None
        self.resolutions = resolutions
        self.conflicts: list[RecordConflict] = []
        self.renamed: list[tuple[str, str]] = []
        self.moved: dict[str, str] = {}
        self.used: set[str] = set(repo.run("log", "--all", "--format=", "--name-only").split())
        #: the paths the shared commits this workspace did not have added, and those a
        #: shallow clone could not see: an id used there is never reused (a record this
        #: workspace itself deleted and restores keeps its id)
        self.shared: set[str] = set(hidden) | set(
            repo.run(
                "log", f"{self.base}..{tip}", "--format=", "--name-only", "--diff-filter=A"
            ).split()
        )
        #: the shared commits by who made them and when: a local commit already sent (a sync
        #: killed between its push and moving the branch) is recognised, not applied again
        self.sent: dict[tuple[str, str, str], list[str]] = {}
        out = repo.run("log", "--format=%ae%x00%aI%x00%s%x00%b%x01", f"{self.base}..{tip}")
        for entry in out.split("\x01"):
            if entry.strip("\n"):
                email, when, subject, body = entry.strip("\n").split("\x00", 3)
                for key in _keys(email, when, subject, body):
                    self.sent.setdefault(key, []).append(body.strip())

    def run(self, commits: list[str]) -> str:
        with tempfile.TemporaryDirectory() as temp:
            index = {"GIT_INDEX_FILE": str(Path(temp) / "index")}
            self.repo.run("read-tree", self.tip, env=index)
            tip = self.tip
            for commit in commits:
                if self._already_sent(commit):
                    continue  # the shared workspace has it already
                tip = self._replay(commit, tip, index)
        return tip

    def _already_sent(self, commit: str) -> bool:
        """Whether the shared history holds this local commit as replayed by an earlier sync
        (same author, date and subject, its message's body at the end of theirs)."""
        email, when, subject, body = self.repo.run(
            "log", "-1", "--format=%ae%x00%aI%x00%s%x00%b", commit
        ).split("\x00", 3)
        bodies = self.sent.get((email, when, subject.removesuffix(MERGED)), [])
        return any(theirs.endswith(body.strip()) for theirs in bodies)

    def _replay(self, commit: str, tip: str, index: dict[str, str]) -> str:
        repo = self.repo
        entries = repo.run(
            "diff-tree",
            "-r",
            "--no-renames",
            "--raw",
            "--no-abbrev",
            "-z",
            f"{commit}^",
            commit,
            strip=False,
        ).split("\x00")
        changes = [
            (entries[i].split()[2], entries[i].split()[3], entries[i + 1])
            for i in range(0, len(entries) - 1, 2)
            if entries[i].startswith(":")
        ]
        notes: list[str] = []
        updates: list[str] = []
        for old_blob, new_blob, path in changes:
            target = self.moved.get(path, path)
            base, mine, theirs = repo.cat_files([old_blob, new_blob, f"{tip}:{target}"])
            reused = base is None and theirs is None and target in self.shared
            if (
                base is None
                and mine is not None
                and (reused or (theirs is not None and theirs != mine))
            ):
                target = self._renumber(path, commit)
                notes.append(
                    f"Renumbered from {Path(path).stem}: that id was "
                    + (
                        "used before in the shared workspace."
                        if reused
                        else "taken in the shared workspace meanwhile."
                    )
                )
                theirs = None
            result = self._merge(path, target, base, mine, theirs, commit, notes)
            if result is None and theirs is None:
                continue
            if result is None:
                updates.append(f"0 {ZERO}\t{target}")
            else:
                blob = repo.run_input("hash-object", "-w", "--stdin", data=result).decode()
                updates.append(f"100644 {blob.strip()}\t{target}")
        if updates:
            repo.run_input(
                "update-index", "--index-info", data=("\n".join(updates) + "\n").encode(), env=index
            )
        tree = repo.run("write-tree", env=index)
        resolved = any(note.startswith("Conflict") for note in notes)
        if tree == repo.run("rev-parse", f"{tip}^{{tree}}"):
            if not resolved:
                return tip  # already in the shared history (an earlier sync sent it)
            ids = ", ".join(sorted({Path(p).stem for _, _, p in changes}))
            return self._commit(commit, tree, tip, notes, f"{ids}: the shared version kept")
        return self._commit(commit, tree, tip, notes)

    def _renumber(self, path: str, commit: str) -> str:
        folder, _, name = path.rpartition("/")
        stem, _, number = Path(name).stem.rpartition("-")
        n = int(number)
        while True:
            n += 1
            candidate = f"{folder}/{stem}-{n}.toml"
            if candidate not in self.used and ID_CHARS.match(f"{stem}-{n}"):
                break
        self.used.add(candidate)
        self.moved[path] = candidate
        self.renamed.append((Path(path).stem, Path(candidate).stem))
        return candidate

    def _merge(
        self,
        path: str,
        target: str,
        base: bytes | None,
        mine: bytes | None,
        theirs: bytes | None,
        commit: str,
        notes: list[str],
    ) -> bytes | None:
        """The file's content after this commit's change, merged with theirs."""
        if theirs == base or mine == theirs:
            return mine
        if mine == base:
            return theirs
        datas = [data_or_none(b, path) for b in (base, mine, theirs)]
        if any(
            b is not None and d is None for b, d in zip((base, mine, theirs), datas, strict=True)
        ):
            conflicts = [FieldConflict(WHOLE, _text(base), _text(mine), _text(theirs))]
            merged: dict[str, Any] | None = None
        else:
            merged, conflicts = merge_data(*datas)
        chosen = self.resolutions.get(target) or self.resolutions.get(path) or {}
        unresolved = [c for c in conflicts if c.name not in chosen]
        if unresolved:
            self.conflicts.append(
                RecordConflict(target, self._describe(commit), self._theirs(path), unresolved)
            )
            return theirs
        for conflict in conflicts:
            value = chosen[conflict.name]
            if conflict.name == WHOLE:
                if value is None or isinstance(value, dict):
                    merged = value
                else:
                    return str(value).encode()
            elif merged is not None:
                if value is None:
                    merged.pop(conflict.name, None)
                else:
                    merged[conflict.name] = value
            notes.append(_resolution_note(conflict, value))
        if merged is None:
            return None
        if theirs is not None and datas[2] is not None:
            return edit_document(theirs.decode(), datas[2], merged).encode()
        return new_document(merged).encode()

    def _describe(self, commit: str) -> str:
        return self.repo.run("log", "-1", "--format=%h %an: %s", commit)

    def _theirs(self, path: str) -> list[str]:
        out = self.repo.run("log", "--format=%h %an: %s", f"{self.base}..{self.tip}", "--", path)
        return out.splitlines()

    def _commit(
        self, commit: str, tree: str, parent: str, notes: list[str], subject: str | None = None
    ) -> str:
        repo = self.repo
        name, email, when, text = repo.run(
            "log", "-1", "--format=%an%x00%ae%x00%aI%x00%B", commit, strip=False
        ).split("\x00", 3)
        text = text.rstrip("\n") + "\n"
        if subject is not None:  # nothing of this commit is left: say so, not what it did
            old_subject, _, body = text.partition("\n")
            text = f"{subject}\n\nIn place of: {old_subject}\n{body}"
        for old, new in self.renamed:
            if text.startswith(f"{old}:"):
                text = new + text[len(old) :]
        if notes:
            first, _, body = text.partition("\n")
            resolved = any(n.startswith("Conflict") for n in notes)
            if subject is None and resolved:
                first += MERGED
            theirs = ", ".join(self._theirs_short())
            extra = "\n".join(notes) + (f"\nTheirs: {theirs}" if resolved and theirs else "")
            text = f"{first}\n\n{extra}\n{body}"
        env = {
            "GIT_AUTHOR_NAME": name,
            "GIT_AUTHOR_EMAIL": email,
            "GIT_AUTHOR_DATE": when,
            "GIT_COMMITTER_NAME": self.identity.name,
            "GIT_COMMITTER_EMAIL": self.identity.email,
        }
        return (
            repo.run_input(
                "commit-tree", tree, "-p", parent, "-F", "-", data=text.encode(), env=env
            )
            .decode()
            .strip()
        )

    def _theirs_short(self) -> list[str]:
        return [
            line.split(":")[0]
            for line in self.repo.run(
                "log", "--format=%h %an:", f"{self.base}..{self.tip}"
            ).splitlines()
        ]


def _keys(email: str, when: str, subject: str, body: str) -> list[tuple[str, str, str]]:
    """How a shared commit is looked up: its own subject, and the one it had before it was
    renumbered, if it was."""
    subject = subject.removesuffix(MERGED)
    keys = [(email, when, subject)]
    renumbered = re.search(r"^Renumbered from (\S+): ", body, re.MULTILINE)
    _, sep, rest = subject.partition(": ")
    if renumbered and sep:
        keys.append((email, when, f"{renumbered.group(1)}: {rest}"))
    return keys


def _same_data(value: Any, text: str | None) -> bool:
    return text is not None and data_or_none(text.encode(), "") == value


def _text(raw: bytes | None) -> str | None:
    return raw.decode(errors="replace") if raw is not None else None


def _resolution_note(conflict: FieldConflict, value: Any) -> str:
    kept = "mine" if value == conflict.mine else "theirs" if value == conflict.theirs else "edited"
    if conflict.name == WHOLE:  # the whole file: its text is in the commits, not repeated
        if kept == "edited" and isinstance(value, dict | None):
            kept = "theirs" if value is None or _same_data(value, conflict.theirs) else "edited"
        return f"Conflict resolved, the whole record: kept {kept}"
    return (
        f"Conflict resolved, {conflict.name}: base {show_value(conflict.base)}; mine "
        f"{show_value(conflict.mine)}; theirs {show_value(conflict.theirs)}; kept {kept}"
        + (f": {show_value(value)}" if kept == "edited" else "")
    )
