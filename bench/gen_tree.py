#!/usr/bin/env python3
"""Generates a large province for the import benchmark (bench/import.sh), as CSV files in the
template's columns: a tree of organizations (one province, districts, grassroots organizations,
cells) and its people, split into files of at most 100.000 rows (the sheets crate's ROWS_MAX).

    python3 bench/gen_tree.py --out DIR [--organizations 10000] [--people 300000] [--seed 2026]

Writes DIR/to-chuc.csv and DIR/nhan-su-1.csv, nhan-su-2.csv, … Names and data are invented.
Deterministic for a seed.
"""

import argparse
import csv
import os
import random

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Lò",
          "Vàng", "Tòng", "Lường", "Hà", "Sùng", "Giàng", "Lý", "Quàng", "Điêu"]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "A", "Hữu", "Công"]
MIDDLE_F = ["Thị", "Thị", "Ngọc", "Thu", "Thị Thu", "Minh"]
GIVEN_M = ["Anh", "Bình", "Cường", "Dũng", "Hùng", "Khoa", "Long", "Nam", "Páo", "Sơn",
           "Thắng", "Tùng", "Vinh", "Dơ", "Chứ", "Lả"]
GIVEN_F = ["Ánh", "Bích", "Chi", "Dung", "Hà", "Hoa", "Lan", "Mai", "Ngọc", "Phương",
           "Thảo", "Vân", "Xuân", "Ên", "Sâu", "Pằng"]
ETHNIC = ["Kinh"] * 5 + ["Thái", "Thái", "Mông", "Dao", "Giáy", "Lự", "Hà Nhì", "Khơ Mú"]
EDUCATION = ["Đại học", "Cao đẳng", "Trung cấp", "Thạc sĩ", "12/12"]
POSITION = ["Đảng viên", "Đảng viên", "Đảng viên", "Bí thư", "Phó Bí thư", "Chi ủy viên"]

ROWS_PER_FILE = 100_000


def organizations(n, rng):
    """Rows (code, name, parent code, level): 1 province, 25 districts, 40 grassroots
    organizations per district, the rest as cells spread over the grassroots ones."""
    rows = [("T", "Đảng bộ tỉnh Bình Sơn", "", "Đảng bộ tỉnh")]
    districts = 25
    grassroots_per = 40
    for d in range(1, districts + 1):
        rows.append((f"T-{d:02}", f"Đảng bộ huyện số {d}", "T", "Đảng bộ huyện"))
    grassroots = []
    for d in range(1, districts + 1):
        for g in range(1, grassroots_per + 1):
            code = f"T-{d:02}-{g:03}"
            grassroots.append(code)
            rows.append((code, f"Đảng bộ xã số {g} huyện {d}", f"T-{d:02}",
                         "Tổ chức cơ sở đảng"))
    cells = n - len(rows)
    for c in range(cells):
        parent = grassroots[c % len(grassroots)]
        rows.append((f"{parent}-{c // len(grassroots) + 1:02}",
                     f"Chi bộ thôn số {c // len(grassroots) + 1} ({parent})", parent,
                     "Chi bộ"))
    rng.shuffle(rows)  # parents after children: the import orders them itself
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--organizations", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=300_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)

    orgs = organizations(args.organizations, rng)
    members = {code: 0 for code, *_ in orgs}
    people_orgs = [code for code, _, _, level in orgs if level in ("Chi bộ", "Tổ chức cơ sở đảng")]
    assigned = [rng.choice(people_orgs) for _ in range(args.people)]
    for code in assigned:
        members[code] += 1

    with open(os.path.join(args.out, "to-chuc.csv"), "w", newline="", encoding="utf-8-sig") as f:
        w = csv.writer(f)
        w.writerow(["Mã", "Tên tổ chức", "Mã cấp trên", "Cấp", "Số đảng viên"])
        for code, name, parent, level in orgs:
            w.writerow([code, name, parent, level, members[code]])

    header = ["Họ và tên", "Giới tính", "Ngày sinh", "Dân tộc", "Trình độ", "Chức vụ",
              "Mã tổ chức", "Số thẻ đảng viên"]
    f = None
    for i, code in enumerate(assigned):
        if i % ROWS_PER_FILE == 0:
            if f:
                f.close()
            f = open(os.path.join(args.out, f"nhan-su-{i // ROWS_PER_FILE + 1}.csv"), "w",
                     newline="", encoding="utf-8-sig")
            w = csv.writer(f)
            w.writerow(header)
        female = rng.random() < 0.35
        name = " ".join([rng.choice(FAMILY),
                         rng.choice(MIDDLE_F if female else MIDDLE_M),
                         rng.choice(GIVEN_F if female else GIVEN_M)])
        birth = f"{rng.randint(1, 28):02}/{rng.randint(1, 12):02}/{rng.randint(1950, 2000)}"
        w.writerow([name, "Nữ" if female else "Nam", birth, rng.choice(ETHNIC),
                    rng.choice(EDUCATION), rng.choice(POSITION), code, f"{10_000_000 + i}"])
    if f:
        f.close()


if __name__ == "__main__":
    main()
