-- daihoi schema 7 (SQLite): what one network address may add to one article's rating.

-- Đánh giá theo địa chỉ: ratings one (keyed-hash) client address gave one article since
-- `first_at` (µs UTC). Counted and checked in one upsert, in the rating's transaction, so every
-- instance shares the bound; rows older than the window are deleted as ratings arrive.
CREATE TABLE rating_address (
    article_id INTEGER NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    ip_key     TEXT    NOT NULL,
    votes      INTEGER NOT NULL CHECK (votes > 0),
    first_at   INTEGER NOT NULL,
    PRIMARY KEY (article_id, ip_key)
);
CREATE INDEX rating_address_first ON rating_address (first_at);
