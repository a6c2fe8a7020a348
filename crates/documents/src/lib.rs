//! # daihoi-documents
//!
//! Printed documents rendered from plain data: ballot papers (phiếu bầu) and counting minutes
//! (biên bản kiểm phiếu) as PDF, results as Excel. (filled in by the documents work)
