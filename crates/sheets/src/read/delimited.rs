//! CSV — UTF-8 with or without the byte-order mark Excel writes, fields separated by `,`, `;` (a
//! Vietnamese Excel's list separator) or a tab, whichever the first line uses most outside
//! quotes. Rows are numbered as Excel numbers them when it opens the file: a quoted field with a
//! line break inside stays one row, an empty line is a row.

use super::Grid;
use crate::SheetError;

/// Reads a text file that is not a known binary.
pub(super) fn read(bytes: &[u8]) -> Result<Grid, SheetError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let before = &bytes[..e.valid_up_to()];
        SheetError::NotUtf8 {
            line: u32::try_from(before.iter().filter(|&&b| b == b'\n').count() + 1)
                .unwrap_or(u32::MAX),
        }
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let mut grid = Grid::default();
    // Excel's row of a record: one more than the line breaks before it, less those inside
    // quoted fields of the records before it (counted incrementally: `seen` bytes scanned).
    let (mut seen, mut breaks_before, mut inner_breaks) = (0usize, 0u64, 0u64);
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                return Err(SheetError::Broken {
                    detail: e.to_string(),
                });
            }
        }
        // The reader's position is where it started looking: empty lines it skipped come
        // before the record itself.
        let from = record
            .position()
            .map_or(0, |p| p.byte() as usize)
            .min(text.len());
        let start = from
            + text.as_bytes()[from..]
                .iter()
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count();
        breaks_before += text.as_bytes()[seen.min(start)..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        seen = seen.max(start);
        let row =
            u32::try_from(breaks_before + 1 - inner_breaks.min(breaks_before)).unwrap_or(u32::MAX);
        for (column, field) in record.iter().enumerate() {
            inner_breaks += field.matches('\n').count() as u64;
            grid.put(row, column, field.to_owned())?;
        }
    }
    Ok(grid)
}

/// The separator the first non-empty line uses most, outside quotes (`,` when none is there).
fn delimiter(text: &str) -> u8 {
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in first.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (d, n) in &mut counts {
                if b == *d {
                    *n += 1;
                }
            }
        }
    }
    // The first of the most used: `,` wins a tie.
    counts
        .iter()
        .fold(
            (b',', 0),
            |best, &(d, n)| if n > best.1 { (d, n) } else { best },
        )
        .0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_separator_is_sniffed_from_the_first_line() {
        assert_eq!(delimiter("Mã;Tên tổ chức;Cấp\n1,5;2"), b';');
        assert_eq!(delimiter("\n\nMã,\"Tên; tổ chức\",Cấp"), b',');
        assert_eq!(delimiter("Mã\tTên"), b'\t');
        assert_eq!(delimiter("Mã"), b',');
    }
}
