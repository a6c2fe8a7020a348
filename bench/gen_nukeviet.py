#!/usr/bin/env python3
"""A NukeViet 4 dump of N articles for bench/nukeviet.sh (issue 9: "50.000 articles import in
under two minutes").

Writes what mysqldump writes for the news module and counter of a provincial portal: the
category tree (3 levels, 40 categories), `_rows` and `_detail` with extended INSERTs of 100 rows,
one per-category copy table (`_news_1`, read past unparsed, as a real dump has dozens), and
`nv4_counter`. Bodies are 4-8 KB of Vietnamese HTML with inline styles, entities, a table every
fifth article and a picture every third (the fixture's two photos, so files are copied once).
Statuses: 90 % published, the rest drafts, scheduled or expired.

    python3 bench/gen_nukeviet.py --articles 50000 --out dump.sql [--prefix nv4] [--seed 2026]
"""
import argparse
import random

WORDS = (
    "đại hội đảng bộ huyện nhiệm kỳ ban chấp hành tỉnh ủy nghị quyết kinh tế xã hội phát triển "
    "nông thôn mới giao thông thủy lợi giáo dục y tế văn hóa quốc phòng an ninh đồng bào dân tộc "
    "thiểu số sản xuất chè cao su thảo quả hội đồng nhân dân ủy ban mặt trận tổ quốc đoàn thanh niên "
    "hội phụ nữ nông dân cựu chiến binh công đoàn xã thị trấn bản làng cán bộ đảng viên quần chúng"
).split()


def esc(s):
    return s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r")


def sentence(rng, n):
    words = [rng.choice(WORDS) for _ in range(n)]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def body(rng, i):
    parts = []
    size = rng.randint(4000, 8000)
    while sum(len(p) for p in parts) < size:
        kind = rng.random()
        if kind < 0.15:
            parts.append('<p style="text-align: justify;"><strong>%s</strong></p>' % sentence(rng, 12))
        elif kind < 0.2:
            parts.append("<ul>%s</ul>" % "".join("<li>%s</li>" % sentence(rng, 8) for _ in range(4)))
        else:
            parts.append('<p class="MsoNormal">%s &quot;%s&quot; %s&nbsp;GD&amp;ĐT</p>'
                         % (sentence(rng, 30), sentence(rng, 4), sentence(rng, 25)))
    if i % 5 == 0:
        rows = "".join("<tr><td>%d</td><td>%s</td><td>%d</td></tr>" % (r, rng.choice(WORDS), rng.randint(10, 999))
                       for r in range(1, 9))
        parts.insert(2, '<table border="1" style="width:100%%"><tbody>%s</tbody></table>' % rows)
    if i % 3 == 0:
        parts.insert(1, '<figure class="image"><img alt="Ảnh %d" src="/uploads/news/2026_11/ky-hop-hdnd-%d.jpg" '
                        'width="800" height="500" /><figcaption>Quang cảnh buổi làm việc.</figcaption></figure>'
                     % (i, 1 + i % 2))
    return "\n".join(parts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=50000)
    ap.add_argument("--out", required=True)
    ap.add_argument("--prefix", default="nv4")
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    p = args.prefix
    with open(args.out, "w", encoding="utf-8") as f:
        w = f.write
        w("-- MySQL dump 10.13  Distrib 8.0 (bench/gen_nukeviet.py)\n")
        w("/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n/*!40101 SET NAMES utf8mb4 */;\n")
        w("/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;\n/*!40103 SET TIME_ZONE='+00:00' */;\n")
        # Categories: 4 top, 3 children each, 2 grandchildren each (4 + 12 + 24 = 40).
        w("DROP TABLE IF EXISTS `%s_vi_news_cat`;\n" % p)
        w("CREATE TABLE `%s_vi_news_cat` (\n  `catid` smallint(5) unsigned NOT NULL AUTO_INCREMENT,\n"
          "  `parentid` smallint(5) unsigned NOT NULL DEFAULT 0,\n  `title` varchar(250) NOT NULL,\n"
          "  `alias` varchar(250) NOT NULL DEFAULT '',\n  `weight` smallint(5) unsigned NOT NULL DEFAULT 0,\n"
          "  `status` smallint(4) NOT NULL DEFAULT 1,\n  PRIMARY KEY (`catid`)\n) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4;\n" % p)
        cats = []
        cid = 0
        for top in range(4):
            cid += 1
            t = cid
            cats.append((t, 0, "Chuyên mục %d" % t, "Chuyen-muc-%d" % t, top))
            for c in range(3):
                cid += 1
                ch = cid
                cats.append((ch, t, "Mục con %d" % ch, "muc-con-%d" % ch, c))
                for g in range(2):
                    cid += 1
                    cats.append((cid, ch, "Mục nhỏ %d" % cid, "muc-nho-%d" % cid, g))
        w("LOCK TABLES `%s_vi_news_cat` WRITE;\n" % p)
        w("INSERT INTO `%s_vi_news_cat` VALUES %s;\n" % (p, ",".join(
            "(%d,%d,'%s','%s',%d,1)" % (a, b, esc(c), esc(d), e) for a, b, c, d, e in cats)))
        w("UNLOCK TABLES;\n")
        cols_rows = ("`id` int(11) unsigned NOT NULL AUTO_INCREMENT,`catid` smallint(5),`listcatid` varchar(255),"
                     "`author` varchar(250),`sourceid` mediumint(8),`addtime` int(11),`edittime` int(11),"
                     "`status` tinyint(4),`publtime` int(11),`exptime` int(11),`title` varchar(250),"
                     "`alias` varchar(250),`hometext` text,`homeimgfile` varchar(255),`homeimgalt` varchar(255),"
                     "`hitstotal` mediumint(8),`total_rating` int(11),`click_rating` int(11),PRIMARY KEY (`id`)")
        rows = []
        details = []
        start = 1_420_070_400  # 2015-01-01
        for i in range(1, args.articles + 1):
            cat = rng.randint(1, 40)
            other = rng.randint(1, 40)
            t = start + i * 6000
            r = rng.random()
            status, publ, exp = 1, t, 0
            if r < 0.04:
                status = 4
            elif r < 0.06:
                publ = 1_830_000_000
            elif r < 0.08:
                exp = t + 86400
            title = sentence(rng, rng.randint(8, 16))[:-1]
            clicks = rng.randint(0, 20)
            rows.append("(%d,%d,'%d,%d','%s',0,%d,%d,%d,%d,%d,'%s','%s','%s','%s','%s',%d,%d,%d)" % (
                i, cat, cat, other, "Phóng viên %d" % (i % 50), t, t, status, publ, exp, esc(title),
                "bai-viet-%d" % i, esc(sentence(rng, 40)), "2026_11/ky-hop-hdnd-1.jpg" if i % 7 == 0 else "",
                "Ảnh đại diện", rng.randint(0, 5000), clicks * rng.randint(1, 5), clicks))
            details.append("(%d,'','','%s','','')" % (i, esc(body(rng, i))))
        for table, create, data in (
            ("%s_vi_news_rows" % p, cols_rows, rows),
            ("%s_vi_news_1" % p, cols_rows, rows[: len(rows) // 10]),
            ("%s_vi_news_detail" % p, "`id` int(11) unsigned NOT NULL,`titlesite` varchar(255),`description` text,"
             "`bodyhtml` longtext NOT NULL,`keywords` varchar(255),`sourcetext` varchar(255),PRIMARY KEY (`id`)", details),
        ):
            w("DROP TABLE IF EXISTS `%s`;\nCREATE TABLE `%s` (%s) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4;\n"
              % (table, table, create))
            w("LOCK TABLES `%s` WRITE;\n" % table)
            for k in range(0, len(data), 100):
                w("INSERT INTO `%s` VALUES %s;\n" % (table, ",".join(data[k:k + 100])))
            w("UNLOCK TABLES;\n")
        w("CREATE TABLE `%s_counter` (`c_type` varchar(100) NOT NULL,`c_val` varchar(100) NOT NULL,"
          "`last_update` int(11) NOT NULL DEFAULT 0,`c_count` int(11) unsigned NOT NULL DEFAULT 0,"
          "`vi_count` int(11) unsigned NOT NULL DEFAULT 0) ENGINE=MyISAM;\n" % p)
        counter = [("c_time", "last", 0, 1_795_845_821), ("total", "hits", 0, 62_883_393)]
        counter += [("year", str(y), 0, 3_000_000 + y) for y in range(2015, 2027)]
        counter += [("month", m, 0, 400_000) for m in "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()]
        counter += [("day", "%02d" % d, 0, 15_000 if d <= 28 else 0) for d in range(1, 32)]
        w("INSERT INTO `%s_counter` VALUES %s;\n" % (p, ",".join("('%s','%s',%d,%d,%d)" % (a, b, c, d, d) for a, b, c, d in counter)))
        w("/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;\n/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;\n")
        w("-- Dump completed on 2026-11-28 12:00:00\n")


if __name__ == "__main__":
    main()
