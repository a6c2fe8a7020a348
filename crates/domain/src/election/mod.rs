//! Election rules and tally. (filled in by the election work)
