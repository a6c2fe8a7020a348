fn main() {
    // Migrations are embedded by `sqlx::migrate!`; rebuild when one changes.
    println!("cargo:rerun-if-changed=migrations");
}
