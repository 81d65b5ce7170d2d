//! Text with links, as the readers build it, and the text rules every reader shares:
//! table references in plain text ("see Table 4", "参见表4"), "in section …" after a table
//! reference, captions ("**Table 4** …", "表 4 …", "Table 4 …").

use std::ops::Range;

use crate::document::Link;

/// Text with the links found in it. `Range`s are byte offsets into `text`; they are dropped
/// when the text goes into the model ([`Rich::into_parts`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Rich {
    pub text: String,
    pub links: Vec<(Range<usize>, Link)>,
}

impl Rich {
    pub fn plain(text: impl Into<String>) -> Self {
        Rich { text: text.into(), links: Vec::new() }
    }

    pub fn is_blank(&self) -> bool {
        self.text.trim_matches(is_space).is_empty()
    }

    /// Appends `other`, moving its link ranges.
    pub fn push_rich(&mut self, other: Rich) {
        let base = self.text.len();
        self.text.push_str(&other.text);
        for (r, l) in other.links {
            self.links.push((r.start + base..r.end + base, l));
        }
    }

    pub fn push_str(&mut self, s: &str) {
        self.text.push_str(s);
    }

    pub fn push_char(&mut self, c: char) {
        self.text.push(c);
    }

    /// Appends the link's text and records the link over it.
    pub fn push_link(&mut self, link: Link) {
        let start = self.text.len();
        self.text.push_str(&link.text);
        self.links.push((start..self.text.len(), link));
    }

    /// Trims surrounding whitespace (ASCII, Unicode and ideographic), keeping link ranges right.
    pub fn trimmed(self) -> Rich {
        let start = self.text.len() - self.text.trim_start_matches(is_space).len();
        let end = self.text.trim_end_matches(is_space).len().max(start);
        let text = self.text.get(start..end).unwrap_or("").to_string();
        let links = self
            .links
            .into_iter()
            .filter_map(|(r, l)| {
                let (s, e) = (r.start.max(start), r.end.min(end));
                (s < e).then(|| (s - start..e - start, l))
            })
            .collect();
        Rich { text, links }
    }

    /// `first` before the first line, `rest` before every other non-empty line (list items:
    /// `("- ", "  ")`, indentation: `("  ", "  ")`).
    pub fn prefixed(self, first: &str, rest: &str) -> Rich {
        let mut out = Rich::default();
        // old offset -> new offset: rebuild line by line, remembering the shift of each line.
        let mut shifts: Vec<(usize, usize)> = Vec::new(); // (old line start, added bytes so far)
        let mut added = 0usize;
        let mut old_pos = 0usize;
        for (i, line) in self.text.split('\n').enumerate() {
            if i > 0 {
                out.text.push('\n');
                old_pos += 1;
            }
            let pad = if i == 0 {
                first
            } else if line.is_empty() {
                ""
            } else {
                rest
            };
            out.text.push_str(pad);
            added += pad.len();
            shifts.push((old_pos, added));
            out.text.push_str(line);
            old_pos += line.len();
        }
        let shift_of = |pos: usize| -> usize {
            let idx = shifts.partition_point(|(start, _)| *start <= pos);
            shifts.get(idx.saturating_sub(1)).map(|(_, a)| *a).unwrap_or(0)
        };
        for (r, l) in self.links {
            let end_shift = shift_of(r.end.saturating_sub(1).max(r.start));
            out.links.push((r.start + shift_of(r.start)..r.end + end_shift, l));
        }
        out
    }

    /// Joins `parts` with `sep`.
    pub fn join(parts: Vec<Rich>, sep: &str) -> Rich {
        let mut out = Rich::default();
        for (i, p) in parts.into_iter().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            out.push_rich(p);
        }
        out
    }

    /// Adds what every reader finds in plain text: table references not already inside a link
    /// ("see Table 4", "参见表4"), and "in section X" after any table reference. Links end up
    /// in text order.
    pub fn finish(mut self) -> Rich {
        self.links.sort_by_key(|(r, _)| (r.start, r.end));
        let found = scan_table_refs(&self.text);
        if !found.is_empty() {
            // keep the references outside the existing links (both lists are in text order)
            let mut kept = Vec::with_capacity(found.len());
            let mut k = 0usize;
            let mut reach = 0usize; // the furthest end of the links passed so far
            for (r, link) in found {
                while let Some((lr, _)) = self.links.get(k).filter(|(lr, _)| lr.start < r.end) {
                    reach = reach.max(lr.end);
                    k += 1;
                }
                if reach <= r.start {
                    kept.push((r, link));
                }
            }
            self.links.append(&mut kept);
            self.links.sort_by_key(|(r, _)| (r.start, r.end));
        }
        for (r, link) in &mut self.links {
            if link.table_number.is_some() && link.in_section.is_none() {
                link.in_section = self.text.get(r.end..).and_then(in_section_after);
            }
        }
        self
    }

    pub fn into_parts(self) -> (String, Vec<Link>) {
        (self.text, self.links.into_iter().map(|(_, l)| l).collect())
    }
}

/// Whitespace for trimming: Unicode whitespace and the ideographic space.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

/// A status line, "Status code: 202" / "状态码：202", with or without markup
/// (`**Status code: 201**`, ``Status code: **200**``): the code (100–599). It says which
/// response the tables and examples after it describe; the text reader ends a table at one.
pub(crate) fn status_line(text: &str) -> Option<u16> {
    let t = crate::document::unmarked(text).trim().to_lowercase();
    let rest = t.strip_prefix("status code").or_else(|| t.strip_prefix("状态码"))?;
    let rest = rest.trim_start_matches([':', '：', ' ']);
    let code: u16 = rest.get(..3)?.parse().ok()?;
    (rest.len() <= 40 && (100..600).contains(&code)).then_some(code)
}

/// Leading ASCII digits of `s` as a number (`None` when there are none or too many).
fn leading_number(s: &str) -> Option<(u32, usize)> {
    let len = s.bytes().take_while(u8::is_ascii_digit).count();
    if len == 0 || len > 6 {
        return None;
    }
    s.get(..len)?.parse().ok().map(|n| (n, len))
}

/// "Table 3" / "Table3" / "表 3" / "表3" (whole text, surrounding whitespace and `**` ignored):
/// the number.
pub(crate) fn table_number_of(text: &str) -> Option<u32> {
    let t = text.trim_matches(|c: char| is_space(c) || c == '*');
    let rest = t.strip_prefix("Table").or_else(|| t.strip_prefix("table")).or_else(|| t.strip_prefix('表'))?;
    let rest = rest.trim_start_matches(is_space);
    let (n, len) = leading_number(rest)?;
    rest.get(len..).is_some_and(|r| r.trim_matches(is_space).is_empty()).then_some(n)
}

/// Characters before "表" that make it part of another word (列表 list, 代表 stands for, …).
const NOT_TABLE_BEFORE: [char; 6] = ['列', '代', '发', '报', '图', '外'];

/// Table references in plain text: "Table 4" (a word) and "表4"/"表 4".
pub(crate) fn scan_table_refs(text: &str) -> Vec<(Range<usize>, Link)> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        let word_start = !prev.is_some_and(|p| p.is_alphanumeric() || p == '_');
        let after = match c {
            'T' if word_start && text.get(i..).is_some_and(|r| r.starts_with("Table")) => Some(i + "Table".len()),
            '表' if !prev.is_some_and(|p| NOT_TABLE_BEFORE.contains(&p)) => Some(i + '表'.len_utf8()),
            _ => None,
        };
        prev = Some(c);
        let Some(after) = after else { continue };
        let Some(rest) = text.get(after..) else { continue };
        let spaces = rest.len() - rest.trim_start_matches([' ', '\u{a0}', '\u{3000}']).len();
        if c == 'T' && spaces == 0 {
            continue; // "Tables", "Table3x": not a reference ("Table3" is too rare to matter)
        }
        let Some(rest) = rest.get(spaces..) else { continue };
        let Some((n, len)) = leading_number(rest) else { continue };
        // the number must end there ("Table 3a" / "Table 12345678" are not references)
        if rest.get(len..).and_then(|r| r.chars().next()).is_some_and(|ch| ch.is_ascii_alphanumeric()) {
            continue;
        }
        let end = after + spaces + len;
        let Some(shown) = text.get(i..end) else { continue };
        let mut link = Link::new(shown);
        link.table_number = Some(n);
        out.push((i..end, link));
    }
    out
}

/// After a table reference: " in section Querying Database Specifications." →
/// "Querying Database Specifications" (also "in the section", "of section", quotes).
pub(crate) fn in_section_after(rest: &str) -> Option<String> {
    let r = rest.trim_start();
    let lower_prefix = |s: &str, p: &str| -> bool { s.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)) };
    let r = if lower_prefix(r, "in ") || lower_prefix(r, "of ") { r.get(3..)? } else { return None };
    let r = r.trim_start();
    let r = if lower_prefix(r, "the ") { r.get(4..)?.trim_start() } else { r };
    let r = if lower_prefix(r, "section ") { r.get(8..)? } else { return None };
    let r = r.trim_start().trim_start_matches(['"', '“', '\'']);
    let mut end = r.len();
    for (i, c) in r.char_indices() {
        let stop = match c {
            ',' | ';' | '(' | '\n' | '"' | '”' => true,
            '.' => r.get(i + 1..).is_none_or(|n| n.is_empty() || n.starts_with(char::is_whitespace)),
            _ => false,
        };
        if stop {
            end = i;
            break;
        }
    }
    let name = r.get(..end)?.trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// A caption: "**Table 4** datastore field …", "Table 4 …", "表 4  …", "**表 4**：…".
/// Returns the number and the rest (the caption proper); `None` when `text` does not start
/// with a table number.
pub(crate) fn parse_caption(text: &str) -> Option<(u32, String)> {
    let t = text.trim_matches(is_space);
    let bold = t.starts_with("**");
    let t = t.trim_start_matches('*');
    let rest = t.strip_prefix("Table").or_else(|| t.strip_prefix('表'))?;
    let rest = rest.trim_start_matches(is_space);
    let (n, len) = leading_number(rest)?;
    let mut rest = rest.get(len..)?;
    if bold {
        rest = rest.strip_prefix("**").unwrap_or(rest);
    }
    if rest.chars().next().is_some_and(|c| c.is_alphanumeric()) && !rest.starts_with(char::is_whitespace) {
        return None; // "Table 3a"
    }
    let caption = rest.trim_start_matches(|c: char| is_space(c) || matches!(c, ':' | '：' | '.' | '-' | '—'));
    Some((n, caption.trim_matches(is_space).to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_refs_in_plain_text() {
        let refs = scan_table_refs("For details, see Table 4. Also 参见表5，列表1 and Tables 6.");
        let found: Vec<_> = refs.iter().map(|(_, l)| (l.text.as_str(), l.table_number)).collect();
        assert_eq!(found, vec![("Table 4", Some(4)), ("表5", Some(5))]);
    }

    #[test]
    fn in_section_is_read() {
        let r = Rich::plain("see id in Table 3 in section Obtaining a Parameter Template List.").finish();
        assert_eq!(r.links.len(), 1);
        assert_eq!(r.links[0].1.in_section.as_deref(), Some("Obtaining a Parameter Template List"));
        let r = Rich::plain("see Table 3.").finish();
        assert_eq!(r.links[0].1.in_section, None);
    }

    #[test]
    fn captions() {
        assert_eq!(parse_caption("**Table 4** datastore field"), Some((4, "datastore field".into())));
        assert_eq!(parse_caption("Table 12 x"), Some((12, "x".into())));
        assert_eq!(parse_caption("**表 2**  请求参数"), Some((2, "请求参数".into())));
        assert_eq!(parse_caption("表1：参数"), Some((1, "参数".into())));
        assert_eq!(parse_caption("Tables 1"), None);
        assert_eq!(table_number_of("Table 10"), Some(10));
        assert_eq!(table_number_of("表3"), Some(3));
        assert_eq!(table_number_of("Table 3 foo"), None);
    }

    #[test]
    fn prefixed_moves_links() {
        let mut r = Rich::plain("a\n");
        r.push_link(Link::new("b"));
        let p = r.prefixed("- ", "  ");
        assert_eq!(p.text, "- a\n  b");
        let (range, _) = &p.links[0];
        assert_eq!(&p.text[range.clone()], "b");
    }
}
