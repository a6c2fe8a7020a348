//! Mật khẩu — password hashing with argon2id.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rand::RngCore;
use std::sync::OnceLock;

/// Shortest password accepted for an account (the rule of `daihoi user add` too).
pub const MIN_PASSWORD_CHARS: usize = 8;

/// Kiểm tra mật khẩu mới — the password rule for a new or changed password: at least
/// [`MIN_PASSWORD_CHARS`] characters and not the login name. The error is a Vietnamese sentence.
pub fn check_new_password(username: &str, password: &str) -> Result<(), String> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(format!(
            "Mật khẩu quá ngắn: cần ít nhất {MIN_PASSWORD_CHARS} ký tự."
        ));
    }
    if password.trim().eq_ignore_ascii_case(username.trim()) {
        return Err("Mật khẩu không được trùng với tên đăng nhập.".to_owned());
    }
    Ok(())
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
    fn new_passwords_follow_the_cli_rule() {
        assert!(check_new_password("admin", "daihoi-demo-2026").is_ok());
        assert!(
            check_new_password("admin", "mật khẩu").is_ok(),
            "8 characters, not bytes"
        );
        assert!(
            check_new_password("admin", "short")
                .unwrap_err()
                .contains("8 ký tự")
        );
        assert!(
            check_new_password("administrator", "Administrator")
                .unwrap_err()
                .contains("trùng")
        );
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
