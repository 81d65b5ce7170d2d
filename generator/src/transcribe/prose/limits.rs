//! Limits stated in prose (English and Chinese): lengths, ranges, multiples, list sizes, name
//! patterns. Conservative: a limit is taken only when the description states one (several
//! ranges — "For MySQL … For PostgreSQL …" — depend on something else and stay in the docs).
//!
//! - **Lengths** (strings): "4 to 64 characters", "a maximum of 36 Unicode characters", "up to 64
//!   characters", "at least 8 characters", "长度为4到64个字符", "1~64个字符", "不超过64个字符".
//! - **Ranges** (integer/number fields, and strings that hold a number when no length is stated):
//!   "ranges from 1 to 100", "from 0 to 732", "Value: 0 to 732", "Value range: 1–100", "0~50",
//!   "The minimum value is 1 and the maximum value is 100", "at most 100", "no less than 0",
//!   "cannot be a negative number", "取值范围：1~100", "取值范围为1到100", "最小值为1", "最大值为100".
//! - **Multiples**: "multiple of 10", "10的整数倍".
//! - **List sizes** (arrays): "Up to 10 quota records can be configured", "A maximum of 20 tags",
//!   "at least 1 item", "最多10个".
//! - **Patterns**: "start with a letter" + "only letters, digits, hyphens (-), and underscores (_)"
//!   → `^[A-Za-z][A-Za-z0-9_-]*$` (the characters named make the class).

use std::sync::OnceLock;

use regex::Regex;

use super::re;
use crate::spec::Constraints;

/// Constraints a description states, for a field or parameter of spec type `ty`.
pub fn find_constraints(desc: &str, ty: &str) -> Constraints {
    let mut c = Constraints::default();
    let text = crate::document::unmarked(desc);
    match ty {
        "string" => {
            (c.min_length, c.max_length) = lengths(&text);
            c.pattern = name_pattern(&text);
            if c.min_length.is_none() && c.max_length.is_none() && holds_a_number(&text) {
                (c.minimum, c.maximum) = range(&text);
                c.multiple_of = multiple(&text);
            }
        }
        "integer" | "long" | "number" => {
            (c.minimum, c.maximum) = range(&text);
            if (c.minimum, c.maximum) == (None, None) && ty != "number" {
                // "Valid value: - 0 - 1": a closed set of integers that follow each other.
                if let Some((lo, hi)) = super::values::integer_set(desc) {
                    (c.minimum, c.maximum) = (Some(lo as f64), Some(hi as f64));
                }
            }
            c.multiple_of = multiple(&text);
        }
        t if t.starts_with("array<") => (c.min_items, c.max_items) = items(&text),
        _ => {}
    }
    c
}

/// The number of the first of two alternatives that matched (an English and a Chinese phrasing).
fn either_number<T: std::str::FromStr>(m: regex::Captures<'_>) -> Option<T> {
    m.get(1).or_else(|| m.get(2)).and_then(|g| g.as_str().parse().ok())
}

/// Lengths in characters.
fn lengths(text: &str) -> (Option<u64>, Option<u64>) {
    static LEN: OnceLock<Regex> = OnceLock::new();
    static MAX: OnceLock<Regex> = OnceLock::new();
    static MIN: OnceLock<Regex> = OnceLock::new();
    let len = re(&LEN, r"(?i)(\d+) ?(?:to|到|～|~|-|–) ?(\d+) ?(?:(?:unicode )?characters|个字符|字符|个字节)");
    if let Some(m) = len.captures(text) {
        return (m[1].parse().ok(), m[2].parse().ok());
    }
    let max = re(
        &MAX,
        r"(?i)(?:maximum of|max\.|up to|at most|cannot exceed|no more than|not exceed) (\d+) (?:unicode )?characters|(?:不超过|最多|最大长度为|长度不超过|最长)(\d+)(?:个)?(?:字符|字节)",
    );
    let min = re(
        &MIN,
        r"(?i)(?:at least|minimum of|no less than) (\d+) (?:unicode )?characters|(?:至少|最少|最小长度为)(\d+)(?:个)?(?:字符|字节)",
    );
    (min.captures(text).and_then(either_number), max.captures(text).and_then(either_number))
}

/// Whether a string's description says it holds a number ("limit", "port" documented as String);
/// a list of numbers ("separated by commas") or a time is not one.
fn holds_a_number(text: &str) -> bool {
    let l = text.to_lowercase();
    !["separated", "comma", "分隔", "format", "格式", "hh:mm", "characters", "字符"].iter().any(|w| l.contains(w))
}

/// One inclusive range, from the first phrasing that states exactly one.
fn range(text: &str) -> (Option<f64>, Option<f64>) {
    static BETWEEN: OnceLock<Regex> = OnceLock::new();
    static ZH: OnceLock<Regex> = OnceLock::new();
    static MIN_MAX: OnceLock<Regex> = OnceLock::new();
    static AT_MOST: OnceLock<Regex> = OnceLock::new();
    static AT_LEAST: OnceLock<Regex> = OnceLock::new();
    static NON_NEGATIVE: OnceLock<Regex> = OnceLock::new();
    let between = re(
        &BETWEEN,
        r"(?i)(?:range[sd]? (?:is )?from|value range is from|value range: ?|values?: ?|from|between|integer (?:from|between)) (-?\d+(?:\.\d+)?)(?: ?[A-Za-z%]+)? ?(?:to|-|–|~|and) ?(-?\d+(?:\.\d+)?)\b",
    );
    let zh = re(&ZH, r"取值(?:范围)?(?:为|是|：|:)?\s*\[?(-?\d+(?:\.\d+)?)\s*(?:~|～|-|–|到|至|,|，)\s*(-?\d+(?:\.\d+)?)");
    static BRACKETS: OnceLock<Regex> = OnceLock::new();
    // "[0, 1999]" after "range"/"值"; "(1 to 7 days)": a parenthesis that is only a range.
    let brackets = re(
        &BRACKETS,
        r"(?i)(?:range|值)\D{0,12}\[(-?\d+(?:\.\d+)?), ?(-?\d+(?:\.\d+)?)\]|\((-?\d+(?:\.\d+)?) ?(?:to|-|–|~) ?(-?\d+(?:\.\d+)?)(?: [A-Za-z]+)?\)",
    );
    static MORE: OnceLock<Regex> = OnceLock::new();
    // "2100-9500, 27017, 27018, and 27019": more values beside the range (exclusions are fine).
    let more = re(&MORE, r"^\s*(?:,|and|or)\s*(?:and |or )?\d");
    let mut open_set = false;
    let mut cases: Vec<(f64, f64)> = Vec::new();
    let mut found: Vec<(f64, f64)> = between
        .captures_iter(text)
        .chain(zh.captures_iter(text))
        .chain(brackets.captures_iter(text))
        .filter_map(|m| {
            let whole = m.get(0)?;
            open_set |= more.is_match(&text[whole.end()..]);
            let mut numbers = m.iter().skip(1).flatten();
            let pair = (numbers.next()?.as_str().parse().ok()?, numbers.next()?.as_str().parse().ok()?);
            if conditional(text, whole.start()) {
                cases.push(pair);
                return None;
            }
            Some(pair)
        })
        .collect();
    cases.dedup();
    if !cases.is_empty() {
        // A range stated for one case is the field's only when every other case says the field
        // is not sent then ("- If action is count, this parameter does not need to be
        // transferred. - If action is filter, the value ranges from 1 to 100").
        if found.is_empty() && cases.len() == 1 && other_cases_omit_the_field(text) {
            found = cases;
        } else {
            open_set = true;
        }
    }
    found.dedup(); // the same range said twice is one
    if open_set || found.len() > 1 {
        return (None, None);
    }
    if let [(lo, hi)] = found.as_slice() {
        // "from 40 GB to 4 TB": different units, not a range of one number.
        return if lo <= hi { (Some(*lo), Some(*hi)) } else { (None, None) };
    }
    let min_max = re(
        &MIN_MAX,
        r"(?i)minimum value is (-?\d+(?:\.\d+)?)|最小值(?:为|是)(-?\d+(?:\.\d+)?)|maximum value is (-?\d+(?:\.\d+)?)|最大值(?:为|是)(-?\d+(?:\.\d+)?)",
    );
    let mut lo = None;
    let mut hi = None;
    for m in min_max.captures_iter(text) {
        if let Some(v) = m.get(1).or_else(|| m.get(2)) {
            lo = lo.or_else(|| v.as_str().parse().ok());
        }
        if let Some(v) = m.get(3).or_else(|| m.get(4)) {
            hi = hi.or_else(|| v.as_str().parse().ok());
        }
    }
    let at_most = re(
        &AT_MOST,
        r"(?i)(?:the value (?:is|must be|can be) (?:at most|no (?:more|greater) than|less than or equal to)|the value cannot exceed|不能?(?:超过|大于))\s*(-?\d+(?:\.\d+)?)\b(?:\s*[.,;。，]|\s*$)",
    );
    let at_least = re(
        &AT_LEAST,
        r"(?i)(?:the value (?:is|must be|can be) (?:at least|no (?:less|smaller) than|greater than or equal to)|不能?(?:小于|低于))\s*(-?\d+(?:\.\d+)?)\b(?:\s*[.,;。，]|\s*$)",
    );
    let non_negative = re(&NON_NEGATIVE, r"(?i)cannot be (?:a )?negative|(?:must be|value:|value is) (?:a )?non-negative|不能为负");
    if hi.is_none() {
        hi = at_most.captures(text).and_then(|m| m[1].parse().ok());
    }
    if lo.is_none() {
        lo = at_least.captures(text).and_then(|m| m[1].parse().ok());
    }
    if lo.is_none() && non_negative.is_match(text) {
        lo = Some(0.0);
    }
    match (lo, hi) {
        (Some(l), Some(h)) if l > h => (None, None),
        pair => pair,
    }
}

/// Whether the text at `at` lies in a list item that states a case ("- mongos: The value ranges
/// …", "- For MySQL, …"): a range for one case is not the field's range.
fn conditional(text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[line_start..at].trim_start();
    let Some(item) = line.strip_prefix("- ") else { return false };
    let lower = item.to_ascii_lowercase();
    lower.contains(':') || ["for ", "in ", "if ", "when "].iter().any(|w| lower.starts_with(w))
}

/// Whether the one case item that states numbers is the only one, and every other case item
/// ("- If …", "- For …", "- mongos: …") says the field is not sent in that case ("this
/// parameter does not need to be transferred").
fn other_cases_omit_the_field(text: &str) -> bool {
    static OMIT: OnceLock<Regex> = OnceLock::new();
    let omit = re(
        &OMIT,
        r"(?i)(?:does not need to be (?:transferred|specified|set|passed)|is not (?:needed|required|used)|(?:can|must) be left (?:blank|empty)|is ignored|无需|不需要|不用)",
    );
    let (mut others, mut with_numbers) = (0, 0);
    for line in text.lines().filter(|l| conditional(l, l.len())) {
        if line.contains(|c: char| c.is_ascii_digit()) {
            with_numbers += 1; // the case that states the range (and no other)
            continue;
        }
        others += 1;
        if !omit.is_match(line) {
            return false;
        }
    }
    others > 0 && with_numbers == 1
}

/// "multiple of 10", "10的整数倍", when stated once; never from a sentence that says what
/// happens to a value that is not one ("If the step is not a multiple of 10, round it up.").
fn multiple(text: &str) -> Option<f64> {
    static MULT: OnceLock<Regex> = OnceLock::new();
    static NOT: OnceLock<Regex> = OnceLock::new();
    let mult = re(&MULT, r"(?i)multiple of (\d+)|(\d+)\s*的(?:整数)?倍数?");
    let not = re(&NOT, r"(?i)\bif\b|\bnot\b|\bround|如果|若|不是|不为|取整");
    let sentence = |at: usize, end: usize| {
        let start = text[..at].rfind(['.', '\n', '。', ';', '；']).map_or(0, |i| i + 1);
        let stop = text[end..].find(['.', '\n', '。', ';', '；']).map_or(text.len(), |i| end + i);
        &text[start..stop]
    };
    let mut found: Vec<f64> = Vec::new();
    for m in mult.captures_iter(text) {
        let whole = m.get(0).expect("match");
        if not.is_match(sentence(whole.start(), whole.end())) {
            return None; // a note on rounding: the multiple is no limit (nor is any other)
        }
        found.extend(either_number::<f64>(m));
    }
    match found.as_slice() {
        [m] if *m > 0.0 => Some(*m),
        _ => None,
    }
}

/// List sizes: "Up to 10 quota records can be configured", "A maximum of 20 tags", "最多10个".
fn items(text: &str) -> (Option<u64>, Option<u64>) {
    static MAX: OnceLock<Regex> = OnceLock::new();
    static MIN: OnceLock<Regex> = OnceLock::new();
    let max = re(
        &MAX,
        r"(?i)(?:^|[.。]\s*|\n)(?:up to|a maximum of|at most|no more than) (\d+) (?:[A-Za-z-]+ ){0,2}?(?:items|elements|records|tags|ids|instances|nodes|pairs|entries|rules|values|objects)\b|(?:最多|不超过)(\d+)个",
    );
    let min = re(
        &MIN,
        r"(?i)(?:at least|a minimum of) (\d+) (?:[A-Za-z-]+ )?(?:items?|elements?|records?|tags?|ids?|entries|values?)\b|(?:至少)(\d+)个",
    );
    let (lo, hi) = (min.captures(text).and_then(either_number), max.captures(text).and_then(either_number));
    match (lo, hi) {
        (Some(l), Some(h)) if l > h => (None, None),
        pair => pair,
    }
}

/// The characters a name may hold, as a pattern: "can contain only letters, digits, hyphens (-),
/// and underscores (_)" → `^[A-Za-z0-9_-]*$`; with "start with a letter" →
/// `^[A-Za-z][A-Za-z0-9_-]*$`; Chinese "只能包含字母、数字、中划线和下划线", "以字母开头". Taken only
/// when every item of the list is a character class we can write (letters, upper/lower-case
/// letters, digits, hyphens, underscores, periods): "letters, digits, and Chinese characters"
/// or "special characters" give no pattern (a class without them would refuse good names).
fn name_pattern(text: &str) -> Option<String> {
    static EN: OnceLock<Regex> = OnceLock::new();
    static ZH: OnceLock<Regex> = OnceLock::new();
    static SYMBOLS: OnceLock<Regex> = OnceLock::new();
    static TAIL: OnceLock<Regex> = OnceLock::new();
    // "hyphens (-)", "letters (case-sensitive)", "digits (from 0 to 9)": what is in parentheses
    // says nothing more about the class.
    let text = re(&SYMBOLS, r"\s*[(（][^)）]{1,30}[)）]").replace_all(text, "");
    let en = re(
        &EN,
        r"(?i)(?:(?:can|may|must) (?:contain|include|consist of) only|(?:^|[.;\n])\s*only|(?:can|may|must) only (?:contain|include|consist of)|contains? only|consists? only of|consists? of only)\s+([^.;:]+)",
    );
    let zh = re(&ZH, r"只能(?:包含|由|是|为)([^。；;，,（(]+?)(?:组成)?(?:[。；;，,（(]|$)");
    let (list, chinese) = match (en.captures(&text), zh.captures(&text)) {
        // The list ends where the sentence goes on ("…, and must start with a letter").
        (Some(m), _) => (
            re(&TAIL, r"(?i),?\s+(?:and\s+)?(?:must|cannot|can|is|are|should|it|but|which|start|starts|begin|begins|starting|beginning)\b")
                .split(&m[1])
                .next()
                .unwrap_or("")
                .to_owned(),
            false,
        ),
        (None, Some(m)) => (m[1].to_owned(), true),
        (None, None) => return None,
    };
    let (mut upper, mut lower, mut digits, mut underscore, mut period, mut hyphen) = (false, false, false, false, false, false);
    let items: Vec<String> = if chinese {
        list.split(['、', '和', '及', '与', ',', '，']).map(|i| i.trim().to_owned()).collect()
    } else {
        list.split(',')
            .flat_map(|i| i.split(" and "))
            .flat_map(|i| i.split(" or "))
            .map(|i| i.trim().trim_start_matches("and ").trim_start_matches("or ").trim().to_lowercase())
            .collect()
    };
    for item in items.iter().filter(|i| !i.is_empty()) {
        match item.as_str() {
            "letters"
            | "english letters"
            | "case-sensitive letters"
            | "upper- and lowercase letters"
            | "字母"
            | "英文字母"
            | "大小写字母" => (upper, lower) = (true, true),
            "uppercase letters" | "upper-case letters" | "capital letters" | "大写字母" | "大写英文字母" => upper = true,
            "lowercase letters" | "lower-case letters" | "小写字母" | "小写英文字母" => lower = true,
            "digits" | "numbers" | "数字" => digits = true,
            "underscores" | "underscore" | "下划线" => underscore = true,
            "periods" | "period" | "dots" | "dot" | "点" | "句点" | "英文句号" => period = true,
            "hyphens" | "hyphen" | "中划线" | "中横线" | "连字符" | "短横线" => hyphen = true,
            _ => return None,
        }
    }
    let mut class = String::new();
    for (on, part) in [(upper, "A-Z"), (lower, "a-z"), (digits, "0-9"), (underscore, "_"), (period, "."), (hyphen, "-")] {
        if on {
            class.push_str(part); // hyphen last: literal in a class
        }
    }
    if class.is_empty() {
        return None;
    }
    let l = text.to_lowercase();
    let starts_with_letter = l.contains("start with a letter") || l.contains("starts with a letter") || l.contains("以字母开头");
    Some(if starts_with_letter { format!("^[A-Za-z][{class}]*$") } else { format!("^[{class}]*$") })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range_of(desc: &str, ty: &str) -> (Option<f64>, Option<f64>) {
        let c = find_constraints(desc, ty);
        (c.minimum, c.maximum)
    }

    #[test]
    fn lengths_and_patterns() {
        let c = find_constraints("The value must be 4 to 64 characters in length and start with a letter. It is case-sensitive and can contain only letters, digits, hyphens (-), and underscores (_).", "string");
        assert_eq!((c.min_length, c.max_length), (Some(4), Some(64)));
        assert_eq!(c.pattern.as_deref(), Some("^[A-Za-z][A-Za-z0-9_-]*$"));
        let c = find_constraints("Tag key. It contains a maximum of 36 Unicode characters.", "string");
        assert_eq!((c.min_length, c.max_length), (None, Some(36)));
        let c = find_constraints("The password must contain at least 8 characters.", "string");
        assert_eq!((c.min_length, c.max_length), (Some(8), None));
        let c = find_constraints("部件名称，长度为4到64个字符。", "string");
        assert_eq!((c.min_length, c.max_length), (Some(4), Some(64)));
        let c = find_constraints("实例名称，长度为1~64个字符。", "string");
        assert_eq!((c.min_length, c.max_length), (Some(1), Some(64)));
        let c = find_constraints("描述，不超过256个字符。", "string");
        assert_eq!(c.max_length, Some(256));
        assert_eq!(find_constraints("Specifies the DB instance name.", "string"), Constraints::default());
        assert_eq!(
            find_constraints("It must contain at least three types of the following: letters, digits.", "string"),
            Constraints::default()
        );
    }

    #[test]
    fn ranges() {
        assert_eq!(range_of("The value range is from 0 to 732.", "integer"), (Some(0.0), Some(732.0)));
        assert_eq!(range_of("The value ranges from **1** to **100**.", "integer"), (Some(1.0), Some(100.0)));
        assert_eq!(range_of("Weight assigned to the node. Value: **0** to **1000**.", "integer"), (Some(0.0), Some(1000.0)));
        assert_eq!(range_of("Value: 1-732.", "integer"), (Some(1.0), Some(732.0)));
        assert_eq!(range_of("Value range: 1024 to 65535, excluding 5342 to 5345.", "integer"), (Some(1024.0), Some(65535.0)));
        assert_eq!(range_of("Number of nodes. The value is an integer from 1 to 30.", "integer"), (Some(1.0), Some(30.0)));
        assert_eq!(range_of("The minimum value is **1** and the maximum value is **100**.", "integer"), (Some(1.0), Some(100.0)));
        assert_eq!(range_of("The value cannot be a negative number.", "integer"), (Some(0.0), None));
        assert_eq!(range_of("The value must be no less than **0**.", "integer"), (Some(0.0), None));
        assert_eq!(range_of("Maximum number of concurrent SQL statements. Value: a non-negative integer.", "integer"), (Some(0.0), None));
        assert_eq!(range_of("The value is at most 100.", "integer"), (None, Some(100.0)));
        assert_eq!(range_of("取值范围：1~100。", "integer"), (Some(1.0), Some(100.0)));
        assert_eq!(range_of("取值范围为0到50。", "integer"), (Some(0.0), Some(50.0)));
        assert_eq!(range_of("最小值为1，最大值为1000。", "integer"), (Some(1.0), Some(1000.0)));
        assert_eq!(range_of("Value range: 0–50", "number"), (Some(0.0), Some(50.0)));
        assert_eq!(range_of("Value: 1~50", "integer"), (Some(1.0), Some(50.0)));
        assert_eq!(range_of("Specifies the index position. Its value range is **[0, 1999]**.", "integer"), (Some(0.0), Some(1999.0)));
        assert_eq!(
            range_of("Policy retention duration (1 to 7 days). The value is a positive integer.", "integer"),
            (Some(1.0), Some(7.0))
        );
        assert_eq!(range_of("Retention (1-7).", "integer"), (Some(1.0), Some(7.0)));
        assert_eq!(range_of("See (sections 1 to 3).", "integer"), (None, None), "a parenthesis that is more than a range");
        assert_eq!(range_of("Size (40 GB to 4 TB).", "integer"), (None, None), "different units");
        assert_eq!(
            range_of("- The value ranges from 1 to 100.\n- If this parameter is not transferred, 100 are queried.", "integer"),
            (Some(1.0), Some(100.0)),
            "a plain item is no case"
        );
    }

    #[test]
    fn not_ranges() {
        assert_eq!(
            range_of("- MySQL ranges from 1024 to 65535.\n- PostgreSQL ranges from 2100 to 9500.", "integer"),
            (None, None),
            "two ranges depend on something else"
        );
        assert_eq!(range_of("The value ranges from 40 GB to 4 TB.", "integer"), (None, None), "different units");
        assert_eq!(range_of("The value is **0** by default.", "integer"), (None, None));
        assert_eq!(
            range_of("Database access port\n\nValue range: 2100-9500, 27017, 27018, and 27019.", "string"),
            (None, None),
            "more values beside the range"
        );
        let num = "Specifies node quantity.\n\nValid value:\n\n- mongos: The value ranges from 2 to 32.\n- shard: The value ranges from 2 to 32.\n- config: The value is **1**.";
        assert_eq!(range_of(num, "integer"), (None, None), "ranges per case");
        assert_eq!(range_of("- If **action** is set to **filter**, the value ranges from 1 to 100.", "integer"), (None, None));
        let other_case_has_its_own =
            "- If action is set to filter, the value ranges from 1 to 100.\n- If action is set to count, the value is 0.";
        assert_eq!(range_of(other_case_has_its_own, "integer"), (None, None));
        let other_case_unbounded = "- For MySQL, the value ranges from 1 to 100.\n- For PostgreSQL, any value is allowed.";
        assert_eq!(range_of(other_case_unbounded, "integer"), (None, None), "another case without a range is no omission");
        assert_eq!(range_of("There must be at least 3 AZs.", "integer"), (None, None), "AZs are not the value");
        assert_eq!(range_of("Backup start time in hh:mm-HH:MM format, from 0 to 23.", "string"), (None, None), "a time is not a number");
        assert_eq!(range_of("A list of digits separated by commas, from 1 to 7.", "string"), (None, None));
    }

    #[test]
    fn a_range_for_the_only_case_that_sends_the_field() {
        let desc = "Number of records to be queried.\n\n- If **action** is set to **count**, this parameter does not need to be transferred.\n- If **action** is set to **filter**, the value ranges from **1** to **100**. If this parameter is not transferred, the first 100 instances are queried by default.";
        assert_eq!(range_of(desc, "string"), (Some(1.0), Some(100.0)));
        assert_eq!(range_of(desc, "integer"), (Some(1.0), Some(100.0)));
        let two = "- If action is set to count, this parameter is not needed.\n- If action is set to filter, the value ranges from 1 to 100.\n- If action is set to list, the value ranges from 1 to 1000.";
        assert_eq!(range_of(two, "integer"), (None, None), "two cases with ranges");
    }

    #[test]
    fn strings_that_hold_numbers() {
        assert_eq!(
            range_of("Number of records to be queried. The minimum value is **1** and the maximum value is **100**.", "string"),
            (Some(1.0), Some(100.0))
        );
        assert_eq!(range_of("Database port. The value ranges from 1024 to 65535.", "string"), (Some(1024.0), Some(65535.0)));
        let c = find_constraints("The name is 1 to 64 characters long.", "string");
        assert_eq!((c.minimum, c.min_length), (None, Some(1)), "a length is not a range");
    }

    #[test]
    fn multiples() {
        let c = find_constraints("Its value must be a multiple of 10 and the value range is from 40 GB to 4000 GB.", "integer");
        assert_eq!((c.minimum, c.maximum, c.multiple_of), (Some(40.0), Some(4000.0), Some(10.0)));
        assert_eq!(find_constraints("磁盘大小，必须为10的整数倍。", "integer").multiple_of, Some(10.0));
        assert_eq!(find_constraints("For MySQL a multiple of 10, for PostgreSQL a multiple of 5.", "integer").multiple_of, None);
        // Notes on rounding say what happens to other values: no multiple.
        let note = "Autoscaling step.\n\n- If the autoscaling step is not a multiple of 10, round it up.\n- The value after the decimal point is rounded.";
        assert_eq!(find_constraints(note, "integer").multiple_of, None);
        assert_eq!(find_constraints("The size is rounded up to a multiple of 10.", "integer").multiple_of, None);
        assert_eq!(find_constraints("如果不是10的整数倍，向上取整。", "integer").multiple_of, None);
        assert_eq!(find_constraints("The value must be a multiple of 4.", "integer").multiple_of, Some(4.0));
    }

    #[test]
    fn list_sizes() {
        let c = find_constraints("Quota details. Up to 10 quota records can be configured at a time.", "array<SetQuota>");
        assert_eq!((c.min_items, c.max_items), (None, Some(10)));
        let c = find_constraints("Tag list. A maximum of 20 tags can be added to a DB instance.", "array<Tag>");
        assert_eq!(c.max_items, Some(20));
        let c = find_constraints("实例ID列表，最多10个。", "array<string>");
        assert_eq!(c.max_items, Some(10));
        let c = find_constraints("Node IDs. At least 1 ID must be specified.", "array<string>");
        assert_eq!(c.min_items, Some(1));
        assert_eq!(
            find_constraints("Each tag contains a maximum of 20 keys.", "array<Tag>"),
            Constraints::default(),
            "keys of each tag, not the list"
        );
        assert_eq!(find_constraints("A rule can consist of up to 128 keywords.", "array<string>"), Constraints::default());
    }

    #[test]
    fn character_classes_without_a_first_letter() {
        let p = |d: &str| find_constraints(d, "string").pattern;
        assert_eq!(
            p("It can include a maximum of 64 characters and can contain only uppercase letters, lowercase letters, digits, hyphens (-), underscores (_), and periods (.)."),
            Some("^[A-Za-z0-9_.-]*$".into())
        );
        assert_eq!(p("The name can contain only letters and digits, and must start with a letter."), Some("^[A-Za-z][A-Za-z0-9]*$".into()));
        assert_eq!(
            p("Only lowercase letters and digits are allowed. It can contain only lowercase letters and digits."),
            Some("^[a-z0-9]*$".into())
        );
        assert_eq!(p("The value consists only of digits."), Some("^[0-9]*$".into()));
        assert_eq!(
            p("It must contain 4 to 64 characters and start with a letter. Only letters (case-sensitive), digits, hyphens (-), and underscores (_) are allowed."),
            Some("^[A-Za-z][A-Za-z0-9_-]*$".into())
        );
        assert_eq!(
            p("The value must start with a letter (from A to Z or from a to z). It can contain only letters, digits (from 0 to 9), hyphens (-), and underscores (_)."),
            Some("^[A-Za-z][A-Za-z0-9_-]*$".into())
        );
        assert_eq!(p("If only one node is given, it is the primary."), None, "only, but no class");
        assert_eq!(p("名称只能包含字母、数字、中划线和下划线，以字母开头。"), Some("^[A-Za-z][A-Za-z0-9_-]*$".into()));
        assert_eq!(p("只能由大写字母和数字组成。"), Some("^[A-Z0-9]*$".into()));
        // Classes we cannot write, or no "only": no pattern.
        assert_eq!(p("It can contain only letters, digits, and Chinese characters."), None);
        assert_eq!(p("It can contain only letters, digits, and special characters ~!@#%."), None);
        assert_eq!(p("It can contain letters, digits, hyphens (-), and underscores (_)."), None, "not a closed class");
        assert_eq!(p("It must contain at least three types of the following: letters, digits, and special characters."), None);
        assert_eq!(p("只能包含字母、数字和中文字符。"), None);
        assert_eq!(p("This parameter can contain only the IDs of existing instances."), None);
    }

    #[test]
    fn closed_sets_of_integers_are_ranges() {
        assert_eq!(
            range_of("Number of retained level-1 backups. The default value is **0**. Valid value:\n\n- **0**\n- **1**", "integer"),
            (Some(0.0), Some(1.0))
        );
        assert_eq!(range_of("Whether to enable. Value:\n\n- 0: disabled\n- 1: enabled\n- 2: paused", "integer"), (Some(0.0), Some(2.0)));
        assert_eq!(range_of("The value can be **0** or **1**.", "long"), (Some(0.0), Some(1.0)));
        assert_eq!(range_of("取值为0或1。", "integer"), (Some(0.0), Some(1.0)));
        // Gaps, one value, a default, numbers in a string, cases: no range.
        assert_eq!(range_of("Its value can be **5**, **10**, or **15**.", "integer"), (None, None), "a set with gaps is no range");
        assert_eq!(range_of("The value is **1**.", "integer"), (None, None));
        assert_eq!(range_of("The value is **0** by default.", "integer"), (None, None));
        assert_eq!(range_of("Valid value:\n\n- 0\n- 1", "string"), (None, None), "a string's set of numbers is not taken as a range");
        assert_eq!(range_of("There must be at least 3 AZs.", "integer"), (None, None));
        assert_eq!(range_of("Valid value:\n\n- 0\n- mongos: 1", "integer"), (None, None), "an item that is no number drops the set");
    }
}
