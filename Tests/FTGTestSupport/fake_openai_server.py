#!/usr/bin/env python3
"""A fake OpenAI-compatible chat server for ftg's engine tests (standard library only).

It listens on 127.0.0.1 on the port given (0 picks a free one), prints the port on the first
line of stdout, and answers POST .../chat/completions. Each request takes the next behaviour of
--script (comma separated); once the script is used up, every request gets --default.

Behaviours:
  echo          answer with the last user message (word by word when the body asks for
                stream: true)
  plain         echo as one JSON completion even when asked to stream
  sleep:MS      wait MS milliseconds, then echo
  gate:N        hold the request until N requests have reached the gate (so all N are in
                flight at once), then echo; HTTP 500 if they have not after 20 seconds
  429:SECONDS   HTTP 429 with Retry-After: SECONDS
  500, 503, 400, 401
                that HTTP status with a JSON error body (503:SECONDS adds Retry-After)
  malformed     HTTP 200 with a body that is not JSON
  empty         HTTP 200 with an empty choices list
  drop          close the connection without answering
  stall         wait up to 60 seconds for the client to hang up (to test timeouts and
                cancellation); echo if it has not
  hold          wait until a line "release" arrives on stdin (or the client hangs up), then
                echo; once released, later holds answer at once

Besides the port, stdout carries one line per event, for tests to wait on: "in_flight N"
whenever the number of requests being answered changes, and "hung_up" when a client hangs up
on a stalled or held request.

With --stats FILE, the server rewrites FILE (atomically, as JSON) whenever a request starts
or ends: requests seen, the most in flight at once, connections opened, every Authorization
header (null when absent), and the last request body. It exits when its stdin closes.
"""

import argparse
import json
import os
import select
import signal
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class State:
    def __init__(self, script, default, stats_path):
        self.lock = threading.Lock()
        self.script = list(script)
        self.default = default
        self.stats_path = stats_path
        self.requests = 0
        self.in_flight = 0
        self.max_concurrency = 0
        self.connections = set()
        self.authorization = []
        self.last_body = None
        self.gate_arrivals = 0
        self.gate_changed = threading.Condition(self.lock)
        # Readable once a "release" order came: held requests wait for it with their client.
        self.released, self.release = os.pipe()

    def report(self, event):
        """Prints an event line; called with the lock held, so lines never interleave."""
        print(event, flush=True)

    def next_behaviour(self):
        return self.script.pop(0) if self.script else self.default

    def wait_at_gate(self, size):
        """Holds the calling request until `size` requests have arrived; False on giving up."""
        with self.lock:
            self.gate_arrivals += 1
            self.gate_changed.notify_all()
            return self.gate_changed.wait_for(lambda: self.gate_arrivals >= size, timeout=20)

    def write_stats(self):
        if not self.stats_path:
            return
        stats = {
            "requests": self.requests,
            "in_flight": self.in_flight,
            "max_concurrency": self.max_concurrency,
            "connections": len(self.connections),
            "authorization": self.authorization,
            "last_body": self.last_body,
        }
        temporary = self.stats_path + ".tmp"
        with open(temporary, "w") as handle:
            json.dump(stats, handle)
        os.replace(temporary, self.stats_path)


def word_count(text):
    return len(text.split())


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state = None

    def log_message(self, format, *args):
        pass

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length)
        if not self.path.endswith("/chat/completions"):
            self.send_json(404, {"error": {"message": "no such path: " + self.path}})
            return
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        state = self.state
        with state.lock:
            state.requests += 1
            state.in_flight += 1
            state.max_concurrency = max(state.max_concurrency, state.in_flight)
            state.connections.add(self.client_address)
            state.authorization.append(self.headers.get("Authorization"))
            state.last_body = body
            behaviour = state.next_behaviour()
            state.write_stats()
            state.report("in_flight %d" % state.in_flight)
        # Answered from its own body: by now state.last_body may be another request's.
        try:
            name, _, argument = behaviour.partition(":")
            if name == "gate" and not state.wait_at_gate(int(argument)):
                self.send_json(500, {"error": {"message": "fewer than %s reached the gate" % argument}})
                return
            self.behave(behaviour, body if isinstance(body, dict) else {})
        finally:
            with state.lock:
                state.in_flight -= 1
                state.write_stats()
                state.report("in_flight %d" % state.in_flight)

    def behave(self, behaviour, body):
        name, _, argument = behaviour.partition(":")
        if name == "sleep":
            time.sleep(int(argument) / 1000)
            self.echo(body)
        elif name == "plain":
            self.echo(dict(body, stream=False))
        elif name == "stall":
            if not self.client_hangs_up(60):
                self.echo(body)
        elif name == "hold":
            if not self.client_hangs_up(None, unless=self.state.released):
                self.echo(body)
        elif name == "429":
            self.send_json(429, {"error": {"message": "slow down"}}, {"Retry-After": argument})
        elif name in ("500", "503", "400", "401"):
            headers = {"Retry-After": argument} if argument else None
            self.send_json(int(name), {"error": {"message": "fake failure " + name}}, headers)
        elif name == "malformed":
            self.send_raw(200, b"{\"choices\": [oops")
        elif name == "empty":
            self.send_json(200, {"choices": [], "usage": {"prompt_tokens": 1}})
        elif name == "drop":
            self.close_connection = True
        else:
            self.echo(body)

    def client_hangs_up(self, seconds, unless=None):
        """Whether the client closes its connection within `seconds` (None: no limit) or before
        the descriptor `unless` becomes readable; reported when it does."""
        watched = [self.connection] + ([unless] if unless is not None else [])
        readable, _, _ = select.select(watched, [], [], seconds)
        if self.connection not in readable:
            return False
        try:
            gone = not self.connection.recv(1, socket.MSG_PEEK)
        except ConnectionResetError:
            gone = True
        if gone:
            self.close_connection = True
            with self.state.lock:
                self.state.report("hung_up")
        return gone

    def echo(self, body):
        messages = body.get("messages") or []
        users = [m.get("content", "") for m in messages if m.get("role") == "user"]
        text = users[-1] if users else ""
        prompt_words = sum(word_count(m.get("content", "")) for m in messages)
        if body.get("stream"):
            self.stream(text, prompt_words)
            return
        self.send_json(200, {
            "id": "fake",
            "object": "chat.completion",
            "model": body.get("model", ""),
            "choices": [{
                "index": 0,
                "message": {"role": "assistant", "content": text},
                "finish_reason": "stop",
            }],
            "usage": {"prompt_tokens": prompt_words, "completion_tokens": word_count(text)},
        })

    def stream(self, text, prompt_words):
        """Sends the answer word by word as server-sent events, then usage and [DONE]."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        pieces = [word + " " for word in text.split(" ")]
        pieces[-1] = pieces[-1][:-1]
        events = [{"choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}}]}]
        events += [{"choices": [{"index": 0, "delta": {"content": p}}]} for p in pieces]
        events.append({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
        events.append({"choices": [], "usage": {
            "prompt_tokens": prompt_words, "completion_tokens": word_count(text)}})
        try:
            for event in events:
                self.wfile.write(b"data: " + json.dumps(event).encode() + b"\n\n")
                self.wfile.flush()
                time.sleep(0.01)
            self.wfile.write(b"data: [DONE]\n\n")
        except (BrokenPipeError, ConnectionResetError):
            pass

    def send_json(self, status, payload, headers=None):
        self.send_raw(status, json.dumps(payload).encode(), headers)

    def send_raw(self, status, data, headers=None):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


def follow_orders(state):
    """Releases held requests on a "release" line; stops the server once stdin closes, so a
    killed test run leaves no server behind."""
    for line in sys.stdin:
        if line.strip() == "release":
            os.write(state.release, b"x")
    os._exit(0)


def main():
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--script", default="")
    parser.add_argument("--default", default="echo")
    parser.add_argument("--stats", default="")
    arguments = parser.parse_args()
    script = [step for step in arguments.script.split(",") if step]
    Handler.state = State(script, arguments.default, arguments.stats)
    Handler.state.write_stats()
    threading.Thread(target=follow_orders, args=(Handler.state,), daemon=True).start()
    # A deep accept queue, so that a burst of new connections is not dropped and retried.
    ThreadingHTTPServer.request_queue_size = 256
    server = ThreadingHTTPServer(("127.0.0.1", arguments.port), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
