//! Đọc tệp sao lưu MySQL — the text a `mysqldump` or phpMyAdmin export writes, read without a
//! MySQL server.
//!
//! The reader splits the text into statements (a `;` outside quotes and comments ends one),
//! streaming: only one statement is held at a time, at most [`Limits::max_statement`] bytes.
//! It understands what those tools write and nothing more:
//!
//! - `CREATE TABLE` gives a table's column names (an `INSERT` without a column list uses them);
//! - `INSERT [IGNORE] INTO` / `REPLACE INTO` with one or many rows, values being `NULL`,
//!   numbers, `'…'` / `"…"` strings with MySQL's backslash escapes and doubled quotes,
//!   `0x…` / `X'…'` hex, and `_binary` / `_utf8mb4` introducers;
//! - `-- …`, `# …` and `/* … */` comments are skipped; the body of a versioned comment
//!   `/*!40101 … */` is read as SQL (it is how `SET` lines are written), MariaDB's `/*M!…*/` is
//!   a comment;
//! - every other statement (`DROP`, `SET`, `LOCK TABLES`, …) is only checked for the cut-off
//!   rules below.
//!
//! **A dump cut off in the middle is refused.** The end of the file must close every statement,
//! string and comment; a `LOCK TABLES` needs its `UNLOCK TABLES`, a `START TRANSACTION` its
//! `COMMIT`; the closing `SET X=@OLD_X` lines the tools write at the end must follow the
//! `SET @OLD_X=@@X` of the start; and a dump whose first comment says `MySQL dump` or
//! `MariaDB dump` must end with mysqldump's `-- Dump completed`.

use std::collections::HashMap;
use std::io::BufRead;

use daihoi_domain::vn::format::format_uint;

/// Giới hạn — how much the reader accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The whole dump, in bytes.
    pub max_bytes: u64,
    /// One statement (one `INSERT` of many rows), in bytes.
    pub max_statement: usize,
}

/// The largest dump read by default: 8 GiB (a province's 20 years of news with every
/// per-category copy table is a few GiB).
pub const MAX_DUMP_BYTES: u64 = 8 * 1024 * 1024 * 1024;

/// The longest statement read by default: 256 MiB (mysqldump cuts its extended `INSERT`s at
/// about 1 MiB, phpMyAdmin at a few MiB).
pub const MAX_STATEMENT_BYTES: usize = 256 * 1024 * 1024;

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_bytes: MAX_DUMP_BYTES,
            max_statement: MAX_STATEMENT_BYTES,
        }
    }
}

/// Giá trị — one value of an `INSERT` row.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `NULL`.
    Null,
    /// A whole number.
    Int(i64),
    /// Any other number, as written (`1.5`, `1e3`, or an integer too large for `i64`).
    Number(String),
    /// A string, escapes decoded (hex literals too, read as UTF-8).
    Text(String),
}

impl Value {
    /// The value as text: a string as is, a number as written, `NULL` as empty.
    pub fn text(&self) -> String {
        match self {
            Value::Null => String::new(),
            Value::Int(n) => n.to_string(),
            Value::Number(s) | Value::Text(s) => s.clone(),
        }
    }

    /// The value as a whole number: numbers, and strings that hold one (MySQL quotes them at
    /// times); `None` for `NULL` and anything else.
    pub fn int(&self) -> Option<i64> {
        match self {
            Value::Int(n) => Some(*n),
            Value::Number(s) | Value::Text(s) => s.trim().parse().ok(),
            Value::Null => None,
        }
    }
}

/// Lỗi đọc tệp sao lưu — why a dump is refused; every message names the line.
#[derive(Debug, thiserror::Error)]
pub enum DumpError {
    /// The file could not be read.
    #[error("không đọc được tệp sao lưu: {0}")]
    Io(#[from] std::io::Error),
    /// Larger than [`Limits::max_bytes`].
    #[error("tệp sao lưu lớn hơn giới hạn {} byte", format_uint(*.limit))]
    TooLarge {
        /// The limit.
        limit: u64,
    },
    /// One statement is longer than [`Limits::max_statement`].
    #[error("dòng {}: câu lệnh dài hơn giới hạn {} byte", format_uint(*.line), format_uint(*.limit as u64))]
    StatementTooLong {
        /// Line where the statement starts.
        line: u64,
        /// The limit.
        limit: usize,
    },
    /// The dump ends in the middle of something.
    #[error("tệp sao lưu bị cắt giữa chừng: {what} (dòng {})", format_uint(*.line))]
    CutOff {
        /// The last line read, or the line of what was left open.
        line: u64,
        /// What was left open.
        what: String,
    },
    /// A statement the reader needs could not be read.
    #[error("dòng {}: {what}", format_uint(*.line))]
    Syntax {
        /// Line where the statement starts.
        line: u64,
        /// What is wrong, in Vietnamese.
        what: String,
    },
    /// The second read of a dump found other bytes than the first (the file was changed or
    /// replaced in between; [`crate::site::Outline::read_bodies`]).
    #[error(
        "tệp sao lưu đã thay đổi giữa hai lượt đọc: hãy chạy lại lệnh khi tệp không còn bị ghi"
    )]
    Changed,
    /// The caller's sink stopped the read; the caller reports its own reason.
    #[error("việc đọc tệp sao lưu đã dừng")]
    Stopped,
}

/// One row of an `INSERT`, given to the caller's sink.
#[derive(Debug)]
pub struct Row<'a> {
    /// Table name as written (without backticks).
    pub table: &'a str,
    /// Column names, from the `INSERT`'s list or the table's `CREATE TABLE`.
    pub columns: &'a [String],
    /// The values, one per column.
    pub values: Vec<Value>,
    /// Line where the statement starts (for messages).
    pub line: u64,
}

impl Row<'_> {
    /// The value of column `name`, if the row has that column.
    pub fn get(&self, name: &str) -> Option<&Value> {
        let i = self.columns.iter().position(|c| c == name)?;
        self.values.get(i)
    }
}

/// Đọc tệp sao lưu — reads a dump from `reader`, giving every row of the tables `wants` accepts
/// to `sink` (rows of other tables are skipped unparsed), and returns the names of every table
/// it saw (created or inserted into), in order of first appearance. The sink may stop the read
/// with an error of its own.
pub fn read_dump<R: BufRead>(
    mut reader: R,
    limits: &Limits,
    wants: &dyn Fn(&str) -> bool,
    sink: &mut dyn FnMut(Row<'_>) -> Result<(), DumpError>,
) -> Result<Vec<String>, DumpError> {
    let mut splitter = Splitter::new(*limits);
    let mut state = DumpState::default();
    loop {
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err.into()),
        };
        if chunk.is_empty() {
            break;
        }
        let len = chunk.len();
        splitter.feed(chunk, &mut |statement, line| {
            state.statement(statement, line, wants, sink)
        })?;
        reader.consume(len);
    }
    splitter.finish()?;
    state.finish(&splitter)?;
    Ok(state.tables)
}

/// What the reader remembers between statements.
#[derive(Default)]
struct DumpState {
    /// Column names by table, from `CREATE TABLE`.
    columns: HashMap<String, Vec<String>>,
    /// Every table seen.
    tables: Vec<String>,
    /// The `LOCK TABLES` not yet unlocked, with its line.
    locked: Option<u64>,
    /// The `START TRANSACTION` not yet committed, with its line.
    transaction: Option<u64>,
    /// `SET @OLD_X=@@X` seen; `SET X=@OLD_X` seen after the last data statement.
    saved_settings: bool,
    restored_settings: bool,
}

impl DumpState {
    fn statement(
        &mut self,
        sql: &[u8],
        line: u64,
        wants: &dyn Fn(&str) -> bool,
        sink: &mut dyn FnMut(Row<'_>) -> Result<(), DumpError>,
    ) -> Result<(), DumpError> {
        let mut cur = Cursor::new(sql, line);
        cur.skip_space();
        let Some(first) = cur.word() else {
            return Ok(());
        };
        match first.to_ascii_uppercase().as_str() {
            "CREATE" => {
                if cur.keyword("TABLE") {
                    cur.keyword_seq(&["IF", "NOT", "EXISTS"]);
                    let table = cur.identifier()?;
                    let columns = create_table_columns(&mut cur)?;
                    self.note_table(&table);
                    self.columns.insert(table, columns);
                }
                self.restored_settings = false;
            }
            "INSERT" | "REPLACE" => {
                cur.keyword("IGNORE");
                cur.keyword("INTO");
                let table = cur.identifier()?;
                self.note_table(&table);
                self.restored_settings = false;
                if wants(&table) {
                    self.insert(&table, &mut cur, sink)?;
                }
            }
            "LOCK" => self.locked = Some(line),
            "UNLOCK" => self.locked = None,
            "START" | "BEGIN" => self.transaction = Some(line),
            "COMMIT" => self.transaction = None,
            "SET" => {
                let rest = String::from_utf8_lossy(cur.rest()).to_ascii_uppercase();
                let rest: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
                if rest.starts_with("@OLD_") {
                    self.saved_settings = true;
                } else if rest.contains("=@OLD_") {
                    self.restored_settings = true;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn note_table(&mut self, table: &str) {
        if !self.tables.iter().any(|t| t == table) {
            self.tables.push(table.to_owned());
        }
    }

    fn insert(
        &mut self,
        table: &str,
        cur: &mut Cursor<'_>,
        sink: &mut dyn FnMut(Row<'_>) -> Result<(), DumpError>,
    ) -> Result<(), DumpError> {
        cur.skip_space();
        let listed = if cur.peek() == Some(b'(') {
            cur.bump();
            let mut names = Vec::new();
            loop {
                names.push(cur.identifier()?);
                cur.skip_space();
                match cur.bump() {
                    Some(b',') => continue,
                    Some(b')') => break,
                    _ => return Err(cur.error("danh sách cột của lệnh INSERT không đúng")),
                }
            }
            Some(names)
        } else {
            None
        };
        let columns: &[String] = match &listed {
            Some(names) => names,
            None => self.columns.get(table).ok_or_else(|| {
                cur.error(&format!(
                    "lệnh INSERT vào bảng «{table}» không kể tên cột và tệp không có \
                     CREATE TABLE của bảng này"
                ))
            })?,
        };
        if !cur.keyword("VALUES") && !cur.keyword("VALUE") {
            return Err(cur.error("lệnh INSERT thiếu VALUES"));
        }
        loop {
            cur.skip_space();
            if cur.bump() != Some(b'(') {
                return Err(cur.error("một dòng của lệnh INSERT phải bắt đầu bằng «(»"));
            }
            let mut values = Vec::with_capacity(columns.len());
            loop {
                values.push(cur.value()?);
                cur.skip_space();
                match cur.bump() {
                    Some(b',') => continue,
                    Some(b')') => break,
                    _ => return Err(cur.error("các giá trị của một dòng phải cách nhau bằng «,»")),
                }
            }
            if values.len() != columns.len() {
                return Err(cur.error(&format!(
                    "bảng «{table}» có {} cột nhưng một dòng có {} giá trị",
                    columns.len(),
                    values.len()
                )));
            }
            sink(Row {
                table,
                columns,
                values,
                line: cur.line,
            })?;
            cur.skip_space();
            match cur.peek() {
                Some(b',') => {
                    cur.bump();
                }
                // `ON DUPLICATE KEY UPDATE …` or the end of the statement.
                _ => break,
            }
        }
        Ok(())
    }

    fn finish(&self, splitter: &Splitter) -> Result<(), DumpError> {
        let cut = |line: u64, what: &str| DumpError::CutOff {
            line,
            what: what.to_owned(),
        };
        if let Some(line) = self.locked {
            return Err(cut(
                line,
                "LOCK TABLES ở dòng này không có UNLOCK TABLES tương ứng",
            ));
        }
        if let Some(line) = self.transaction {
            return Err(cut(
                line,
                "START TRANSACTION ở dòng này không có COMMIT tương ứng",
            ));
        }
        if self.saved_settings && !self.restored_settings {
            return Err(cut(
                splitter.line,
                "thiếu các dòng SET … = @OLD_… mà công cụ sao lưu ghi ở cuối tệp",
            ));
        }
        if splitter.mysqldump_header && !splitter.dump_completed {
            return Err(cut(
                splitter.line,
                "tệp của mysqldump phải kết thúc bằng dòng «-- Dump completed»",
            ));
        }
        Ok(())
    }
}

/// The column names of a `CREATE TABLE (…)`: each part of the list that starts with an
/// identifier (keys and constraints start with a keyword).
fn create_table_columns(cur: &mut Cursor<'_>) -> Result<Vec<String>, DumpError> {
    cur.skip_space();
    if cur.bump() != Some(b'(') {
        return Err(cur.error("lệnh CREATE TABLE thiếu «(»"));
    }
    let mut columns = Vec::new();
    loop {
        cur.skip_space();
        if cur.peek() == Some(b'`') || cur.peek() == Some(b'"') {
            columns.push(cur.identifier()?);
        } else if let Some(word) = cur.peek_word() {
            let upper = word.to_ascii_uppercase();
            let is_key = matches!(
                upper.as_str(),
                "PRIMARY"
                    | "KEY"
                    | "UNIQUE"
                    | "INDEX"
                    | "CONSTRAINT"
                    | "FULLTEXT"
                    | "SPATIAL"
                    | "FOREIGN"
                    | "CHECK"
                    | "PERIOD"
            );
            if !is_key {
                columns.push(cur.identifier()?);
            }
        }
        // Skip to the `,` or `)` that ends this part, over nested parentheses and strings.
        let mut depth = 0usize;
        loop {
            match cur.peek() {
                None => return Err(cur.error("lệnh CREATE TABLE không đóng «)»")),
                Some(b'\'') | Some(b'"') => {
                    cur.value()?;
                }
                Some(b'`') => {
                    cur.identifier()?;
                }
                Some(b'(') => {
                    depth += 1;
                    cur.bump();
                }
                Some(b')') if depth > 0 => {
                    depth -= 1;
                    cur.bump();
                }
                Some(b')') => {
                    cur.bump();
                    return Ok(columns);
                }
                Some(b',') if depth == 0 => {
                    cur.bump();
                    break;
                }
                Some(_) => {
                    cur.bump();
                }
            }
        }
    }
}

/// Where the splitter is in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Code,
    /// In a `'…'`, `"…"` or `` `…` `` (the byte is the quote); `escaped` after a backslash.
    Quoted {
        quote: u8,
        escaped: bool,
    },
    /// In a `-- …` or `# …` comment, up to the end of the line.
    LineComment,
    /// In a `/* … */` comment (not a versioned one).
    BlockComment,
}

/// What the splitter calls with each statement and the line it starts on.
type Emit<'a> = dyn FnMut(&[u8], u64) -> Result<(), DumpError> + 'a;

/// Cuts the byte stream into statements.
struct Splitter {
    limits: Limits,
    mode: Mode,
    statement: Vec<u8>,
    /// Line of the current statement's first byte.
    statement_line: u64,
    /// Current line (1-based).
    line: u64,
    /// Line where the current quote or comment opened.
    opened_at: u64,
    /// Bytes read so far.
    bytes: u64,
    /// The previous byte of code (for `--`, `/*`, `*/`), or 0.
    previous: u8,
    /// Inside a versioned comment's body `/*!…*/` (read as code).
    versioned: bool,
    /// Just after `/*` (a `!` next makes it a versioned comment).
    block_start: bool,
    /// Skipping the version digits after `/*!`.
    version_digits: bool,
    /// The start of the current line comment (for the `-- Dump completed` check).
    comment: Vec<u8>,
    /// A comment has been seen already (the first one tells mysqldump's header).
    seen_comment: bool,
    mysqldump_header: bool,
    dump_completed: bool,
}

impl Splitter {
    fn new(limits: Limits) -> Splitter {
        Splitter {
            limits,
            mode: Mode::Code,
            statement: Vec::new(),
            statement_line: 1,
            line: 1,
            opened_at: 1,
            bytes: 0,
            previous: 0,
            versioned: false,
            block_start: false,
            version_digits: false,
            comment: Vec::new(),
            seen_comment: false,
            mysqldump_header: false,
            dump_completed: false,
        }
    }

    fn push(&mut self, byte: u8) -> Result<(), DumpError> {
        if self.statement.is_empty() {
            if byte.is_ascii_whitespace() {
                return Ok(());
            }
            self.statement_line = self.line;
        }
        if self.statement.len() >= self.limits.max_statement {
            return Err(DumpError::StatementTooLong {
                line: self.statement_line,
                limit: self.limits.max_statement,
            });
        }
        self.statement.push(byte);
        Ok(())
    }

    fn end_line_comment(&mut self) {
        let text = String::from_utf8_lossy(&self.comment);
        let text = text.trim();
        if !self.seen_comment {
            self.seen_comment = true;
            self.mysqldump_header =
                text.starts_with("MySQL dump") || text.starts_with("MariaDB dump");
        }
        if text.starts_with("Dump completed") {
            self.dump_completed = true;
        }
        self.comment.clear();
    }

    fn feed(&mut self, chunk: &[u8], emit: &mut Emit<'_>) -> Result<(), DumpError> {
        self.bytes += chunk.len() as u64;
        if self.bytes > self.limits.max_bytes {
            return Err(DumpError::TooLarge {
                limit: self.limits.max_bytes,
            });
        }
        for &byte in chunk {
            if byte == b'\n' {
                self.line += 1;
            }
            match self.mode {
                Mode::Quoted { quote, escaped } => {
                    self.push(byte)?;
                    self.mode = if escaped {
                        Mode::Quoted {
                            quote,
                            escaped: false,
                        }
                    } else if byte == b'\\' && quote != b'`' {
                        Mode::Quoted {
                            quote,
                            escaped: true,
                        }
                    } else if byte == quote {
                        Mode::Code
                    } else {
                        Mode::Quoted {
                            quote,
                            escaped: false,
                        }
                    };
                }
                Mode::LineComment => {
                    if byte == b'\n' {
                        self.end_line_comment();
                        self.mode = Mode::Code;
                        self.previous = 0;
                    } else if self.comment.len() < 64 {
                        self.comment.push(byte);
                    }
                }
                Mode::BlockComment => {
                    if self.block_start {
                        self.block_start = false;
                        if byte == b'!' {
                            // `/*!40101 … */`: the body is SQL.
                            self.mode = Mode::Code;
                            self.versioned = true;
                            self.version_digits = true;
                            self.previous = 0;
                            continue;
                        }
                    }
                    if self.previous == b'*' && byte == b'/' {
                        self.mode = Mode::Code;
                        self.previous = 0;
                        self.seen_comment = true;
                    } else {
                        self.previous = byte;
                    }
                }
                Mode::Code => {
                    if self.version_digits {
                        if byte.is_ascii_digit() {
                            continue;
                        }
                        self.version_digits = false;
                    }
                    match (self.previous, byte) {
                        (b'-', b'-') => {
                            // `--` starts a comment only when followed by a blank; decided at
                            // the next byte, so keep both for now.
                            self.push(byte)?;
                            self.previous = b'\x01';
                            continue;
                        }
                        (b'\x01', b) if b.is_ascii_whitespace() || b == b'\n' => {
                            // Drop the `--` pushed above.
                            self.statement.truncate(self.statement.len() - 2);
                            self.opened_at = self.line;
                            if b == b'\n' {
                                self.end_line_comment();
                                self.previous = 0;
                            } else {
                                self.mode = Mode::LineComment;
                            }
                            continue;
                        }
                        (b'/', b'*') => {
                            self.statement.pop();
                            self.opened_at = self.line;
                            self.mode = Mode::BlockComment;
                            self.block_start = true;
                            self.previous = 0;
                            continue;
                        }
                        (b'*', b'/') if self.versioned => {
                            self.statement.pop();
                            self.versioned = false;
                            self.previous = 0;
                            continue;
                        }
                        _ => {}
                    }
                    match byte {
                        b'#' => {
                            self.opened_at = self.line;
                            self.mode = Mode::LineComment;
                            self.previous = 0;
                        }
                        b'\'' | b'"' | b'`' => {
                            self.push(byte)?;
                            self.opened_at = self.line;
                            self.mode = Mode::Quoted {
                                quote: byte,
                                escaped: false,
                            };
                            self.previous = 0;
                        }
                        b';' => {
                            if !self.statement.is_empty() {
                                emit(&self.statement, self.statement_line)?;
                            }
                            self.statement.clear();
                            self.previous = 0;
                        }
                        _ => {
                            self.push(byte)?;
                            self.previous = byte;
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), DumpError> {
        match self.mode {
            Mode::Quoted { quote, .. } => {
                let what = if quote == b'`' {
                    "một tên bảng hoặc tên cột chưa đóng dấu «`»"
                } else {
                    "một chuỗi chưa đóng dấu nháy"
                };
                return Err(DumpError::CutOff {
                    line: self.opened_at,
                    what: what.to_owned(),
                });
            }
            Mode::BlockComment => {
                return Err(DumpError::CutOff {
                    line: self.opened_at,
                    what: "một chú thích /* … */ chưa đóng".to_owned(),
                });
            }
            Mode::LineComment => self.end_line_comment(),
            Mode::Code => {}
        }
        if self.versioned {
            return Err(DumpError::CutOff {
                line: self.opened_at,
                what: "một chú thích /*! … */ chưa đóng".to_owned(),
            });
        }
        if self.statement.iter().any(|b| !b.is_ascii_whitespace()) {
            return Err(DumpError::CutOff {
                line: self.statement_line,
                what: "câu lệnh cuối cùng không kết thúc bằng «;»".to_owned(),
            });
        }
        Ok(())
    }
}

/// A reader over one statement's bytes.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
    line: u64,
}

impl<'a> Cursor<'a> {
    fn new(bytes: &'a [u8], line: u64) -> Cursor<'a> {
        Cursor { bytes, at: 0, line }
    }

    fn error(&self, what: &str) -> DumpError {
        DumpError::Syntax {
            line: self.line,
            what: what.to_owned(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn bump(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.at += 1;
        Some(b)
    }

    fn rest(&self) -> &'a [u8] {
        &self.bytes[self.at..]
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.at += 1;
        }
    }

    fn peek_word(&self) -> Option<&'a str> {
        let rest = self.rest();
        let end = rest
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
            .unwrap_or(rest.len());
        (end > 0).then(|| std::str::from_utf8(&rest[..end]).unwrap_or(""))
    }

    fn word(&mut self) -> Option<&'a str> {
        self.skip_space();
        let word = self.peek_word()?;
        self.at += word.len();
        Some(word)
    }

    /// Consumes `keyword` (any case) if it comes next.
    fn keyword(&mut self, keyword: &str) -> bool {
        self.skip_space();
        match self.peek_word() {
            Some(word) if word.eq_ignore_ascii_case(keyword) => {
                self.at += word.len();
                true
            }
            _ => false,
        }
    }

    fn keyword_seq(&mut self, words: &[&str]) {
        let start = self.at;
        if !words.iter().all(|w| self.keyword(w)) {
            self.at = start;
        }
    }

    /// A table or column name: `` `name` `` (doubled backticks inside), `"name"` or a bare word;
    /// `db.table` keeps the last part.
    fn identifier(&mut self) -> Result<String, DumpError> {
        self.skip_space();
        let mut name = match self.peek() {
            Some(q @ (b'`' | b'"')) => {
                self.bump();
                let mut out = Vec::new();
                loop {
                    match self.bump() {
                        None => return Err(self.error("tên bảng hoặc tên cột chưa đóng")),
                        Some(b) if b == q => {
                            if self.peek() == Some(q) {
                                self.bump();
                                out.push(q);
                            } else {
                                break;
                            }
                        }
                        Some(b) => out.push(b),
                    }
                }
                String::from_utf8(out).map_err(|_| self.error("tên bảng không phải UTF-8"))?
            }
            _ => match self.peek_word() {
                Some(word) => {
                    self.at += word.len();
                    word.to_owned()
                }
                None => return Err(self.error("thiếu tên bảng hoặc tên cột")),
            },
        };
        if self.peek() == Some(b'.') {
            self.bump();
            name = self.identifier()?;
        }
        Ok(name)
    }

    /// One value of a row.
    fn value(&mut self) -> Result<Value, DumpError> {
        self.skip_space();
        match self.peek() {
            Some(b'\'') | Some(b'"') => self.string().map(Value::Text),
            Some(b'_') => {
                // A character-set introducer: `_binary'…'`, `_utf8mb4 '…'`.
                self.peek_word();
                let word = self.peek_word().unwrap_or("");
                self.at += word.len();
                self.value()
            }
            Some(b'0') if matches!(self.bytes.get(self.at + 1), Some(b'x' | b'X')) => {
                self.at += 2;
                let start = self.at;
                while self.peek().is_some_and(|b| b.is_ascii_hexdigit()) {
                    self.at += 1;
                }
                self.hex_text(start, self.at)
            }
            Some(b'x' | b'X') if self.bytes.get(self.at + 1) == Some(&b'\'') => {
                self.at += 2;
                let start = self.at;
                while self.peek().is_some_and(|b| b.is_ascii_hexdigit()) {
                    self.at += 1;
                }
                let end = self.at;
                if self.bump() != Some(b'\'') {
                    return Err(self.error("giá trị X'…' chưa đóng"));
                }
                self.hex_text(start, end)
            }
            Some(b) if b == b'-' || b == b'+' || b == b'.' || b.is_ascii_digit() => {
                let start = self.at;
                self.at += 1;
                while self.peek().is_some_and(|b| {
                    b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+')
                }) {
                    self.at += 1;
                }
                let text = std::str::from_utf8(&self.bytes[start..self.at]).unwrap_or("");
                Ok(match text.parse::<i64>() {
                    Ok(n) => Value::Int(n),
                    Err(_) => Value::Number(text.to_owned()),
                })
            }
            _ => match self.peek_word() {
                Some(word) if word.eq_ignore_ascii_case("NULL") => {
                    self.at += 4;
                    Ok(Value::Null)
                }
                Some(word) if word.eq_ignore_ascii_case("TRUE") => {
                    self.at += 4;
                    Ok(Value::Int(1))
                }
                Some(word) if word.eq_ignore_ascii_case("FALSE") => {
                    self.at += 5;
                    Ok(Value::Int(0))
                }
                _ => Err(self.error("một giá trị của lệnh INSERT không đọc được")),
            },
        }
    }

    fn hex_text(&self, start: usize, end: usize) -> Result<Value, DumpError> {
        let digits = &self.bytes[start..end];
        if !digits.len().is_multiple_of(2) {
            return Err(self.error("giá trị thập lục phân có số chữ số lẻ"));
        }
        let bytes: Vec<u8> = digits
            .chunks(2)
            .map(|pair| {
                let hi = (pair[0] as char).to_digit(16).unwrap_or(0) as u8;
                let lo = (pair[1] as char).to_digit(16).unwrap_or(0) as u8;
                hi * 16 + lo
            })
            .collect();
        String::from_utf8(bytes)
            .map(Value::Text)
            .map_err(|_| self.error("giá trị thập lục phân không phải văn bản UTF-8"))
    }

    /// A quoted string with MySQL's escapes: `\0 \b \n \r \t \Z \\ \' \"`, `\%` and `\_` keep
    /// their backslash, any other escaped byte stands for itself; a doubled quote is one quote.
    fn string(&mut self) -> Result<String, DumpError> {
        let quote = self.bump().unwrap_or(b'\'');
        let mut out: Vec<u8> = Vec::new();
        loop {
            // Copy the plain run up to the next quote or backslash in one go.
            let rest = self.rest();
            let run = rest
                .iter()
                .position(|&b| b == quote || b == b'\\')
                .unwrap_or(rest.len());
            out.extend_from_slice(&rest[..run]);
            self.at += run;
            match self.bump() {
                None => return Err(self.error("một chuỗi chưa đóng dấu nháy")),
                Some(b'\\') => match self.bump() {
                    None => return Err(self.error("một chuỗi kết thúc bằng «\\»")),
                    Some(b'0') => out.push(0),
                    Some(b'b') => out.push(8),
                    Some(b'n') => out.push(b'\n'),
                    Some(b'r') => out.push(b'\r'),
                    Some(b't') => out.push(b'\t'),
                    Some(b'Z') => out.push(0x1a),
                    Some(b @ (b'%' | b'_')) => out.extend_from_slice(&[b'\\', b]),
                    Some(b) => out.push(b),
                },
                Some(_) if self.peek() == Some(quote) => {
                    self.bump();
                    out.push(quote);
                }
                Some(_) => break,
            }
        }
        String::from_utf8(out).map_err(|_| self.error("một chuỗi không phải văn bản UTF-8"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Table, columns and values of each row read.
    type Read = Vec<(String, Vec<String>, Vec<Value>)>;

    fn rows(dump: &str) -> Result<Read, DumpError> {
        let mut out = Vec::new();
        read_dump(dump.as_bytes(), &Limits::default(), &|_| true, &mut |row| {
            out.push((row.table.to_owned(), row.columns.to_vec(), row.values));
            Ok(())
        })?;
        Ok(out)
    }

    #[test]
    fn reads_create_and_multi_row_insert_with_escapes() {
        let dump = "-- phpMyAdmin SQL Dump\n\
            /*!40101 SET NAMES utf8mb4 */;\n\
            CREATE TABLE `t` (\n  `id` int(11) NOT NULL,\n  `name` varchar(9) DEFAULT 'a,b' COMMENT 'x (y)',\n  `n` decimal(10,2),\n  PRIMARY KEY (`id`),\n  KEY `k` (`name`)\n) ENGINE=MyISAM;\n\
            INSERT INTO `t` VALUES (1,'It\\'s \\\"ok\\\"\\n','1.50'),(2,NULL,-3.5),\n(3,'a''b; c -- d /* e */',0x4869);\n";
        let got = rows(dump).unwrap();
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].1, ["id", "name", "n"]);
        assert_eq!(got[0].2[1], Value::Text("It's \"ok\"\n".into()));
        assert_eq!(got[1].2[1], Value::Null);
        assert_eq!(got[1].2[2], Value::Number("-3.5".into()));
        assert_eq!(got[2].2[1], Value::Text("a'b; c -- d /* e */".into()));
        assert_eq!(got[2].2[2], Value::Text("Hi".into()));
    }

    #[test]
    fn an_insert_with_a_column_list_needs_no_create() {
        let got = rows("INSERT INTO `x` (`b`, `a`) VALUES\n(1, 'một'),\n(2, 'hai');").unwrap();
        assert_eq!(got[1].1, ["b", "a"]);
        assert_eq!(got[1].2, [Value::Int(2), Value::Text("hai".into())]);
        let err = rows("INSERT INTO `x` VALUES (1);").unwrap_err().to_string();
        assert!(err.contains("không kể tên cột"), "{err}");
    }

    #[test]
    fn cut_off_dumps_are_refused() {
        for (dump, expect) in [
            ("INSERT INTO `x` (`a`) VALUES ('abc", "chuỗi chưa đóng"),
            (
                "INSERT INTO `x` (`a`) VALUES (1)",
                "không kết thúc bằng «;»",
            ),
            (
                "LOCK TABLES `x` WRITE;\nINSERT INTO `x` (`a`) VALUES (1);\n",
                "UNLOCK TABLES",
            ),
            (
                "/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;\nCREATE TABLE `x` (`a` int);\n",
                "@OLD_",
            ),
            (
                "-- MySQL dump 10.13\nCREATE TABLE `x` (`a` int);\n",
                "Dump completed",
            ),
            (
                "START TRANSACTION;\nCREATE TABLE `x` (`a` int);\n",
                "COMMIT",
            ),
            ("/* đang viết", "chú thích"),
        ] {
            let err = rows(dump).unwrap_err();
            assert!(matches!(err, DumpError::CutOff { .. }), "{dump}: {err}");
            assert!(err.to_string().contains(expect), "{dump}: {err}");
        }
        let whole = "-- MySQL dump 10.13\n/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;\n\
                     LOCK TABLES `x` WRITE;\nINSERT INTO `x` (`a`) VALUES (1);\nUNLOCK TABLES;\n\
                     /*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;\n-- Dump completed on 2026-11-28\n";
        assert_eq!(rows(whole).unwrap().len(), 1);
    }

    #[test]
    fn limits_are_enforced() {
        let limits = Limits {
            max_bytes: 10,
            max_statement: 1024,
        };
        let err = read_dump(
            "SELECT 1; SELECT 2; SELECT 3;".as_bytes(),
            &limits,
            &|_| true,
            &mut |_| Ok(()),
        )
        .unwrap_err();
        assert!(matches!(err, DumpError::TooLarge { .. }), "{err}");
        let limits = Limits {
            max_bytes: 1 << 20,
            max_statement: 8,
        };
        let err = read_dump(
            "\n\nINSERT INTO x VALUES (1);".as_bytes(),
            &limits,
            &|_| true,
            &mut |_| Ok(()),
        )
        .unwrap_err();
        assert!(err.to_string().contains("dòng 3"), "{err}");
    }

    #[test]
    fn unwanted_tables_are_not_parsed() {
        let mut seen = 0;
        let tables = read_dump(
            "INSERT INTO `a` (`x`) VALUES (this is not SQL);\nINSERT INTO `b` (`x`) VALUES (1);"
                .as_bytes(),
            &Limits::default(),
            &|t| t == "b",
            &mut |_| {
                seen += 1;
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(seen, 1);
        assert_eq!(tables, ["a", "b"]);
    }
}
