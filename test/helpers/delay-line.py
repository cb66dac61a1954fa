#!/usr/bin/env python3
"""A delay line between two network namespaces: a TUN device in each, IPv4 packets carried across.

Packets from the server side to a client are held for the delay of the first rule that matches
their (server address, client prefix), so a POP is really nearer or farther for one client prefix
than for another; the client side's packets cross at once. It stands in for `tc qdisc ... netem`,
which kernels built without sch_netem lack. Usage:

    delay-line.py CLIENT_NETNS CLIENT_TUN SERVER_NETNS SERVER_TUN

Prints `ready` once both devices exist. Reads commands on stdin, each answered `ok` (or `error ...`):

    delay SERVER_ADDRESS CLIENT_PREFIX MS   (a later rule for the same pair replaces the earlier)

Exits at the end of stdin. At most MAX_HELD packets are held at once; beyond that, packets are dropped.
"""

import ctypes
import fcntl
import heapq
import ipaddress
import os
import select
import struct
import sys
import time

CLONE_NEWNET = 0x40000000
TUNSETIFF = 0x400454CA
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000
MAX_HELD = 100_000
LIBC = ctypes.CDLL(None, use_errno=True)


def enter(netns):
    with open(f"/run/netns/{netns}", "rb") as handle:
        if LIBC.setns(handle.fileno(), CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), f"setns {netns}")


def open_tun(netns, name):
    enter(netns)
    fd = os.open("/dev/net/tun", os.O_RDWR)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TUN | IFF_NO_PI))
    os.set_blocking(fd, False)
    return fd


class Rules:
    def __init__(self):
        self.rules = {}

    def set(self, server, prefix, ms):
        network = ipaddress.IPv4Network(prefix)
        self.rules[(int(ipaddress.IPv4Address(server)), int(network.network_address), network.prefixlen)] = ms / 1000

    def delay(self, server, client):
        best, length = 0.0, -1
        for (address, network, prefixlen), seconds in self.rules.items():
            mask = (0xFFFFFFFF << (32 - prefixlen)) & 0xFFFFFFFF
            if address == server and client & mask == network and prefixlen > length:
                best, length = seconds, prefixlen
        return best


def command(line, rules):
    words = line.split()
    try:
        if len(words) == 4 and words[0] == "delay":
            rules.set(words[1], words[2], float(words[3]))
            return "ok"
        return f"error: not a command: {line.strip()}"
    except ValueError as error:
        return f"error: {error}"


def main():
    client_ns, client_tun, server_ns, server_tun = sys.argv[1:5]
    client = open_tun(client_ns, client_tun)
    server = open_tun(server_ns, server_tun)
    rules = Rules()
    held = []
    sequence = 0
    stdin = sys.stdin.fileno()
    pending = b""
    print("ready", flush=True)
    while True:
        timeout = max(0.0, held[0][0] - time.monotonic()) if held else None
        readable, _, _ = select.select([client, server, stdin], [], [], timeout)
        if stdin in readable:
            chunk = os.read(stdin, 65536)
            if not chunk:
                return
            pending += chunk
            while b"\n" in pending:
                line, pending = pending.split(b"\n", 1)
                print(command(line.decode(errors="replace"), rules), flush=True)
        for source, target in ((client, server), (server, client)):
            if source not in readable:
                continue
            while True:
                try:
                    packet = os.read(source, 65536)
                except BlockingIOError:
                    break
                if len(packet) < 20 or packet[0] >> 4 != 4:
                    continue
                seconds = 0.0
                if source == server:
                    src, dst = struct.unpack("!II", packet[12:20])
                    seconds = rules.delay(src, dst)
                if len(held) < MAX_HELD:
                    sequence += 1
                    heapq.heappush(held, (time.monotonic() + seconds, sequence, target, packet))
        now = time.monotonic()
        while held and held[0][0] <= now:
            _, _, target, packet = heapq.heappop(held)
            try:
                os.write(target, packet)
            except OSError:
                pass


if __name__ == "__main__":
    main()
