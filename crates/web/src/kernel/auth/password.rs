//! Mật khẩu — password hashing with argon2id. The rule a new password must follow is the
//! domain's ([`daihoi_domain::account::check_new_password`]).

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rand::RngCore;
use std::sync::OnceLock;
use std::time::Duration;

use tokio::sync::Semaphore;

use crate::kernel::HttpError;

/// Chỗ băm mật khẩu — how many argon2id computations may run at once in this process. Each holds
/// 19 MiB while it runs, so this bounds the memory that logins can take, whatever arrives.
pub const HASHING_SLOTS: usize = 2;

/// How long a login waits for a free slot before it is answered 503.
pub const HASHING_WAIT: Duration = Duration::from_secs(5);

/// Runs `work` (hashing or checking a password) on the blocking pool once one of the
/// [`HASHING_SLOTS`] is free; after [`HASHING_WAIT`] without one, refuses with 503 and a
/// Vietnamese message (see [`crate::kernel::gate`]).
pub async fn with_hashing_slot<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, HttpError> {
    static SLOTS: OnceLock<Semaphore> = OnceLock::new();
    crate::kernel::gate::run_in_slot(
        SLOTS.get_or_init(|| Semaphore::new(HASHING_SLOTS)),
        HASHING_WAIT,
        "Máy chủ đang kiểm tra mật khẩu cho nhiều lượt đăng nhập cùng lúc. Vui lòng thử lại sau \
         ít giây.",
        work,
    )
    .await
}

/// Băm mật khẩu — hashes a password with argon2id (the `argon2` crate's defaults: version 0x13,
/// m = 19 MiB, t = 2, p = 1) and a random 128-bit salt, as a PHC string
/// (`$argon2id$v=19$m=19456,t=2,p=1$…`).
pub fn hash_password(password: &str) -> String {
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).expect("16 bytes is a valid salt length");
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2id with default parameters accepts any password and a 16-byte salt")
        .to_string()
}

/// Kiểm tra mật khẩu — whether `password` matches the PHC string `phc`. A malformed hash never
/// matches. The parameters are read from the string, so hashes made with stronger parameters
/// later still verify.
pub fn verify_password(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// Spends the same work as [`verify_password`] for a user name that does not exist, so the
/// answer time does not tell an attacker which user names are real. Always `false`.
pub fn verify_against_dummy(password: &str) -> bool {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash_password("daihoi: no such user"));
    let _ = verify_password(password, dummy);
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_argon2id_with_at_least_default_cost_and_verifies() {
        let phc = hash_password("Mật khẩu bí mật 2026");
        assert!(phc.starts_with("$argon2id$v=19$"), "{phc}");
        let parsed = PasswordHash::new(&phc).unwrap();
        let m: u32 = parsed.params.get_decimal("m").unwrap();
        let t: u32 = parsed.params.get_decimal("t").unwrap();
        assert!(m >= 19 * 1024 && t >= 2, "m={m} t={t}");
        assert!(verify_password("Mật khẩu bí mật 2026", &phc));
        assert!(!verify_password("mật khẩu bí mật 2026", &phc));
        assert!(!verify_password("", &phc));
    }

    #[test]
    fn same_password_gets_a_different_salt() {
        assert_ne!(hash_password("abc"), hash_password("abc"));
    }

    #[test]
    fn malformed_hash_never_matches() {
        assert!(!verify_password("abc", "not a phc string"));
        assert!(!verify_password("abc", ""));
        assert!(!verify_against_dummy("daihoi: no such user"));
    }
}
