"""The language server under load: a keystroke in one guide of a large corpus.

    python benchmarks/bench_lsp.py [--n 5000] [--keystrokes 10]

Drives the real server (``python -m seedlint lsp``) over stdio with plain JSON-RPC, in a
project whose ``corpus-roots`` holds N generated guides (so every run also compares the
edited guide with the whole corpus). Prints:
  * the first publish after opening (reads the corpus once);
  * per keystroke, the time from sending ``didChange`` to receiving the diagnostics for
    that version (median and worst; target ≤ 300 ms);
  * a burst of keystrokes 30 ms apart: the time from the last one to its diagnostics, and
    how many outdated versions were published (debounced: should be none).
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402


class Client:
    def __init__(self, cwd: str):
        self.proc = subprocess.Popen([sys.executable, "-m", "seedlint", "lsp"], cwd=cwd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.inbox: queue.Queue = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            self.inbox.put((time.perf_counter(), json.loads(out.read(length))))

    def send(self, method: str, params: dict, request: bool = False) -> None:
        msg = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            msg["id"] = self.next_id
        body = json.dumps(msg).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def wait(self, predicate, timeout: float = 600):
        end = time.perf_counter() + timeout
        while True:
            at, msg = self.inbox.get(timeout=max(0.01, end - time.perf_counter()))
            if predicate(msg):
                return at, msg

    def close(self):
        self.send("shutdown", {}, request=True)
        self.send("exit", {})
        self.proc.wait(timeout=30)


def published(uri: str, version: int):
    return lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri and m["params"].get("version") == version


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=5000)
    ap.add_argument("--keystrokes", type=int, default=10)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        generate(args.n, os.path.join(tmp, "guides"), defects=0.3, seed=11)
        Path(tmp, ".seedlint.toml").write_text('corpus-roots = ["guides"]\ntoday = 2026-11-26\n', encoding="utf-8")
        path = Path(tmp, "guides", "batch000", "guide000003.md")
        text = path.read_text(encoding="utf-8")
        uri = path.as_uri()
        client = Client(tmp)
        client.send("initialize", {"processId": os.getpid(), "rootUri": Path(tmp).as_uri(), "capabilities": {}}, request=True)
        client.wait(lambda m: m.get("id") == 1)
        client.send("initialized", {})
        t = time.perf_counter()
        client.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})
        at, _ = client.wait(published(uri, 1))
        first = at - t
        latencies = []
        version = 1
        for i in range(args.keystrokes):
            version += 1
            text = text.replace("## ", "##  ", 1) if i % 2 == 0 else text.replace("##  ", "## ", 1)
            t = time.perf_counter()
            client.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                   "contentChanges": [{"text": text}]})
            at, _ = client.wait(published(uri, version))
            latencies.append(at - t)
        burst_first = version + 1
        for i in range(args.keystrokes):
            version += 1
            text += " "
            client.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                   "contentChanges": [{"text": text}]})
            last_sent = time.perf_counter()
            time.sleep(0.03)
        at, _ = client.wait(published(uri, version))
        burst = at - last_sent
        stale = 0
        while not client.inbox.empty():
            _, m = client.inbox.get()
            if m.get("method") == "textDocument/publishDiagnostics" and burst_first <= (m["params"].get("version") or 0) < version:
                stale += 1
        client.close()
    print(f"| language server, corpus-roots of {args.n:,} guides | figure | target |")
    print("|---|---|---|")
    print(f"| first publish after didOpen (reads the corpus) | {first * 1000:,.0f} ms | |")
    print(f"| keystroke → diagnostics, median of {args.keystrokes} | {statistics.median(latencies) * 1000:,.0f} ms | ≤ 300 ms |")
    print(f"| keystroke → diagnostics, worst | {max(latencies) * 1000:,.0f} ms | |")
    print(f"| burst of {args.keystrokes} keystrokes 30 ms apart: last → diagnostics | {burst * 1000:,.0f} ms | ≤ 300 ms |")
    print(f"| outdated versions published during the burst | {stale} | 0 |")


if __name__ == "__main__":
    main()
