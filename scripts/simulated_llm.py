#!/usr/bin/env python3
"""A simulated LLM behind an OpenAI-compatible chat endpoint, for tests, benchmarks and
workshops without a model (standard library only).

It knows the benchmark questions (from --data, laid out like shared/data) and answers them
correctly with a probability that grows with the number of study tips in the system prompt;
optimizer requests (those asking for <IMPROVED_VARIABLE> tags) get the variable back with one
more tip; feedback requests (those stating an <OBJECTIVE_FUNCTION>) get a fixed piece of advice; a judge
(a request for an <ACCURACY> verdict) compares the response's last number or
final words with the correct answer; anything else (feedback, merging prompts) gets a short
instruction-like text. An answer longer than the request's max_tokens (counted in words) is
cut there with finish_reason "length". Every answer is a deterministic function of the
request, so runs are reproducible.

    simulated_llm.py --data ../shared/data [--port 0] [--latency-ms 0] [--fail-rate 0] [--log FILE]

The first line printed is the port. The server stops when its standard input closes.
--fail-rate makes that fraction of attempts fail with one of 429 (Retry-After 0), 500, 503,
malformed JSON, an empty choice list, a dropped connection or a stall of --stall-ms before a
dropped connection (past a client's timeout), for fault tests. Whether an attempt fails is a
hash of the request and of how many times the same request came before, so a run's faults are
reproducible and a retry can succeed; after --max-faults faults in a row a request is answered,
as a flaky but live server would. --stats FILE keeps request counts and peak concurrency in FILE;
--log FILE appends each request's JSON body to FILE, one line per request.
--leaky-optimizer makes optimizer replies quote the first question of their request (its
<LM_INPUT>) after the variable, as an optimizer that copies training data into a prompt would:
for tests of ftg's leak check.
A request with a grammar of one string literal (root ::= "...") is answered with exactly that
text, as llama.cpp's server does, unless --ignore-grammar (as OpenAI and Ollama do); a request
with "logprobs": true gets word-sized tokens with fixed made-up log-probabilities, and one with
"prompt_logprobs" and "continue_final_message" (vLLM's way) gets the same for its prompt's
tokens, after a made-up chat template's.
A question containing ECHO-KEY-400 or ECHO-KEY-200 gets the request's Authorization header
back, in an error body or in an unreadable answer: a careless server, for tests that no key
leaks into anything ftg prints or writes.
"""

import argparse
import hashlib
import json
import os
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TIPS = [
    "Work through the problem one step at a time.",
    "Count or compute every quantity explicitly before answering.",
    "Double-check the final result against the question.",
    "Ignore details that do not affect the answer.",
    "Keep the final line strictly in the required format.",
]
FEEDBACK = "Ask the model to reason step by step and to check its final answer before writing it."


def load_questions(data):
    answers = {}
    for name in ("object_counting", "word_sorting", "multistep_arithmetic_two"):
        path = os.path.join(data, "bbh", name + ".json")
        if os.path.exists(path):
            with open(path) as f:
                for example in json.load(f)["examples"]:
                    answers[example["input"].strip()] = example["target"]
    for split in ("train", "test"):
        path = os.path.join(data, "gsm8k", split + ".jsonl")
        if os.path.exists(path):
            with open(path) as f:
                for line in f:
                    row = json.loads(line)
                    answers[row["question"].strip()] = row["answer"].split("####")[-1].strip().replace(",", "")
    return answers


def unit(*parts):
    digest = hashlib.sha256("\x1f".join(parts).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def final_answer(text):
    """The text after the last 'Answer:' (or the last line), lower-cased, without punctuation."""
    marker = text.lower().rfind("answer:")
    tail = text[marker + len("answer:"):] if marker >= 0 else (text.strip().splitlines() or [""])[-1]
    numbers = re.findall(r"-?\d+", tail.replace(",", ""))
    if numbers:
        return str(int(numbers[-1]))
    return " ".join(re.findall(r"[a-z0-9]+", tail.lower()))


def judge(request):
    """1 when the response's final answer matches the correct one, as far as both can be read."""
    truth = re.search(r"\*\*(?:Correct answer|Ground truth answer)\*\*: (.*?)\n\*\*", request, re.S)
    response = re.search(r"\*\*(?:Response|Reasoning and prediction from the language model)\*\*: (.*)$",
                         request, re.S)
    if not truth or not response:
        return 1
    return int(final_answer(truth.group(1)) == final_answer(response.group(1)))


def wrong(target):
    if re.fullmatch(r"-?\d+", target):
        return str(int(target) + 1)
    return " ".join(reversed(target.split()))


class Simulator:
    def __init__(self, args):
        self.answers = load_questions(args.data)
        self.latency = args.latency_ms / 1000
        self.fail_rate = args.fail_rate
        self.max_faults = args.max_faults
        self.stall = args.stall_ms / 1000
        self.attempts = {}
        self.faults = 0
        self.stats_path = args.stats
        self.log_path = args.log
        self.leaky_optimizer = args.leaky_optimizer
        self.follow_grammar = not args.ignore_grammar
        self.lock = threading.Lock()
        self.requests = 0
        self.in_flight = 0
        self.peak = 0

    def reply(self, messages):
        system = "\n".join(m["content"] for m in messages if m["role"] == "system")
        user = messages[-1]["content"] if messages else ""
        everything = "\n".join(m["content"] for m in messages)
        if "IMPROVED_VARIABLE" in everything:
            match = re.search(r"<VARIABLE>(.*?)</VARIABLE>", everything, re.S)
            current = match.group(1) if match else ""
            new_tip = next((t for t in TIPS if t not in current), "")
            quoted = re.search(r"<LM_INPUT>(.*?)</LM_INPUT>", everything, re.S) if self.leaky_optimizer else None
            example = " For example: " + quoted.group(1).strip() if quoted else ""
            return "<IMPROVED_VARIABLE>" + (new_tip + " " if new_tip else "") + current + example + "</IMPROVED_VARIABLE>"
        target = self.answers.get(user.strip())
        if target is not None:
            tips = sum(tip in system for tip in TIPS)
            p = min(0.95, 0.35 + 0.12 * tips)
            answer = target if unit(system, user) < p else wrong(target)
            return "Let me work it out.\nAnswer: " + answer
        if "OBJECTIVE_FUNCTION" in everything:
            return FEEDBACK
        if "<ACCURACY>" in everything or "ACCURACY" in everything:
            return "<ACCURACY>%d</ACCURACY>" % judge(user)
        if re.search(r"merge|combine|summar", everything, re.I):
            return " ".join(TIPS[:2])
        return FEEDBACK

    def fault(self, body):
        if self.fail_rate <= 0:
            return None
        with self.lock:
            attempt = self.attempts.get(body, 0)
            self.attempts[body] = attempt + 1
        if attempt >= self.max_faults or unit("fault", body, str(attempt)) >= self.fail_rate:
            with self.lock:
                self.attempts[body] = 0
            return None
        with self.lock:
            self.faults += 1
        kinds = ["429", "500", "503", "malformed", "empty", "drop", "stall"]
        return kinds[int(unit("kind", body, str(attempt)) * len(kinds))]

    def track(self, delta):
        with self.lock:
            if delta > 0:
                self.requests += 1
            self.in_flight += delta
            self.peak = max(self.peak, self.in_flight)
            if self.stats_path:
                tmp = self.stats_path + ".tmp"
                with open(tmp, "w") as f:
                    json.dump({"requests": self.requests, "max_concurrency": self.peak,
                               "faults": self.faults}, f)
                os.replace(tmp, self.stats_path)


def literal_grammar(grammar):
    """The text a GBNF grammar of one string literal (`root ::= "..."`) admits, else None."""
    match = re.fullmatch(r'root ::= "((?:[^"\\]|\\.)*)"', grammar or "", re.S)
    if not match:
        return None
    escapes = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\x([0-9a-fA-F]{2})|\\(.)",
                  lambda m: chr(int(m.group(1), 16)) if m.group(1) else escapes.get(m.group(2), m.group(2)),
                  match.group(1))


def token_logprobs(text):
    """Word-sized tokens of `text` (each with its leading space) and made-up but fixed
    log-probabilities, then the end-of-turn token, as llama.cpp's server lists them."""
    tokens = re.findall(r"\s*\S+|\s+$", text)
    content = [{"token": t, "logprob": -round(0.05 + 4 * unit("logprob", t), 6)} for t in tokens]
    return content + [{"token": "", "logprob": -0.01}]


def prompt_logprobs(messages):
    """vLLM's prompt_logprobs for a chat prompt whose last message is continued: a made-up chat
    template's tokens, then each message's word-sized tokens with the same made-up
    log-probabilities as token_logprobs gives them; none for the first token."""
    tokens = []
    for message in messages:
        tokens += ["<|im_start|>", message["role"] + "\n"] + re.findall(r"\s*\S+|\s+$", message["content"])
        if message is not messages[-1]:
            tokens += ["<|im_end|>", "\n"]
    entries = [None]
    for index, token in enumerate(tokens[1:], start=1):
        logprob = -round(0.05 + 4 * unit("logprob", token), 6)
        entries.append({str(index): {"logprob": logprob, "rank": 1, "decoded_token": token}})
    return entries


def handler(sim):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def send(self, status, payload, extra=None):
            data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for key, value in (extra or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            if self.path.rstrip("/").endswith("/health") or self.path.rstrip("/").endswith("/models"):
                self.send(200, {"status": "ok", "data": [{"id": "simulated"}]})
            else:
                self.send(404, {"error": {"message": "not found"}})

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            raw = self.rfile.read(length)
            sim.track(+1)
            try:
                if not self.path.endswith("/chat/completions"):
                    self.send(404, {"error": {"message": "not found"}})
                    return
                try:
                    body = json.loads(raw)
                    messages = body["messages"]
                except (ValueError, KeyError):
                    self.send(400, {"error": {"message": "expected a JSON body with messages"}})
                    return
                if sim.latency:
                    time.sleep(sim.latency)
                echoed = self.headers.get("Authorization", "")
                if "ECHO-KEY-400" in raw.decode("utf-8", "replace"):
                    self.send(400, {"error": {"message": "Incorrect API key provided: " + echoed}})
                    return
                if "ECHO-KEY-200" in raw.decode("utf-8", "replace"):
                    self.send(200, ("{unreadable, you sent " + echoed).encode())
                    return
                kind = sim.fault(raw.decode("utf-8", "replace"))
                if kind == "stall":
                    time.sleep(sim.stall)
                if kind in ("drop", "stall"):
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                if kind == "429":
                    self.send(429, {"error": {"message": "slow down"}}, {"Retry-After": "0"})
                    return
                if kind in ("500", "503"):
                    self.send(int(kind), {"error": {"message": "server trouble"}})
                    return
                if kind == "malformed":
                    self.send(200, b"{not json")
                    return
                if kind == "empty":
                    self.send(200, {"id": "x", "object": "chat.completion", "choices": []})
                    return
                if sim.log_path:
                    with sim.lock, open(sim.log_path, "a") as log:
                        log.write(json.dumps(body, sort_keys=True) + "\n")
                forced = literal_grammar(body.get("grammar")) if sim.follow_grammar else None
                continued = body.get("continue_final_message") is True and "prompt_logprobs" in body
                text = forced if forced is not None else " ok" if continued else sim.reply(messages)
                finish = "stop"
                limit = body.get("max_tokens")
                if isinstance(limit, int) and 0 < limit < len(text.split()):
                    text = " ".join(text.split()[:limit])
                    finish = "length"
                prompt_tokens = sum(len(m["content"].split()) for m in messages)
                choice = {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": finish}
                if body.get("logprobs") is True:
                    choice["logprobs"] = {"content": token_logprobs(text)}
                reply = {
                    "id": "sim-" + hashlib.sha256(raw).hexdigest()[:12],
                    "object": "chat.completion",
                    "model": body.get("model", "simulated"),
                    "choices": [choice],
                    "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": len(text.split()),
                              "total_tokens": prompt_tokens + len(text.split())},
                }
                if continued:
                    reply["prompt_logprobs"] = prompt_logprobs(messages)
                self.send(200, reply)
            finally:
                sim.track(-1)

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--latency-ms", type=float, default=0)
    parser.add_argument("--fail-rate", type=float, default=0)
    parser.add_argument("--max-faults", type=int, default=2)
    parser.add_argument("--stall-ms", type=float, default=1500)
    parser.add_argument("--stats")
    parser.add_argument("--log")
    parser.add_argument("--leaky-optimizer", action="store_true")
    parser.add_argument("--ignore-grammar", action="store_true",
                        help="answer as if no grammar was sent, as OpenAI and Ollama do")
    args = parser.parse_args()
    sim = Simulator(args)
    ThreadingHTTPServer.daemon_threads = True
    ThreadingHTTPServer.request_queue_size = 256
    server = ThreadingHTTPServer(("127.0.0.1", args.port), handler(sim))
    print(server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        sys.stdin.read()
    except KeyboardInterrupt:
        pass
    server.shutdown()


if __name__ == "__main__":
    main()
