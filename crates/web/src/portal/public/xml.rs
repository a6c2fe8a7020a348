//! Tài liệu XML — the one writer of the portal's XML (feeds and site maps), over quick-xml
//! (decision 0013): elements are opened and closed by the writer, text and attribute values are
//! escaped by it, and characters XML 1.0 cannot carry at all (most control characters, which an
//! escape cannot fix) are dropped first, so a hostile or damaged title never makes a feed a
//! reader refuses.

use std::borrow::Cow;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

/// Whether XML 1.0 allows `c` in a document (its `Char` production).
fn allowed(c: char) -> bool {
    matches!(c,
        '\u{9}' | '\u{A}' | '\u{D}'
        | '\u{20}'..='\u{D7FF}'
        | '\u{E000}'..='\u{FFFD}'
        | '\u{10000}'..='\u{10FFFF}')
}

/// `text` without the characters XML 1.0 does not allow (borrowed when there are none).
pub fn xml_safe(text: &str) -> Cow<'_, str> {
    if text.chars().all(allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|&c| allowed(c)).collect())
    }
}

/// Một tài liệu XML đang viết — an XML document being written in memory, indented by two spaces.
pub struct XmlDoc {
    writer: Writer<Vec<u8>>,
}

/// Writing to memory cannot fail; quick-xml's `io::Result` is there for files and sockets.
fn written(result: std::io::Result<()>) {
    debug_assert!(result.is_ok(), "writing XML to memory failed");
}

impl XmlDoc {
    /// A document of about `capacity` bytes, its XML declaration (UTF-8) written.
    pub fn new(capacity: usize) -> XmlDoc {
        let mut writer = Writer::new_with_indent(Vec::with_capacity(capacity), b' ', 2);
        written(writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None))));
        XmlDoc { writer }
    }

    fn start_of<'a>(name: &'a str, attributes: &[(&str, &str)]) -> BytesStart<'a> {
        let mut start = BytesStart::new(name);
        for (key, value) in attributes {
            start.push_attribute((*key, xml_safe(value)));
        }
        start
    }

    /// Opens element `name` with `attributes` (values escaped).
    pub fn open(&mut self, name: &str, attributes: &[(&str, &str)]) {
        written(
            self.writer
                .write_event(Event::Start(XmlDoc::start_of(name, attributes))),
        );
    }

    /// Closes element `name`.
    pub fn close(&mut self, name: &str) {
        written(self.writer.write_event(Event::End(BytesEnd::new(name))));
    }

    /// An element with no content.
    pub fn empty(&mut self, name: &str, attributes: &[(&str, &str)]) {
        written(
            self.writer
                .write_event(Event::Empty(XmlDoc::start_of(name, attributes))),
        );
    }

    /// An element holding `text` (escaped).
    pub fn text(&mut self, name: &str, attributes: &[(&str, &str)], text: &str) {
        self.open(name, attributes);
        let text = xml_safe(text);
        written(self.writer.write_event(Event::Text(BytesText::new(&text))));
        self.close(name);
    }

    /// The document's bytes, ending with a newline.
    pub fn finish(self) -> Vec<u8> {
        let mut bytes = self.writer.into_inner();
        bytes.push(b'\n');
        bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped_and_cleaned() {
        let mut doc = XmlDoc::new(64);
        doc.open("a", &[("href", "x?a=1&b=\"2\"<")]);
        doc.text("t", &[], "<b>Tom & \"Jerry\"</b>\u{1}\u{FFFE}ok\u{1F600}");
        doc.close("a");
        let xml = String::from_utf8(doc.finish()).unwrap();
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        assert!(
            xml.contains("href=\"x?a=1&amp;b=&quot;2&quot;&lt;\""),
            "{xml}"
        );
        assert!(
            xml.contains("<t>&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;ok\u{1F600}</t>"),
            "{xml}"
        );
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(xml_safe("Đại hội"), Cow::Borrowed(_)));
        assert_eq!(xml_safe("a\u{0}b\u{B}c\td"), "abc\td");
    }
}
