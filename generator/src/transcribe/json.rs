//! JSON examples as pages write them, repaired: `//` and `/* */` comments (kept, as docs for
//! example-only pages), trailing commas, unquoted `$placeholders` and `<placeholders>`, `...`
//! elisions, missing commas between lines. The result is parsed with serde_json (key order kept).

use std::collections::BTreeMap;

use serde_json::Value;

/// A repaired example.
#[derive(Clone, Debug, PartialEq)]
pub struct Repaired {
    pub value: Value,
    /// What was repaired, for the doc lint ("trailing comma removed").
    pub repairs: Vec<String>,
    /// `//` comments by the key they follow on the same line, per object path
    /// (`"backup_strategy.keep_days"`; array items are transparent: `flavor.num`).
    pub comments: BTreeMap<String, String>,
}

/// Whether a code block looks like a JSON example (an object or array).
pub fn looks_like_json(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with('{') || (t.starts_with('[') && !t.starts_with("[root@"))
}

/// The JSON part of a code block: the whole text when it is JSON-like, else from the first line
/// that opens an object (blocks that say "Token information stored in the response body:" first),
/// with the number of lines skipped.
pub fn json_part(text: &str) -> Option<(&str, usize)> {
    if looks_like_json(text) {
        return Some((text, 0));
    }
    let mut offset = 0;
    for (i, line) in text.lines().enumerate() {
        if line.trim_start().starts_with('{') {
            return Some((&text[offset..], i));
        }
        offset += line.len() + 1;
    }
    None
}

/// The JSON value of a code block's text ([`json_part`], [`repair`]ed), when it holds one; for
/// reading a page's examples where a broken one is simply not there (its lint is made where the
/// page's examples are kept).
pub fn value_in(text: &str) -> Option<Value> {
    json_part(text).and_then(|(json, _)| repair(json).ok()).map(|r| r.value)
}

/// Repairs and parses `text`; the error names the line (1-based, within `text`).
pub fn repair(text: &str) -> Result<Repaired, (usize, String)> {
    let mut repairs = Vec::new();
    let mut comments = BTreeMap::new();
    let stripped = strip_comments(text, &mut repairs, &mut comments);
    let fixed = fix_tokens(&stripped, &mut repairs);
    match serde_json::from_str::<Value>(&fixed) {
        Ok(value) => Ok(Repaired { value, repairs, comments }),
        Err(e) => Err((e.line(), format!("the example is not JSON even after repair: {e}"))),
    }
}

/// Removes comments (outside strings), recording `//` comments against the last key seen on
/// their line, with the path of enclosing object keys.
fn strip_comments(text: &str, repairs: &mut Vec<String>, comments: &mut BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut path: Vec<Option<String>> = Vec::new(); // one entry per open brace/bracket: the key that opened it
    let mut last_key: Option<String> = None;
    let mut pending_key: Option<String> = None;
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let mut saw_comment = false;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '"' => {
                let end = string_end(&chars, i);
                out.extend(&chars[i..end]);
                // A string followed by `:` is a key.
                if chars[end..].iter().find(|c| !c.is_whitespace()) == Some(&':') {
                    let key = string_content(&chars[i..end]);
                    last_key = Some(key.clone());
                    pending_key = Some(key);
                }
                i = end;
                continue;
            }
            '{' | '[' => {
                path.push(pending_key.take());
                out.push(c);
            }
            '}' | ']' => {
                path.pop();
                pending_key = None;
                out.push(c);
            }
            ',' => {
                pending_key = None;
                out.push(c);
            }
            '/' if chars.get(i + 1) == Some(&'/') => {
                let end = chars[i..].iter().position(|c| *c == '\n').map(|p| i + p).unwrap_or(chars.len());
                let comment: String = chars[i + 2..end].iter().collect::<String>().trim().to_owned();
                if let Some(key) = &last_key {
                    let mut p: Vec<&str> = path.iter().flatten().map(String::as_str).collect();
                    p.push(key);
                    comments.entry(p.join(".")).or_insert(comment);
                }
                saw_comment = true;
                i = end;
                continue;
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                let end = (i + 2..chars.len().saturating_sub(1))
                    .find(|&j| chars[j] == '*' && chars[j + 1] == '/')
                    .map(|j| j + 2)
                    .unwrap_or(chars.len());
                saw_comment = true;
                i = end;
                continue;
            }
            '\n' => {
                last_key = None;
                out.push(c);
            }
            _ => out.push(c),
        }
        i += 1;
    }
    if saw_comment {
        repairs.push("comments removed".to_owned());
    }
    out
}

/// Token-level repairs outside strings: trailing commas, bare placeholders, elisions, missing
/// commas between a value and the next key on a new line.
fn fix_tokens(text: &str, repairs: &mut Vec<String>) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 16);
    let mut i = 0;
    let note = |repairs: &mut Vec<String>, what: &str| {
        if !repairs.iter().any(|r| r == what) {
            repairs.push(what.to_owned());
        }
    };
    while i < chars.len() {
        let c = chars[i];
        match c {
            '"' => {
                // Missing comma: a value ended, then a newline, then a key.
                if ends_value(&out) && out.trim_end().len() < out.len() && out[out.trim_end().len()..].contains('\n') {
                    let trimmed = out.trim_end().len();
                    out.insert(trimmed, ',');
                    note(repairs, "missing comma added");
                }
                let end = string_end(&chars, i);
                out.extend(&chars[i..end]);
                i = end;
                continue;
            }
            ',' => {
                // Trailing comma before a closing bracket.
                let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
                if matches!(next, Some('}') | Some(']') | None) {
                    note(repairs, "trailing comma removed");
                } else {
                    out.push(c);
                }
            }
            '.' | '…' if is_elision(&chars, i) => {
                // `...` or `…` standing for more items: drop it (and a comma before it).
                let len = if c == '…' { 1 } else { chars[i..].iter().take_while(|c| **c == '.').count() };
                let t = out.trim_end().len();
                if out[..t].ends_with(',') {
                    out.truncate(t - 1);
                }
                note(repairs, "elision `...` removed");
                i += len;
                continue;
            }
            '$' | '<' if starts_placeholder(&chars, i) => {
                let end = placeholder_end(&chars, i);
                let word: String = chars[i..end].iter().collect();
                out.push('"');
                out.push_str(word.trim());
                out.push('"');
                note(repairs, "bare placeholder quoted");
                i = end;
                continue;
            }
            c if c.is_alphabetic() && starts_bare_text(&chars, i) => {
                // `"description": some words, to the end of the line` → a string.
                let end = chars[i..].iter().position(|c| *c == '\n').map_or(chars.len(), |n| i + n);
                let line: String = chars[i..end].iter().collect();
                let text = line.trim_end();
                let (text, comma) = match text.strip_suffix(',') {
                    Some(t) => (t.trim_end(), ","),
                    None => (text, ""),
                };
                out.push_str(&serde_json::Value::String(text.to_owned()).to_string());
                out.push_str(comma);
                note(repairs, "unquoted text quoted");
                i = end;
                continue;
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// The index after the JSON string that opens at `chars[start]` (a `"`): its closing quote, a
/// backslash escaping the character after it; the end of the text for an unclosed string. The
/// one place the repair passes skip strings.
fn string_end(chars: &[char], start: usize) -> usize {
    let mut i = start + 1;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 2,
            '"' => return i + 1,
            _ => i += 1,
        }
    }
    chars.len()
}

/// The characters between the quotes of the string `quoted` (as [`string_end`] delimits it), an
/// escaping backslash dropped.
fn string_content(quoted: &[char]) -> String {
    let inner = &quoted[1..quoted.len() - usize::from(quoted.len() > 1 && quoted[quoted.len() - 1] == '"')];
    let mut out = String::with_capacity(inner.len());
    let mut escaped = false;
    for &c in inner {
        if escaped || c != '\\' {
            out.push(c);
            escaped = false;
        } else {
            escaped = true;
        }
    }
    out
}

/// Whether a bare word at `i` is a value written without quotes: it follows `:` and is not
/// `true`, `false` or `null`.
fn starts_bare_text(chars: &[char], i: usize) -> bool {
    let prev = chars[..i].iter().rev().find(|c| !c.is_whitespace());
    if prev != Some(&':') {
        return false;
    }
    let word: String = chars[i..].iter().take_while(|c| c.is_alphanumeric() || **c == '_').collect();
    !matches!(word.as_str(), "true" | "false" | "null")
}

/// Whether `out` (trimmed) ends with a complete value: a string, number, literal, `}` or `]`.
fn ends_value(out: &str) -> bool {
    let t = out.trim_end();
    t.ends_with('"') && !t.ends_with(":\"")
        || t.ends_with('}')
        || t.ends_with(']')
        || t.ends_with(|c: char| c.is_ascii_digit())
        || t.ends_with("true")
        || t.ends_with("false")
        || t.ends_with("null")
}

fn is_elision(chars: &[char], i: usize) -> bool {
    if chars[i] == '…' {
        return true;
    }
    let dots = chars[i..].iter().take_while(|c| **c == '.').count();
    if dots < 3 {
        return false;
    }
    // Not inside a number: the previous non-space char is a separator.
    let prev = chars[..i].iter().rev().find(|c| !c.is_whitespace());
    matches!(prev, Some(',') | Some('[') | Some('{') | None)
}

fn starts_placeholder(chars: &[char], i: usize) -> bool {
    // Only where a value is expected: after `:` or `,` or `[`.
    let prev = chars[..i].iter().rev().find(|c| !c.is_whitespace());
    matches!(prev, Some(':') | Some('[') | Some(',')) && chars.get(i + 1).is_some_and(|c| c.is_alphanumeric() || *c == '_' || *c == '{')
}

fn placeholder_end(chars: &[char], i: usize) -> usize {
    let close = if chars[i] == '<' { Some('>') } else { None };
    let mut j = i + 1;
    while j < chars.len() {
        let c = chars[j];
        if let Some(cl) = close {
            if c == cl {
                return j + 1;
            }
            if c == '\n' {
                return j;
            }
        } else if !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '{' | '}')) {
            return j;
        }
        j += 1;
    }
    j
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_end_at_their_closing_quote_escapes_included() {
        let chars: Vec<char> = r#""a\"b" : 1"#.chars().collect();
        assert_eq!(string_end(&chars, 0), 6);
        assert_eq!(string_content(&chars[..6]), "a\"b");
        let open: Vec<char> = r#""never closed \"#.chars().collect();
        assert_eq!(string_end(&open, 0), open.len());
        assert_eq!(string_content(&['"']), "");
    }

    use serde_json::json;

    #[test]
    fn repairs_comments_commas_placeholders() {
        let text = "{\n  \"name\": \"x\", //实例名称\n  \"b\": {\"keep_days\": \"8\" //天数\n  },\n  \"id\": $instanceId,\n  \"list\": [1, 2, ...],\n}";
        let r = repair(text).unwrap();
        assert_eq!(r.value, json!({"name": "x", "b": {"keep_days": "8"}, "id": "$instanceId", "list": [1, 2]}));
        assert_eq!(r.comments.get("name").map(String::as_str), Some("实例名称"));
        assert_eq!(r.comments.get("b.keep_days").map(String::as_str), Some("天数"));
        assert!(r.repairs.contains(&"trailing comma removed".to_owned()));
        assert!(r.repairs.contains(&"bare placeholder quoted".to_owned()));
    }

    #[test]
    fn missing_comma_between_lines() {
        let r = repair("{\n \"a\": 1\n \"b\": \"x\"\n}").unwrap();
        assert_eq!(r.value, json!({"a": 1, "b": "x"}));
    }

    #[test]
    fn unquoted_text_to_the_end_of_the_line_is_a_string() {
        let r = repair("{\n  \"type\" : \"integer\",\n  \"description\": a and \"b\" are used, mostly,\n  \"ok\": true\n}").unwrap();
        assert_eq!(r.value, json!({"type": "integer", "description": "a and \"b\" are used, mostly", "ok": true}));
        assert!(r.repairs.contains(&"unquoted text quoted".to_owned()));
        // Literals stay literals.
        let r = repair("{\"a\": true, \"b\": null}").unwrap();
        assert_eq!(r.value, json!({"a": true, "b": null}));
    }

    #[test]
    fn keeps_strings_intact() {
        let r = repair(r#"{"url": "https://x//y", "s": "a, }"}"#).unwrap();
        assert_eq!(r.value, json!({"url": "https://x//y", "s": "a, }"}));
    }

    #[test]
    fn reports_the_line() {
        let e = repair("{\n\"a\": \n}").unwrap_err();
        assert_eq!(e.0, 3);
    }
}
