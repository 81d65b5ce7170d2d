//! Page parts: which part of an operation page each block is in (URI, request, response, their
//! examples, other), from headings and short cue paragraphs; and what the parts say besides
//! tables: the function text, the success status, example titles.

use super::*;
use crate::document::unmarked;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Part {
    Intro,
    Uri,
    Request,
    Response,
    RequestExample,
    ResponseExample,
    Other,
}

/// The part of every block of `doc`, in order.
pub(super) fn page_parts(doc: &Document) -> Vec<Part> {
    let mut parts = Vec::with_capacity(doc.blocks.len());
    let mut part = Part::Intro;
    // The part of the current section, which a "Status code: 2xx" cue returns to after the
    // error bodies of a "Status code: 4xx" cue.
    let mut section = Part::Intro;
    // After a "Status code: 4xx" cue, up to the next heading or 2xx cue: what follows is an
    // error body, and no cue ("Example response") makes it the operation's response.
    let mut error_body = false;
    for block in &doc.blocks {
        let cue = match block {
            Block::Heading(h) if h.level > 1 => {
                part = heading_part(&h.text);
                section = part;
                error_body = false;
                None
            }
            Block::Paragraph(p) => match status_cue(&p.text) {
                Some(success) => {
                    error_body = !success;
                    part = if success { section } else { Part::Other };
                    None
                }
                None => cue_part(&p.text, part),
            },
            Block::List(l) => l.items.last().and_then(|last| cue_part(&last.text, part)),
            _ => None,
        };
        if let Some(p) = cue.filter(|p| !(error_body && matches!(p, Part::Response | Part::ResponseExample))) {
            part = p;
        }
        parts.push(part);
    }
    parts
}

pub(super) fn heading_part(text: &str) -> Part {
    let l = text.to_lowercase();
    let example = l.contains("example") || l.contains("sample") || l.contains("示例") || l.contains("样例");
    if l.contains("uri") {
        Part::Uri
    } else if (l.contains("request") || l.contains("请求")) && example {
        Part::RequestExample
    } else if (l.contains("response") || l.contains("响应")) && example {
        Part::ResponseExample
    } else if l.contains("request") || l.contains("请求") {
        Part::Request
    } else if l.contains("response") || l.contains("响应") {
        Part::Response
    } else if example {
        Part::RequestExample
    } else if l.contains("function") || l.contains("功能") || l.contains("description") || l.contains("constraint") {
        Part::Intro
    } else {
        Part::Other
    }
}

/// A "Status code: 202" paragraph, with or without markup (`**Status code: 201**`,
/// ``Status code: **200**``, `**状态码：201**`): whether it announces a success (2xx) or an error
/// body (4xx, 5xx: not the operation's response); `None` for any other text.
pub(super) fn status_cue(text: &str) -> Option<bool> {
    crate::read::rich::status_line(text).map(|code| (200..300).contains(&code))
}

/// A short paragraph or list item that announces what follows ("Request example",
/// "Example normal response", "正确响应如下所示："), with or without markup.
pub(super) fn cue_part(text: &str, current: Part) -> Option<Part> {
    let text = unmarked(text);
    let t = text.trim();
    if t.chars().count() > 90 || t.is_empty() {
        return None;
    }
    let l = t.to_lowercase();
    let response = l.contains("response") || l.contains("响应") || l.contains("返回");
    let request = l.contains("request") || l.contains("请求") || l.contains("传入参数");
    let example = l.contains("example") || l.contains("sample") || l.contains("示例") || l.contains("样例") || l.contains("如下");
    if response && (example || l.contains("normal response")) && !l.contains("parameter") {
        return Some(if example { Part::ResponseExample } else { Part::Response });
    }
    if request && example && !response {
        return Some(Part::RequestExample);
    }
    if l.starts_with("parameter description") && matches!(current, Part::RequestExample | Part::ResponseExample) {
        return Some(if current == Part::RequestExample { Part::Request } else { Part::Response });
    }
    if l.starts_with("uri format") || l == "uri" {
        return Some(Part::Uri);
    }
    None
}

/// The first request example of the page that is JSON (repaired if need be), for naming.
pub(super) fn first_request_example(doc: &Document, parts: &[Part]) -> Option<Value> {
    doc.blocks.iter().zip(parts).find_map(|(block, p)| match (block, p) {
        (Block::Code(code), Part::Request | Part::RequestExample) => value_in(&code.text),
        _ => None,
    })
}

/// The title of an example: the short text right before it.
pub(super) fn example_title(doc: &Document, block: &Block) -> Option<String> {
    let idx = doc.blocks.iter().position(|b| std::ptr::eq(b, block))?;
    for b in doc.blocks[..idx].iter().rev().take(3) {
        let text = match b {
            Block::Paragraph(p) => p.text.clone(),
            Block::List(l) => l.items.last().map(|i| i.text.clone()).unwrap_or_default(),
            Block::Heading(h) => h.text.clone(),
            _ => continue,
        };
        let t = text.lines().next().unwrap_or("").trim().trim_end_matches([':', '：']).to_owned();
        if !t.is_empty() && t.chars().count() <= 160 {
            return Some(t);
        }
    }
    None
}

/// The page's "Function" text.
pub(super) fn function_text(doc: &Document, parts: &[Part]) -> Option<String> {
    let mut out = Vec::new();
    for (b, p) in doc.blocks.iter().zip(parts) {
        if *p != Part::Intro {
            if !out.is_empty() {
                break;
            }
            continue;
        }
        match b {
            Block::Paragraph(par) => out.push(par.text.clone()),
            Block::List(l) => {
                out.push(l.items.iter().map(|i| format!("{}- {}", "  ".repeat(i.level as usize), i.text)).collect::<Vec<_>>().join("\n"))
            }
            _ => {}
        }
    }
    non_empty(&out.join("\n\n"))
}

/// The documented success status: the first 2xx number of the "Status Code" section.
pub(super) fn status_of(doc: &Document) -> Option<u16> {
    let mut in_status = false;
    for b in &doc.blocks {
        match b {
            Block::Heading(h) => in_status = h.text.to_lowercase().contains("status code") || h.text.contains("状态码"),
            Block::Paragraph(p) if in_status => {
                if let Some(s) = first_2xx(&p.text) {
                    return Some(s);
                }
            }
            Block::List(l) if in_status => {
                for i in &l.items {
                    if let Some(s) = first_2xx(&i.text) {
                        return Some(s);
                    }
                }
            }
            Block::Table(t) if in_status => {
                for r in &t.rows {
                    if let Some(s) = first_2xx(r.text(0)) {
                        return Some(s);
                    }
                }
            }
            _ => {}
        }
    }
    // Else a "Status code: 202" paragraph anywhere (pages that give it above each response).
    doc.blocks.iter().find_map(|b| match b {
        Block::Paragraph(p) if status_cue(&p.text) == Some(true) => first_2xx(&p.text),
        _ => None,
    })
}

pub(super) fn first_2xx(text: &str) -> Option<u16> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 3)
        .filter_map(|w| w.parse::<u16>().ok())
        .find(|n| (200..300).contains(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts_of(md: &str) -> Vec<(String, Part)> {
        let doc = crate::read::read_page("t.md", md).expect("page");
        let parts = page_parts(&doc);
        doc.blocks.iter().zip(parts).map(|(b, p)| (format!("{b:?}").chars().take(12).collect(), p)).collect()
    }

    #[test]
    fn headings_name_parts() {
        assert_eq!(heading_part("URI"), Part::Uri);
        assert_eq!(heading_part("Example Requests"), Part::RequestExample);
        assert_eq!(heading_part("Example Responses"), Part::ResponseExample);
        assert_eq!(heading_part("Request Parameters"), Part::Request);
        assert_eq!(heading_part("响应参数"), Part::Response);
        assert_eq!(heading_part("Function"), Part::Intro);
        assert_eq!(heading_part("Error Codes"), Part::Other);
    }

    #[test]
    fn cues_switch_parts() {
        assert_eq!(cue_part("Request example", Part::Request), Some(Part::RequestExample));
        assert_eq!(cue_part("Example normal response", Part::Other), Some(Part::ResponseExample));
        assert_eq!(cue_part("正确响应如下所示：", Part::Other), Some(Part::ResponseExample));
        assert_eq!(cue_part("Parameter description", Part::RequestExample), Some(Part::Request));
        assert_eq!(
            cue_part(
                "The response parameters are described in the table below, which is a long sentence of text that is no cue at all.",
                Part::Other
            ),
            None
        );
    }

    #[test]
    fn status_cues() {
        assert_eq!(status_cue("Status code: 202"), Some(true));
        assert_eq!(status_cue("Status code: 400"), Some(false));
        assert_eq!(status_cue("状态码：500"), Some(false));
        assert_eq!(status_cue("Status Codes"), None);
        assert_eq!(status_cue("The status code is 200 when the request succeeds."), None);
        assert_eq!(first_2xx("See 404 or 202."), Some(202));
    }

    #[test]
    fn status_cues_read_through_markup() {
        assert_eq!(status_cue("**Status code: 201**"), Some(true));
        assert_eq!(status_cue("**Status code: 400**"), Some(false));
        assert_eq!(status_cue("Status code: **202**"), Some(true));
        assert_eq!(status_cue("**Status code**: 500"), Some(false));
        assert_eq!(status_cue("Status code: `204`"), Some(true));
        assert_eq!(status_cue("**状态码：201**"), Some(true));
        assert_eq!(status_cue("**状态码： 400**"), Some(false));
        assert_eq!(status_cue("**Status Codes**"), None);
        assert_eq!(status_cue("**The status code is 200 when the request succeeds.**"), None);
        assert_eq!(cue_part("**Parameter description**", Part::RequestExample), Some(Part::Request));
        assert_eq!(cue_part("`URI format`", Part::Intro), Some(Part::Uri));
    }

    /// The parts of the tables and code blocks of `doc`.
    fn table_and_code_parts(doc: &Document) -> Vec<Part> {
        let parts = page_parts(doc);
        doc.blocks.iter().zip(parts).filter(|(b, _)| matches!(b, Block::Table(_) | Block::Code(_))).map(|(_, p)| p).collect()
    }

    #[test]
    fn bold_status_paragraphs_in_every_format() {
        let rst = "Title\n=====\n\nResponse\n--------\n\n**Status code: 201**\n\n========= ======\nParameter Type\n========= ======\nid        String\n========= ======\n\n**Status code: 400**\n\n========= ======\nParameter Type\n========= ======\nerror     String\n========= ======\n";
        let md = "# T\n\n## Response\n\nStatus code: **201**\n\n| Parameter | Type |\n| --- | --- |\n| id | String |\n\n<p><strong>Status code: 400</strong></p>\n\n| Parameter | Type |\n| --- | --- |\n| error | String |\n";
        for (name, text) in [("t.rst", rst), ("t.md", md)] {
            let doc = crate::read::read_page(name, text).expect("page");
            assert_eq!(table_and_code_parts(&doc), [Part::Response, Part::Other], "{name}: {:#?}", doc.blocks);
            assert_eq!(status_of(&doc), Some(201), "{name}");
        }
    }

    #[test]
    fn no_cue_makes_an_error_body_the_response() {
        let md = "# T\n\n## Example Response\n\n**Status code: 400**\n\nExample response\n\n```\n{\"error_code\": \"E\"}\n```\n\n**Status code: 200**\n\nExample response\n\n```\n{\"id\": \"x\"}\n```\n\n## Response\n\n| Parameter | Type |\n| --- | --- |\n| id | String |\n";
        let doc = crate::read::read_page("t.md", md).expect("page");
        assert_eq!(table_and_code_parts(&doc), [Part::Other, Part::ResponseExample, Part::Response]);
        // Without the 4xx cue the same cue does switch.
        let doc = crate::read::read_page("t.md", &md.replace("**Status code: 400**", "Errors")).expect("page");
        assert_eq!(table_and_code_parts(&doc)[0], Part::ResponseExample);
    }

    #[test]
    fn error_bodies_are_not_the_response() {
        let md = "# T\n\n## Response Parameters\n\nStatus code: 200\n\n| a | b |\n| --- | --- |\n| x | y |\n\nStatus code: 400\n\n| a | b |\n| --- | --- |\n| x | y |\n\nStatus code: 201\n\n| a | b |\n| --- | --- |\n| x | y |\n";
        let parts: Vec<Part> = parts_of(md).into_iter().map(|(_, p)| p).collect();
        let tables: Vec<Part> = parts.iter().enumerate().filter(|(i, _)| i % 2 == 0 && *i > 0).map(|(_, p)| *p).collect();
        assert_eq!(tables, [Part::Response, Part::Other, Part::Response], "{parts:?}");
    }

    #[test]
    fn status_from_a_paragraph_or_a_section() {
        let doc = crate::read::read_page("t.md", "# T\n\n## Response\n\nStatus code: 202\n").expect("page");
        assert_eq!(status_of(&doc), Some(202));
        let doc = crate::read::read_page("t.md", "# T\n\n## Status Code\n\n- 204: No Content\n").expect("page");
        assert_eq!(status_of(&doc), Some(204));
        let doc = crate::read::read_page("t.md", "# T\n\n## Response\n\nStatus code: 400\n").expect("page");
        assert_eq!(status_of(&doc), None);
    }
}
