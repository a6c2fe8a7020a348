//! Chu kỳ đại hội mẫu — the demo's congress cycle holds the seed's facts: 47 grassroots
//! organizations under Tân Uyên, all held by 26/3/2020 with 3 pilots first, the district
//! congress of 8–10/6/2020 with 247 delegates and 35 seats, and a slate of 35 with 6 women,
//! 11 under 40 and 7 or 8 from ethnic minorities; codes and card numbers unique, text NFC.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike as _, NaiveDate};
use daihoi_demo::congress::{
    self, CELL_LEVEL, COMMITTEE_SEATS, CongressCycle, DISTRICT_CODE, DISTRICT_DELEGATES,
    DISTRICT_LEVEL, GRASSROOTS_LEVEL, INVENTED_NOTICE, MUONG_KHOA_CODE, PROVINCE_CODE, TERM_END,
    TERM_START,
};
use daihoi_domain::congress::age::{AgeLimits, CommitteeLevel, age_on, eligible, is_under_40};
use daihoi_domain::congress::congress::CongressStatus;
use daihoi_domain::congress::organization::code_key;
use daihoi_domain::congress::person::{BirthDate, Sex, is_ethnic_minority};
use daihoi_domain::congress::structure::{
    Bound, Candidate, Criterion, StructureTarget, compliance,
};
use daihoi_domain::vn::nfc;
use daihoi_store::Role;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn cycle() -> CongressCycle {
    congress::cycle().expect("the demo cycle is well-formed")
}

#[test]
fn the_tree_is_the_province_the_district_and_47_grassroots_organizations() {
    let c = cycle();
    let roots: Vec<_> = c
        .organizations
        .iter()
        .filter(|o| o.parent_code.is_none())
        .collect();
    assert_eq!(roots.len(), 1);
    assert_eq!(roots[0].code, PROVINCE_CODE);
    assert_eq!(roots[0].name, "Đảng bộ tỉnh Lai Châu");
    let district = c
        .organizations
        .iter()
        .find(|o| o.code == DISTRICT_CODE)
        .unwrap();
    assert_eq!(district.name, "Đảng bộ huyện Tân Uyên");
    assert_eq!(district.level, DISTRICT_LEVEL);
    assert_eq!(district.parent_code.as_deref(), Some(PROVINCE_CODE));

    let grassroots: Vec<_> = c
        .organizations
        .iter()
        .filter(|o| o.parent_code.as_deref() == Some(DISTRICT_CODE))
        .collect();
    assert_eq!(grassroots.len(), 47);
    let codes: Vec<&str> = grassroots.iter().map(|o| o.code.as_str()).collect();
    let expected: Vec<String> = (1..=47).map(|n| format!("TU-{n:02}")).collect();
    assert_eq!(codes, expected);
    assert!(grassroots.iter().all(|o| o.level == GRASSROOTS_LEVEL));
    // The town and the nine communes of 2020.
    for place in [
        "thị trấn Tân Uyên",
        "xã Mường Khoa",
        "xã Nậm Cần",
        "xã Nậm Sỏ",
        "xã Pắc Ta",
        "xã Phúc Khoa",
        "xã Tà Mít",
        "xã Thân Thuộc",
        "xã Trung Đồng",
        "xã Hố Mít",
    ] {
        let name = format!("Đảng bộ {place}");
        assert!(grassroots.iter().any(|o| o.name == name), "{name}");
    }
    assert_eq!(
        grassroots
            .iter()
            .find(|o| o.code == MUONG_KHOA_CODE)
            .unwrap()
            .name,
        "Đảng bộ xã Mường Khoa"
    );

    // A few thousand members, the district's count is the sum of its organizations'.
    let members: i64 = grassroots.iter().map(|o| o.members).sum();
    assert!((1_500..=5_000).contains(&members), "{members}");
    assert_eq!(district.members, members);
    assert!(grassroots.iter().all(|o| o.members > 0));

    // Cells under two or three organizations, adding up to their parent's members.
    let cells: Vec<_> = c
        .organizations
        .iter()
        .filter(|o| o.level == CELL_LEVEL)
        .collect();
    let parents: HashSet<&str> = cells
        .iter()
        .map(|o| o.parent_code.as_deref().unwrap())
        .collect();
    assert!((2..=3).contains(&parents.len()), "{parents:?}");
    for parent in parents {
        let org = grassroots.iter().find(|o| o.code == parent).unwrap();
        let sum: i64 = cells
            .iter()
            .filter(|o| o.parent_code.as_deref() == Some(parent))
            .map(|o| o.members)
            .sum();
        assert_eq!(sum, org.members, "cells of {parent}");
    }
    assert_eq!(c.organizations.len(), 2 + 47 + cells.len());
}

#[test]
fn codes_are_unique_and_parents_come_first() {
    let c = cycle();
    let mut seen = HashSet::new();
    for o in &c.organizations {
        if let Some(parent) = &o.parent_code {
            assert!(
                seen.contains(&code_key(parent)),
                "{}: parent {parent} not before it",
                o.code
            );
        }
        assert!(seen.insert(code_key(&o.code)), "code {} twice", o.code);
    }
    // Every person and congress names an organization of the tree.
    for p in &c.people {
        assert!(
            seen.contains(&code_key(&p.fields.organization_code)),
            "{}",
            p.fields.full_name
        );
    }
    for k in &c.congresses {
        assert!(seen.contains(&code_key(&k.organization_code)));
    }
}

#[test]
fn the_grassroots_congresses_were_all_held_by_26_march_2020_three_pilots_first() {
    let c = cycle();
    let grassroots_codes: HashSet<&str> = c
        .organizations
        .iter()
        .filter(|o| o.level == GRASSROOTS_LEVEL)
        .map(|o| o.code.as_str())
        .collect();
    let grassroots: Vec<_> = c
        .congresses
        .iter()
        .filter(|k| grassroots_codes.contains(k.organization_code.as_str()))
        .collect();
    assert_eq!(grassroots.len(), 47);
    let orgs: HashSet<&str> = grassroots
        .iter()
        .map(|k| k.organization_code.as_str())
        .collect();
    assert_eq!(orgs.len(), 47, "one congress per organization");
    let deadline = day(2020, 3, 26);
    assert_eq!(congress::grassroots_deadline(), deadline);
    for k in &grassroots {
        assert!(k.held_end <= deadline, "{}: {}", k.name, k.held_end);
        assert!(k.held_start <= k.held_end);
        assert!(k.planned_start <= k.planned_end);
        assert!(
            k.held_end < k.held_start + chrono::Days::new(2),
            "at most 2 days"
        );
        assert!(matches!(
            k.status,
            CongressStatus::Held | CongressStatus::Approved
        ));
        assert_eq!((k.term.start_year, k.term.end_year), (TERM_START, TERM_END));
        assert!(k.name.contains("nhiệm kỳ 2020–2025"), "{}", k.name);
        assert!(!k.venue.is_empty());
        assert!(k.delegates > 0 && k.committee_seats > 0);
    }
    // The last one ends on the seed's day.
    assert_eq!(grassroots.iter().map(|k| k.held_end).max(), Some(deadline));

    let pilots: Vec<_> = grassroots.iter().filter(|k| k.pilot).collect();
    assert_eq!(pilots.len(), 3);
    let last_pilot = pilots.iter().map(|k| k.held_end).max().unwrap();
    let first_other = grassroots
        .iter()
        .filter(|k| !k.pilot)
        .map(|k| k.held_start)
        .min()
        .unwrap();
    assert!(last_pilot < first_other, "pilots are held first");
    // Both statuses appear, and some congress was postponed from its planned date.
    assert!(grassroots.iter().any(|k| k.status == CongressStatus::Held));
    assert!(
        grassroots
            .iter()
            .any(|k| k.status == CongressStatus::Approved)
    );
    assert!(grassroots.iter().any(|k| k.planned_start != k.held_start));

    // Every cell held its congress before its parent's, on a working day.
    for cell in c.organizations.iter().filter(|o| o.level == CELL_LEVEL) {
        let own = c
            .congresses
            .iter()
            .find(|k| k.organization_code == cell.code)
            .unwrap_or_else(|| panic!("{} has no congress", cell.code));
        let parent = grassroots
            .iter()
            .find(|k| Some(&k.organization_code) == cell.parent_code.as_ref())
            .unwrap();
        assert!(own.held_end < parent.held_start, "{}", cell.code);
        assert!(own.held_start.weekday().num_days_from_monday() < 5);
        assert!(!own.pilot);
    }
}

#[test]
fn the_district_congress_is_the_seeds() {
    let c = cycle();
    let k = c.district_congress();
    assert_eq!(k.held_start, day(2020, 6, 8));
    assert_eq!(k.held_end, day(2020, 6, 10));
    assert_eq!(congress::district_congress_opening(), k.held_start);
    assert_eq!((k.planned_start, k.planned_end), (k.held_start, k.held_end));
    assert!(k.pilot);
    assert_eq!(k.delegates, 247);
    assert_eq!(k.delegates, DISTRICT_DELEGATES);
    assert_eq!(k.committee_seats, 35);
    assert_eq!(k.status, CongressStatus::Approved);
    assert!(!k.venue.is_empty());
    assert!(k.name.contains("Tân Uyên"));
    let cells = c
        .organizations
        .iter()
        .filter(|o| o.level == CELL_LEVEL)
        .count();
    assert_eq!(
        c.congresses.len(),
        47 + cells + 1,
        "one congress per organization below LC"
    );
}

#[test]
fn the_outgoing_committee_has_37_members_on_the_districts_roll() {
    let c = cycle();
    let outgoing: Vec<_> = c.people.iter().filter(|p| p.outgoing_committee).collect();
    assert_eq!(
        outgoing.len(),
        37,
        "2 more than the 35 seats of the new term"
    );
    assert_eq!(outgoing.len() as u32, COMMITTEE_SEATS + 2);
    assert!(
        outgoing
            .iter()
            .all(|p| p.fields.organization_code == DISTRICT_CODE)
    );
    assert!(outgoing.iter().all(|p| p.fields.position.is_some()));
    // Every grassroots organization and every cell has someone on its roll.
    for o in c
        .organizations
        .iter()
        .filter(|o| o.level == GRASSROOTS_LEVEL || o.level == CELL_LEVEL)
    {
        let roll = c
            .people
            .iter()
            .filter(|p| p.fields.organization_code == o.code)
            .count();
        assert!((1..=6).contains(&roll), "{}: {roll} people", o.code);
    }
}

#[test]
fn the_slate_has_35_with_6_women_11_under_40_and_7_or_8_minorities() {
    let c = cycle();
    let first_day = day(2020, 6, 8);
    assert_eq!(c.slate.len(), 35);
    let indexes: HashSet<usize> = c.slate.iter().map(|s| s.person).collect();
    assert_eq!(indexes.len(), 35, "nobody twice on the slate");
    let slate: Vec<_> = c
        .slate
        .iter()
        .map(|s| (&c.people[s.person], s.renominated))
        .collect();

    let women = slate
        .iter()
        .filter(|(p, _)| p.fields.sex == Sex::Female)
        .count();
    assert_eq!(women, 6);
    let under_40 = slate
        .iter()
        .filter(|(p, _)| is_under_40(p.fields.birth, first_day))
        .count();
    assert_eq!(under_40, 11);
    let minorities = slate
        .iter()
        .filter(|(p, _)| is_ethnic_minority(p.fields.ethnicity.as_deref().unwrap_or("")))
        .count();
    assert!((7..=8).contains(&minorities), "{minorities}");

    // Re-nominated candidates come from the outgoing committee, new ones from the rolls below.
    for (p, renominated) in &slate {
        assert_eq!(p.outgoing_committee, *renominated, "{}", p.fields.full_name);
        assert!(matches!(p.fields.birth, BirthDate::Full(_)));
    }
    let renominated = slate.iter().filter(|(_, r)| *r).count();
    assert!((20..35).contains(&renominated), "{renominated}");

    // Within the age limits of Chỉ thị 35 for a district committee (born from 12/1962 for men
    // and 12/1967 for women to stay on, from 6/1965 and 6/1970 for the first time).
    let limits = AgeLimits::chi_thi_35(CommitteeLevel::District);
    for (p, renominated) in &slate {
        assert!(
            eligible(p.fields.birth, p.fields.sex, *renominated, &limits),
            "{} is past the age limit",
            p.fields.full_name
        );
    }

    // The compliance panel's figures of the seed.
    let candidates: Vec<Candidate> = slate
        .iter()
        .map(|(p, renominated)| Candidate {
            sex: p.fields.sex,
            birth: p.fields.birth,
            ethnicity: p.fields.ethnicity.clone(),
            renominated: *renominated,
            marks: Vec::new(),
        })
        .collect();
    let mut targets = StructureTarget::chi_thi_35();
    targets.push(
        StructureTarget::new(
            "Dân tộc thiểu số",
            Criterion::EthnicMinority,
            Bound::Within(2000, 2500),
        )
        .unwrap(),
    );
    let panel = compliance(&targets, &candidates, first_day);
    assert_eq!(panel[0].figure(), "6/35 – 17,14%");
    assert_eq!(
        panel[0].phrase,
        "17,14% — vượt 2,14 điểm % so với chỉ tiêu ≥ 15%"
    );
    assert_eq!(panel[1].figure(), "11/35 – 31,43%");
    assert!(panel.iter().all(|t| t.met), "{panel:?}");

    // The age counts in completed years: someone turns 40 on the first day, someone the next day.
    let ages: Vec<(NaiveDate, u32)> = slate
        .iter()
        .map(|(p, _)| (p.fields.birth.as_date(), age_on(p.fields.birth, first_day)))
        .collect();
    assert!(ages.contains(&(day(1980, 6, 8), 40)));
    assert!(ages.contains(&(day(1980, 6, 9), 39)));
}

#[test]
fn card_numbers_are_unique_and_texts_nfc() {
    let c = cycle();
    let cards: Vec<&str> = c
        .people
        .iter()
        .filter_map(|p| p.fields.card_number.as_deref())
        .collect();
    assert!(cards.len() >= c.people.len() / 2, "some card numbers");
    assert!(
        cards.len() < c.people.len(),
        "not everyone has a card on file"
    );
    let unique: HashSet<&str> = cards.iter().copied().collect();
    assert_eq!(unique.len(), cards.len(), "a card number twice");

    let mut names: HashMap<&str, usize> = HashMap::new();
    for p in &c.people {
        let f = &p.fields;
        for text in [
            Some(f.full_name.as_str()),
            f.ethnicity.as_deref(),
            f.education.as_deref(),
            f.position.as_deref(),
        ]
        .into_iter()
        .flatten()
        {
            assert_eq!(nfc(text), text, "not NFC: {text}");
        }
        assert!(
            f.full_name.split(' ').count() >= 3,
            "family, middle and given name: {}",
            f.full_name
        );
        *names.entry(f.full_name.as_str()).or_default() += 1;
    }
    assert!(
        names.values().all(|&n| n == 1),
        "a full name twice in the demo"
    );
    for o in &c.organizations {
        assert_eq!(nfc(&o.name), o.name);
    }
    for k in &c.congresses {
        assert_eq!(nfc(&k.name), k.name);
        assert_eq!(nfc(&k.venue), k.venue);
    }
    assert_eq!(nfc(INVENTED_NOTICE), INVENTED_NOTICE);
    assert!(INVENTED_NOTICE.contains("hư cấu"));

    // Both sexes and the peoples of Lai Châu appear on the rolls.
    assert!(c.people.iter().any(|p| p.fields.sex == Sex::Female));
    let ethnicities: HashSet<&str> = c
        .people
        .iter()
        .filter_map(|p| p.fields.ethnicity.as_deref())
        .collect();
    for e in ["Kinh", "Thái", "H'Mông", "Dao", "Giáy", "Lự", "Khơ Mú"] {
        assert!(ethnicities.contains(e), "{e}");
    }
    // Some rolls hold only the year of birth.
    assert!(
        c.people
            .iter()
            .any(|p| matches!(p.fields.birth, BirthDate::YearOnly(_)))
    );
}

#[test]
fn two_workspace_secretariats_and_nothing_for_the_editor() {
    let c = cycle();
    let accounts: Vec<(&str, Role, &str)> = c
        .accounts
        .iter()
        .map(|a| (a.username.as_str(), a.role, a.organization_code.as_str()))
        .collect();
    assert_eq!(
        accounts,
        vec![
            ("vanphong.tanuyen", Role::Secretariat, "TU"),
            ("vanphong.muongkhoa", Role::Secretariat, "TU-02"),
        ]
    );
    for a in &c.accounts {
        assert!(daihoi_domain::account::check_username(&a.username).is_ok());
        assert!(
            !daihoi_demo::DEMO_ACCOUNTS
                .iter()
                .any(|(u, _, _)| *u == a.username)
        );
    }
}

#[test]
fn the_district_congress_convenes_247_delegates_as_allocated() {
    use daihoi_domain::congress::allocation::{allocate, elected_seats};
    use daihoi_domain::congress::delegate::DelegateKind;

    let c = cycle();
    let of = |kind: DelegateKind| c.delegates.iter().filter(move |d| d.kind == kind);

    // The outgoing committee sits ex officio, each on the district's roll.
    let ex_officio: Vec<_> = of(DelegateKind::ExOfficio).collect();
    assert_eq!(ex_officio.len(), 37);
    for d in &ex_officio {
        let p = &c.people[d.person.expect("an ex-officio delegate is on a roll")];
        assert!(p.outgoing_committee, "{}", d.full_name);
        assert_eq!(p.fields.full_name, d.full_name);
        assert_eq!(d.organization_code, DISTRICT_CODE);
        assert!(d.votes.is_none() && d.alternate_rank.is_none());
    }
    let convened = c
        .delegates
        .iter()
        .filter(|d| d.kind != DelegateKind::Alternate)
        .count();
    assert_eq!(convened, DISTRICT_DELEGATES as usize);

    // The allocation is the largest-remainder proposal over the 47 grassroots organizations,
    // and each sends exactly its seats.
    let seats = elected_seats(DISTRICT_DELEGATES, 37).unwrap();
    assert_eq!(seats, 210);
    assert_eq!(c.allocation.len(), 47);
    let members: Vec<(i64, u64)> = c
        .allocation
        .iter()
        .enumerate()
        .map(|(i, a)| (i as i64, a.members as u64))
        .collect();
    let proposal = allocate(seats, congress::ALLOCATION_MINIMUM, &members).unwrap();
    for (i, a) in c.allocation.iter().enumerate() {
        assert_eq!(
            proposal.seats_of(i as i64),
            Some(a.seats),
            "{}",
            a.organization_code
        );
        let org = c
            .organizations
            .iter()
            .find(|o| o.code == a.organization_code)
            .unwrap();
        assert_eq!(org.level, GRASSROOTS_LEVEL);
        assert_eq!(org.members, a.members);
        let elected: Vec<_> = of(DelegateKind::Elected)
            .filter(|d| d.organization_code == a.organization_code)
            .collect();
        assert_eq!(elected.len() as u32, a.seats, "{}", a.organization_code);
        let alternates: Vec<_> = of(DelegateKind::Alternate)
            .filter(|d| d.organization_code == a.organization_code)
            .collect();
        let ranks: Vec<u32> = alternates
            .iter()
            .map(|d| d.alternate_rank.unwrap())
            .collect();
        assert_eq!(ranks, (1..=alternates.len() as u32).collect::<Vec<_>>());
        // Votes: more than half of the grassroots congress, the elected above the alternates.
        let voters = c
            .congresses
            .iter()
            .find(|k| k.organization_code == a.organization_code)
            .unwrap()
            .delegates;
        let votes: Vec<u32> = elected
            .iter()
            .chain(&alternates)
            .map(|d| d.votes.unwrap())
            .collect();
        assert!(votes.windows(2).all(|w| w[0] >= w[1]), "{votes:?}");
        assert!(votes.iter().all(|v| *v > voters / 2 && *v <= voters));
    }
    assert_eq!(c.allocation.iter().map(|a| a.seats).sum::<u32>(), 210);
    assert!(of(DelegateKind::Alternate).count() > 0);

    // A delegate on a roll is the person of that roll; names are NFC and not repeated.
    let mut names = HashSet::new();
    for d in &c.delegates {
        assert_eq!(nfc(&d.full_name), d.full_name);
        assert!(names.insert(d.full_name.as_str()), "{} twice", d.full_name);
        if let (Some(i), DelegateKind::Elected | DelegateKind::Alternate) = (d.person, d.kind) {
            assert_eq!(c.people[i].fields.organization_code, d.organization_code);
        }
    }
}
