//! Tổ chức — the organizations tree in the workspace: an organization's page with its children,
//! adding one below it, editing, moving its subtree under another parent, closing and reopening.
//! Every route checks the account's rights on the organization's path.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use daihoi_domain::access::{Permission, Target};
use daihoi_domain::congress::field::FieldError;
use daihoi_domain::congress::organization as rules;
use daihoi_domain::vn::format::format_int;
use daihoi_store::{
    Closed, Constraint, NewOrganization, Organization, OrganizationUpdate, StoreError,
};
use serde::Deserialize;

use super::CongressState;
use super::views::{Crumb, Layout, breadcrumb, load_organization, render, require_on};
use crate::kernel::HttpError;
use crate::kernel::auth::CurrentUser;
use crate::kernel::forms::CheckedForm;

/// Query carrying a confirmation code.
#[derive(Debug, Deserialize, Default)]
pub struct NoticeQuery {
    #[serde(default)]
    thong_bao: Option<String>,
}

impl NoticeQuery {
    /// The confirmation code asked for, if any.
    pub fn notice(&self) -> Option<&str> {
        self.thong_bao.as_deref()
    }
}

/// One row of a list of organizations, formatted.
pub struct OrgRow {
    /// Id.
    pub id: i64,
    /// Mã.
    pub code: String,
    /// Tên.
    pub name: String,
    /// Cấp.
    pub level: String,
    /// Số đảng viên, formatted (`1.934`).
    pub members: String,
    /// Whether it is closed.
    pub closed: bool,
}

impl OrgRow {
    /// The row of `org`.
    pub fn of(org: &Organization) -> OrgRow {
        OrgRow {
            id: org.id,
            code: org.code.clone(),
            name: org.name.clone(),
            level: org.level.clone(),
            members: format_int(org.members),
            closed: org.is_closed(),
        }
    }
}

#[derive(Template)]
#[template(path = "congress/organization.html")]
struct OrganizationPage {
    layout: Layout,
    crumbs: Vec<Crumb>,
    org: OrgRow,
    parent_code: String,
    children: Vec<OrgRow>,
    closed_children: usize,
    can_manage: bool,
    can_see_people: bool,
    move_error: Option<String>,
    move_code: String,
    congresses: Vec<super::congresses::CongressView>,
    can_plan: bool,
}

/// `GET /dai-hoi/to-chuc/{id}` — an organization, its children and what may be done with it.
pub async fn show(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(query): Query<NoticeQuery>,
) -> Result<Response, HttpError> {
    let org = load_organization(&state, &id).await?;
    require_on(&user, Permission::ViewWorkspace, &org)?;
    let page = organization_page(&state, &user, &org, query.thong_bao.as_deref(), None).await?;
    render(&page)
}

async fn organization_page(
    state: &CongressState,
    user: &CurrentUser,
    org: &Organization,
    notice: Option<&str>,
    move_refused: Option<(String, String)>,
) -> Result<OrganizationPage, HttpError> {
    let store = &state.kernel.store;
    let all_children = store.organization_children(org.id, Closed::Include).await?;
    let closed_children = all_children.iter().filter(|c| c.is_closed()).count();
    let parent_code = match org.parent_id {
        Some(parent) => store
            .organization(parent)
            .await?
            .map(|p| p.code)
            .unwrap_or_default(),
        None => String::new(),
    };
    let (move_error, move_code) = match move_refused {
        Some((error, code)) => (Some(error), code),
        None => (None, String::new()),
    };
    Ok(OrganizationPage {
        layout: Layout::new(state, user, notice).await,
        crumbs: breadcrumb(state, user, org).await?,
        org: OrgRow::of(org),
        parent_code,
        children: all_children.iter().map(OrgRow::of).collect(),
        closed_children,
        can_manage: user.can_on(
            Permission::ManageOrganizations,
            Target::Organization(&org.path),
        ),
        can_see_people: user.can_on(Permission::ViewPeople, Target::Organization(&org.path)),
        move_error,
        move_code,
        congresses: store
            .congresses_of(org.id)
            .await?
            .iter()
            .map(super::congresses::CongressView::of)
            .collect(),
        can_plan: user.can_on(
            Permission::ManageCongresses,
            Target::Organization(&org.path),
        ),
    })
}

/// Fields of the organization form, kept as typed.
#[derive(Debug, Clone, Deserialize, Default)]
pub struct OrganizationForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    level: String,
    #[serde(default)]
    members: String,
}

type FieldErrors = Vec<(&'static str, String)>;

#[derive(Template)]
#[template(path = "congress/organization_form.html")]
struct FormPage {
    layout: Layout,
    crumbs: Vec<Crumb>,
    heading: String,
    form: OrganizationForm,
    errors: FieldErrors,
    form_action: String,
    cancel: String,
}

/// One text field of a form, for the template's loop.
pub struct FieldView {
    /// `name` and `id`.
    pub name: &'static str,
    /// The label.
    pub label: &'static str,
    /// The value as typed.
    pub value: String,
    /// `maxlength`.
    pub max: usize,
    /// A hint under the field, or empty.
    pub hint: &'static str,
    /// Whether it must be filled.
    pub required: bool,
    /// Its error, if any.
    pub error: Option<String>,
}

impl FormPage {
    fn fields(&self) -> Vec<FieldView> {
        let f = &self.form;
        [
            (
                "code",
                "Mã",
                &f.code,
                rules::CODE_MAX_CHARS,
                "Chữ cái không dấu, chữ số, dấu chấm, gạch ngang; ví dụ TU-01.",
                true,
            ),
            (
                "name",
                "Tên tổ chức",
                &f.name,
                rules::NAME_MAX_CHARS,
                "",
                true,
            ),
            (
                "level",
                "Cấp",
                &f.level,
                rules::LEVEL_MAX_CHARS,
                "Ví dụ: Đảng bộ huyện, Tổ chức cơ sở đảng, Chi bộ trực thuộc.",
                true,
            ),
            ("members", "Số đảng viên", &f.members, 20, "", false),
        ]
        .into_iter()
        .map(|(name, label, value, max, hint, required)| FieldView {
            name,
            label,
            value: value.clone(),
            max,
            hint,
            required,
            error: self.error(name).map(str::to_owned),
        })
        .collect()
    }

    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, message)| message.as_str())
    }
}

/// The checked fields of the form, or every field's error (the domain's rules and words).
fn check_form(form: &OrganizationForm) -> Result<OrganizationUpdate, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut field = |name: &'static str, label: &str, result: Result<String, FieldError>| {
        result
            .map_err(|e| errors.push((name, format!("{label}: {e}."))))
            .unwrap_or_default()
    };
    let code = field("code", "Mã", rules::check_code(&form.code));
    let name = field("name", "Tên tổ chức", rules::check_name(&form.name));
    let level = field("level", "Cấp", rules::check_level(&form.level));
    let members = rules::check_members(&form.members, false)
        .map_err(|e| errors.push(("members", format!("Số đảng viên: {e}."))))
        .unwrap_or_default();
    if errors.is_empty() {
        Ok(OrganizationUpdate {
            code,
            name,
            level,
            members,
        })
    } else {
        Err(errors)
    }
}

/// A taken code becomes an error next to the code field.
fn code_taken(err: &StoreError, code: &str) -> Option<(&'static str, String)> {
    match err {
        StoreError::Conflict(Constraint::OrganizationCode) => {
            Some(("code", format!("Mã «{code}» đã được tổ chức khác dùng.")))
        }
        StoreError::Invalid(why) => Some(("code", format!("Không lưu được: {why}."))),
        _ => None,
    }
}

fn refused(page: &FormPage) -> Result<Response, HttpError> {
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response())
}

/// `GET /dai-hoi/to-chuc/{id}/them` — the form for an organization below `id`.
pub async fn new_form(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, HttpError> {
    let parent = load_organization(&state, &id).await?;
    require_on(&user, Permission::ManageOrganizations, &parent)?;
    let page = FormPage {
        layout: Layout::new(&state, &user, None).await,
        crumbs: breadcrumb(&state, &user, &parent).await?,
        heading: format!("Thêm tổ chức trực thuộc {}", parent.name),
        form: OrganizationForm::default(),
        errors: Vec::new(),
        form_action: format!("/dai-hoi/to-chuc/{}/them", parent.id),
        cancel: format!("/dai-hoi/to-chuc/{}", parent.id),
    };
    render(&page)
}

/// `POST /dai-hoi/to-chuc/{id}/them` — creates an organization below `id`.
pub async fn create(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
    CheckedForm(form): CheckedForm<OrganizationForm>,
) -> Result<Response, HttpError> {
    let parent = load_organization(&state, &id).await?;
    require_on(&user, Permission::ManageOrganizations, &parent)?;
    user.check_csrf(&state.kernel, &form.csrf_token)?;
    let result = match check_form(&form) {
        Ok(fields) => {
            let new = NewOrganization {
                code: fields.code.clone(),
                name: fields.name,
                level: fields.level,
                members: fields.members,
                parent_id: Some(parent.id),
            };
            match state
                .kernel
                .store
                .create_organization(&new, &user.actor(), state.kernel.now())
                .await
            {
                Ok(org) => {
                    return Ok(Redirect::to(&format!(
                        "/dai-hoi/to-chuc/{}?thong_bao=da-them",
                        org.id
                    ))
                    .into_response());
                }
                Err(err) => match code_taken(&err, &fields.code) {
                    Some(error) => vec![error],
                    None => return Err(err.into()),
                },
            }
        }
        Err(errors) => errors,
    };
    refused(&FormPage {
        layout: Layout::new(&state, &user, None).await,
        crumbs: breadcrumb(&state, &user, &parent).await?,
        heading: format!("Thêm tổ chức trực thuộc {}", parent.name),
        form,
        errors: result,
        form_action: format!("/dai-hoi/to-chuc/{}/them", parent.id),
        cancel: format!("/dai-hoi/to-chuc/{}", parent.id),
    })
}

/// `GET /dai-hoi/to-chuc/{id}/sua` — the form to rename or correct an organization.
pub async fn edit_form(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, HttpError> {
    let org = load_organization(&state, &id).await?;
    require_on(&user, Permission::ManageOrganizations, &org)?;
    let page = FormPage {
        layout: Layout::new(&state, &user, None).await,
        crumbs: breadcrumb(&state, &user, &org).await?,
        heading: format!("Sửa tổ chức {}", org.name),
        form: OrganizationForm {
            csrf_token: String::new(),
            code: org.code.clone(),
            name: org.name.clone(),
            level: org.level.clone(),
            members: org.members.to_string(),
        },
        errors: Vec::new(),
        form_action: format!("/dai-hoi/to-chuc/{}/sua", org.id),
        cancel: format!("/dai-hoi/to-chuc/{}", org.id),
    };
    render(&page)
}

/// `POST /dai-hoi/to-chuc/{id}/sua` — saves the edited fields.
pub async fn update(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
    CheckedForm(form): CheckedForm<OrganizationForm>,
) -> Result<Response, HttpError> {
    let org = load_organization(&state, &id).await?;
    require_on(&user, Permission::ManageOrganizations, &org)?;
    user.check_csrf(&state.kernel, &form.csrf_token)?;
    let errors = match check_form(&form) {
        Ok(fields) => match state
            .kernel
            .store
            .update_organization(org.id, &fields, &user.actor(), state.kernel.now())
            .await
        {
            Ok(_) => {
                return Ok(
                    Redirect::to(&format!("/dai-hoi/to-chuc/{}?thong_bao=da-luu", org.id))
                        .into_response(),
                );
            }
            Err(err) => match code_taken(&err, &fields.code) {
                Some(error) => vec![error],
                None => return Err(err.into()),
            },
        },
        Err(errors) => errors,
    };
    refused(&FormPage {
        layout: Layout::new(&state, &user, None).await,
        crumbs: breadcrumb(&state, &user, &org).await?,
        heading: format!("Sửa tổ chức {}", org.name),
        form,
        errors,
        form_action: format!("/dai-hoi/to-chuc/{}/sua", org.id),
        cancel: format!("/dai-hoi/to-chuc/{}", org.id),
    })
}

/// Fields of the move form.
#[derive(Debug, Deserialize, Default)]
pub struct MoveForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    parent_code: String,
}

/// `POST /dai-hoi/to-chuc/{id}/chuyen` — moves the subtree under the organization whose code is
/// given. The account needs the right to manage both the moved organization and its new parent.
pub async fn move_subtree(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
    CheckedForm(form): CheckedForm<MoveForm>,
) -> Result<Response, HttpError> {
    let org = load_organization(&state, &id).await?;
    require_on(&user, Permission::ManageOrganizations, &org)?;
    user.check_csrf(&state.kernel, &form.csrf_token)?;
    let typed = form.parent_code.trim().to_owned();
    match move_under(&state, &user, &org, &typed).await? {
        Ok(()) => Ok(
            Redirect::to(&format!("/dai-hoi/to-chuc/{}?thong_bao=da-chuyen", org.id))
                .into_response(),
        ),
        Err(why) => {
            let page = organization_page(&state, &user, &org, None, Some((why, typed))).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response())
        }
    }
}

/// Moves `org` under the organization coded `typed`: `Ok(Err(why))` for a refusal to show next
/// to the field.
async fn move_under(
    state: &CongressState,
    user: &CurrentUser,
    org: &Organization,
    typed: &str,
) -> Result<Result<(), String>, HttpError> {
    let code = match rules::check_code(typed) {
        Ok(code) => code,
        Err(e) => return Ok(Err(format!("Mã cấp trên mới: {e}."))),
    };
    let Some(parent) = state.kernel.store.organization_by_code(&code).await? else {
        return Ok(Err(format!("Không có tổ chức nào mang mã «{code}».")));
    };
    if !user.can_on(
        Permission::ManageOrganizations,
        Target::Organization(&parent.path),
    ) {
        return Ok(Err(format!(
            "Bạn không có quyền quản lý tổ chức «{}» nên không thể chuyển tổ chức sang đó.",
            parent.code
        )));
    }
    match state
        .kernel
        .store
        .move_organization(org.id, Some(parent.id), &user.actor(), state.kernel.now())
        .await
    {
        Ok(_) => Ok(Ok(())),
        Err(StoreError::Invalid(why)) => Ok(Err(format!("Không chuyển được: {why}."))),
        Err(err) => Err(err.into()),
    }
}

/// Fields of the close / reopen form.
#[derive(Debug, Deserialize, Default)]
pub struct CloseForm {
    #[serde(default)]
    csrf_token: String,
    /// `1` to close, `0` to reopen.
    #[serde(default)]
    closed: String,
}

/// `POST /dai-hoi/to-chuc/{id}/giai-the` — closes the organization (kept in history) or reopens
/// it.
pub async fn set_closed(
    State(state): State<CongressState>,
    user: CurrentUser,
    Path(id): Path<String>,
    CheckedForm(form): CheckedForm<CloseForm>,
) -> Result<Response, HttpError> {
    let org = load_organization(&state, &id).await?;
    require_on(&user, Permission::ManageOrganizations, &org)?;
    user.check_csrf(&state.kernel, &form.csrf_token)?;
    let closed = form.closed == "1";
    match state
        .kernel
        .store
        .set_organization_closed(org.id, closed, &user.actor(), state.kernel.now())
        .await
    {
        Ok(_) => {
            let notice = if closed {
                "da-giai-the"
            } else {
                "da-khoi-phuc"
            };
            Ok(
                Redirect::to(&format!("/dai-hoi/to-chuc/{}?thong_bao={notice}", org.id))
                    .into_response(),
            )
        }
        Err(StoreError::Invalid(why)) => Err(HttpError::Refused {
            status: StatusCode::CONFLICT,
            message: format!("Không thực hiện được: {why}."),
        }),
        Err(err) => Err(err.into()),
    }
}
