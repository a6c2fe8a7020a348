-- daihoi schema 4 (PostgreSQL): the folded search text of each article (daihoi_domain::vn::fold
-- of title, lead, author and body: lowercase, no diacritics, đ → d), searched with LIKE by the
-- portal search and the administration list. SQL cannot fold Vietnamese, so existing rows start
-- empty and Store::migrate fills every row whose search_text is '' right after the migrations
-- run; create_article and update_article keep it up to date.
ALTER TABLE article ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
