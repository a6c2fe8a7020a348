//! Demo data (dữ liệu mẫu): the demo portal, its articles, photos and visit history.
