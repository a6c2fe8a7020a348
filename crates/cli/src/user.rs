//! `daihoi user` — accounts of the administration (tài khoản quản trị).
//!
//! `daihoi user add USERNAME [--admin|--editor]` reads the password from standard input (one
//! line), or asks for it twice without echo when standard input is a terminal.
//! `daihoi user list` prints the accounts. Both work on the database `daihoi serve` uses
//! (`--database-url`, env `DATABASE_URL`, default SQLite in `--data-dir`), migrating it first.

use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use daihoi_domain::account::{check_new_password, check_username};
use daihoi_store::{Actor, NewUser, Role, Store};

/// Arguments of `daihoi user`.
#[derive(clap::Args)]
pub struct UserArgs {
    #[command(subcommand)]
    command: UserCommand,
}

#[derive(clap::Subcommand)]
enum UserCommand {
    /// Add an account; the password comes from standard input (or is prompted on a terminal).
    Add(AddArgs),
    /// List the accounts.
    List(DbArgs),
}

/// Where the database is (same defaults as `daihoi serve`); also `daihoi import`'s.
#[derive(clap::Args)]
pub(crate) struct DbArgs {
    /// Data directory; the default database is `<data-dir>/daihoi.db`.
    #[arg(long, default_value = "./data")]
    pub(crate) data_dir: PathBuf,
    /// Database URL (`postgres://…` or `sqlite://…`).
    #[arg(long, env = "DATABASE_URL")]
    database_url: Option<String>,
}

#[derive(clap::Args)]
struct AddArgs {
    /// Login name (lowercase letters, digits, `.`, `_`, `-`).
    username: String,
    /// Quản trị: publishes, manages categories and reads the audit log.
    #[arg(long, conflicts_with = "editor")]
    admin: bool,
    /// Biên tập viên: writes drafts and uploads photos (the default).
    #[arg(long)]
    editor: bool,
    /// Name shown in the interface and the audit log (default: the login name).
    #[arg(long)]
    display_name: Option<String>,
    #[command(flatten)]
    db: DbArgs,
}

/// Runs `daihoi user`.
pub fn run(args: UserArgs) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("daihoi user: {err}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match args.command {
            UserCommand::Add(add) => add_user(add).await,
            UserCommand::List(db) => list_users(db).await,
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("daihoi user: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// Connects to the database `db` names and migrates it (a no-op when it is current).
pub(crate) async fn open_store(db: &DbArgs) -> anyhow::Result<Store> {
    let url = match &db.database_url {
        Some(url) if !url.trim().is_empty() => url.clone(),
        _ => {
            std::fs::create_dir_all(&db.data_dir).with_context(|| {
                format!("không tạo được thư mục dữ liệu {}", db.data_dir.display())
            })?;
            format!("sqlite://{}", db.data_dir.join("daihoi.db").display())
        }
    };
    let store = Store::connect(&url).await?;
    store.migrate().await?;
    Ok(store)
}

/// The password: prompted twice without echo on a terminal, else the first line of stdin.
fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Mật khẩu: ").context("không đọc được mật khẩu")?;
        let second =
            rpassword::prompt_password("Nhập lại mật khẩu: ").context("không đọc được mật khẩu")?;
        if first != second {
            bail!("hai lần nhập mật khẩu không khớp nhau");
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("không đọc được mật khẩu từ đầu vào chuẩn")?;
        Ok(line.trim_end_matches(['\r', '\n']).to_owned())
    }
}

async fn add_user(args: AddArgs) -> anyhow::Result<()> {
    // The rules of the administration's user page, from their one home in the domain.
    let username = args.username.trim().to_lowercase();
    check_username(&username)?;
    let password = read_password()?;
    check_new_password(&username, &password)?;
    let role = if args.admin {
        Role::Admin
    } else {
        Role::Editor
    };
    let display_name = daihoi_domain::vn::nfc(
        args.display_name
            .as_deref()
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .unwrap_or(&username),
    );
    let store = open_store(&args.db).await?;
    let password_hash =
        tokio::task::spawn_blocking(move || daihoi_web::kernel::auth::hash_password(&password))
            .await
            .context("băm mật khẩu thất bại")?;
    let user = store
        .create_user(
            &NewUser {
                username,
                display_name,
                role,
                password_hash,
            },
            &Actor::System,
            chrono::Utc::now(),
        )
        .await?;
    println!(
        "Đã tạo tài khoản «{}» ({}), mã số {}.",
        user.username,
        user.role.label(),
        user.id
    );
    store.close().await;
    Ok(())
}

async fn list_users(db: DbArgs) -> anyhow::Result<()> {
    let store = open_store(&db).await?;
    let users = store.list_users().await?;
    if users.is_empty() {
        println!("Chưa có tài khoản nào. Tạo tài khoản đầu tiên: daihoi user add admin --admin");
    }
    for user in users {
        println!(
            "{}\t{}\t{}\t{}{}",
            user.username,
            user.role.as_str(),
            user.display_name,
            user.created_at.format("%d/%m/%Y %H:%M UTC"),
            if user.disabled { "\tđã khoá" } else { "" }
        );
    }
    store.close().await;
    Ok(())
}
