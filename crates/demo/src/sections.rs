//! Giới thiệu và văn bản mẫu — the demo's about pages and documents (Tân Uyên, term 2020–2025).
//!
//! The texts are ours; the facts are the seed's (47 grassroots organizations, the pilot district
//! congress of 8–10/6/2020, 35 seats). Document numbers, dates and signers are invented for the
//! demonstration and say so. One document is classified "Mật" and stays unpublished, to show
//! that such a document is kept for internal use and never reaches the portal.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use daihoi_domain::about::AboutFields;
use daihoi_domain::document::{Classification, DocumentFields, check_pdf};
use daihoi_store::{DemoDocumentRow, DemoSectionRows, NewAboutPage, NewDocument};

/// An about page: (parent slug, slug, title, order, body, published).
type Page = (
    Option<&'static str>,
    &'static str,
    &'static str,
    i64,
    &'static str,
    bool,
);

const PAGES: &[Page] = &[
    (
        None,
        "chuc-nang-nhiem-vu",
        "Chức năng, nhiệm vụ",
        1,
        "Huyện ủy Tân Uyên là cơ quan lãnh đạo của Đảng bộ huyện giữa hai kỳ đại hội. Trang này \
         tóm tắt những việc Huyện ủy đảm nhận.\n\n\
         ## Chức năng\n\n\
         - Lãnh đạo việc thực hiện nghị quyết đại hội Đảng bộ huyện và các chủ trương của cấp trên.\n\
         - Quyết định những vấn đề quan trọng về phát triển kinh tế – xã hội, quốc phòng, an ninh \
           trên địa bàn huyện.\n\n\
         ## Nhiệm vụ\n\n\
         1. Xây dựng tổ chức cơ sở đảng vững mạnh; hướng dẫn **47 tổ chức cơ sở đảng** tổ chức \
            đại hội nhiệm kỳ 2020–2025.\n\
         2. Chuẩn bị và tổ chức đại hội Đảng bộ huyện, đại hội điểm của tỉnh Lai Châu.\n\
         3. Kiểm tra, giám sát việc thực hiện nghị quyết ở các chi bộ, đảng bộ trực thuộc.\n\n\
         *Nội dung trình diễn của phần mềm daihoi.*",
        true,
    ),
    (
        None,
        "co-cau-to-chuc",
        "Cơ cấu tổ chức",
        2,
        "Ban Chấp hành Đảng bộ huyện nhiệm kỳ 2020–2025 có **35 ủy viên**, ít hơn nhiệm kỳ trước \
         2 người. Ban Chấp hành bầu Ban Thường vụ; giúp việc Huyện ủy có các ban xây dựng Đảng \
         và Văn phòng Huyện ủy.\n\n\
         Xem các trang bên dưới để biết thêm về từng bộ phận.",
        true,
    ),
    (
        Some("co-cau-to-chuc"),
        "ban-thuong-vu-huyen-uy",
        "Ban Thường vụ Huyện ủy",
        1,
        "Ban Thường vụ lãnh đạo, chỉ đạo công việc thường xuyên giữa hai kỳ hội nghị Ban Chấp \
         hành, chuẩn bị nội dung các hội nghị và kiểm tra việc thực hiện.",
        true,
    ),
    (
        Some("co-cau-to-chuc"),
        "cac-co-quan-tham-muu-giup-viec",
        "Các cơ quan tham mưu, giúp việc",
        2,
        "Các cơ quan tham mưu, giúp việc gồm:\n\n\
         - Văn phòng Huyện ủy;\n\
         - Ban Tổ chức Huyện ủy;\n\
         - Ban Tuyên giáo Huyện ủy;\n\
         - Ban Dân vận Huyện ủy;\n\
         - Ủy ban Kiểm tra Huyện ủy.",
        true,
    ),
    (
        Some("cac-co-quan-tham-muu-giup-viec"),
        "van-phong-huyen-uy",
        "Văn phòng Huyện ủy",
        1,
        "Văn phòng Huyện ủy tham mưu về tổ chức, điều hành công việc của Huyện ủy, quản lý văn \
         bản đến và đi, lưu trữ và bảo đảm điều kiện làm việc.",
        true,
    ),
    (
        None,
        "lanh-dao",
        "Lãnh đạo",
        3,
        "Thường trực Huyện ủy gồm Bí thư và các Phó Bí thư. Tiểu sử tóm tắt và nhiệm vụ đảm nhận \
         của từng đồng chí được cập nhật sau mỗi lần kiện toàn.\n\n\
         *Họ tên trong dữ liệu trình diễn là hư cấu nên không được nêu ở đây.*",
        true,
    ),
    (
        None,
        "lich-su-dang-bo",
        "Lịch sử Đảng bộ",
        4,
        "Bản thảo đang được biên soạn.",
        false,
    ),
];

/// A document: (type, number, title, issuer, signer, issued, effective, summary, class,
/// published, with a file).
type Doc = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    (i32, u32, u32),
    Option<(i32, u32, u32)>,
    &'static str,
    Classification,
    bool,
    bool,
);

const ISSUER: &str = "Ban Thường vụ Huyện ủy Tân Uyên";
const COMMITTEE: &str = "Ban Chấp hành Đảng bộ huyện Tân Uyên";

const DOCS: &[Doc] = &[
    (
        "Kế hoạch",
        "120-KH/HU",
        "Kế hoạch tổ chức đại hội chi bộ, đảng bộ cơ sở nhiệm kỳ 2020–2025",
        ISSUER,
        "Nguyễn Văn Thành",
        (2019, 11, 15),
        Some((2019, 11, 15)),
        "Lịch tổ chức đại hội của 47 tổ chức cơ sở đảng, hoàn thành trước ngày 26/3/2020; chọn 3 \
         đơn vị tổ chức đại hội điểm. (Văn bản trình diễn, số hiệu và người ký là hư cấu.)",
        Classification::Normal,
        true,
        true,
    ),
    (
        "Hướng dẫn",
        "08-HD/BTCHU",
        "Hướng dẫn công tác nhân sự cấp ủy tại đại hội đảng bộ các cấp",
        "Ban Tổ chức Huyện ủy Tân Uyên",
        "Lò Thị Hương",
        (2019, 12, 2),
        None,
        "Tiêu chuẩn, cơ cấu, số lượng cấp ủy viên; quy trình giới thiệu nhân sự; tỷ lệ cán bộ nữ \
         từ 15% và cán bộ trẻ dưới 40 tuổi từ 10%. (Văn bản trình diễn.)",
        Classification::Normal,
        true,
        false,
    ),
    (
        "Nghị quyết",
        "15-NQ/HU",
        "Nghị quyết về lãnh đạo tổ chức đại hội điểm Đảng bộ huyện",
        COMMITTEE,
        "Nguyễn Văn Thành",
        (2020, 2, 20),
        Some((2020, 3, 1)),
        "Ban Chấp hành thống nhất tổ chức Đại hội Đảng bộ huyện từ ngày 08 đến 10/6/2020, là đại \
         hội điểm của tỉnh; số lượng Ban Chấp hành khóa mới là 35 đồng chí. (Văn bản trình diễn.)",
        Classification::Normal,
        true,
        true,
    ),
    (
        "Quyết định",
        "342-QĐ/HU",
        "Quyết định triệu tập Đại hội đại biểu Đảng bộ huyện lần thứ XXII",
        ISSUER,
        "Nguyễn Văn Thành",
        (2020, 5, 25),
        Some((2020, 5, 25)),
        "Triệu tập 247 đại biểu dự Đại hội đại biểu Đảng bộ huyện, họp từ ngày 08 đến 10/6/2020. \
         (Văn bản trình diễn.)",
        Classification::Normal,
        true,
        false,
    ),
    (
        "Thông báo",
        "25-TB/HU",
        "Thông báo kết quả Đại hội đại biểu Đảng bộ huyện nhiệm kỳ 2020–2025",
        COMMITTEE,
        "",
        (2020, 6, 11),
        None,
        "Đại hội đã bầu Ban Chấp hành 35 đồng chí, trong đó 6 đồng chí nữ (17,14%) và 11 đồng chí \
         dưới 40 tuổi (31,4%). (Văn bản trình diễn.)",
        Classification::Normal,
        true,
        false,
    ),
    (
        "Báo cáo",
        "210-BC/HU",
        "Báo cáo sơ kết công tác đại hội đảng bộ cơ sở",
        ISSUER,
        "Lò Thị Hương",
        (2020, 4, 2),
        None,
        "Bản nháp, chưa công bố. (Văn bản trình diễn.)",
        Classification::Normal,
        false,
        false,
    ),
    (
        "Công văn",
        "95-CV/HU",
        "Về phương án nhân sự Ban Chấp hành khóa mới",
        ISSUER,
        "Nguyễn Văn Thành",
        (2020, 3, 10),
        None,
        "Văn bản mật: chỉ lưu để quản lý nội bộ, không bao giờ được xuất bản. (Văn bản trình \
         diễn.)",
        Classification::Secret,
        false,
        false,
    ),
];

fn day((y, m, d): (i32, u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a demo date")
}

/// Một tệp PDF nhỏ — a one-page PDF saying, in plain ASCII (the standard Helvetica font has no
/// Vietnamese letters), which demo document it stands for. Offsets in the cross-reference table
/// are computed, so readers open it without repairing it.
pub fn placeholder_pdf(number: &str) -> Vec<u8> {
    let ascii: String = daihoi_domain::vn::fold(number)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | ' '))
        .collect();
    let text = format!(
        "BT /F1 16 Tf 72 760 Td (Van ban so {ascii}) Tj 0 -28 Td /F1 11 Tf \
         (Tep minh hoa cua ban trinh dien daihoi.) Tj ET"
    );
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_owned(),
        format!("<< /Length {} >>\nstream\n{text}\nendstream", text.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// The rows for the database; the PDFs of the documents that have one are written (atomically)
/// under `documents_dir`, their names returned too so a failed load can remove them.
pub fn rows(
    documents_dir: &Path,
    now: DateTime<Utc>,
) -> anyhow::Result<(DemoSectionRows, Vec<String>)> {
    let about_pages = PAGES
        .iter()
        .map(|&(parent, slug, title, position, body, published)| {
            (
                parent.map(str::to_owned),
                NewAboutPage {
                    fields: AboutFields {
                        title: title.to_owned(),
                        slug: slug.to_owned(),
                        position,
                        body_md: body.to_owned(),
                    },
                    parent_id: None,
                    published,
                },
            )
        })
        .collect();
    let mut files = Vec::new();
    let mut documents = Vec::new();
    for &(
        type_name,
        number,
        title,
        issuer,
        signer,
        issued,
        effective,
        summary,
        class,
        published,
        with_file,
    ) in DOCS
    {
        let file = if with_file {
            let pdf = placeholder_pdf(number);
            check_pdf(&pdf).map_err(|e| anyhow::anyhow!("tệp PDF mẫu {number}: {e}"))?;
            let name = daihoi_web::portal::document_files::write_pdf(documents_dir, now, &pdf)?;
            files.push(name.clone());
            Some((name, pdf.len() as i64))
        } else {
            None
        };
        documents.push(DemoDocumentRow {
            type_name: type_name.to_owned(),
            document: NewDocument {
                type_id: 0,
                fields: DocumentFields {
                    number: number.to_owned(),
                    title: title.to_owned(),
                    issuer: issuer.to_owned(),
                    signer: signer.to_owned(),
                    issued_on: day(issued),
                    effective_on: effective.map(day),
                    summary: summary.to_owned(),
                    classification: class,
                },
            },
            published,
            file,
        });
    }
    Ok((
        DemoSectionRows {
            about_pages,
            documents,
        },
        files,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_placeholder_is_a_pdf_with_a_correct_cross_reference() {
        let pdf = placeholder_pdf("15-NQ/HU");
        assert_eq!(check_pdf(&pdf), Ok(()));
        let text = String::from_utf8(pdf.clone()).unwrap();
        let xref: usize = text
            .rsplit("startxref\n")
            .next()
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(text[xref..].starts_with("xref"));
        // Object 3's offset points at "3 0 obj".
        let third = text[xref..].lines().nth(5).unwrap();
        let at: usize = third[..10].parse().unwrap();
        assert!(text[at..].starts_with("3 0 obj"));
    }

    #[test]
    fn no_classified_demo_document_is_published() {
        for d in DOCS {
            assert!(!(d.8.is_secret() && d.9), "{}", d.1);
        }
        assert!(DOCS.iter().any(|d| d.8.is_secret()));
    }
}
