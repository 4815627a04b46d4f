"""A small smart-HTTP git server for the sync tests: `git http-backend` behind Python's
HTTP server, on 127.0.0.1. Run as a process so a test can kill it, and given a fault to act:

    python tests/git_http_server.py ROOT PORT_FILE [PORT] FAULT

FAULT: none; die-fetch (send half of a fetch's pack, then exit: killed mid-fetch); die-push
(exit having read a push, before git sees it: killed mid-push); die-after-push (exit once
the push is applied, before answering: the remote has it, the client does not know);
read-only (refuse every push with 403); move-before-push (another officer's commit lands
on main just before the first push is applied, so it is rejected).
"""

from __future__ import annotations

import os
import subprocess
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT, PORT_FILE = sys.argv[1], sys.argv[2]
PORT = int(sys.argv[3])
FAULT = sys.argv[4]
moved = False


class Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.serve()

    def do_POST(self) -> None:
        self.serve()

    def serve(self) -> None:
        global moved
        path, _, query = self.path.partition("?")
        pushing = "git-receive-pack" in path or "service=git-receive-pack" in query
        if FAULT == "read-only" and pushing:
            self.send_response(403)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"this shared workspace is read-only\n")
            return
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        posting = self.command == "POST"
        if FAULT == "die-push" and posting and pushing:
            os._exit(1)
        if FAULT == "move-before-push" and posting and pushing and not moved:
            moved = True
            repo = os.path.join(ROOT, "shared.git")
            git = ["git", "-C", repo]
            tip = subprocess.run([*git, "rev-parse", "main"], capture_output=True, text=True)
            env = {**os.environ, "GIT_AUTHOR_NAME": "Carol Officer"}
            env |= {"GIT_AUTHOR_EMAIL": "carol@example.gov.uk", "GIT_COMMITTER_NAME": "Carol"}
            env |= {"GIT_COMMITTER_EMAIL": "carol@example.gov.uk"}
            new = subprocess.run(
                [*git, "commit-tree", f"{tip.stdout.strip()}^{{tree}}", "-p", tip.stdout.strip()],
                input="Carol: a change of her own\n",
                capture_output=True,
                text=True,
                env=env,
            ).stdout.strip()
            subprocess.run([*git, "update-ref", "refs/heads/main", new], check=True)
        env = {
            **os.environ,
            "GIT_PROJECT_ROOT": ROOT,
            "GIT_HTTP_EXPORT_ALL": "1",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "REQUEST_METHOD": self.command,
            "CONTENT_TYPE": self.headers.get("Content-Type", ""),
            "CONTENT_LENGTH": str(len(body)),
            "REMOTE_USER": "officer",
            "REMOTE_ADDR": "127.0.0.1",
        }
        for key, value in self.headers.items():
            env["HTTP_" + key.upper().replace("-", "_")] = value
        out = subprocess.run(["git", "http-backend"], input=body, env=env, capture_output=True)
        head, _, payload = out.stdout.partition(b"\r\n\r\n")
        status, headers = 200, []
        for line in head.decode(errors="replace").split("\r\n"):
            key, _, value = line.partition(":")
            if key.lower() == "status":
                status = int(value.split()[0])
            elif key:
                headers.append((key, value.strip()))
        if FAULT == "die-after-push" and posting and pushing:
            os._exit(1)
        self.send_response(status)
        for key, value in headers:
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if FAULT == "die-fetch" and posting and "git-upload-pack" in path:
            self.wfile.write(payload[: len(payload) // 2])
            self.wfile.flush()
            os._exit(1)
        self.wfile.write(payload)


server = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
with open(PORT_FILE + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.replace(PORT_FILE + ".tmp", PORT_FILE)
server.serve_forever()
