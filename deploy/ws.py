"""A GraphQL subscription over `graphql-transport-ws`, on the standard library alone.

Enough of RFC 6455 for one subscription a socket: the handshake, masked text frames
out, unmasked frames in (fragments joined), pings answered. Each event is recorded
with the moment it arrived, read by a thread of its own so that a check can write
while it listens.
"""

import base64
import json
import os
import queue
import socket
import struct
import threading
import time

PROTOCOL = "graphql-transport-ws"


class Closed(Exception):
    pass


class Subscription:
    """One socket, one subscription; `events` holds (monotonic time, data) pairs."""

    def __init__(self, port, query, variables=None, host="127.0.0.1", timeout=5.0):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.events = queue.Queue()
        self.closed = threading.Event()
        self.lock = threading.Lock()
        self.headers = self._handshake(host, port)
        self._send_json({"type": "connection_init", "payload": {}})
        ack = self._receive_json()
        if ack.get("type") != "connection_ack":
            raise Closed(f"expected connection_ack, got {ack}")
        self._send_json({"id": "1", "type": "subscribe",
                         "payload": {"query": query, "variables": variables or {}}})
        self.sock.settimeout(None)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        # The service starts listening once it has read the subscription; nothing
        # in the protocol says when that is.
        time.sleep(0.3)

    # The upstream nginx chose, when it says (the X-Upstream header).
    @property
    def upstream(self):
        return self.headers.get("x-upstream")

    def _handshake(self, host, port):
        key = base64.b64encode(os.urandom(16)).decode()
        request = (
            f"GET /graphql/ws HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
            f"Sec-WebSocket-Protocol: {PROTOCOL}\r\n\r\n"
        )
        self.sock.sendall(request.encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                raise Closed("closed during the handshake")
            head += chunk
        lines = head.decode("latin-1").split("\r\n")
        if " 101 " not in lines[0] + " ":
            raise Closed(f"handshake refused: {lines[0]}")
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name:
                headers[name.strip().lower()] = value.strip()
        return headers

    def _send_frame(self, opcode, payload):
        mask = os.urandom(4)
        length = len(payload)
        if length < 126:
            header = struct.pack("!BB", 0x80 | opcode, 0x80 | length)
        elif length < 1 << 16:
            header = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, length)
        else:
            header = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, length)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        with self.lock:
            self.sock.sendall(header + mask + masked)

    def _send_json(self, message):
        self._send_frame(0x1, json.dumps(message).encode())

    def _exactly(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise Closed("the socket closed")
            data += chunk
        return data

    def _receive_json(self):
        """The next text message; answers pings on the way."""
        message = b""
        while True:
            first, second = self._exactly(2)
            opcode, final = first & 0x0F, first & 0x80
            length = second & 0x7F
            if length == 126:
                length = struct.unpack("!H", self._exactly(2))[0]
            elif length == 127:
                length = struct.unpack("!Q", self._exactly(8))[0]
            mask = self._exactly(4) if second & 0x80 else None
            payload = self._exactly(length)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            if opcode == 0x8:
                raise Closed(f"closed by the server: {payload[2:].decode(errors='replace')}")
            if opcode == 0x9:
                self._send_frame(0xA, payload)
                continue
            if opcode == 0xA:
                continue
            message += payload
            if final:
                document = json.loads(message)
                if document.get("type") == "ping":
                    self._send_json({"type": "pong"})
                    message = b""
                    continue
                return document

    def _read(self):
        try:
            while True:
                document = self._receive_json()
                kind = document.get("type")
                if kind == "next":
                    self.events.put((time.monotonic(), document["payload"].get("data"),
                                     document["payload"].get("errors")))
                elif kind in ("error", "complete"):
                    self.events.put((time.monotonic(), None, document))
        except (Closed, OSError, ValueError):
            pass
        finally:
            self.closed.set()

    def next_within(self, seconds):
        """(arrival time, data, errors) of the next event, or None."""
        try:
            return self.events.get(timeout=max(0.0, seconds))
        except queue.Empty:
            return None

    def close(self):
        try:
            self._send_frame(0x8, struct.pack("!H", 1000))
        except OSError:
            pass
        try:
            # Wakes the reader thread blocked in recv.
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()
        self.reader.join(2)
