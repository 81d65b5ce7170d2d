//! The marks of a whole service (`spec/<service>/marks.yaml`, [`ServiceMarks`]), read from its
//! pages that describe no operation: today the "instance busy" error codes of its error-code
//! appendix (`busy_codes`), which the client's `send_when_free` sends again after.
//!
//! A code is busy when the appendix's message or description says another operation is under
//! way or the system is busy ([`is_busy`]); the troubleshooting column is not read (it says
//! "check whether the instance status or the ongoing operation conflicts" of codes that are a
//! state, not a wait). `spec/<service>/marks.fix.yaml` adds or removes codes where the appendix
//! is unclear, each with a `why:`.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use regex::Regex;
use serde::Deserialize;

use crate::document::{Block, Document};
use crate::spec::locate::{Locator, Step};
use crate::spec::{BusyCode, ServiceMarks};
use crate::Diagnostic;

/// Whether an appendix message says the request failed because something is under way:
/// "another operation is being performed", "the system is busy", "… is in progress", "the DB
/// instance is currently being operated", "please wait".
///
/// Sentence by sentence: a sentence that states a condition ("perform this operation when
/// incremental restoration is in progress") says what is required, not what is under way.
pub fn is_busy(message: &str) -> bool {
    static BUSY: OnceLock<Regex> = OnceLock::new();
    static WHEN: OnceLock<Regex> = OnceLock::new();
    let busy = BUSY.get_or_init(|| {
        Regex::new(r"(?i)another operation is being performed|\bis busy\b|\bin progress\b|currently being operated|please wait")
            .expect("the busy pattern is valid")
    });
    let when = WHEN.get_or_init(|| Regex::new(r"(?i)\bwhen\b").expect("the when pattern is valid"));
    message.split(". ").any(|sentence| busy.is_match(sentence) && !when.is_match(sentence))
}

/// The busy codes of the error-code tables of `doc` (`page` names it): tables with an
/// `Error Code` column; the status from `Status Code` / `Response Code` / `HTTP Status Code`;
/// the messages from every column named `… Message`, `… Information` or `Description`. Empty for
/// any other page.
pub fn busy_codes(page: &str, doc: &Document) -> Vec<BusyCode> {
    static CODE: OnceLock<Regex> = OnceLock::new();
    let code_shape = CODE.get_or_init(|| Regex::new(r"^[A-Za-z][A-Za-z0-9]*\.[0-9]+$").expect("the code pattern is valid"));
    let mut out: Vec<BusyCode> = Vec::new();
    for block in &doc.blocks {
        let Block::Table(table) = block else { continue };
        let Some(code_col) = table.column(&["Error Code", "Error Codes"]) else { continue };
        let status_col = table.column(&["Status Code", "Response Code", "HTTP Status Code", "HTTP Status"]);
        let message_cols: Vec<usize> = (0..table.header.len())
            .filter(|&i| {
                let h = table.header[i].trim().to_ascii_lowercase();
                h.contains("message") || h.contains("information") || h == "description"
            })
            .collect();
        for row in &table.rows {
            let code = row.text(code_col).trim();
            if !code_shape.is_match(code) || out.iter().any(|c| c.code == code) {
                continue;
            }
            let messages: Vec<&str> = message_cols.iter().map(|&i| row.text(i).trim()).filter(|m| !m.is_empty()).collect();
            let Some(busy) = messages.iter().find(|m| is_busy(m)) else { continue };
            out.push(BusyCode {
                code: code.to_owned(),
                status: status_col.and_then(|i| row.text(i).trim().parse().ok()),
                message: (*busy).to_owned(),
                page: page.to_owned(),
            });
        }
    }
    out
}

/// `spec/<service>/marks.fix.yaml`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarksFix {
    #[serde(default)]
    pub busy_codes: Option<BusyCodesFix>,
}

/// Corrections of `busy_codes`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BusyCodesFix {
    pub why: String,
    /// Codes the appendix's words leave unclear that are busy codes (`message`: why).
    #[serde(default)]
    pub add: Vec<AddedCode>,
    /// Codes the rule marks that are not busy codes.
    #[serde(default)]
    pub remove: Vec<String>,
}

/// A busy code a fix adds.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddedCode {
    pub code: String,
    #[serde(default)]
    pub status: Option<u16>,
    pub message: String,
}

/// Applies the fix `text` (the file `file`, named `shown` as the page of the codes it adds) to
/// `marks`: an error for each correction that does not apply (a code added twice, a code removed
/// that is not marked).
pub fn apply_fix(marks: &mut ServiceMarks, text: &str, file: &str, shown: &str) -> Result<(), Vec<Diagnostic>> {
    let fix: MarksFix =
        crate::spec::yaml::parse_any(text).map_err(|e| vec![Diagnostic::new(file, e.line, format!("invalid fix file: {}", e.message))])?;
    let Some(busy) = fix.busy_codes else { return Ok(()) };
    let loc = Locator::new(text);
    let line = |list: &str, i: usize| loc.line(&[Step::Key("busy_codes".into()), Step::Key(list.into()), Step::Index(i)]);
    let mut errors = Vec::new();
    for (i, code) in busy.remove.iter().enumerate() {
        let before = marks.busy_codes.len();
        marks.busy_codes.retain(|c| c.code != *code);
        if marks.busy_codes.len() == before {
            errors.push(Diagnostic::new(
                file,
                line("remove", i),
                format!("the fix removes `{code}`, which the transcription does not mark busy (remove it from `remove`)"),
            ));
        }
    }
    for (i, added) in busy.add.iter().enumerate() {
        if marks.busy_codes.iter().any(|c| c.code == added.code) {
            errors.push(Diagnostic::new(
                file,
                line("add", i),
                format!("the fix adds `{}`, which the transcription marks busy already (remove it from `add`)", added.code),
            ));
            continue;
        }
        marks.busy_codes.push(BusyCode {
            code: added.code.clone(),
            status: added.status,
            message: added.message.clone(),
            page: shown.to_owned(),
        });
    }
    sort(marks);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Codes in order, each once (the first page's wins).
pub fn sort(marks: &mut ServiceMarks) {
    let mut seen = BTreeMap::new();
    for c in marks.busy_codes.drain(..) {
        seen.entry(c.code.clone()).or_insert(c);
    }
    marks.busy_codes = seen.into_values().collect();
}

/// The text of `spec/<service>/marks.yaml`.
pub fn to_text(marks: &ServiceMarks) -> Result<String, String> {
    let body = crate::spec::yaml::to_yaml(marks)?;
    Ok(format!(
        "# Transcribed by otc-sdkgen from the service's appendix pages. Do not edit: corrections go in marks.fix.yaml (with a `why:`).\n{body}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROWS: [[&str; 4]; 6] = [
        ["409", "DBS.200011", "Another operation is being performed on the DB instance.", "Check the ongoing operation."],
        ["400", "DBS.200001", "Parameter error.", "Check whether the ongoing operation conflicts."],
        ["500", "DBS.200998", "The system is busy. Try again later.", "Try again later."],
        ["400", "DBS.201319", "Deleting backup is not allowed: a restoration is in progress.", "Wait."],
        ["400", "DBS.212010", "The parameter group is being applied.", "Try again later."],
        ["400", "DBS.06020177", "Switchover failed. Perform this operation when restoration is in progress.", "Wait."],
    ];

    /// An rst page with a grid table of `header` and [`ROWS`].
    fn page(header: [&str; 4]) -> String {
        let widths: Vec<usize> = (0..4).map(|i| ROWS.iter().map(|r| r[i].len()).chain([header[i].len()]).max().unwrap_or(0)).collect();
        let rule = |c: char| format!("   +{}+\n", widths.iter().map(|w| c.to_string().repeat(w + 2)).collect::<Vec<_>>().join("+"));
        let line = |cells: [&str; 4]| {
            format!("   |{}|\n", cells.iter().zip(&widths).map(|(c, w)| format!(" {c:<w$} ")).collect::<Vec<_>>().join("|"))
        };
        let mut out = String::from("Error Codes\n===========\n\n.. table:: **Table 1** Error codes\n\n");
        out += &rule('-');
        out += &line(header);
        out += &rule('=');
        for r in ROWS {
            out += &line(r);
            out += &rule('-');
        }
        out
    }

    const HEADER: [&str; 4] = ["Status Code", "Error Code", "Error Information", "Troubleshooting"];

    fn read() -> Vec<BusyCode> {
        let doc = crate::read::read_page("errors.rst", &page(HEADER)).expect("the page reads");
        busy_codes("corpus/x/errors.rst", &doc)
    }

    #[test]
    fn reads_the_busy_codes_of_an_error_code_table() {
        let codes = read();
        let found: Vec<(&str, Option<u16>)> = codes.iter().map(|c| (c.code.as_str(), c.status)).collect();
        // Not DBS.200001 (only its troubleshooting speaks of an ongoing operation), not
        // DBS.212010 (the words do not say it: for a hand fix), not DBS.06020177 (a condition).
        assert_eq!(found, [("DBS.200011", Some(409)), ("DBS.200998", Some(500)), ("DBS.201319", Some(400))]);
        assert_eq!(codes[1].message, "The system is busy. Try again later.");
        assert_eq!(codes[0].page, "corpus/x/errors.rst");
    }

    #[test]
    fn busy_words() {
        assert!(is_busy("Backup is in progress, please wait."));
        assert!(is_busy("The system is busy. Try again later."));
        assert!(is_busy("Failed to change values because the DB instance is currently being operated."));
        assert!(!is_busy("Incremental synchronization failed. Perform this operation when synchronization is in progress."));
        assert!(!is_busy("The DB instance name already exists."));
        assert!(!is_busy("The business system is down."));
    }

    #[test]
    fn a_page_without_an_error_code_column_has_none() {
        let doc = crate::read::read_page("x.rst", &page(["Status Code", "Parameter", "Error Message", "Troubleshooting"])).expect("reads");
        assert!(busy_codes("x.rst", &doc).is_empty());
    }

    #[test]
    fn a_fix_adds_and_removes_codes_and_says_what_does_not_apply() {
        let mut marks = ServiceMarks { busy_codes: read() };
        let text = "busy_codes:\n  why: the appendix says to try again later\n  add:\n  - {code: DBS.212010, status: 400, message: applied}\n  remove: [DBS.201319]\n";
        apply_fix(&mut marks, text, "f", "rds/marks.fix.yaml").expect("applies");
        let codes: Vec<&str> = marks.busy_codes.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(codes, ["DBS.200011", "DBS.200998", "DBS.212010"]);
        assert_eq!(marks.busy_codes[2].page, "rds/marks.fix.yaml");
        let text = "busy_codes:\n  why: x\n  add:\n  - {code: DBS.200011, message: again}\n  remove: [DBS.999999]\n";
        let errors = apply_fix(&mut marks, text, "f", "f").expect_err("two errors");
        assert_eq!(errors.len(), 2);
        assert!(errors[0].message.contains("`DBS.999999`") && errors[0].line == Some(5), "{errors:?}");
        assert!(errors[1].message.contains("marks busy already") && errors[1].line == Some(4), "{errors:?}");
        let errors = apply_fix(&mut marks, "busy_codes:\n  add: []\n", "f", "f").expect_err("no why");
        assert!(errors[0].message.contains("why"), "{errors:?}");
    }
}
