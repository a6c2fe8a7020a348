//! Tests of daihoi-sheets through its public API: every input is made in the test (XLSX with
//! rust_xlsxwriter, zips with the zip crate, CSV as text).

mod lists;
mod read;
mod write;

use std::io::{Cursor, Read, Write};

use rust_xlsxwriter::{Workbook, Worksheet};

/// An XLSX workbook whose first sheet is filled by `fill`.
pub fn xlsx(fill: impl FnOnce(&mut Worksheet)) -> Vec<u8> {
    let mut workbook = Workbook::new();
    fill(workbook.add_worksheet());
    workbook.save_to_buffer().unwrap()
}

/// An XLSX workbook with these rows of strings from A1 (empty strings are left empty).
pub fn xlsx_rows(rows: &[&[&str]]) -> Vec<u8> {
    xlsx(|ws| {
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                if !text.is_empty() {
                    ws.write_string(r as u32, c as u16, *text).unwrap();
                }
            }
        }
    })
}

/// A zip archive of these parts, deflated.
pub fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in parts {
        writer
            .start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(data).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// The same archive with one part's text changed by `edit`.
pub fn edit_part(archive: &[u8], suffix: &str, edit: impl Fn(&str) -> String) -> Vec<u8> {
    let mut reader = zip::ZipArchive::new(Cursor::new(archive)).unwrap();
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..reader.len() {
        let mut entry = reader.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name.ends_with(suffix) {
            data = edit(&String::from_utf8(data).unwrap()).into_bytes();
        }
        parts.push((name, data));
    }
    let refs: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    zip_of(&refs)
}
