#!/usr/bin/env python3
"""Generates N published articles of local news for the search benchmark (bench/search.sh).

    python3 bench/gen_articles.py sqlite DB_FILE N CATEGORY_IDS      (inserts with sqlite3)
    python3 bench/gen_articles.py csv N CATEGORY_IDS > articles.csv  (for psql \\copy)

CATEGORY_IDS is a comma-separated list. Titles and bodies are drawn, deterministically (seed 9),
from Vietnamese phrases of a district portal (congresses, farming, roads, schools, health); each
article keeps to one event, body, place and topic (one sentence in five names others), so common
words ("đại hội", "xã", "huyện", "đại biểu") occur in most articles, a place in about one in ten,
rarer words in few, as on a real portal. Bodies are about 1–2 KB. Rows are written with an empty search_text and no index row: `daihoi serve` folds and
indexes them on start (Store::fill_search_text, Store::index_missing).
"""
import csv
import random
import sys

PLACES = ["Tân Uyên", "Phúc Khoa", "Mường Khoa", "Thân Thuộc", "Nậm Cần", "Trung Đồng",
          "Hố Mít", "Pắc Ta", "Tà Mít", "Nậm Sỏ", "Than Uyên", "Sìn Hồ", "Phong Thổ",
          "Tam Đường", "Mường Tè", "Nậm Nhùn", "Lai Châu", "Sì Thâu Chải", "Bình Lư"]
BODIES = ["Đảng bộ", "Chi bộ", "Đoàn Thanh niên", "Hội Nông dân", "Hội Liên hiệp Phụ nữ",
          "Hội Cựu chiến binh", "Mặt trận Tổ quốc", "Công đoàn", "Ủy ban nhân dân",
          "Hội đồng nhân dân"]
LEVELS = ["xã", "huyện", "thị trấn", "tỉnh", "bản", "cơ sở"]
EVENTS = ["Đại hội", "Hội nghị", "Lễ kỷ niệm", "Tổng kết", "Sơ kết", "Hội thi", "Tập huấn",
          "Giao ban", "Kiểm tra", "Triển khai", "Ra quân", "Phát động"]
TOPICS = ["xây dựng nông thôn mới", "chè Shan tuyết", "ruộng bậc thang", "phòng chống dịch",
          "bầu cử đại biểu", "giảm nghèo bền vững", "đường giao thông nông thôn",
          "chuyển đổi số", "cải cách hành chính", "an toàn giao thông", "trồng rừng",
          "nước sạch", "trường học", "y tế cơ sở", "du lịch cộng đồng", "văn hóa dân tộc Thái",
          "quốc phòng an ninh", "thu hoạch lúa", "mùa mưa lũ", "học tập và làm theo"]
TERMS = ["nhiệm kỳ 2020–2025", "nhiệm kỳ 2025–2030", "năm 2021", "năm 2022", "quý I", "6 tháng đầu năm"]
SENTENCES = [
    "{event} {body} {level} {place} đã diễn ra trọng thể với sự tham dự của {n} đại biểu.",
    "Các đại biểu thảo luận về {topic} và thống nhất nhiều giải pháp cho {term}.",
    "Ban Chấp hành {body} {level} {place} đã bầu {n} đồng chí vào ban thường vụ.",
    "Đồng chí Bí thư nhấn mạnh vai trò của {topic} trong phát triển kinh tế - xã hội.",
    "Trong {term}, {level} {place} hoàn thành {n}% kế hoạch về {topic}.",
    "Nhân dân các bản tích cực tham gia {topic}, góp hàng nghìn ngày công lao động.",
    "Đại hội đã thông qua nghị quyết với tỷ lệ tán thành cao, đề ra {n} chỉ tiêu chủ yếu.",
    "Hội nghị đánh giá kết quả thực hiện {topic} và triển khai nhiệm vụ {term}.",
    "Lãnh đạo {body} {level} {place} trao giấy khen cho {n} tập thể và cá nhân tiêu biểu.",
    "Người dân {place} phấn khởi khi {topic} mang lại thu nhập ổn định.",
    "Cán bộ, đảng viên được quán triệt nghị quyết về {topic}.",
    "Theo báo cáo, tỷ lệ hộ nghèo của {level} giảm còn {n}%, vượt chỉ tiêu đề ra.",
    "Đoàn công tác của tỉnh Lai Châu đã kiểm tra thực tế tại {place}.",
    "Mùa này, đồi chè {place} xanh mướt, bà con tất bật thu hái.",
    "Phát biểu tại {event_lower}, đại diện {body} cảm ơn sự quan tâm của các cấp, các ngành.",
]
AUTHORS = ["Kim Anh", "Minh Đức", "Thu Hà", "Văn Tú", "Lò Thị Mai", "Tòng Văn Hải", "Quàng Thị Lan"]


def fill(rng, template, theme):
    """A sentence about the article's theme; one in five names another place or topic."""
    other = rng.random() < 0.2
    return template.format(
        event=theme["event"], event_lower=theme["event"].lower(),
        body=rng.choice(BODIES) if other else theme["body"],
        level=rng.choice(LEVELS) if other else theme["level"],
        place=rng.choice(PLACES) if other else theme["place"],
        topic=rng.choice(TOPICS) if other else theme["topic"],
        term=theme["term"], n=rng.randint(2, 300))


def articles(n, categories):
    rng = random.Random(9)
    base = 1_577_836_800_000_000  # 01/01/2020 UTC, microseconds
    step = 1_600 * 1_000_000      # 27 minutes apart: 100.000 articles span five years
    for i in range(n):
        # Each article is about one event of one body in one place, as news is.
        theme = {"event": rng.choice(EVENTS), "body": rng.choice(BODIES),
                 "level": rng.choice(LEVELS), "place": rng.choice(PLACES),
                 "topic": rng.choice(TOPICS), "term": rng.choice(TERMS)}
        title = (f"{theme['event']} {theme['body']} {theme['level']} {theme['place']} "
                 f"{rng.choice([theme['term'], 'về ' + theme['topic'], ''])}").strip()
        lead = fill(rng, rng.choice(SENTENCES), theme)
        paragraphs = []
        for _ in range(rng.randint(3, 6)):
            paragraphs.append(" ".join(fill(rng, rng.choice(SENTENCES), theme)
                                       for _ in range(rng.randint(2, 5))))
        body = "\n\n".join(paragraphs)
        at = base + i * step
        yield (f"bench-{i:06d}", title, lead, body, "news", rng.choice(categories),
               rng.choice(AUTHORS), "", "published", at, at, at, "")


COLUMNS = ("slug, title, lead, body_md, kind, category_id, author, source, status, "
           "published_at, created_at, updated_at, search_text")


def main():
    mode = sys.argv[1]
    if mode == "sqlite":
        import sqlite3
        db, n, cats = sys.argv[2], int(sys.argv[3]), [int(c) for c in sys.argv[4].split(",")]
        con = sqlite3.connect(db)
        con.executemany(f"INSERT INTO article ({COLUMNS}) VALUES ({', '.join('?' * 13)})",
                        articles(n, cats))
        con.commit()
    elif mode == "csv":
        n, cats = int(sys.argv[2]), [int(c) for c in sys.argv[3].split(",")]
        w = csv.writer(sys.stdout)
        for row in articles(n, cats):
            w.writerow(row)
    else:
        sys.exit("usage: gen_articles.py sqlite DB N IDS | csv N IDS")


if __name__ == "__main__":
    main()
