//! Closed sets of values stated in prose (English and Chinese), for string fields and parameters.
//!
//! Conservative: a wrong closed set refuses good requests, a missing one only documents less. A
//! set is taken only when every value it lists is a single token (`auto`, `DatabaseTable`,
//! `gaussdb.mysql`); one value that is a phrase (`MODIFYING INSTANCE TYPE`) drops the set.
//!
//! - a list after an introducing line ("Value:", "The value can be:", "Enumerated values:",
//!   "取值：") whose items are `- **x**: …`, `- **x**, indicating …`, `- x`, or paragraphs
//!   `**x**: …` (plain text: `x: …`, `x, indicating …`, `x. This value …`, `x (case-sensitive):
//!   …`, `3.11, indicating …`; an engine's name only in lower case, `cassandra: …`, as "MySQL: …"
//!   opens a case per engine); items such as "The default value is …" or "If this parameter is
//!   not transferred …" are remarks, not values;
//! - in a sentence: "The value can be **a**, **b**, or **c**", "Value: **a** or **b**",
//!   "取值为a、b或c", "取值范围：a, b" (plain text "… 4.2 or 4.0.": the stop ends the sentence);
//!   "The value is AZ1 or later." is a bound, no set;
//! - one value: "The value is **Cluster**." / "Its value is **x86**." (the whole sentence; "The
//!   value is **0** by default" is a default, not a set; a value without a letter never is one);
//!   without bold (plain text) only a token that reads as a name ("The value is Cluster.") or one
//!   word explained ("Its value is self, indicating …", or a later line "sync indicates …"), see
//!   `one_value`; a plain lower-case word ("The value is creating.", "only private is
//!   supported") is only a candidate ([`plain_candidate`]) the page's examples must confirm.

use std::sync::OnceLock;

use regex::Regex;

use super::re;
use crate::spec::EnumValue;

/// An enum found in a description.
#[derive(Clone, Debug, PartialEq)]
pub struct ProseEnum {
    pub values: Vec<EnumValue>,
    pub case_insensitive: bool,
}

/// A token that can be an enum value: no spaces, not a sentence, at least one letter.
pub(super) fn value_token(s: &str) -> Option<String> {
    let s = s.trim().trim_end_matches(['.', ',', ';', '。', '，', '；']).trim();
    let s = s.strip_prefix("**").and_then(|r| r.strip_suffix("**")).unwrap_or(s);
    let s = s.trim_matches('`').trim_matches('"').trim_matches(['“', '”']);
    let ok = !s.is_empty()
        && s.len() <= 48
        && !s.contains(char::is_whitespace)
        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':' | '/'))
        && s.chars().any(|c| c.is_ascii_alphabetic());
    ok.then(|| s.to_owned())
}

/// What counts as a value of a set: words (and version numbers such as `3.11`, `5.7`), or
/// integers (a closed set of numbers on an integer field, see [`integer_set`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tokens {
    Words,
    Integers,
}

impl Tokens {
    fn token(self, s: &str) -> Option<String> {
        match self {
            Tokens::Words => value_token(s).or_else(|| version_token(s)),
            Tokens::Integers => {
                let t = s.trim().trim_end_matches(['.', ',', ';', '。', '，', '；']).trim();
                let t = t.strip_prefix("**").and_then(|r| r.strip_suffix("**")).unwrap_or(t).trim_matches('`');
                t.parse::<i64>().ok().map(|n| n.to_string())
            }
        }
    }
}

/// A version number as a value (`3.11`, `5.7`, `8.0`): digits with at least one dot. Plain
/// integers are no enum values (an integer set on a string is a range or nothing).
fn version_token(s: &str) -> Option<String> {
    static VERSION: OnceLock<Regex> = OnceLock::new();
    // A stop ends the sentence ("… or 4.0." in plain text), never the version.
    let s = s.trim().trim_end_matches(['.', ',', ';', '。', '，', '；']).trim();
    let s = s.strip_prefix("**").and_then(|r| r.strip_suffix("**")).unwrap_or(s).trim_matches('`');
    re(&VERSION, r"^\d+(?:\.\d+)+$").is_match(s).then(|| s.to_owned())
}

/// A closed set of integers ("Valid value:\n\n- 0\n- 1", "The value can be **0** or **1**"),
/// as the range it is when the integers follow each other: `(0, 1)`. A set with gaps
/// (**5**, **10**, **15**) is no range and gives nothing; so does one value.
pub fn integer_set(desc: &str) -> Option<(i64, i64)> {
    let mut complete = true;
    let mut values: Vec<i64> = listed_values(desc, &mut complete, Tokens::Integers)
        .into_iter()
        .map(|(v, _)| v)
        .chain(sentence_sets(desc, Tokens::Integers))
        .filter_map(|v| v.parse().ok())
        .collect();
    if !complete {
        return None;
    }
    values.sort_unstable();
    values.dedup();
    let (lo, hi) = (*values.first()?, *values.last()?);
    (values.len() >= 2 && values.windows(2).all(|w| w[1] == w[0] + 1)).then_some((lo, hi))
}

/// Words that introduce a list of values when a line ends with a colon.
const INTRO_WORDS: [&str; 10] = ["value", "can be", "following", "option", "取值", "enumerat", "supported", "type", "可选", "枚举"];

/// Whether `line` introduces a list of values ("Value:", "The value can be:", "取值：").
fn introduces(line: &str) -> bool {
    let l = line.trim().to_lowercase();
    !l.starts_with("- ") && (l.ends_with(':') || l.ends_with('：')) && INTRO_WORDS.iter().any(|w| l.contains(w))
}

/// A remark inside a value list: not a value, not a reason to drop the list.
fn is_remark(item: &str) -> bool {
    let l = item.trim().trim_start_matches("**").to_lowercase();
    ["the default", "default", "if ", "this parameter", "note", "默认", "如果", "不传"].iter().any(|w| l.starts_with(w))
}

/// The value an item of a list names: `**x**: doc`, `**x**, indicating doc`, `x: doc`, `x`.
fn item_value(item: &str, tokens: Tokens) -> Option<(String, Option<String>)> {
    let item = item.trim();
    if let Some(rest) = item.strip_prefix("**") {
        let end = rest.find("**")?;
        let value = tokens.token(rest[..end].trim_end_matches([':', '：']))?;
        let doc = rest[end + 2..].trim_start_matches([':', '：', ',', '，', ' ']).trim();
        let doc = doc.strip_prefix("indicating that ").or_else(|| doc.strip_prefix("indicating ")).unwrap_or(doc);
        return Some((value, (!doc.is_empty()).then(|| doc.to_owned())));
    }
    // Plain text: `x: doc`, `x, indicating doc`, `x. This value is …` (a one-word sentence and
    // its explanation, plain `**x**. This …`), `x`.
    static STOP: OnceLock<Regex> = OnceLock::new();
    let stop = re(&STOP, r"^([A-Za-z][A-Za-z0-9_-]*)\. ([A-Z].*)$");
    let (head, doc) = match item.split_once(": ").or_else(|| item.split_once('：')) {
        Some((h, d)) => (h, Some(d.trim().to_owned())),
        None => match (item.split_once(", indicating"), stop.captures(item)) {
            (Some((h, d)), _) => (h, Some(d.trim().to_owned())),
            (None, Some(m)) if !is_pronoun(&m[1]) && !is_remark(&m[1]) => {
                (m.get(1).map_or("", |g| g.as_str()), Some(m[2].trim().to_owned()))
            }
            (None, _) => (item, None),
        },
    };
    // `Enterprise (case-sensitive): …` (plain `**Enterprise** (case-sensitive): …`): the value
    // and a remark on its spelling.
    let head = head.trim().trim_end_matches("(case-sensitive)").trim_end_matches("(case-insensitive)").trim_end();
    tokens.token(head).map(|v| (v, doc.filter(|d| !d.is_empty())))
}

/// The enum a string field's description documents, if any.
pub fn find_enum(desc: &str) -> Option<ProseEnum> {
    static CI: OnceLock<Regex> = OnceLock::new();
    let ci = re(&CI, r"(?i)the value is \**([A-Za-z0-9_.-]+)\**\s*\(case[- ]insensitive\)");
    if let Some(m) = ci.captures(desc) {
        return Some(ProseEnum { values: vec![ev(&m[1], None)], case_insensitive: true });
    }
    let mut values: Vec<EnumValue> = Vec::new();
    let push = |v: String, doc: Option<String>, values: &mut Vec<EnumValue>| {
        if !matches!(v.as_str(), "true" | "false") && !values.iter().any(|e| e.value == v) {
            values.push(ev(&v, doc));
        }
    };
    let mut complete = true;
    for (v, doc) in listed_values(desc, &mut complete, Tokens::Words) {
        push(v, doc, &mut values);
    }
    for v in sentence_sets(desc, Tokens::Words) {
        push(v, None, &mut values);
    }
    for (v, doc) in inline_items(desc).into_iter().chain(unintroduced_list(desc)) {
        push(v, doc, &mut values);
    }
    if !complete {
        return None;
    }
    if values.is_empty() {
        if let Some(v) = one_value(desc) {
            push(v, None, &mut values);
        }
    }
    if values.is_empty() {
        return None;
    }
    let case_insensitive =
        desc.to_lowercase().contains("case-insensitive") || desc.contains("不区分大小写") || written_in_another_case(desc, &values);
    Some(ProseEnum { values, case_insensitive })
}

/// Whether the description's default is one of the values in another case ("- **DESC**:
/// descending … - Default value: **desc**"): the page does not hold the API to one spelling.
fn written_in_another_case(desc: &str, values: &[EnumValue]) -> bool {
    static DEFAULT: OnceLock<Regex> = OnceLock::new();
    let default = re(&DEFAULT, r"(?i)default(?: value)?(?: is)?:?\s*\**([A-Za-z0-9_:/-]+(?:\.[A-Za-z0-9_:/-]+)*)");
    default.captures_iter(desc).any(|m| values.iter().any(|v| v.value != m[1] && v.value.eq_ignore_ascii_case(&m[1])))
}

/// The enum the description of the field `name` documents: [`find_enum`], else the cases of
/// its own value ("- If **action** is set to **filter**, … - If **action** is set to **count**,
/// …": `filter`, `count`): two or more items of one list, each naming this field. Cases of
/// another field ("If **proxy_mode** is set to **readonly**" in the description of `nodes`) are
/// no set of this one.
pub fn find_enum_of(name: &str, desc: &str) -> Option<ProseEnum> {
    find_enum(desc).or_else(|| {
        static CASE: OnceLock<Regex> = OnceLock::new();
        let case = re(&CASE, r"^\s*[-•] (?:If|When) \**([A-Za-z0-9_.-]+)\** is set to \**([A-Za-z0-9_.:/-]+)\**");
        let mut values: Vec<EnumValue> = Vec::new();
        for line in desc.lines() {
            if let Some(m) = case.captures(line) {
                if &m[1] != name {
                    return None;
                }
                let v = value_token(&m[2])?;
                if !values.iter().any(|e| e.value == v) {
                    values.push(ev(&v, None));
                }
            }
        }
        (values.len() >= 2).then_some(ProseEnum { values, case_insensitive: false })
    })
}

/// Values of the lists introduced by a value phrase. `complete` turns false when a list holds an
/// item that is neither a value nor a remark (the list is prose, not a set).
fn listed_values(desc: &str, complete: &mut bool, tokens: Tokens) -> Vec<(String, Option<String>)> {
    let lines: Vec<&str> = desc.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !introduces(lines[i]) {
            i += 1;
            continue;
        }
        let mut found = Vec::new();
        let mut all_values = true;
        let mut j = i + 1;
        while j < lines.len() {
            let line = lines[j].trim();
            if line.is_empty() || (lines[j].starts_with(char::is_whitespace) && (line.starts_with("- ") || line.starts_with("* "))) {
                // A nested item remarks on the item above it.
                j += 1;
                continue;
            }
            let item = if let Some(item) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
                item
            } else if (line.starts_with("**") && (line.contains("**:") || line.contains("**：") || line.contains("**,")))
                || plain_paragraph_item(line)
            {
                line // a paragraph `**auto**: automated full backup`, or without bold `auto: …`
            } else {
                break;
            };
            if item.to_lowercase().starts_with("for ") {
                // "For MySQL, the value is async or semisync.", "For a replica set, the value is **replica**."
                let mut in_sentence = sentence_sets(item, tokens);
                if in_sentence.is_empty() && tokens == Tokens::Words {
                    in_sentence.extend(one_value_in(item));
                }
                if in_sentence.is_empty() {
                    all_values = false;
                }
                found.extend(in_sentence.into_iter().map(|v| (v, None)));
            } else if let Some(v) = item_value(item, tokens) {
                found.push(v);
            } else if !is_remark(item) {
                all_values = false;
            }
            j += 1;
        }
        if all_values {
            out.extend(found);
        } else if !found.is_empty() {
            *complete = false;
        }
        i = j.max(i + 1);
    }
    out
}

/// A paragraph that names a value and explains it, as plain text shows `**auto**: …`: one
/// token, a colon or ", indicating", words (`manual: manual full backup`, `ULTRAHIGH: indicates
/// the SSD type.`, `Cluster, indicating that …`). "Note: …", "Example: …" or "Default: …" open
/// remarks, not values.
fn plain_paragraph_item(line: &str) -> bool {
    static ITEM: OnceLock<Regex> = OnceLock::new();
    static VERSION: OnceLock<Regex> = OnceLock::new();
    let item = re(&ITEM, r"^([A-Za-z][A-Za-z0-9_.-]*)(?:[:：] ?[A-Za-z]|, indicating )");
    // `3.11, indicating that GeminiDB Cassandra 3.11 is supported.` (plain `**3.11**, indicating …`)
    let version = re(&VERSION, r"^\d+(?:\.\d+)+(?:[:：] ?[A-Za-z]|, indicating )");
    // An engine's name opens a case per engine ("MySQL: …"), unless written as a value is, in
    // lower case (`cassandra: GeminiDB Cassandra instance` after "Database type. The value can be:").
    version.is_match(line)
        || item
            .captures(line)
            .is_some_and(|m| !is_pronoun(&m[1]) && !is_remark(&m[1]) && (!is_engine(&m[1]) || m[1].chars().all(|c| c.is_ascii_lowercase())))
}

/// The items of a set written in one paragraph after a colon: "The value can be: **Running**,
/// indicating … **Completed**, indicating … **Failed**, indicating …". Every sentence after the
/// colon must open with a bold value followed by ",", ":" or "indicating"; two values at least.
fn inline_items(desc: &str) -> Vec<(String, Option<String>)> {
    static INTRO: OnceLock<Regex> = OnceLock::new();
    static SPLIT: OnceLock<Regex> = OnceLock::new();
    static PLAIN: OnceLock<Regex> = OnceLock::new();
    let intro = re(&INTRO, r"(?i)(?:the value can be|(?:valid |enumerated )?values?(?: range)?|取值(?:范围)?)\s*[:：]\s*(\S.*)$");
    let split = re(&SPLIT, r"[.;。；]\s+");
    // A plain-text rendering shows no bold: the value is the word before ",", ":" or "indicating".
    let plain = re(&PLAIN, r"^([A-Za-z][A-Za-z0-9_.:/-]*?)(?:[:：]\s|[,，]\s*|\s+indicat|$)");
    let mut out = Vec::new();
    'lines: for line in desc.lines() {
        let Some(m) = intro.captures(line.trim()) else { continue };
        let mut found = Vec::new();
        // Each sentence keeps its closing stop (the doc of its value).
        let rest = &m[1];
        let mut pieces = Vec::new();
        let mut from = 0;
        for stop in split.find_iter(rest) {
            pieces.push(&rest[from..stop.start() + stop.as_str().trim_end().len()]);
            from = stop.end();
        }
        pieces.push(&rest[from..]);
        for piece in pieces.into_iter().map(str::trim).filter(|p| !p.is_empty()) {
            let (head, tail) = match piece.strip_prefix("**") {
                Some(after) => match after.find("**") {
                    Some(end) => (after[..end].trim_end_matches([':', '：']), after[end + 2..].trim_start()),
                    None => continue 'lines,
                },
                None => match plain.captures(piece) {
                    Some(p) => (p.get(1).map_or("", |g| g.as_str()), piece[p[1].len()..].trim_start()),
                    None => continue 'lines,
                },
            };
            let opens_doc = tail.is_empty() || tail.starts_with([',', ':', '：', '，']) || tail.starts_with("indicat");
            let Some(v) = value_token(head).filter(|_| opens_doc) else { continue 'lines };
            let doc = tail.trim_start_matches([',', ':', '：', '，', ' ']);
            let doc = doc.strip_prefix("indicating that ").or_else(|| doc.strip_prefix("indicating ")).unwrap_or(doc).trim();
            found.push((v, (!doc.is_empty()).then(|| doc.to_owned())));
        }
        if found.len() >= 2 {
            out.extend(found);
        }
    }
    out
}

/// A list with no introducing phrase whose every item opens with a bold value that the item then
/// explains ("Task name.\n\n- **CreateInstance**: Create an instance.\n- **RestartNode**: …",
/// "- **Manual** indicates manual full backup."): the field's values. Two values at least;
/// remarks ("If this parameter is not transferred …") may stand between them; any other item, a
/// value that names a database engine (cases per engine, not values), or an item that states a
/// limit (a number, "characters", "range") drops the list.
fn unintroduced_list(desc: &str) -> Vec<(String, Option<String>)> {
    static ITEM: OnceLock<Regex> = OnceLock::new();
    static LIMIT: OnceLock<Regex> = OnceLock::new();
    let item =
        re(&ITEM, r"^- (?:\*\*([^*]+?)\*\*|([A-Za-z][A-Za-z0-9_.-]*))\s*(?:[:：,，]\s*|(?:indicates?|indicating)\s+(?:that\s+)?)(\S.*)$");
    let limit = re(&LIMIT, r"(?i)\d|characters|range|字符|范围");
    let lines: Vec<&str> = desc.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let top = |l: &str| !l.starts_with(char::is_whitespace) && l.starts_with("- ");
        // After a line ending in a colon, the list is introduced ([`listed_values`]) or about
        // something else ("Nodes that can be queried:").
        let after_colon = lines[..i].iter().rev().find(|l| !l.trim().is_empty()).is_some_and(|l| l.trim_end().ends_with([':', '：']));
        if !top(lines[i]) {
            i += 1;
            continue;
        }
        let mut found = Vec::new();
        let mut ok = true;
        while i < lines.len() && (top(lines[i]) || lines[i].trim().is_empty() || lines[i].starts_with(char::is_whitespace)) {
            let line = lines[i];
            i += 1;
            if !top(line) {
                continue; // blank lines and nested remarks
            }
            // Bold values, or plain ones (a plain-text rendering shows no bold).
            match item.captures(line) {
                Some(m) => match value_token(m.get(1).or(m.get(2)).map_or("", |g| g.as_str()).trim_end_matches([':', '：'])) {
                    Some(v) if !is_engine(&v) && !is_pronoun(&v) && !limit.is_match(&m[3]) => found.push((v, Some(m[3].trim().to_owned()))),
                    _ => ok = false,
                },
                None if is_remark(&line[2..]) => {}
                None => ok = false,
            }
        }
        if ok && !after_colon && found.len() >= 2 {
            out.extend(found);
        }
    }
    out
}

/// Words that open sentences, not values ("- This indicates …", "- Note: …").
fn is_pronoun(v: &str) -> bool {
    ["this", "it", "that", "these", "they", "note", "notice", "caution", "warning", "example", "default"]
        .contains(&v.to_ascii_lowercase().as_str())
}

/// Database engines: items named after them state cases per engine, not values.
fn is_engine(v: &str) -> bool {
    let l = v.to_ascii_lowercase();
    ["mysql", "postgresql", "sqlserver", "cassandra", "redis", "mongodb", "influxdb", "hbase", "dds", "taurusdb", "geminidb", "gaussdb"]
        .contains(&l.as_str())
}

/// Sets named in one sentence: "The value can be **a**, **b**, or **c**", "Value: **a** or **b**",
/// "取值为a、b或c". A sentence naming one value is not a set here (see [`one_value`]).
fn sentence_sets(text: &str, tokens: Tokens) -> Vec<String> {
    static EN: OnceLock<Regex> = OnceLock::new();
    static ZH: OnceLock<Regex> = OnceLock::new();
    let en = re(
        &EN,
        r"(?im)(?:(?:the |its )?value (?:is|can be|must be|options are)|values?(?: range)?:|enumerated values?:?) ((?:\**[A-Za-z0-9_.:/-]+\**(?:, | or |, or ))+\**[A-Za-z0-9_.:/-]+\**)(?:\.|;|$|\s*\(|,? (?:and|which|indicating) )",
    );
    let zh = re(
        &ZH,
        r"(?m)(?:取值(?:范围)?(?:为|是|：|:)|可选值(?:为|：|:)|枚举值(?:为|：|:))\s*((?:\**[A-Za-z0-9_.:/-]+\**\s*(?:、|，|,|或|和)\s*)+\**[A-Za-z0-9_.:/-]+\**)",
    );
    // "**4.0, 4.2,** **4.4,** or **5.0**": a comma inside the bold run is the list's.
    let text = &text.replace(",** ", "**, ");
    let mut out = Vec::new();
    for m in en.captures_iter(text).chain(zh.captures_iter(text)) {
        // "The value is AZ1 or later.", "5.7 or higher": a bound, not a set.
        let last = m[1].rsplit([' ', ',', '、', '，', '或']).next().unwrap_or("").trim_matches(['*', '.']).to_ascii_lowercase();
        if ["later", "earlier", "above", "below", "higher", "lower", "newer", "older", "more", "less"].contains(&last.as_str()) {
            continue;
        }
        for part in m[1].split([',', '、', '，', '或', '和']).flat_map(|p| p.split(" or ")) {
            // "**5.0, 4.4, 4.2 or 4.0**": one bold run around the whole list.
            let part = part.trim().trim_start_matches("or ").trim_matches('*');
            if let Some(v) = tokens.token(part) {
                if !matches!(v.as_str(), "true" | "false") && !out.contains(&v) {
                    out.push(v);
                }
            }
        }
    }
    out
}

/// "The value is **Cluster**." / "Its value is **x86**." / "Currently, its value can only be
/// **Cluster**." / "取值为**Cluster**。": one value, bold, a whole sentence (or followed by ",
/// indicating …"); never a default ("… by default"). "Currently, only gaussdb-mysql is
/// supported.": one value, bold or a name no word can be (with "-", "_" or "."; "Only letters
/// are supported" names no value).
/// Without bold, "The value is Cluster." (see [`plain_value`]) unless another line opens with a
/// word explained ("SUPPORTED: …"), which may be a further value the text cannot mark; a line
/// explaining the value itself ("sync indicates …") explains it (as ", indicating …" does).
pub(super) fn one_value(text: &str) -> Option<String> {
    static ONE: OnceLock<Regex> = OnceLock::new();
    let one = re(
        &ONE,
        r"(?i)(?:^|[.。]\s*|\n)(?:(?:currently|at present),?\s+)?(?:the |its )?value (?:is|must be|is fixed (?:at|to)|can only be) \*\*([A-Za-z0-9_.:/-]+)\*\*(?:\.|,\s*indicating|\s*$)|(?:取值(?:为|只能为|固定为))\*\*([A-Za-z0-9_.:/-]+)\*\*(?:。|$)|(?:^|[.。]\s*|\n)(?:(?:currently|at present),?\s+)?only (?:\*\*([A-Za-z0-9_.:/-]+)\*\*|([A-Za-z][A-Za-z0-9]*[-_.][A-Za-z0-9_.-]*[A-Za-z0-9])) is (?:supported|available|allowed)(?:\.|\s*$)|(?:^|[.。]\s*|\n)(?:(?:currently|at present),?\s+)?(?:the |its )?value (?:is|must be|is fixed (?:at|to)|can only be) ([A-Za-z][A-Za-z0-9_.:/-]*[A-Za-z0-9])(\.\s*$|\.\s+[A-Z]|\.\n|,\s*indicating)",
    );
    // Without bold, a line that opens with another word explained ("SUPPORTED: The version is
    // …", "- manual, indicating …") may be a further value the text cannot mark: no one value.
    let item = explained_line();
    let found: Vec<String> = one
        .captures_iter(text)
        .filter_map(|m| match (m.get(5), m.get(6)) {
            // Without bold the token must read as a name, not a word of the sentence; a line that
            // explains this very value ("The value is sync.\n\nsync indicates synchronous
            // replication.") is its explanation, not a further value.
            (Some(v), Some(end)) => {
                // "Note:" opens a remark, not a value
                let mut lines = item.captures_iter(text).map(|i| i[1].to_owned()).filter(|w| !is_pronoun(w)).peekable();
                let explains_it = lines.peek().is_some();
                if lines.all(|w| w == v.as_str()) {
                    plain_value(v.as_str(), end.as_str().starts_with(',') || explains_it)
                } else {
                    None
                }
            }
            _ => m.iter().skip(1).flatten().next().and_then(|g| value_token(g.as_str())),
        })
        .collect();
    // Other bold values opening a line ("**SUPPORTED**: …") make it one item of an unintroduced list.
    static BOLD: OnceLock<Regex> = OnceLock::new();
    let bold = re(&BOLD, r"(?m)^\s*(?:- )?\*\*([^*]+)\*\*");
    let mut others = bold.captures_iter(text).map(|m| m[1].trim_end_matches([':', '：']).to_owned());
    match found.as_slice() {
        [v] if !NOT_VALUES.contains(&v.to_ascii_lowercase().as_str()) && others.all(|o| o == *v) => Some(v.clone()),
        _ => None,
    }
}

/// A one-value candidate the text alone cannot confirm: a plain lower-case word ("The value is
/// creating.", "Currently, only private is supported.") reads like prose ("The value is
/// returned."), so it becomes the field's one-value set only when the page's own examples confirm
/// it (see [`confirmed_by_examples`]). None when [`find_enum`] already finds a set, when another
/// line explains a further word, or for words that name no value ("empty", "returned", …).
pub fn plain_candidate(desc: &str) -> Option<ProseEnum> {
    if find_enum(desc).is_some() {
        return None;
    }
    static ONE: OnceLock<Regex> = OnceLock::new();
    let one = re(
        &ONE,
        r"(?:^|[.。]\s*|\n)(?:(?:[Cc]urrently|[Aa]t present),?\s+)?(?:(?:[Tt]he |[Ii]ts )?value is ([a-z]+)|only ([a-z]+) is supported)(?:\.\s*$|\.\s+[A-Z]|\.\n)",
    );
    let found: Vec<String> = one.captures_iter(desc).filter_map(|m| m.get(1).or(m.get(2)).map(|g| g.as_str().to_owned())).collect();
    let [v] = found.as_slice() else { return None };
    let others = explained_line().captures_iter(desc).any(|i| !is_pronoun(&i[1]) && &i[1] != v.as_str());
    let named = !others && !NOT_VALUES.contains(&v.as_str()) && !PROSE_WORDS.contains(&v.as_str());
    named.then(|| ProseEnum { values: vec![ev(v, None)], case_insensitive: false })
}

/// Lower-case words that follow "The value is" as prose, never as a value.
const PROSE_WORDS: [&str; 14] = [
    "returned",
    "valid",
    "invalid",
    "empty",
    "required",
    "optional",
    "mandatory",
    "unique",
    "fixed",
    "left",
    "unlimited",
    "blank",
    "transferred",
    "supported",
];

/// Whether the page's examples confirm a [`plain_candidate`]: they hold the field, and every
/// value they give it is the candidate (no example, another value, or two disagreeing: no).
pub fn confirmed_by_examples(candidate: &str, values: &[&serde_json::Value]) -> bool {
    !values.is_empty() && values.iter().all(|v| v.as_str() == Some(candidate))
}

/// A line that opens with a word explained ("SUPPORTED: …", "- manual, indicating …", "sync
/// indicates …"): the word is captured.
fn explained_line() -> &'static Regex {
    static ITEM: OnceLock<Regex> = OnceLock::new();
    re(&ITEM, r"(?m)^\s*(?:[-•] )?([A-Za-z][A-Za-z0-9_.:/-]*)\s*(?:[:：]|,\s*indicating|\s+indicates?)\s")
}

/// Words that name no value ("Its value is **null**": the field is empty).
const NOT_VALUES: [&str; 7] = ["true", "false", "null", "none", "empty", "nil", "n/a"];

/// A value written without bold ("The value is Cluster.", "The value is wiredTiger.", "Its value
/// is self, indicating …"): a name no prose word can be — a capital letter, a digit, or `_`, `.`,
/// `:`, `/` inside it — or, when ", indicating …" explains it, a single word. "The value is
/// returned.", "The value is valid." or "Its value is case-insensitive." (a lower-case compound
/// word) names nothing.
fn plain_value(token: &str, explained: bool) -> Option<String> {
    let v = value_token(token)?;
    let named = v.chars().any(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '_' | '.' | ':' | '/'));
    (named || (explained && v.chars().all(|c| c.is_ascii_alphabetic()))).then_some(v)
}

/// A closed set as a whole-value pattern (for path parameters, whose values are text):
/// `^(?:v3|v3\.1)$`.
pub fn as_pattern(set: &ProseEnum) -> String {
    let alts: Vec<String> = set
        .values
        .iter()
        .map(|v| {
            v.value
                .chars()
                .map(|c| match c {
                    // Case-insensitive without an inline flag (`(?i)` is not ECMA-262, the regex
                    // dialect of JSON Schema and OpenAPI): `[mM][yY]…`.
                    c if set.case_insensitive && c.is_ascii_alphabetic() => {
                        format!("[{}{}]", c.to_ascii_lowercase(), c.to_ascii_uppercase())
                    }
                    c if c.is_ascii_alphanumeric() || c == '_' || c == '-' => c.to_string(),
                    c => format!("\\{c}"),
                })
                .collect()
        })
        .collect();
    format!("^(?:{})$", alts.join("|"))
}

/// The one value of a conditional item ("For a replica set instance, the value is **replica**.").
fn one_value_in(item: &str) -> Option<String> {
    static ONE: OnceLock<Regex> = OnceLock::new();
    let one = re(&ONE, r"(?i)the value (?:is|can be|must be) \**([A-Za-z0-9_.:/-]+)\**\s*(?:\.|;|$|\()");
    one.captures(item).and_then(|m| value_token(&m[1]))
}

fn ev(value: &str, doc: Option<String>) -> EnumValue {
    // `Unknown` is the catch-all variant of every generated enum: a documented `unknown` is named.
    let name = (crate::idents::camel(value) == "Unknown").then(|| "DocumentedUnknown".to_owned());
    EnumValue { value: value.to_owned(), name, doc: doc.filter(|d| !d.is_empty()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vals(desc: &str) -> Vec<String> {
        find_enum(desc).map(|e| e.values.into_iter().map(|v| v.value).collect()).unwrap_or_default()
    }

    #[test]
    fn bullet_lists_after_a_value_phrase() {
        let e = find_enum(
            "Restoration type. Value:\n\n- **backup**: by backup.\n- **timestamp**: PITR.\n\nValue:\n\n- **backup**\n- **timestamp**",
        )
        .unwrap();
        assert_eq!(e.values.iter().map(|v| v.value.as_str()).collect::<Vec<_>>(), ["backup", "timestamp"]);
        assert_eq!(e.values[0].doc.as_deref(), Some("by backup."));
        assert_eq!(vals("Specifies the volume type.\n\nIts value can be any of the following and is case-sensitive:\n\n- COMMON: SATA storage.\n- ULTRAHIGH: ultra-high I/O storage."), ["COMMON", "ULTRAHIGH"]);
        assert_eq!(
            vals("Value:\n\n- For MySQL, the value is async or semisync.\n- For PostgreSQL, the value is async or sync."),
            ["async", "semisync", "sync"]
        );
        assert_eq!(vals("Log level. The default value is **ALL**. Valid value:\n\n- ALL\n- INFO\n- WARNING"), ["ALL", "INFO", "WARNING"]);
    }

    #[test]
    fn conditional_items_and_nested_remarks() {
        let desc = "Specifies the node type.\n\nValid value:\n\n- For a cluster instance, the value can be **mongos**, **shard**, or **config**.\n- For a replica set instance, the value is **replica**.\n- For a single node instance, the value is **single**.";
        assert_eq!(vals(desc), ["mongos", "shard", "config", "replica", "single"]);
        let desc = "Replication mode.\n\nValue:\n\n- For MySQL, the value is **async** or **semisync**.\n- For Microsoft SQL Server, the value is **sync**.";
        assert_eq!(vals(desc), ["async", "semisync", "sync"]);
        let desc = "Its value can be any of the following:\n\n- **normal**: general-enhanced.\n- **dedicated**: core scenarios.\n\n  - For the MySQL DB engine: dedicated\n  - For PostgreSQL: dedicated, only for cloud SSDs";
        assert_eq!(vals(desc), ["normal", "dedicated"]);
    }

    #[test]
    fn items_with_indicating_and_remarks() {
        let desc = "Backup policy type. The value can be:\n\n- **Instance**, indicating that an instance backup is queried.\n- **DatabaseTable**, indicating that a database or table backup is queried.\n- The default value is **Instance**.";
        let e = find_enum(desc).unwrap();
        assert_eq!(e.values.iter().map(|v| v.value.as_str()).collect::<Vec<_>>(), ["Instance", "DatabaseTable"]);
        assert_eq!(e.values[0].doc.as_deref(), Some("an instance backup is queried."));
        assert_eq!(vals("Database type.\n\n- **cassandra**: specifications are queried.\n- If this parameter is not transferred, the default value is **cassandra**."), Vec::<String>::new(), "no introducing phrase: prose, not a set");
        assert_eq!(vals("Database type. The value can be:\n\n- **cassandra**: specifications are queried.\n- If this parameter is not transferred, the default value is **cassandra**."), ["cassandra"]);
    }

    #[test]
    fn plain_paragraphs_after_value() {
        assert_eq!(vals("Backup type. Value:\n\nmanual: manual full backup"), ["manual"]);
        assert_eq!(vals("Indicates the storage type. Its value can be:\n\nULTRAHIGH: indicates the SSD type."), ["ULTRAHIGH"]);
        assert_eq!(vals("Backup type. Value:\n\nauto: automated full backup\n\nmanual: manual full backup"), ["auto", "manual"]);
        assert_eq!(vals("Instance type. The value can be:\n\nCluster, indicating that the instance is of the cluster type."), ["Cluster"]);
        assert!(find_enum("Instance type. The value can be:\n\nThis, indicating nothing.").is_none());
        // remarks and engines open no value; without an introducing line a paragraph is prose
        assert!(find_enum("Backup type. Value:\n\nNote: see the backup guide").is_none());
        assert!(find_enum("Backup type. Value:\n\nMySQL: automated full backup").is_none());
        // an engine written as a value is (lower case) after a value phrase is one
        assert_eq!(vals("Database type. The value can be:\n\ncassandra: GeminiDB Cassandra instance"), ["cassandra"]);
        // `x. This value …` (plain `**x**. This value …`), `x (case-sensitive): …`
        assert_eq!(
            vals(
                "Node role.\n\nValid value:\n\n- Primary: the primary node.\n- unknown. This value is returned when the node is abnormal."
            ),
            ["Primary", "unknown"]
        );
        assert_eq!(
            vals("Type. Currently, the following values are supported:\n\n- Enterprise (case-sensitive): distributed instances."),
            ["Enterprise"]
        );
        assert_eq!(
            vals("Node role. Valid value:\n\n- Primary: the primary node.\n- Note. This list is not complete."),
            ["Primary"],
            "a remark"
        );
        assert!(find_enum("Node role. Valid value:\n\n- Primary: the primary node.\n- Returned only for. Some nodes.").is_none());
        assert!(find_enum("Backup type.\n\nmanual: manual full backup").is_none());
        assert!(find_enum("Number of AZs. Value:\n\nat least 3 AZs").is_none());
    }

    #[test]
    fn bold_paragraphs_after_value() {
        assert_eq!(vals("Backup type. Value:\n\n**auto**: automated full backup\n\n**manual**: manual full backup"), ["auto", "manual"]);
    }

    #[test]
    fn sentences() {
        assert_eq!(
            vals("Proxy instance status. Value: **ACTIVE**, **ABNORMAL**, **FAILED**, or **DELETED**."),
            ["ACTIVE", "ABNORMAL", "FAILED", "DELETED"]
        );
        assert_eq!(vals("Whether enabled. Value: **ON** or **OFF**."), ["ON", "OFF"]);
        assert_eq!(vals("AZ type. The value can be **single** or **multi**."), ["single", "multi"]);
        assert_eq!(vals("The value can be X, Y, or Z."), ["X", "Y", "Z"]);
        assert_eq!(vals("Enumerated values: gold, silver"), ["gold", "silver"]);
        let e = find_enum("AZ mode. Its value can be **single** or **multi** and is case-insensitive.").unwrap();
        assert!(e.case_insensitive);
    }

    #[test]
    fn chinese() {
        assert_eq!(vals("实例类型，取值为Single、Ha或Replica。"), ["Single", "Ha", "Replica"]);
        assert_eq!(vals("备份类型。取值范围：auto，manual"), ["auto", "manual"]);
        assert_eq!(vals("操作标识。取值：\n\n- **create**：添加标签。\n- **delete**：删除标签。"), ["create", "delete"]);
        assert_eq!(vals("部署形态，取值为**Cluster**。"), ["Cluster"]);
        assert_eq!(vals("取值范围：1~100。"), Vec::<String>::new(), "a numeric range is not a set");
    }

    #[test]
    fn one_value_sets() {
        assert_eq!(vals("DB instance type. Its value is **Cluster**."), ["Cluster"]);
        assert_eq!(vals("The value is **self**, indicating that URL is a local link."), ["self"]);
        assert_eq!(vals("Its value is **self**, indicating that **href** is a local link."), ["self"]);
        let e = find_enum("Specifies the primary/standby or cluster instance type. The value is Ha (case-insensitive).").unwrap();
        assert!(e.case_insensitive);
        assert_eq!(e.values[0].value, "Ha");
    }

    #[test]
    fn one_value_without_bold() {
        // plain text shows no bold: a name no prose word can be, ending the sentence
        assert_eq!(vals("DB instance type. Its value is Cluster."), ["Cluster"]);
        assert_eq!(vals("Specifies the database type. The value is DDS-Community."), ["DDS-Community"]);
        assert_eq!(vals("Indicates the storage engine. The value is wiredTiger."), ["wiredTiger"]);
        assert_eq!(vals("Its value is self, indicating that URL is a local link."), ["self"]);
        assert_eq!(vals("Architecture. The value is x86_64. Other values are rejected."), ["x86_64"]);
        // a line that explains this very value
        assert_eq!(vals("Replication mode. The value is sync.\n\nNote\n\nsync indicates synchronous replication."), ["sync"]);
        assert_eq!(vals("Replication mode. The value is sync.\n\nNote:\n\nsync indicates synchronous replication."), ["sync"]);
        // prose words, defaults, sentences that go on: no set
        for desc in [
            "The value is returned.",
            "The value is valid. It expires later.",
            "Indicates the default username. The value is rwuser.",
            "The value is empty.",
            "The value is Empty.",
            "The value is N/A.",
            "The value is Cluster by default.",
            "The value is 0.",
            "The value is set to 0.",
            "At least 3 AZs are required. The value is at least 3.",
            "The value is empty, indicating that no value is set.",
            "Database type. Its value is case-insensitive.",
            "Instance type. The value is case-sensitive. The value **Enterprise** indicates the distributed instance.",
            "The value is read-only, indicating that it cannot be changed.",
            // one item of a list the plain text cannot mark
            "Version status.\n\nThe value is CURRENT, indicating that the version has been released.\n\nSUPPORTED: The version is an earlier version.\n\nDEPRECATED: The version is deprecated.",
            "Status. The value is ACTIVE.\n\n- FAILED indicates that creation failed.",
            "Replication mode. The value is sync.\n\nasync indicates asynchronous replication.",
        ] {
            assert!(find_enum(desc).is_none(), "{desc}");
        }
    }

    #[test]
    fn plain_candidates_need_the_examples() {
        let one = |d: &str| plain_candidate(d).map(|e| e.values.into_iter().map(|v| v.value).collect::<Vec<_>>());
        assert_eq!(one("Instance status. The value is creating."), Some(vec!["creating".to_owned()]));
        assert_eq!(one("DB type. Currently, only private is supported."), Some(vec!["private".to_owned()]));
        assert_eq!(one("Default username. The value is rwuser.\n\nMore text."), Some(vec!["rwuser".to_owned()]));
        for not in [
            "The value is returned.",
            "The value is valid. It expires later.",
            "The value is empty.",
            "The value is null.",
            "Status. The value is Cluster.", // a name: find_enum's, not a candidate
            "The value is sync.\n\nasync indicates asynchronous replication.",
            "The value is creating by default.",
            "Status. The value can be creating or running.",
        ] {
            assert_eq!(plain_candidate(not), None, "{not}");
        }
        let creating = serde_json::json!("creating");
        let running = serde_json::json!("running");
        assert!(confirmed_by_examples("creating", &[&creating]));
        assert!(confirmed_by_examples("creating", &[&creating, &creating]));
        assert!(!confirmed_by_examples("creating", &[]), "no example: no set");
        assert!(!confirmed_by_examples("creating", &[&running]), "another value: no set");
        assert!(!confirmed_by_examples("creating", &[&creating, &running]), "examples disagree: no set");
        assert!(!confirmed_by_examples("creating", &[&serde_json::json!(null)]));
    }

    #[test]
    fn one_value_after_currently_and_only_supported() {
        assert_eq!(vals("DB instance type to be queried. Currently, its value can only be **Cluster**."), ["Cluster"]);
        assert_eq!(vals("DB type. Currently, only gaussdb-mysql is supported."), ["gaussdb-mysql"]);
        assert_eq!(vals("Engine. Only **DDS-Community** is supported."), ["DDS-Community"]);
        assert!(find_enum("Name. Only letters is supported.").is_none(), "a word, not a value");
        assert!(find_enum("Only gaussdb-mysql is supported in this region, others soon.").is_none(), "not the whole sentence");
        assert!(find_enum("Currently, its value can only be **Cluster** by default.").is_none());
    }

    #[test]
    fn patterns_of_sets() {
        let e = find_enum("API version.\n\n**Values**:\n\n- v3\n- v3.1").unwrap();
        assert_eq!(as_pattern(&e), r"^(?:v3|v3\.1)$");
        let ci = ProseEnum { case_insensitive: true, ..e.clone() };
        assert_eq!(as_pattern(&ci), r"^(?:[vV]3|[vV]3\.1)$");
        assert!(regex_lite::Regex::new(&as_pattern(&ci)).unwrap().is_match("V3.1"));
        let re = regex_lite::Regex::new(&as_pattern(&e)).unwrap();
        assert!(re.is_match("v3.1") && !re.is_match("v3x1") && !re.is_match("v4"));
    }

    #[test]
    fn version_numbers_are_values() {
        assert_eq!(
            vals("Database version. The value can be:\n\n**3.11**, indicating that GeminiDB Cassandra 3.11 is supported."),
            ["3.11"]
        );
        assert_eq!(vals("Database version. Value: **5.7** or **8.0**."), ["5.7", "8.0"]);
        assert_eq!(vals("Database version. The value can be **5.0, 4.4, 4.2 or 4.0**."), ["5.0", "4.4", "4.2", "4.0"]);
        assert_eq!(vals("Version. The value can be **4.0, 4.2,** **4.4,** or **5.0**."), ["4.0", "4.2", "4.4", "5.0"]);
        assert_eq!(vals("Engine. The value can be **mysql, postgresql or sqlserver**."), ["mysql", "postgresql", "sqlserver"]);
        assert_eq!(vals("版本号，取值为5.7或8.0。"), ["5.7", "8.0"]);
        // plain text: the stop after the last version ends the sentence
        assert_eq!(vals("Database version. The value can be 5.0, 4.4, 4.2 or 4.0."), ["5.0", "4.4", "4.2", "4.0"]);
        assert_eq!(vals("Version. The value is 4.0, 4.2, 4.4, or 5.0."), ["4.0", "4.2", "4.4", "5.0"]);
        assert_eq!(vals("Database version. The value can be:\n\n3.11, indicating that GeminiDB Cassandra 3.11 is supported."), ["3.11"]);
        assert!(find_enum("Value: 1, 2 or 3.").is_none(), "integers are no enum values, in plain text either");
        assert!(find_enum("Version. The value is 5.7 or later.").is_none(), "a bound, not a set");
        assert!(find_enum("AZ. The value is AZ1 or later.").is_none(), "a bound, not a set");
        // Not versions: plain integers, a version in prose, a one-value sentence.
        assert!(find_enum("Value: **1** or **2**.").is_none(), "integers are no enum values");
        assert!(find_enum("MySQL databases support 5.7 and 8.0.").is_none());
        assert!(find_enum("The value is **1.0**.").is_none(), "one number is no one-value set");
        assert!(find_enum("Value:\n\n- 5.7\n- The version of the replica.").is_none(), "a phrase drops the set");
    }

    #[test]
    fn cases_of_the_field_itself() {
        let desc = "Operation identifier.\n\n- If **action** is set to **filter**, instances are queried by tag.\n- If **action** is set to **count**, only the total is returned.";
        let e = find_enum_of("action", desc).expect("a set");
        assert_eq!(e.values.iter().map(|v| v.value.as_str()).collect::<Vec<_>>(), ["filter", "count"]);
        assert!(find_enum_of("limit", desc).is_none(), "cases of another field");
        let one = "Offset.\n\n- If **action** is set to **count**, this parameter is not needed.";
        assert!(find_enum_of("action", one).is_none(), "one case is no closed set");
        assert!(find_enum_of("action", "If **action** is set to **filter**, or **action** is set to **count**.").is_none(), "not items");
        // A plain-text rendering: no bold.
        let plain =
            "Operation identifier.\n- If action is set to filter, instances are queried.\n- If action is set to count, only the total.";
        assert_eq!(find_enum_of("action", plain).map(|e| e.values.len()), Some(2));
    }

    #[test]
    fn integer_sets() {
        assert_eq!(integer_set("Valid value:\n\n- 0\n- 1"), Some((0, 1)));
        assert_eq!(integer_set("Value: **1**, **2**, or **3**."), Some((1, 3)));
        assert_eq!(integer_set("Value: **1**, **2**, or **4**."), None);
        assert_eq!(integer_set("The value is **1**."), None);
        assert_eq!(integer_set("There must be at least 3 AZs."), None);
        assert_eq!(integer_set("Value:\n\n- **ON**\n- **OFF**"), None);
    }

    #[test]
    fn items_inline_after_a_colon() {
        let desc = "Task status. The value can be: **Running**, indicating that the task is being executed. **Completed**, indicating that the task is completed. **Failed**, indicating that the task fails.";
        let e = find_enum(desc).expect("a set");
        assert_eq!(e.values.iter().map(|v| v.value.as_str()).collect::<Vec<_>>(), ["Running", "Completed", "Failed"]);
        assert_eq!(e.values[2].doc.as_deref(), Some("the task fails."));
        assert_eq!(vals("Status. Value: **ON**: enabled. **OFF** indicates disabled."), ["ON", "OFF"]);
        // A sentence that does not open with a value, or one value: no set.
        assert!(find_enum("The value can be: **Running**, indicating running. Other states are internal.").is_none());
        assert!(find_enum("Valid value: **DDS-Community**, the community edition.").is_none());
        assert!(find_enum("The value can be: **Running**, indicating running. **Failed** is returned on errors.").is_none());
        let plain = "Task status. The value can be: Running, indicating that the task runs. Completed indicating that it is done.";
        assert_eq!(vals(plain), ["Running", "Completed"], "a plain-text rendering");
        assert_eq!(find_enum(plain).unwrap().values[0].doc.as_deref(), Some("the task runs."));
        assert!(find_enum("Statement type. The default value All. Valid value:\n\n- ALL\n- INSERT").unwrap().case_insensitive);
        assert!(find_enum("Value: Running is the state of a task. Failed, indicating an error.").is_none());
        assert!(find_enum("The value can be: a string of letters. Digits are allowed.").is_none());
    }

    #[test]
    fn a_value_written_in_another_case_makes_the_set_case_insensitive() {
        let e = find_enum("Sorting order.\n\n- **DESC**: descending order\n- **ASC**: ascending order\n- Default value: **desc**").unwrap();
        assert_eq!(e.values.iter().map(|v| v.value.as_str()).collect::<Vec<_>>(), ["DESC", "ASC"]);
        assert!(e.case_insensitive);
        let e =
            find_enum("Sorting field.\n\n- **start_time**: the start.\n- **end_time**: the end.\n- Default value: **start_time**").unwrap();
        assert!(!e.case_insensitive, "the same spelling");
        let e = find_enum("Switch. Value: **ON** or **OFF**. It is on by default. The default value is **OFF**.").unwrap();
        assert!(!e.case_insensitive, "a value's word in prose is no spelling of it");
        assert!(
            find_enum("Sorting order.\n- DESC: descending order\n- ASC: ascending order\n- Default value: desc").unwrap().case_insensitive
        );
    }

    #[test]
    fn lists_without_an_introducing_phrase() {
        let desc = "Task name.\n\n- **CreateInstance**: Create an instance.\n- **RestartNode**: Restart a node.\n- **BackupInstance**: Back up an instance.";
        assert_eq!(vals(desc), ["CreateInstance", "RestartNode", "BackupInstance"]);
        let desc = "Specifies the backup type.\n\n- **Auto**: indicates automated full backup.\n- **Manual** indicates manual full backup.";
        assert_eq!(vals(desc), ["Auto", "Manual"]);
        let desc = "Instance type.\n\n- **Sharding** indicates the cluster instance.\n- If this parameter is not transferred, all are queried.\n- **Single** indicates the single node instance.";
        assert_eq!(vals(desc), ["Sharding", "Single"], "a remark between values");
        let plain = "Task status.\n\n- Running: The task is running.\n- Failed: The task failed.";
        assert_eq!(vals(plain), ["Running", "Failed"], "a plain-text rendering");
        assert!(find_enum("Remarks.\n\n- This indicates one thing.\n- Note: another.").is_none(), "sentences, not values");
        // Not sets: one value, cases per engine, items stating limits, a list after another colon,
        // an item that is prose.
        assert!(find_enum("Database type.\n\n- **cassandra**: specifications are queried.\n- If this parameter is not transferred, the default value is **cassandra**.").is_none());
        assert!(find_enum("Port.\n\n- **MySQL**: any free port.\n- **PostgreSQL**: any free port.").is_none(), "cases per engine");
        assert!(
            find_enum("Node count.\n\n- **mongos**: ranges from 2 to 32.\n- **shard**: ranges from 2 to 32.").is_none(),
            "limits per case"
        );
        assert!(find_enum("Password.\n\n- **Upper**: must contain 8 characters.\n- **Lower**: must contain letters.").is_none());
        assert!(find_enum("Nodes queried:\n\n- **Shard**: shard nodes.\n- **All**: all nodes.").is_none(), "after a colon");
        assert!(find_enum("Subnet.\n\n- **Method 1**: Log in to the console.\n- **Method 2**: See the API.").is_none());
        assert!(find_enum("Subnet.\n\n- **auto**: automatic.\n- The subnet must belong to the VPC.").is_none(), "a prose item");
    }

    #[test]
    fn a_documented_unknown_is_named() {
        let e = find_enum("Node role.\n\nValid value:\n\n- **Primary**: primary.\n- **unknown**: abnormal.").unwrap();
        assert_eq!(e.values[1].name.as_deref(), Some("DocumentedUnknown"));
        assert_eq!(e.values[0].name, None);
    }

    #[test]
    fn not_sets() {
        assert!(find_enum("The number of AZs. There must be at least 3 AZs.").is_none(), "at least 3 AZs is a limit, not a set");
        assert!(find_enum("Index offset. The value is **0** by default, indicating that the query starts from the first piece of data.")
            .is_none());
        assert!(find_enum("The value is empty unless the DB instance creation is complete.").is_none());
        assert!(find_enum("API URL. The value is **\"\"**.").is_none());
        assert!(find_enum("The value can be **true** or **false**.").is_none());
        assert!(find_enum("Specifies the DB instance name.").is_none());
        assert!(
            find_enum("Incremental backup interval. Its value can be **5**, **10**, or **15**.").is_none(),
            "numbers are not enum values"
        );
        assert!(find_enum("Method:\n\n- Method 1: Log in to the VPC console and view it.\n- Method 2: See Querying VPCs.").is_none());
        let status = "DB instance status. Valid value:\n\n- **BUILD**: being created.\n- **MODIFYING INSTANCE TYPE**: changing.";
        assert!(find_enum(status).is_none(), "a value that is a phrase drops the set: {:?}", vals(status));
        assert!(find_enum("The value is **Cluster** by default.").is_none());
        assert!(find_enum("Indicates the domain name. Its value is **null**.").is_none());
        let versions = "Version status.\n\nThe value is **CURRENT**, indicating that the version has been released.\n\n**SUPPORTED**: an earlier version.\n\n**DEPRECATED**: deprecated.";
        assert!(find_enum(versions).is_none(), "one item of an unintroduced list is not a one-value set");
        assert_eq!(vals("Whether enabled.\n\nValue:\n\n- **ON**: enabled\n- **OFF:** disabled"), ["ON", "OFF"]);
    }
}
