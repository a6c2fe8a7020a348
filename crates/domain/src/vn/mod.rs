//! Vietnamese text conventions. (filled in by the text work)
