//! Lịch công tác và hỏi đáp mẫu — the demo's week of the leaders' work schedule (the week of the
//! reference day and the next) and a few answered questions, written for the demo (invented
//! people and events; no text taken from any site).
//!
//! Every entry and question goes through the same domain checks as the administration's and
//! the public form's, so the demo cannot hold what a user could not enter.

use anyhow::anyhow;
use chrono::{DateTime, Days, NaiveDate, NaiveTime, TimeZone as _, Utc};
use chrono_tz::Tz;
use daihoi_domain::citizen::{CitizenForm, CitizenInput, check_message};
use daihoi_domain::schedule::{ScheduleInput, WeekId, check_entry};
use daihoi_store::{DemoCitizenRows, DemoQuestionRow};

/// (day of the week 0 = Monday, week 0 = the reference day's, part, time, what, where, who,
/// preparing unit, note)
type Row = (
    u64,
    u64,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const SCHEDULE: &[Row] = &[
    (
        0,
        0,
        "sang",
        "07:30",
        "Chào cờ đầu tuần; giao ban Thường trực Huyện ủy",
        "Phòng họp số 1, Huyện ủy",
        "Đồng chí Bí thư Huyện ủy chủ trì; các đồng chí Thường trực Huyện ủy",
        "Văn phòng Huyện ủy",
        "",
    ),
    (
        0,
        0,
        "chieu",
        "14:00",
        "Làm việc với Ban Tổ chức về công tác chuẩn bị nhân sự khóa mới",
        "Phòng họp số 2, Huyện ủy",
        "Đồng chí Phó Bí thư Thường trực Huyện ủy",
        "Ban Tổ chức Huyện ủy",
        "Ban Tổ chức chuẩn bị tài liệu",
    ),
    (
        1,
        0,
        "ca-ngay",
        "",
        "Kiểm tra công tác chuẩn bị đại hội tại các chi bộ, đảng bộ cơ sở xã Phúc Khoa",
        "Xã Phúc Khoa",
        "Đồng chí Phó Bí thư Thường trực Huyện ủy; đại diện Ủy ban Kiểm tra Huyện ủy",
        "Đảng ủy xã Phúc Khoa",
        "Xe xuất phát lúc 07:00 tại trụ sở Huyện ủy",
    ),
    (
        2,
        0,
        "sang",
        "08:00",
        "Hội nghị Ban Thường vụ Huyện ủy cho ý kiến vào dự thảo Báo cáo chính trị",
        "Hội trường Huyện ủy",
        "Đồng chí Bí thư Huyện ủy chủ trì; các đồng chí Ủy viên Ban Thường vụ",
        "Văn phòng Huyện ủy, Tiểu ban Văn kiện",
        "Đề nghị các đồng chí nghiên cứu dự thảo trước",
    ),
    (
        2,
        0,
        "chieu",
        "14:30",
        "Tiếp công dân định kỳ",
        "Trụ sở Ban Tiếp công dân huyện",
        "Đồng chí Bí thư Huyện ủy",
        "Ban Tiếp công dân huyện",
        "",
    ),
    (
        3,
        0,
        "sang",
        "08:00",
        "Dự lễ khai giảng lớp bồi dưỡng nhận thức về Đảng",
        "Trung tâm Chính trị huyện",
        "Đồng chí Trưởng Ban Tuyên giáo Huyện ủy",
        "Trung tâm Chính trị huyện",
        "",
    ),
    (
        3,
        0,
        "toi",
        "19:30",
        "Duyệt chương trình văn nghệ chào mừng đại hội",
        "Nhà văn hóa huyện",
        "Đồng chí Phó Chủ tịch Ủy ban nhân dân huyện",
        "Phòng Văn hóa và Thông tin",
        "",
    ),
    (
        4,
        0,
        "sang",
        "07:30",
        "Họp Tiểu ban Tổ chức phục vụ đại hội: phân công nhiệm vụ, rà soát hậu cần",
        "Phòng họp số 1, Huyện ủy",
        "Đồng chí Phó Bí thư Thường trực Huyện ủy, Trưởng Tiểu ban",
        "Văn phòng Huyện ủy",
        "",
    ),
    (
        4,
        0,
        "chieu",
        "",
        "Làm việc tại cơ quan",
        "Trụ sở Huyện ủy",
        "Các đồng chí Thường trực Huyện ủy",
        "",
        "",
    ),
    (
        0,
        1,
        "sang",
        "08:00",
        "Giao ban công tác tuyên truyền đại hội tháng này",
        "Phòng họp số 2, Huyện ủy",
        "Đồng chí Trưởng Ban Tuyên giáo Huyện ủy",
        "Ban Tuyên giáo Huyện ủy",
        "",
    ),
    (
        2,
        1,
        "ca-ngay",
        "",
        "Tổng duyệt đại hội đại biểu Đảng bộ huyện",
        "Hội trường Trung tâm huyện",
        "Đồng chí Bí thư Huyện ủy; các đồng chí Ủy viên Ban Chấp hành",
        "Tiểu ban Tổ chức phục vụ đại hội",
        "Trang phục theo quy định",
    ),
];

/// (subject, question, answer, asker, contact, days before the reference day it was received,
/// days before it was published)
const QUESTIONS: &[(&str, &str, &str, &str, &str, u64, u64)] = &[
    (
        "Đảng viên đang làm việc xa địa phương có được dự đại hội chi bộ không?",
        "Tôi là đảng viên sinh hoạt tại chi bộ bản, hiện đang làm việc theo hợp đồng ở tỉnh khác. Khi chi bộ tổ chức đại hội, tôi có được triệu tập không và nếu không về dự được thì có cần làm thủ tục gì không?",
        "Đảng viên chính thức sinh hoạt tại chi bộ đều thuộc thành phần được triệu tập dự đại hội chi bộ. Nếu vắng mặt có lý do, đồng chí cần báo cáo bằng văn bản hoặc nhờ chi ủy xác nhận trước ngày đại hội; trường hợp đã được chi bộ cho miễn sinh hoạt theo quy định thì không tính vào số đảng viên được triệu tập. Đồng chí nên liên hệ trực tiếp bí thư chi bộ để được hướng dẫn cụ thể.",
        "Lò Văn Khiêm",
        "khiem.lv@example.vn",
        12,
        9,
    ),
    (
        "Xem dự thảo văn kiện đại hội ở đâu?",
        "Xin hỏi người dân muốn đọc và góp ý dự thảo Báo cáo chính trị trình đại hội Đảng bộ huyện thì xem ở đâu, gửi ý kiến bằng cách nào?",
        "Dự thảo được đăng trong chuyên mục Tin đại hội của cổng thông tin và niêm yết tại trụ sở Ủy ban nhân dân các xã, thị trấn. Ý kiến góp ý có thể gửi qua mục «Liên hệ» của cổng, gửi thư đến Văn phòng Huyện ủy hoặc nộp trực tiếp tại bộ phận một cửa của xã. Tất cả ý kiến được tổng hợp gửi Tiểu ban Văn kiện.",
        "Tòng Thị Hoa",
        "0912 345 678",
        8,
        6,
    ),
    (
        "Đoàn viên thanh niên có được tham gia phục vụ đại hội không?",
        "Chi đoàn chúng tôi muốn đăng ký làm tình nguyện viên hướng dẫn đại biểu tại đại hội. Cần liên hệ với ai?",
        "Huyện đoàn đang tiếp nhận đăng ký tình nguyện viên phục vụ đại hội. Các chi đoàn gửi danh sách (họ tên, đơn vị, số điện thoại) về Văn phòng Huyện đoàn trước ngày tổng duyệt; tình nguyện viên sẽ được tập huấn một buổi trước khi nhận nhiệm vụ. Cảm ơn tinh thần của chi đoàn.",
        "Vàng A Sình",
        "sinh.va@example.vn",
        5,
        3,
    ),
];

fn at_local(tz: Tz, day: NaiveDate, time: NaiveTime) -> anyhow::Result<DateTime<Utc>> {
    tz.from_local_datetime(&day.and_time(time))
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| anyhow!("giờ {day} {time} không có ở múi giờ {tz}"))
}

/// The demo's schedule (the week of `reference_day` and the next) and its answered questions,
/// dated on the calendar of `tz`.
pub fn rows(reference_day: NaiveDate, tz: Tz) -> anyhow::Result<DemoCitizenRows> {
    let monday = WeekId::of(reference_day).monday();
    let mut schedule = Vec::with_capacity(SCHEDULE.len());
    for &(weekday, week, part, time, content, location, attendees, preparer, note) in SCHEDULE {
        let day = monday
            .checked_add_days(Days::new(week * 7 + weekday))
            .ok_or_else(|| anyhow!("ngày lịch công tác nằm ngoài lịch"))?;
        let input = ScheduleInput {
            day: day.format("%Y-%m-%d").to_string(),
            part: part.to_owned(),
            time: time.to_owned(),
            content: content.to_owned(),
            location: location.to_owned(),
            attendees: attendees.to_owned(),
            preparer: preparer.to_owned(),
            note: note.to_owned(),
        };
        schedule.push(
            check_entry(&input)
                .map_err(|errors| anyhow!("lịch công tác mẫu ngày {day}: {errors:?}"))?,
        );
    }
    let mut questions = Vec::with_capacity(QUESTIONS.len());
    for &(subject, question, answer, name, contact, received, published) in QUESTIONS {
        let message = check_message(
            CitizenForm::Question,
            &CitizenInput {
                name: name.to_owned(),
                contact: contact.to_owned(),
                subject: subject.to_owned(),
                text: question.to_owned(),
            },
        )
        .map_err(|errors| anyhow!("câu hỏi mẫu «{subject}»: {errors:?}"))?;
        let day = |n: u64| {
            reference_day
                .checked_sub_days(Days::new(n))
                .ok_or_else(|| anyhow!("ngày hỏi đáp nằm ngoài lịch"))
        };
        let nine = NaiveTime::from_hms_opt(9, 15, 0).expect("valid");
        let three = NaiveTime::from_hms_opt(15, 0, 0).expect("valid");
        questions.push(DemoQuestionRow {
            message,
            answer: answer.to_owned(),
            received_at: at_local(tz, day(received)?, nine)?,
            published_at: at_local(tz, day(published)?, three)?,
        });
    }
    Ok(DemoCitizenRows {
        schedule,
        questions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    #[test]
    fn the_demo_schedule_fills_the_reference_week_and_the_questions_pass_the_form_checks() {
        let reference = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        let rows = rows(reference, chrono_tz::Asia::Ho_Chi_Minh).unwrap();
        let week = WeekId::of(reference);
        let in_week = rows
            .schedule
            .iter()
            .filter(|e| WeekId::of(e.day) == week)
            .count();
        assert!(in_week >= 8, "{in_week}");
        assert!(
            rows.schedule
                .iter()
                .all(|e| e.day.weekday().num_days_from_monday() < 5)
        );
        assert_eq!(rows.questions.len(), 3);
        for q in &rows.questions {
            assert!(q.received_at < q.published_at);
        }
    }
}
