#!/usr/bin/env python3
"""Load generator of bench/checkin.sh (documented there and in docs/BENCHMARKS.md).

  checkin.py seed CONGRESS_ID DELEGATES
      prints SQL (accepted by SQLite and PostgreSQL) creating one organization, one congress
      (quorum 2/3) and DELEGATES convened delegates with the codes CK000001, CK000002, ...

  checkin.py run CONGRESS_ID USER PASSWORD CHECKINS SECONDS SCREENS URL [URL ...]
      logs USER in on the first URL, opens SCREENS event streams of the hall screen
      (/dai-hoi/ky/CONGRESS_ID/diem-danh/su-kien), spread round-robin over the URLs (the
      instances), waits until each has its first snapshot, then sends CHECKINS check-ins by code
      evenly over SECONDS seconds (also round-robin over the URLs, as fetch does:
      Accept: application/json). For each check-in it takes the time just before the POST is
      written and the time its `attendance` event is read on every screen; prints one JSON line:
      the POST latencies, the delays from POST to arrival over all screens x check-ins (p50, p99,
      max), how many arrivals are missing, and the events each screen received.

Only the given URLs are contacted; every run is bounded in time.
"""

import asyncio
import json
import re
import sys
import time
import urllib.parse

UA = "daihoi-bench-checkin-bot/1.0"


def code(i):
    return f"CK{i + 1:06d}"


def seed(congress, delegates):
    org = congress
    out = ["BEGIN;"]
    out.append(
        "INSERT INTO organization (id, code, code_key, name, name_folded, level, members, "
        "parent_id, path, depth, created_at, updated_at) VALUES "
        f"({org}, 'BENCH', 'BENCH', 'Đảng bộ đo thử', 'dang bo do thu', 'Huyện', {delegates * 10}, "
        f"NULL, '/{org}/', 1, 0, 0);"
    )
    out.append(
        "INSERT INTO congress (id, organization_id, term_start, term_end, name, name_folded, status, "
        f"created_at, updated_at) VALUES ({congress}, {org}, 2020, 2025, 'Đại hội đo thử', "
        "'dai hoi do thu', 'preparing', 0, 0);"
    )
    for i in range(delegates):
        out.append(
            "INSERT INTO delegate (id, congress_id, kind, full_name, name_folded, organization_id, "
            f"status, check_in_code, created_at, updated_at) VALUES ({congress * 1000 + i}, "
            f"{congress}, 'elected', 'Đại biểu thử {i + 1}', 'dai bieu thu {i + 1}', {org}, "
            f"'convened', '{code(i)}', 0, 0);"
        )
    out.append("COMMIT;")
    print("\n".join(out))


def split(url):
    u = urllib.parse.urlsplit(url)
    return u.hostname, u.port or 80


async def request(url, method, path, headers=None, body=b""):
    """One HTTP/1.1 request on a fresh connection; returns (status, headers, body)."""
    host, port = split(url)
    reader, writer = await asyncio.open_connection(host, port)
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}:{port}", f"User-Agent: {UA}", "Connection: close"]
    for k, v in (headers or {}).items():
        lines.append(f"{k}: {v}")
    if body:
        lines.append(f"Content-Length: {len(body)}")
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
    await writer.drain()
    raw = await asyncio.wait_for(reader.read(), 30)
    writer.close()
    head, _, rest = raw.partition(b"\r\n\r\n")
    head_lines = head.decode("latin-1").split("\r\n")
    status = int(head_lines[0].split()[1])
    hdrs = {}
    for line in head_lines[1:]:
        k, _, v = line.partition(":")
        hdrs.setdefault(k.strip().lower(), []).append(v.strip())
    if "chunked" in ",".join(hdrs.get("transfer-encoding", [])):
        rest = dechunk(rest)
    return status, hdrs, rest


def dechunk(data):
    out = b""
    while data:
        size_line, _, data = data.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        if size == 0:
            break
        out += data[:size]
        data = data[size + 2:]
    return out


async def login(url, user, password):
    body = urllib.parse.urlencode({"username": user, "password": password}).encode()
    status, hdrs, _ = await request(
        url, "POST", "/quan-tri/dang-nhap",
        {"Content-Type": "application/x-www-form-urlencoded"}, body)
    for c in hdrs.get("set-cookie", []):
        if c.startswith("dh_session="):
            return c.split(";")[0].split("=", 1)[1]
    raise SystemExit(f"login failed: {status}")


class Screen:
    """One open hall screen: an event stream, with the arrival time of each delegate's event."""

    def __init__(self, url, congress, session):
        self.url, self.congress, self.session = url, congress, session
        self.arrivals = {}
        self.events = 0
        self.ready = asyncio.Event()

    async def run(self):
        host, port = split(self.url)
        reader, writer = await asyncio.open_connection(host, port)
        path = f"/dai-hoi/ky/{self.congress}/diem-danh/su-kien"
        writer.write((f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUser-Agent: {UA}\r\n"
                      f"Accept: text/event-stream\r\nCookie: dh_session={self.session}\r\n\r\n").encode())
        await writer.drain()
        status = await reader.readline()
        if b" 200 " not in status:
            raise SystemExit(f"event stream refused: {status!r}")
        while (await reader.readline()) not in (b"\r\n", b""):
            pass
        buf = b""
        try:
            while True:
                size_line = await reader.readline()
                if not size_line:
                    return
                size = int(size_line.strip().split(b";")[0] or b"0", 16)
                chunk = await reader.readexactly(size + 2)
                now = time.monotonic()
                buf += chunk[:size]
                while b"\n\n" in buf:
                    block, buf = buf.split(b"\n\n", 1)
                    self.handle(block.decode(), now)
        finally:
            writer.close()

    def handle(self, block, now):
        event, data = "message", ""
        for line in block.split("\n"):
            if line.startswith("event:"):
                event = line[6:].strip()
            elif line.startswith("data:"):
                data += line[5:].lstrip()
        if event == "snapshot":
            self.ready.set()
        elif event == "attendance":
            self.events += 1
            d = json.loads(data).get("delegate") or {}
            if "id" in d and d["id"] not in self.arrivals:
                self.arrivals[d["id"]] = now


def pct(values, p):
    if not values:
        return None
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


async def run(congress, user, password, checkins, seconds, screens, urls):
    session = await login(urls[0], user, password)
    status, _, page = await request(urls[0], "GET", f"/dai-hoi/ky/{congress}/diem-danh",
                                    {"Cookie": f"dh_session={session}"})
    if status != 200:
        raise SystemExit(f"hall screen: {status}")
    token = re.search(rb'name="csrf_token" value="([^"]+)"', page).group(1).decode()
    opened = [Screen(urls[i % len(urls)], congress, session) for i in range(screens)]
    tasks = [asyncio.create_task(s.run()) for s in opened]
    await asyncio.wait_for(asyncio.gather(*(s.ready.wait() for s in opened)), 60)

    sent = {}
    post_ms = []
    statuses = {}

    async def one(i):
        url = urls[i % len(urls)]
        body = urllib.parse.urlencode({"csrf_token": token, "code": code(i)}).encode()
        start = time.monotonic()
        status, _, answer = await request(url, "POST", f"/dai-hoi/ky/{congress}/diem-danh", {
            "Cookie": f"dh_session={session}", "Accept": "application/json",
            "Content-Type": "application/x-www-form-urlencoded"}, body)
        post_ms.append((time.monotonic() - start) * 1000)
        statuses[status] = statuses.get(status, 0) + 1
        if status == 200:
            sent[json.loads(answer)["delegate"]["id"]] = (start, url)

    began = time.monotonic()
    posts = []
    for i in range(checkins):
        at = began + i * seconds / checkins
        await asyncio.sleep(max(0.0, at - time.monotonic()))
        posts.append(asyncio.create_task(one(i)))
    await asyncio.gather(*posts)
    spent = time.monotonic() - began
    # Let the last events arrive (bounded).
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(len(s.arrivals) < len(sent) for s in opened):
        await asyncio.sleep(0.05)
    for t in tasks:
        t.cancel()

    delays, missing = [], 0
    # With several instances: screens on the instance that took the POST (its own broadcast)
    # and screens on another one (through LISTEN/NOTIFY).
    same, other = [], []
    for s in opened:
        for delegate, (start, url) in sent.items():
            if delegate in s.arrivals:
                delay = (s.arrivals[delegate] - start) * 1000
                delays.append(delay)
                (same if s.url == url else other).append(delay)
            else:
                missing += 1

    def summary(values):
        if not values:
            return None
        return {"p50": round(pct(values, 50), 1), "p99": round(pct(values, 99), 1),
                "max": round(max(values), 1)}

    print(json.dumps({
        "instances": len(urls), "screens": screens, "checkins": checkins,
        "seconds": round(spent, 1), "post_statuses": statuses,
        "post_ms": {"p50": round(pct(post_ms, 50), 1), "p99": round(pct(post_ms, 99), 1),
                    "max": round(max(post_ms), 1)},
        "arrivals": len(delays), "missing": missing,
        "delay_ms": summary(delays),
        "delay_ms_same_instance": summary(same) if len(urls) > 1 else None,
        "delay_ms_other_instance": summary(other) if len(urls) > 1 else None,
        "events_per_screen": sorted({s.events for s in opened}),
    }))


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "seed":
        seed(int(sys.argv[2]), int(sys.argv[3]))
    elif len(sys.argv) >= 9 and sys.argv[1] == "run":
        congress, user, password = int(sys.argv[2]), sys.argv[3], sys.argv[4]
        checkins, seconds, screens = int(sys.argv[5]), float(sys.argv[6]), int(sys.argv[7])
        asyncio.run(run(congress, user, password, checkins, seconds, screens, sys.argv[8:]))
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
