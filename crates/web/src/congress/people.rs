//! Nhân sự — the people on the organizations' rolls: an organization's roll, a search across its
//! subtree, one person's record, adding and editing.
//!
//! Date of birth, ethnicity and card number are sensitive personal data: only an account with
//! `ViewSensitive` on the person's organization sees them, and every such view (the record, the
//! edit form) is written to the audit log. Lists never show them.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use daihoi_domain::access::{Permission, Target};
use daihoi_domain::congress::field::FieldError;
use daihoi_domain::congress::organization::check_code;
use daihoi_domain::congress::person::{self as rules, BirthDate, Sex};
use daihoi_store::{Constraint, NewPerson, Organization, Person, StoreError};
use serde::Deserialize;

use super::CongressState;
use super::views::{Crumb, Layout, breadcrumb, load_organization, render, require_on};
use crate::kernel::HttpError;
use crate::kernel::auth::CurrentUser;
use crate::kernel::forms::{CheckedForm, parse_id};

/// One row of a roll: what anyone who may see people sees.
pub struct PersonRow {
    /// Id.
    pub id: i64,
    /// Họ và tên.
    pub full_name: String,
    /// Nam / Nữ.
    pub sex: &'static str,
    /// Chức vụ.
    pub position: String,
    /// The organization's name, in a search across a subtree.
    pub organization: String,
}

/// Query of a roll: an optional search.
#[derive(Debug, Deserialize, Default)]
pub struct RollQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    thong_bao: Option<String>,
}

#[derive(Template)]
#[template(path = "congress/people.html")]
struct RollPage {
    layout: Layout,
    crumbs: Vec<Crumb>,
    org_id: i64,
    org_name: String,
    query: String,
    rows: Vec<PersonRow>,
    more: bool,
    can_manage: bool,
    searching: bool,
}

/// `GET /dai-hoi/to-chuc/{id}/nhan-su` — the roll of an organization, or with `q` the people of
/// its subtree whose name matches (with or without diacritics).
pub async fn roll(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(query): Query<RollQuery>,
) -> Result<Response, HttpError> {
    let org = load_organization(&state, &id).await?;
    require_on(&user, Permission::ViewPeople, &org)?;
    let store = &state.kernel.store;
    let q = daihoi_domain::vn::fold::nfc(query.q.trim());
    let q: String = q.chars().take(100).collect();
    let searching = !q.is_empty();
    let (people, more) = if searching {
        store.search_people(org.id, &q).await?
    } else {
        (store.people_of(org.id).await?, false)
    };
    let mut names = std::collections::HashMap::new();
    let mut rows = Vec::with_capacity(people.len());
    for p in &people {
        let organization = if p.organization_id == org.id {
            org.name.clone()
        } else if let Some(name) = names.get(&p.organization_id) {
            String::clone(name)
        } else {
            let name = store
                .organization(p.organization_id)
                .await?
                .map(|o| o.name)
                .unwrap_or_default();
            names.insert(p.organization_id, name.clone());
            name
        };
        rows.push(PersonRow {
            id: p.id,
            full_name: p.full_name.clone(),
            sex: p.sex.label(),
            position: p.position.clone().unwrap_or_default(),
            organization,
        });
    }
    render(&RollPage {
        layout: Layout::new(&state, &user, query.thong_bao.as_deref()).await,
        crumbs: breadcrumb(&state, &user, &org).await?,
        org_id: org.id,
        org_name: org.name.clone(),
        query: q,
        rows,
        more,
        can_manage: user.can_on(Permission::ManagePeople, Target::Organization(&org.path)),
        searching,
    })
}

#[derive(Template)]
#[template(path = "congress/person.html")]
struct PersonPage {
    layout: Layout,
    crumbs: Vec<Crumb>,
    person: Person,
    sex: &'static str,
    /// `Some` when the account may see the sensitive fields: (birth, ethnicity, card).
    sensitive: Option<(String, String, String)>,
    can_manage: bool,
}

async fn load_person(
    state: &CongressState,
    raw_id: &str,
) -> Result<(Person, Organization), HttpError> {
    let id = parse_id(raw_id, "người")?;
    let store = &state.kernel.store;
    let person = store
        .person(id)
        .await?
        .ok_or_else(|| HttpError::NotFound(format!("Không tìm thấy người số {id}.")))?;
    let org = store
        .organization(person.organization_id)
        .await?
        .ok_or_else(|| HttpError::NotFound(format!("Không tìm thấy người số {id}.")))?;
    Ok((person, org))
}

/// `GET /dai-hoi/nhan-su/{id}` — one person's record. The sensitive fields show to an account
/// that may see them, and that view is written to the audit log.
pub async fn show(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(query): Query<RollQuery>,
) -> Result<Response, HttpError> {
    let (person, org) = load_person(&state, &id).await?;
    require_on(&user, Permission::ViewPeople, &org)?;
    let target = Target::Organization(&org.path);
    let sensitive = if user.can_on(Permission::ViewSensitive, target) {
        state
            .kernel
            .store
            .record_person_view(&user.actor(), person.id, state.kernel.now())
            .await?;
        Some((
            person.birth.display(),
            person.ethnicity.clone().unwrap_or_default(),
            person.card_number.clone().unwrap_or_default(),
        ))
    } else {
        None
    };
    render(&PersonPage {
        layout: Layout::new(&state, &user, query.thong_bao.as_deref()).await,
        crumbs: breadcrumb(&state, &user, &org).await?,
        sex: person.sex.label(),
        can_manage: user.can_on(Permission::ManagePeople, target),
        person,
        sensitive,
    })
}

/// Fields of the person form, kept as typed.
#[derive(Debug, Clone, Deserialize, Default)]
pub struct PersonForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    full_name: String,
    #[serde(default)]
    sex: String,
    #[serde(default)]
    birth: String,
    #[serde(default)]
    ethnicity: String,
    #[serde(default)]
    education: String,
    #[serde(default)]
    position: String,
    #[serde(default)]
    organization_code: String,
    #[serde(default)]
    card_number: String,
}

type FieldErrors = Vec<(&'static str, String)>;

#[derive(Template)]
#[template(path = "congress/person_form.html")]
struct FormPage {
    layout: Layout,
    crumbs: Vec<Crumb>,
    heading: String,
    form: PersonForm,
    errors: FieldErrors,
    form_action: String,
    cancel: String,
}

impl FormPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, message)| message.as_str())
    }

    fn value(&self, field: &str) -> &str {
        match field {
            "ethnicity" => &self.form.ethnicity,
            "education" => &self.form.education,
            "position" => &self.form.position,
            _ => "",
        }
    }

    fn is_female(&self) -> bool {
        Sex::parse(&self.form.sex) == Ok(Sex::Female)
    }

    fn is_male(&self) -> bool {
        Sex::parse(&self.form.sex) == Ok(Sex::Male)
    }
}

/// The checked form (organization still by code), or every field's error in the domain's words.
fn check_form(
    form: &PersonForm,
    today: chrono::NaiveDate,
) -> Result<(String, NewPerson), FieldErrors> {
    let mut errors = FieldErrors::new();
    fn take<T: Default>(
        errors: &mut FieldErrors,
        name: &'static str,
        label: &str,
        result: Result<T, FieldError>,
    ) -> T {
        result
            .map_err(|e| errors.push((name, format!("{label}: {e}."))))
            .unwrap_or_default()
    }
    let full_name = take(
        &mut errors,
        "full_name",
        "Họ và tên",
        rules::check_full_name(&form.full_name),
    );
    let sex = take(
        &mut errors,
        "sex",
        "Giới tính",
        Sex::parse(&form.sex).map(Some),
    );
    let birth = take(
        &mut errors,
        "birth",
        "Ngày sinh",
        BirthDate::parse(&form.birth, today).map(Some),
    );
    let ethnicity = take(
        &mut errors,
        "ethnicity",
        "Dân tộc",
        rules::check_text(&form.ethnicity),
    );
    let education = take(
        &mut errors,
        "education",
        "Trình độ",
        rules::check_text(&form.education),
    );
    let position = take(
        &mut errors,
        "position",
        "Chức vụ",
        rules::check_text(&form.position),
    );
    let card_number = take(
        &mut errors,
        "card_number",
        "Số thẻ đảng viên",
        rules::check_card_number(&form.card_number),
    );
    let code = take(
        &mut errors,
        "organization_code",
        "Mã tổ chức",
        check_code(&form.organization_code),
    );
    match (sex, birth) {
        (Some(sex), Some(birth)) if errors.is_empty() => Ok((
            code,
            NewPerson {
                organization_id: 0,
                full_name,
                sex,
                birth,
                ethnicity,
                education,
                position,
                card_number,
            },
        )),
        _ => Err(errors),
    }
}

/// Resolves the typed organization code to an organization the account may add people to.
async fn organization_for(
    state: &CongressState,
    user: &CurrentUser,
    code: &str,
) -> Result<Result<Organization, (&'static str, String)>, HttpError> {
    let Some(org) = state.kernel.store.organization_by_code(code).await? else {
        return Ok(Err((
            "organization_code",
            format!("Mã tổ chức: không có tổ chức nào mang mã «{code}»."),
        )));
    };
    if !user.can_on(Permission::ManagePeople, Target::Organization(&org.path)) {
        return Ok(Err((
            "organization_code",
            format!("Mã tổ chức: bạn không có quyền với tổ chức «{code}»."),
        )));
    }
    if org.is_closed() {
        return Ok(Err((
            "organization_code",
            format!("Mã tổ chức: tổ chức «{code}» đã giải thể."),
        )));
    }
    Ok(Ok(org))
}

fn card_taken(err: &StoreError, card: Option<&str>) -> Option<(&'static str, String)> {
    match err {
        StoreError::Conflict(Constraint::PersonCard) => Some((
            "card_number",
            format!(
                "Số thẻ đảng viên «{}» đã có trong hồ sơ của người khác.",
                card.unwrap_or_default()
            ),
        )),
        _ => None,
    }
}

/// Checks and saves the form: `Ok(id)` of the saved person, or the errors to show.
async fn save(
    state: &CongressState,
    user: &CurrentUser,
    form: &PersonForm,
    existing: Option<i64>,
) -> Result<Result<i64, FieldErrors>, HttpError> {
    let (code, mut new) = match check_form(form, state.kernel.today()) {
        Ok(checked) => checked,
        Err(errors) => return Ok(Err(errors)),
    };
    let org = match organization_for(state, user, &code).await? {
        Ok(org) => org,
        Err(error) => return Ok(Err(vec![error])),
    };
    new.organization_id = org.id;
    let store = &state.kernel.store;
    let (actor, now) = (user.actor(), state.kernel.now());
    let saved = match existing {
        Some(id) => store.update_person(id, &new, &actor, now).await,
        None => store.create_person(&new, &actor, now).await,
    };
    match saved {
        Ok(person) => Ok(Ok(person.id)),
        Err(err) => match card_taken(&err, new.card_number.as_deref()) {
            Some(error) => Ok(Err(vec![error])),
            None => Err(err.into()),
        },
    }
}

fn refused(page: &FormPage) -> Result<Response, HttpError> {
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response())
}

/// `GET /dai-hoi/to-chuc/{id}/nhan-su/them` — the form for a new person on the roll of `id`.
pub async fn new_form(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, HttpError> {
    let org = load_organization(&state, &id).await?;
    require_on(&user, Permission::ManagePeople, &org)?;
    render(&FormPage {
        layout: Layout::new(&state, &user, None).await,
        crumbs: breadcrumb(&state, &user, &org).await?,
        heading: format!("Thêm người vào danh sách {}", org.name),
        form: PersonForm {
            organization_code: org.code.clone(),
            ..PersonForm::default()
        },
        errors: Vec::new(),
        form_action: format!("/dai-hoi/to-chuc/{}/nhan-su/them", org.id),
        cancel: format!("/dai-hoi/to-chuc/{}/nhan-su", org.id),
    })
}

/// `POST /dai-hoi/to-chuc/{id}/nhan-su/them` — adds a person.
pub async fn create(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
    CheckedForm(form): CheckedForm<PersonForm>,
) -> Result<Response, HttpError> {
    let org = load_organization(&state, &id).await?;
    require_on(&user, Permission::ManagePeople, &org)?;
    user.check_csrf(&state.kernel, &form.csrf_token)?;
    match save(&state, &user, &form, None).await? {
        Ok(person) => Ok(
            Redirect::to(&format!("/dai-hoi/nhan-su/{person}?thong_bao=da-them")).into_response(),
        ),
        Err(errors) => refused(&FormPage {
            layout: Layout::new(&state, &user, None).await,
            crumbs: breadcrumb(&state, &user, &org).await?,
            heading: format!("Thêm người vào danh sách {}", org.name),
            form,
            errors,
            form_action: format!("/dai-hoi/to-chuc/{}/nhan-su/them", org.id),
            cancel: format!("/dai-hoi/to-chuc/{}/nhan-su", org.id),
        }),
    }
}

/// `GET /dai-hoi/nhan-su/{id}/sua` — the edit form (it shows the sensitive fields: the view is
/// written to the audit log).
pub async fn edit_form(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, HttpError> {
    let (person, org) = load_person(&state, &id).await?;
    require_on(&user, Permission::ManagePeople, &org)?;
    require_on(&user, Permission::ViewSensitive, &org)?;
    state
        .kernel
        .store
        .record_person_view(&user.actor(), person.id, state.kernel.now())
        .await?;
    render(&FormPage {
        layout: Layout::new(&state, &user, None).await,
        crumbs: breadcrumb(&state, &user, &org).await?,
        heading: format!("Sửa hồ sơ {}", person.full_name),
        form: PersonForm {
            csrf_token: String::new(),
            full_name: person.full_name.clone(),
            sex: person.sex.label().to_owned(),
            birth: person.birth.display(),
            ethnicity: person.ethnicity.clone().unwrap_or_default(),
            education: person.education.clone().unwrap_or_default(),
            position: person.position.clone().unwrap_or_default(),
            organization_code: org.code.clone(),
            card_number: person.card_number.clone().unwrap_or_default(),
        },
        errors: Vec::new(),
        form_action: format!("/dai-hoi/nhan-su/{}/sua", person.id),
        cancel: format!("/dai-hoi/nhan-su/{}", person.id),
    })
}

/// `POST /dai-hoi/nhan-su/{id}/sua` — saves the edited record.
pub async fn update(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
    CheckedForm(form): CheckedForm<PersonForm>,
) -> Result<Response, HttpError> {
    let (person, org) = load_person(&state, &id).await?;
    require_on(&user, Permission::ManagePeople, &org)?;
    require_on(&user, Permission::ViewSensitive, &org)?;
    user.check_csrf(&state.kernel, &form.csrf_token)?;
    match save(&state, &user, &form, Some(person.id)).await? {
        Ok(id) => {
            Ok(Redirect::to(&format!("/dai-hoi/nhan-su/{id}?thong_bao=da-luu")).into_response())
        }
        Err(errors) => refused(&FormPage {
            layout: Layout::new(&state, &user, None).await,
            crumbs: breadcrumb(&state, &user, &org).await?,
            heading: format!("Sửa hồ sơ {}", person.full_name),
            form,
            errors,
            form_action: format!("/dai-hoi/nhan-su/{}/sua", person.id),
            cancel: format!("/dai-hoi/nhan-su/{}", person.id),
        }),
    }
}
