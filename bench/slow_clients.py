#!/usr/bin/env python3
"""Load generators of bench/slow-clients.sh (documented there and in docs/BENCHMARKS.md).

  slow_clients.py slow PORT COUNT SECONDS
      opens COUNT connections that each send a request line, then one header line every 5 s,
      never finishing the head; a connection the server closes is opened again. Prints one JSON
      line: connections opened, closed by the server, the most open at once.
  slow_clients.py probe PORT SECONDS
      GET /healthz on a fresh connection every 100 ms (as a load balancer's probe), 15 s timeout
      each. Prints one JSON line: probes, failures, p50/p99/max latency in ms.
  slow_clients.py logins PORT COUNT
      COUNT concurrent failed logins (distinct unknown names, so no throttle stops the hashing).
      Prints one JSON line: statuses and the slowest answer.
  slow_clients.py uploads PORT COUNT SIDE
      logs in as the demo administrator, then sends COUNT concurrent uploads of one SIDE x SIDE
      PNG to the first article. Prints one JSON line: statuses and the slowest answer.

Only the loopback address is used; every run is bounded in time.
"""

import asyncio
import json
import re
import struct
import sys
import time
import zlib

HOST = "127.0.0.1"
UA = "daihoi-bench-slow-clients-bot/1.0"


async def slow(port, count, seconds):
    stats = {"opened": 0, "closed_by_server": 0, "open_max": 0, "connect_errors": 0}
    open_now = 0
    end = time.monotonic() + seconds

    async def one(i):
        nonlocal open_now
        while time.monotonic() < end:
            try:
                reader, writer = await asyncio.open_connection(HOST, port)
            except OSError:
                stats["connect_errors"] += 1
                await asyncio.sleep(1)
                continue
            stats["opened"] += 1
            open_now += 1
            stats["open_max"] = max(stats["open_max"], open_now)
            try:
                writer.write(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: " + UA.encode() + b"\r\n")
                await writer.drain()
                line = 0
                while time.monotonic() < end:
                    try:
                        data = await asyncio.wait_for(reader.read(1024), timeout=5)
                        if not data:
                            stats["closed_by_server"] += 1
                            break
                    except asyncio.TimeoutError:
                        pass
                    line += 1
                    writer.write(b"X-Slow-%d: a\r\n" % line)
                    await writer.drain()
            except (ConnectionError, OSError):
                stats["closed_by_server"] += 1
            finally:
                open_now -= 1
                writer.close()

    async def staggered(i):
        # Spread the first connections over two seconds.
        await asyncio.sleep((i % 2000) / 1000)
        await one(i)

    await asyncio.gather(*(staggered(i) for i in range(count)))
    print(json.dumps(stats))


async def probe(port, seconds):
    latencies = []
    failures = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        started = time.monotonic()
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection(HOST, port), 15)
            writer.write(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: " + UA.encode() + b"\r\nConnection: close\r\n\r\n")
            await writer.drain()
            answer = await asyncio.wait_for(reader.read(), 15)
            writer.close()
            if answer.startswith(b"HTTP/1.1 200"):
                latencies.append((time.monotonic() - started) * 1000)
            else:
                failures += 1
        except (OSError, asyncio.TimeoutError):
            failures += 1
        await asyncio.sleep(max(0, 0.1 - (time.monotonic() - started)))
    latencies.sort()

    def pct(p):
        if not latencies:
            return None
        return round(latencies[min(len(latencies) - 1, int(len(latencies) * p))], 2)

    print(json.dumps({
        "probes": len(latencies) + failures,
        "failures": failures,
        "p50_ms": pct(0.50),
        "p99_ms": pct(0.99),
        "max_ms": round(latencies[-1], 2) if latencies else None,
    }))


async def request(port, raw, timeout=120):
    reader, writer = await asyncio.wait_for(asyncio.open_connection(HOST, port), timeout)
    writer.write(raw)
    await writer.drain()
    answer = await asyncio.wait_for(reader.read(), timeout)
    writer.close()
    head, _, body = answer.partition(b"\r\n\r\n")
    status = int(head.split(b" ")[1]) if head.startswith(b"HTTP/") else 0
    return status, head.decode("latin-1"), body


def form_post(path, form, cookie=None, content_type="application/x-www-form-urlencoded"):
    body = form if isinstance(form, bytes) else form.encode()
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: {UA}\r\n"
        f"Origin: http://127.0.0.1\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n"
    )
    if cookie:
        head += f"Cookie: {cookie}\r\n"
    return head.encode() + b"\r\n" + body


async def timed(coro):
    started = time.monotonic()
    status, _, _ = await coro
    return status, time.monotonic() - started


def summary(results):
    statuses = {}
    for status, _ in results:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    return {"statuses": statuses, "slowest_s": round(max(t for _, t in results), 2)}


async def logins(port, count):
    results = await asyncio.gather(*(
        timed(request(port, form_post("/quan-tri/dang-nhap", f"username=khach{i}&password=sai-mat-khau-{i}")))
        for i in range(count)
    ))
    print(json.dumps(summary(results)))


def png(side):
    """A SIDE x SIDE RGB PNG: a flat picture with a stripe, small on disk, large once decoded."""
    row = b"\x00" + b"\x40\x80\xc0" * side
    stripe = b"\x00" + b"\xff\x00\x00" * side
    raw = b"".join(stripe if (y // 64) % 8 == 0 else row for y in range(side))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


async def uploads(port, count, side):
    status, head, _ = await request(port, form_post("/quan-tri/dang-nhap", "username=admin&password=daihoi-demo-2026"))
    cookies = "; ".join(m.group(1) for m in re.finditer(r"(?im)^set-cookie:\s*([^;\r\n]+)", head))
    if status not in (302, 303):
        sys.exit(f"login failed: {status}")
    get = f"GET /quan-tri/bai-viet/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: {UA}\r\nCookie: {cookies}\r\nConnection: close\r\n\r\n"
    status, _, body = await request(port, get.encode())
    token = re.search(rb'name="csrf_token" value="([^"]+)"', body)
    if status != 200 or not token:
        sys.exit(f"article form: {status}")
    picture = png(side)
    boundary = "daihoibench"
    parts = (
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token.group(1).decode()}\r\n"
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\nẢnh lớn\r\n"
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"lon.png\"\r\n"
        f"Content-Type: image/png\r\n\r\n"
    ).encode() + picture + f"\r\n--{boundary}--\r\n".encode()
    raw = form_post("/quan-tri/bai-viet/1/anh", parts, cookies, f"multipart/form-data; boundary={boundary}")
    results = await asyncio.gather(*(timed(request(port, raw)) for _ in range(count)))
    out = summary(results)
    out["png_bytes"] = len(picture)
    print(json.dumps(out))


def main():
    mode, port = sys.argv[1], int(sys.argv[2])
    if mode == "slow":
        asyncio.run(slow(port, int(sys.argv[3]), float(sys.argv[4])))
    elif mode == "probe":
        asyncio.run(probe(port, float(sys.argv[3])))
    elif mode == "logins":
        asyncio.run(logins(port, int(sys.argv[3])))
    elif mode == "uploads":
        asyncio.run(uploads(port, int(sys.argv[3]), int(sys.argv[4])))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
