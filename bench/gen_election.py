#!/usr/bin/env python3
"""Generate a national-scale election for `daihoi tally` (bench/tally.sh).

Default: 1.600 ballots issued and collected, 200 candidates for 180 seats (11,1% surplus),
`party-2024` rules with a convened base of 1.600. Voters strike names with a per-candidate
probability; about 1% keep every name (invalid, too_many_names), 0,2% strike every name
(all_struck) and 2% are ruled invalid by the counting committee (not_issued, marked, other).
Deterministic for a seed.
"""

import argparse
import json
import random
import sys

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Lò", "Tẩn", "Vàng"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Quang", "Thu", "Hữu", "Ngọc"]
GIVEN = ["An", "Ánh", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hà", "Hùng", "Khánh", "Lan",
         "Long", "Mai", "Nam", "Phúc", "Quân", "Sơn", "Thảo", "Trung", "Yến"]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--ballots", type=int, default=1600)
    p.add_argument("--candidates", type=int, default=200)
    p.add_argument("--seats", type=int, default=180)
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--rules", default="party-2024")
    a = p.parse_args()
    rng = random.Random(a.seed)

    candidates = []
    for i in range(a.candidates):
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        birth = f"{rng.randint(1962, 1990)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        candidates.append({"name": name, "birth_date": birth})

    # Popularity: most candidates are kept by most voters; expected kept names ≈ seats − 12.
    popularity = [rng.uniform(0.40, 1.0) for _ in range(a.candidates)]
    scale = (a.seats - 12) / sum(popularity)
    popularity = [min(0.999, q * scale) for q in popularity]

    ballots = []
    for _ in range(a.ballots):
        roll = rng.random()
        if roll < 0.005:
            ballots.append({"invalid": "not_issued"})
        elif roll < 0.015:
            ballots.append({"invalid": "marked"})
        elif roll < 0.02:
            ballots.append({"invalid": "other", "note": "phiếu bị rách, không đọc được"})
        elif roll < 0.03:
            ballots.append({"struck": []})  # keeps every name: too_many_names
        elif roll < 0.032:
            ballots.append({"struck": list(range(a.candidates))})  # all_struck
        else:
            struck = [i for i, q in enumerate(popularity) if rng.random() >= q]
            ballots.append({"struck": struck})

    issued = sum(1 for b in ballots if b.get("invalid") != "not_issued")
    election = {
        "rules": a.rules,
        "congress": "Đại hội đại biểu toàn quốc (dữ liệu thử)",
        "election": f"Bầu {a.seats} ủy viên trong {a.candidates} người",
        "place_date": "Hà Nội, ngày 20 tháng 01 năm 2026",
        "seats": a.seats,
        "alternates": 0,
        "base": a.ballots,
        "ballots_issued": max(issued, a.ballots),
        "candidates": candidates,
        "ballots": ballots,
    }
    json.dump(election, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
