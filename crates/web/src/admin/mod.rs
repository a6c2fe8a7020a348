//! Administration under `/quan-tri` (quản trị): login, articles, categories, photos, audit log.
