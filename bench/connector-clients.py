#!/usr/bin/env python3
"""Clients of a broker's local socket for bench/connector.sh, run inside an instance:
  connector-clients.py idle N     N idle connections: prints the broker's RSS and threads before and
                                  with them (the broker is the process that owns FLUX_URI's socket:
                                  its pid is given as BROKER_PID)
  connector-clients.py partial N SIZE
                                  N clients each send the first SIZE-1 bytes of a SIZE-byte message
                                  and stop: prints RSS before, with them, and after they leave
                                  (after SETTLE seconds, default 15)"""
import os, socket, struct, sys, time

def status(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])

def connect(path):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(path)
    if s.recv(1) != b"\0":
        raise SystemExit("connection refused by the broker")
    return s

def main():
    path = os.environ["FLUX_URI"][len("local://"):]
    pid = int(os.environ["BROKER_PID"])
    mode, n = sys.argv[1], int(sys.argv[2])
    rss = lambda: status(pid, "VmRSS") // 1024
    if mode == "idle":
        print(f"rss_start_mb {rss()}")
        print(f"threads_start {status(pid, 'Threads')}")
        held = [connect(path) for _ in range(n)]
        time.sleep(1)  # let the broker settle; a bench, not a test
        print(f"rss_with_{n}_idle_mb {rss()}")
        print(f"threads_with_{n}_idle {status(pid, 'Threads')}")
        for s in held:
            s.close()
    else:
        print(f"rss_before_partial_mb {rss()}")
        size = int(sys.argv[3])
        prefix = struct.pack("<I", 0xffee0012) + struct.pack(">I", size)
        chunk = b"\0" * (1 << 20)
        held = []
        for _ in range(n):
            s = connect(path)
            s.sendall(prefix)
            left = size - 1
            while left > 0:
                left -= s.send(chunk[:min(left, len(chunk))])
            held.append(s)
        time.sleep(1)
        print(f"rss_with_{n}_partial_mb {rss()}")
        for s in held:
            s.close()
        time.sleep(float(os.environ.get("SETTLE", "15")))
        print(f"rss_after_mb {rss()}")

main()
