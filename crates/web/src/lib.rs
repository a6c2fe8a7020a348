//! # daihoi-web (filled in by the web work)
