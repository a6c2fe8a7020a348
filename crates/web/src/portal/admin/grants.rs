//! Quyền trong không gian đại hội — on an account's page, the admin gives or takes the
//! account's workspace roles (secretariat or observer of an organization's subtree, hall staff of
//! one congress) and its access to the portal's administration.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use daihoi_domain::access::{Grant, Permission, Role, Scope};
use daihoi_domain::congress::organization::check_code;
use daihoi_store::{StoreError, StoredGrant};
use serde::Deserialize;

use super::{AdminForm, HttpError, parse_id};
use crate::kernel::auth::CurrentUser;
use crate::portal::PortalState;

/// One grant as the account page lists it.
pub struct GrantLine {
    /// Row id (to revoke it).
    pub id: i64,
    /// "Văn phòng cấp ủy".
    pub role: &'static str,
    /// "TU · Đảng bộ huyện Tân Uyên và các tổ chức trực thuộc" or the congress's name.
    pub scope: String,
}

/// The account's grants, worded.
pub async fn lines(state: &PortalState, user_id: i64) -> Result<Vec<GrantLine>, HttpError> {
    let mut lines = Vec::new();
    for StoredGrant { id, grant, .. } in state.store.grants_of(user_id).await? {
        let scope = match grant.scope {
            Scope::Organization(org) => match state.store.organization(org).await? {
                Some(o) => format!("{} · {} và các tổ chức trực thuộc", o.code, o.name),
                None => format!("tổ chức số {org}"),
            },
            Scope::Congress(c) => match state.store.congress(c).await? {
                Some(c) => format!("{} ({})", c.name, c.term),
                None => format!("đại hội số {c}"),
            },
            Scope::Site => "toàn hệ thống".to_owned(),
        };
        lines.push(GrantLine {
            id,
            role: grant.role.label(),
            scope,
        });
    }
    Ok(lines)
}

/// Fields of the grant form.
#[derive(Debug, Default, Deserialize)]
pub struct GrantForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    role: String,
    /// Mã tổ chức (for a subtree).
    #[serde(default)]
    organization_code: String,
    /// Số đại hội (for the hall staff of one congress).
    #[serde(default)]
    congress_id: String,
}

fn back(user_id: i64, notice: &str) -> Response {
    Redirect::to(&format!(
        "/quan-tri/nguoi-dung/{user_id}?thong_bao={notice}"
    ))
    .into_response()
}

/// `POST /quan-tri/nguoi-dung/{id}/quyen` — gives a workspace role.
pub async fn add(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path(id): Path<String>,
    AdminForm(form): AdminForm<GrantForm>,
) -> Result<Response, HttpError> {
    user.require(Permission::ManageUsers)?;
    user.check_csrf(&state, &form.csrf_token)?;
    let target = parse_id(&id, "người dùng")?;
    let refuse = |message: String| HttpError::BadRequest(message);
    let role = Role::parse_workspace(&form.role).ok_or_else(|| {
        refuse("Hãy chọn vai trò: văn phòng cấp ủy, theo dõi hoặc tổ đón tiếp.".to_owned())
    })?;
    let scope = match form.congress_id.trim() {
        "" => {
            let code = check_code(&form.organization_code)
                .map_err(|e| refuse(format!("Mã tổ chức: {e}.")))?;
            let org = state
                .store
                .organization_by_code(&code)
                .await?
                .ok_or_else(|| refuse(format!("Không có tổ chức nào mang mã «{code}».")))?;
            Scope::Organization(org.id)
        }
        raw => {
            let congress = raw
                .parse::<i64>()
                .ok()
                .filter(|id| *id > 0)
                .ok_or_else(|| refuse("Số đại hội phải là một số nguyên dương.".to_owned()))?;
            state
                .store
                .congress(congress)
                .await?
                .ok_or_else(|| refuse(format!("Không có đại hội số {congress}.")))?;
            Scope::Congress(congress)
        }
    };
    match state
        .store
        .add_grant(target, Grant { role, scope }, &user.actor(), state.now())
        .await
    {
        Ok(_) => Ok(back(target, "da-cap-quyen")),
        Err(StoreError::Invalid(why)) => Err(refuse(format!("Không cấp được quyền: {why}."))),
        Err(err) => Err(err.into()),
    }
}

/// Fields of a form that only carries its token.
#[derive(Debug, Default, Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    csrf_token: String,
}

/// `POST /quan-tri/nguoi-dung/{id}/quyen/{grant}/thu-hoi` — takes a workspace role back.
pub async fn remove(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path((id, grant)): Path<(String, String)>,
    AdminForm(form): AdminForm<TokenForm>,
) -> Result<Response, HttpError> {
    user.require(Permission::ManageUsers)?;
    user.check_csrf(&state, &form.csrf_token)?;
    let target = parse_id(&id, "người dùng")?;
    let grant = parse_id(&grant, "quyền")?;
    state
        .store
        .remove_grant(target, grant, &user.actor(), state.now())
        .await?;
    Ok(back(target, "da-thu-hoi-quyen"))
}

/// Fields of the portal-access form.
#[derive(Debug, Default, Deserialize)]
pub struct PortalAccessForm {
    #[serde(default)]
    csrf_token: String,
    /// `1` to give access to the portal's administration, `0` to take it.
    #[serde(default)]
    access: String,
}

/// `POST /quan-tri/nguoi-dung/{id}/cong-thong-tin` — gives or takes the account's portal role
/// (an account of the congress workspace only has none; an admin always keeps it).
pub async fn set_portal_access(
    State(state): State<PortalState>,
    user: CurrentUser,
    Path(id): Path<String>,
    AdminForm(form): AdminForm<PortalAccessForm>,
) -> Result<Response, HttpError> {
    user.require(Permission::ManageUsers)?;
    user.check_csrf(&state, &form.csrf_token)?;
    let target = parse_id(&id, "người dùng")?;
    let access = match form.access.as_str() {
        "1" => true,
        "0" => false,
        _ => {
            return Err(HttpError::BadRequest(
                "Biểu mẫu thiếu lựa chọn có hay không quyền vào quản trị cổng.".to_owned(),
            ));
        }
    };
    match state
        .store
        .set_portal_access(target, access, &user.actor(), state.now())
        .await
    {
        Ok(_) => Ok(back(target, "da-doi-quyen-cong")),
        Err(StoreError::Invalid(why)) => {
            Err(HttpError::BadRequest(format!("Không đổi được: {why}.")))
        }
        Err(err) => Err(err.into()),
    }
}
