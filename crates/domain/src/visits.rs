//! Visitor statistics calendar. (filled in by the text work)
