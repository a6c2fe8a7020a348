//! Article rating aggregation. (filled in by the text work)
