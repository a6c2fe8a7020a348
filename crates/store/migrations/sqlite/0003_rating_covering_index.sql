-- daihoi schema 3: rating_summary sums stars per article from this index alone (index-only scan)
-- instead of visiting every rating row of the article.
CREATE INDEX rating_article_stars ON rating (article_id, stars);
