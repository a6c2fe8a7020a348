//! Typst as a library: a minimal [`World`] holding one template, the shared `common.typ` and the
//! view model as `/data.json`. The templates read the data with `json("/data.json")`, so what a
//! user typed is only ever a typst *string value*, never markup to be parsed.
//!
//! The standard library and the fonts are loaded once per process ([`LazyLock`]).

use std::sync::LazyLock;

use serde::Serialize;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::layout::PagedDocument;
use typst::syntax::{FileId, Source, VirtualPath};
use typst::text::{Font, FontBook, FontStyle, FontVariant};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::DocumentError;

/// The one font family every document is set in (from `typst-assets`, SIL Open Font Licence).
pub const FONT_FAMILY: &str = "Libertinus Serif";

/// Shared typst definitions (headers, signature blocks), importable as `/common.typ`.
const COMMON_TEMPLATE: &str = include_str!("../templates/common.typ");

/// The embedded fonts: the regular, italic and bold faces of Libertinus Serif from
/// `typst-assets`, and their book.
///
/// The other faces are left out on purpose: typst-assets' Libertinus Serif Bold Italic lacks
/// `ơ` and `ư` (checked with fc-query), so the templates never set bold italic text, and with the
/// face absent typst cannot pick it by accident.
struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .filter(|font| font.info().family == FONT_FAMILY && is_used_face(font.info().variant))
        .collect();
    Fonts {
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

/// Regular, italic and bold: the faces the templates use.
fn is_used_face(variant: FontVariant) -> bool {
    matches!(
        (variant.style, variant.weight.to_number()),
        (FontStyle::Normal, 400) | (FontStyle::Italic, 400) | (FontStyle::Normal, 700)
    )
}

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// Characters of `text` that some face of [`FONT_FAMILY`] (regular, bold, italic, …) cannot
/// draw, in order of first appearance, without repeats. Whitespace and line breaks are ignored.
pub fn missing_glyphs(text: &str) -> Vec<char> {
    let mut missing = Vec::new();
    for c in text.chars() {
        if c.is_whitespace() || missing.contains(&c) {
            continue;
        }
        if FONTS
            .fonts
            .iter()
            .any(|font| !font.info().coverage.contains(c as u32))
        {
            missing.push(c);
        }
    }
    missing
}

/// The embedded faces of [`FONT_FAMILY`], each described as "family variant"; for tests and
/// diagnostics.
pub fn embedded_faces() -> Vec<String> {
    FONTS
        .fonts
        .iter()
        .map(|font| format!("{} {:?}", font.info().family, font.info().variant))
        .collect()
}

/// Checks every string of `data` against the font; the first offending string is named.
fn check_glyphs(data: &serde_json::Value) -> Result<(), DocumentError> {
    let mut strings = Vec::new();
    collect_strings(data, &mut strings);
    for text in strings {
        let missing = missing_glyphs(text);
        if !missing.is_empty() {
            let chars = missing
                .iter()
                .map(|c| format!("'{c}' (U+{:04X})", *c as u32))
                .collect::<Vec<_>>()
                .join(", ");
            return Err(DocumentError::MissingGlyphs {
                font: FONT_FAMILY.to_owned(),
                chars,
                text: text.to_owned(),
            });
        }
    }
    Ok(())
}

fn collect_strings<'a>(value: &'a serde_json::Value, out: &mut Vec<&'a str>) {
    match value {
        serde_json::Value::String(s) => out.push(s),
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

/// Typesets `template` (typst source) with `data` as `/data.json` and returns the PDF bytes.
/// `document` names the paper in error messages.
pub(crate) fn render_pdf<T: Serialize>(
    document: &'static str,
    template: &str,
    data: &T,
) -> Result<Vec<u8>, DocumentError> {
    let json = to_checked_json(document, data)?;
    let laid_out = lay_out(document, template, &json)?;
    export_pdf(document, &laid_out)
}

/// `data` as JSON, every string checked against the font.
pub(crate) fn to_checked_json<T: Serialize>(
    document: &'static str,
    data: &T,
) -> Result<serde_json::Value, DocumentError> {
    let json = serde_json::to_value(data).map_err(|e| DocumentError::Typeset {
        document,
        message: e.to_string(),
    })?;
    check_glyphs(&json)?;
    Ok(json)
}

/// Lays out `template` with `json` as `/data.json` (the pages, not yet a PDF).
pub(crate) fn lay_out(
    document: &'static str,
    template: &str,
    json: &serde_json::Value,
) -> Result<PagedDocument, DocumentError> {
    let world = DocumentWorld::new(template, json.to_string().into_bytes());
    typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|errors| DocumentError::Typeset {
            document,
            message: join(&errors),
        })
}

/// The PDF of pages laid out by [`lay_out`].
pub(crate) fn export_pdf(
    document: &'static str,
    laid_out: &PagedDocument,
) -> Result<Vec<u8>, DocumentError> {
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom(document),
        ..Default::default()
    };
    typst_pdf::pdf(laid_out, &options).map_err(|errors| DocumentError::Typeset {
        document,
        message: join(&errors),
    })
}

fn join(diagnostics: &[SourceDiagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| d.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The typst world of one document: its template as `/main.typ`, `/common.typ`, `/data.json`.
struct DocumentWorld {
    main: Source,
    common: Source,
    data_id: FileId,
    data: Bytes,
}

impl DocumentWorld {
    fn new(template: &str, data: Vec<u8>) -> Self {
        let id = |path: &str| FileId::new(None, VirtualPath::new(path));
        DocumentWorld {
            main: Source::new(id("/main.typ"), template.to_owned()),
            common: Source::new(id("/common.typ"), COMMON_TEMPLATE.to_owned()),
            data_id: id("/data.json"),
            data: Bytes::new(data),
        }
    }
}

impl World for DocumentWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else if id == self.common.id() {
            Ok(self.common.clone())
        } else {
            Err(FileError::NotFound(id.vpath().as_rootless_path().into()))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else {
            Err(FileError::NotFound(id.vpath().as_rootless_path().into()))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }

    /// Documents carry the dates they are given; typst's `datetime.today()` is not offered.
    fn today(&self, _offset: Option<i64>) -> Option<Datetime> {
        None
    }
}
