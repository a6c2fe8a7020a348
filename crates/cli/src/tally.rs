//! `daihoi tally` — count one election from a JSON file (kiểm phiếu) and print the result as
//! JSON; `--check` prints only the surplus check, `--list-rules` the rule sets.
//!
//! Exit codes: 0 counted; 2 input that cannot be counted (bad JSON, unknown rules, a ballot that
//! does not fit the election — the message names the ballot and field; a `--minutes` or `--xlsx`
//! path that is a folder, a link or a special file); 1 anything else (unreadable file, a document
//! that could not be written).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use daihoi_domain::election::{self, ElectionInput, RuleSet, Tally};

/// Arguments of `daihoi tally`.
#[derive(clap::Args, Debug)]
pub struct TallyArgs {
    /// The election as JSON (`-` reads standard input).
    #[arg(required_unless_present = "list_rules")]
    pub file: Option<PathBuf>,
    /// Print the built-in rule sets (quy chế bầu cử) and exit.
    #[arg(long, conflicts_with_all = ["check", "minutes", "xlsx"])]
    pub list_rules: bool,
    /// Print only the surplus check (kiểm tra số dư) in plain words.
    #[arg(long)]
    pub check: bool,
    /// Also write the counting minutes (biên bản kiểm phiếu) as PDF to this path.
    #[arg(long, value_name = "PATH")]
    pub minutes: Option<PathBuf>,
    /// Also write the result as an Excel workbook to this path.
    #[arg(long, value_name = "PATH")]
    pub xlsx: Option<PathBuf>,
}

/// Why `daihoi tally` failed, and with which exit code.
#[derive(Debug)]
enum TallyError {
    /// Input that cannot be counted (exit 2).
    Input(String),
    /// Anything else (exit 1).
    Other(String),
}

impl TallyError {
    fn exit_code(&self) -> ExitCode {
        match self {
            TallyError::Input(_) => ExitCode::from(2),
            TallyError::Other(_) => ExitCode::from(1),
        }
    }

    fn message(&self) -> &str {
        match self {
            TallyError::Input(m) | TallyError::Other(m) => m,
        }
    }
}

impl From<crate::print::PrintError> for TallyError {
    fn from(e: crate::print::PrintError) -> Self {
        match e {
            crate::print::PrintError::Input(m) => TallyError::Input(m),
            crate::print::PrintError::Other(m) => TallyError::Other(m),
        }
    }
}

/// Runs `daihoi tally`.
pub fn run(args: TallyArgs) -> ExitCode {
    match run_inner(&args) {
        Ok(output) => {
            print!("{output}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("daihoi tally: {}", e.message());
            e.exit_code()
        }
    }
}

/// Does the work and returns what goes to standard output.
fn run_inner(args: &TallyArgs) -> Result<String, TallyError> {
    if args.list_rules {
        return Ok(list_rules());
    }
    let path = args
        .file
        .as_deref()
        .ok_or_else(|| TallyError::Input("thiếu tệp JSON của cuộc bầu cử".into()))?;
    for (out, what) in [
        (&args.minutes, "biên bản kiểm phiếu"),
        (&args.xlsx, "tệp Excel kết quả"),
    ] {
        if let Some(out) = out {
            crate::print::check_target(out, what).map_err(TallyError::from)?;
        }
    }
    let input = read_input(path)?;
    let rules = RuleSet::named(&input.rules).ok_or_else(|| {
        TallyError::Input(
            election::InputError::UnknownRules {
                name: input.rules.clone(),
            }
            .to_string(),
        )
    })?;
    if args.check {
        // Validate the whole input first, so a broken file is never reported as "fine".
        election::tally_with(&input, &rules).map_err(|e| TallyError::Input(e.to_string()))?;
        return Ok(check_text(&election::check_surplus(&input, &rules)));
    }
    let tally =
        election::tally_with(&input, &rules).map_err(|e| TallyError::Input(e.to_string()))?;
    if let Some(path) = &args.minutes {
        write_minutes(&input, &tally, path)?;
    }
    if let Some(path) = &args.xlsx {
        write_xlsx(&input, &tally, path)?;
    }
    let mut json = serde_json::to_string_pretty(&tally)
        .map_err(|e| TallyError::Other(format!("không ghi được kết quả JSON: {e}")))?;
    json.push('\n');
    Ok(json)
}

/// Reads and parses the election file; every refusal names the place and ends with a code.
fn read_input(path: &Path) -> Result<ElectionInput, TallyError> {
    let (bytes, source) = crate::ballots::read_bytes(path).map_err(|e| match e {
        crate::ballots::ReadError::Io(m) => TallyError::Other(m),
        crate::ballots::ReadError::TooLarge(m) => TallyError::Input(m),
    })?;
    ElectionInput::from_json_bytes(&bytes)
        .map_err(|e| TallyError::Input(format!("{source} không phải dữ liệu bầu cử hợp lệ: {e}")))
}

/// Biên bản kiểm phiếu (PDF), written by `crate::print`.
fn write_minutes(
    input: &ElectionInput,
    tally: &Tally,
    path: &Path,
) -> Result<(), crate::print::PrintError> {
    crate::print::write_minutes(input, tally, path)
}

/// Kết quả ra Excel, written by `crate::print`.
fn write_xlsx(
    input: &ElectionInput,
    tally: &Tally,
    path: &Path,
) -> Result<(), crate::print::PrintError> {
    crate::print::write_xlsx(input, tally, path)
}

/// The surplus check in plain words: the figures, then each warning or an all-clear line.
fn check_text(check: &election::SurplusCheck) -> String {
    let mut out = check.summary_vi();
    out.push('\n');
    if check.warnings.is_empty() {
        out.push_str("Số dư đúng quy chế: không có cảnh báo.\n");
    }
    for w in &check.warnings {
        out.push_str(&format!(
            "Cảnh báo [{}]: {}\n",
            serde_json::to_value(w.code)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
            w.message
        ));
    }
    out
}

/// The built-in rule sets, human-readable, with the codes used in JSON.
fn list_rules() -> String {
    let mut out = String::new();
    for rules in RuleSet::builtin() {
        out.push_str(&format!("{} — {}\n", rules.name, rules.title));
        out.push_str(&format!("  Căn cứ: {}\n", rules.source));
        out.push_str(&format!(
            "  Ngưỡng trúng cử ({}): {}\n",
            rules.base_kind.code(),
            rules.base_kind.label_vi()
        ));
        out.push_str(&format!(
            "  Bằng phiếu ở chỗ cuối ({}): {}\n",
            rules.tie_policy.code(),
            rules.tie_policy.label_vi()
        ));
        let s = &rules.surplus;
        let mut limits = Vec::new();
        if let Some(max) = s.max_percent {
            limits.push(format!("tối đa {max}% số cần bầu"));
        }
        if let Some(small) = s.small_committee {
            limits.push(format!(
                "cần bầu {}–{} người thì dư tối đa {} người",
                small.min_seats, small.max_seats, small.max_extra
            ));
        }
        if let Some((low, high)) = s.recommended_percent {
            limits.push(format!("cấp ủy triệu tập chuẩn bị dư {low}–{high}%"));
        }
        if limits.is_empty() {
            limits.push("không quy định".into());
        } else if !s.kinds.is_empty() {
            let kinds: Vec<String> = s
                .kinds
                .iter()
                .map(|k| format!("{} ({})", k.label_vi(), k.code()))
                .collect();
            limits.push(format!("áp dụng cho cuộc bầu {}", kinds.join(", ")));
        }
        out.push_str(&format!("  Số dư: {}\n", limits.join("; ")));
        out.push_str(&format!(
            "  Đại biểu dự khuyết ({}): {}\n",
            rules.alternates_vote.code(),
            rules.alternates_vote.label_vi()
        ));
        out.push_str("  Lý do phiếu không hợp lệ:\n");
        for reason in &rules.invalid_reasons {
            out.push_str(&format!("    {} — {}\n", reason.code(), reason.label_vi()));
        }
        out.push('\n');
    }
    out
}
