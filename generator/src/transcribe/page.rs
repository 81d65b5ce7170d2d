//! One page → its operations' specs. See `docs/transcriber.md` for the rules.
//!
//! The page is walked block by block; each block gets a *part* from the headings and short cue
//! paragraphs before it (URI, request, response, request example, response example, other).
//! Tables of the request and response parts become types: the tables no other table of the same
//! part links to are the roots (several request roots: a `one_of`); "Table N" links in Type or
//! Description cells become nested types. JSON code blocks become examples; on pages without
//! parameter tables, the examples are the source of the types.

use std::collections::{BTreeMap, HashMap, HashSet};

use indexmap::IndexMap;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::json::{json_part, looks_like_json, repair};
use super::lint::{Lint, LintKind};
use super::naming::{camel_from_words, operation_id, singular, type_name_from_caption};
use super::prose::{find_constraints, find_enum, is_sensitive};
use super::types::{parse_type_word, TypeWord};
use super::uri::{find_curls, find_in_text, path_params, version_of, Curl, Uri};
use crate::document::{Block, Document, Link, Table};
use crate::model::{NamedKind, Wire};
use crate::spec::{
    Constraints, EnumValue, Example, ExampleKind, Field, HeaderParam, Note, Operation, Param, Source, Spec, TypeDef,
};

/// The version folder of operations whose path names no version (`GET /`, `GET /{version}`:
/// the API version queries).
pub const UNVERSIONED: &str = "root";

/// A page to transcribe.
pub struct PageInput<'a> {
    /// The page as shown in messages and in `source.doc`.
    pub name: &'a str,
    pub text: &'a str,
    /// The service (module) the operations belong to.
    pub service: &'a str,
}

/// One operation read from a page.
#[derive(Clone, Debug)]
pub struct Transcribed {
    pub service: String,
    pub version: String,
    pub spec: Spec,
    /// Whether the types came from parameter tables (else from examples only).
    pub from_tables: bool,
}

/// What a page gave.
#[derive(Clone, Debug)]
pub enum PageResult {
    /// The page's operations (usually one; call-example pages may hold several).
    Operations(Vec<Transcribed>),
    /// Not an operation page, with the reason.
    Skipped(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Part {
    Intro,
    Uri,
    Request,
    Response,
    RequestExample,
    ResponseExample,
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Side {
    Request,
    Response,
}

fn heading_part(text: &str) -> Part {
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

/// A short paragraph or list item that announces what follows ("Request example",
/// "Example normal response", "正确响应如下所示：").
fn cue_part(text: &str, current: Part) -> Option<Part> {
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

/// Transcribes one page: its operations (or why it was skipped) and the doc lint's warnings.
pub fn transcribe_page(input: &PageInput<'_>, doc: &Document) -> (PageResult, Vec<Lint>) {
    // Parts of every block.
    let mut parts = Vec::with_capacity(doc.blocks.len());
    let mut part = Part::Intro;
    for block in &doc.blocks {
        match block {
            Block::Heading(h) if h.level > 1 => part = heading_part(&h.text),
            Block::Paragraph(p) => {
                if let Some(p) = cue_part(&p.text, part) {
                    part = p;
                }
            }
            Block::List(l) => {
                if let Some(last) = l.items.last() {
                    if let Some(p) = cue_part(&last.text, part) {
                        part = p;
                    }
                }
            }
            _ => {}
        }
        parts.push(part);
    }

    // The URI: in the URI part first, then anywhere but code.
    let mut uri = None;
    for want in [Some(Part::Uri), None] {
        for (b, p) in doc.blocks.iter().zip(&parts) {
            if want.is_some_and(|w| *p != w) {
                continue;
            }
            let found = match b {
                Block::Paragraph(par) => find_in_text(&par.text, par.line),
                Block::List(l) => l.items.iter().find_map(|i| find_in_text(&i.text, i.line)),
                Block::Note(n) => find_in_text(&n.text, n.line),
                _ => None,
            };
            if found.is_some() {
                uri = found;
                break;
            }
        }
        if uri.is_some() {
            break;
        }
    }

    let mut lints: Vec<Lint> = doc
        .warnings
        .iter()
        .map(|w| Lint { page: input.name.to_owned(), line: w.line, kind: LintKind::Reader, message: w.message.clone() })
        .collect();

    let Some(uri) = uri else {
        // Call-example pages: curl commands.
        let curls: Vec<(usize, Curl)> = doc
            .blocks
            .iter()
            .enumerate()
            .filter_map(|(i, b)| match b {
                Block::Code(c) if c.text.contains("curl ") => Some(find_curls(&c.text, c.line).into_iter().map(move |cu| (i, cu))),
                _ => None,
            })
            .flatten()
            .collect();
        if curls.is_empty() {
            return (PageResult::Skipped("no `METHOD /path` URI and no curl command: not an operation page".to_owned()), lints);
        }
        let ops = from_curls(input, doc, &curls, &mut lints);
        return (PageResult::Operations(ops), lints);
    };

    let version = version_of(&uri.path).unwrap_or_else(|| UNVERSIONED.to_owned());
    // A title with no usable words (快速入门, "Example") names nothing: method and path do.
    let id = match operation_id(&doc.title) {
        id if id.starts_with("op_") || id.split('_').count() < 2 => curl_operation_id(&uri),
        id => id,
    };
    let op_type = crate::idents::camel(&id);
    let mut b = TypeBuilder { doc, page: input.name, types: IndexMap::new(), lints: Vec::new(), built: HashMap::new(), sides: HashMap::new(), path_links: HashMap::new() };

    // Tables by part.
    let mut uri_tables = Vec::new();
    let mut req_tables = Vec::new();
    let mut resp_tables = Vec::new();
    for (block, p) in doc.blocks.iter().zip(&parts) {
        if let Block::Table(t) = block {
            if is_header_table(t) {
                continue;
            }
            match p {
                Part::Uri => uri_tables.push(t),
                Part::Request | Part::RequestExample => req_tables.push(t),
                Part::Response | Part::ResponseExample => resp_tables.push(t),
                Part::Intro | Part::Other => {}
            }
        }
    }
    // Request headers: header tables outside the response part, each name once.
    let mut headers_from_tables: Vec<HeaderParam> = Vec::new();
    for (block, p) in doc.blocks.iter().zip(&parts) {
        if let Block::Table(t) = block {
            if is_header_table(t) && !matches!(p, Part::Response | Part::ResponseExample) {
                for h in header_params(t) {
                    if !headers_from_tables.iter().any(|x| x.name.eq_ignore_ascii_case(&h.name)) {
                        headers_from_tables.push(h);
                    }
                }
            }
        }
    }

    // Path and query parameters.
    let mut path_param_list: Vec<Param> = path_params(&uri.path)
        .into_iter()
        .map(|name| Param { name, ty: "string".to_owned(), required: None, doc: None, default: None })
        .collect();
    let mut query_params: Vec<Param> = uri
        .query
        .iter()
        .map(|name| Param { name: name.clone(), ty: "string".to_owned(), required: Some(false), doc: None, default: None })
        .collect();
    for t in &uri_tables {
        for row in param_rows(t) {
            if let Some(p) = path_param_list.iter_mut().find(|p| p.name == row.name) {
                p.doc = non_empty(&row.desc);
                if let TypeWord::Scalar(s) = row.type_word.clone().unwrap_or(TypeWord::Scalar("string")) {
                    p.ty = s.to_owned();
                }
            } else if row.name != "versionId" {
                let ty = match row.type_word.clone().unwrap_or(TypeWord::Scalar("string")) {
                    TypeWord::Scalar(s) => s.to_owned(),
                    TypeWord::Array(inner) => match *inner {
                        TypeWord::Scalar(s) => format!("array<{s}>"),
                        _ => "array<string>".to_owned(),
                    },
                    _ => "string".to_owned(),
                };
                let doc_text = non_empty(&row.desc);
                match query_params.iter_mut().find(|q| q.name == row.name) {
                    Some(q) => {
                        q.ty = ty;
                        q.required = Some(row.required);
                        q.doc = doc_text;
                    }
                    None if uri.method == "GET" || !uri.query.is_empty() || t.caption.to_lowercase().contains("query") => {
                        query_params.push(Param { name: row.name.clone(), ty, required: Some(row.required), doc: doc_text, default: None })
                    }
                    None => {}
                }
            }
        }
    }
    // Path parameters the page does not name as placeholders (`{*Endpoint*}` leftovers) are
    // not ours; project_id-like ones keep a doc.
    path_param_list.retain(|p| !p.name.eq_ignore_ascii_case("endpoint"));

    // Bodies from tables.
    let request = b.roots(&req_tables, Side::Request, &op_type);
    let response = b.roots(&resp_tables, Side::Response, &op_type);
    let from_tables = request.is_some() || response.is_some();

    // Examples.
    let mut examples = Vec::new();
    let mut comments: BTreeMap<String, String> = BTreeMap::new();
    for (block, p) in doc.blocks.iter().zip(&parts) {
        let Block::Code(code) = block else { continue };
        let Some((text, skipped)) = json_part(&code.text) else { continue };
        let kind = match p {
            Part::Request | Part::RequestExample => ExampleKind::Request,
            Part::Response | Part::ResponseExample => ExampleKind::Response,
            _ => continue,
        };
        match repair(text) {
            Ok(r) => {
                if !r.repairs.is_empty() {
                    lints.push(lint(input.name, code.line, LintKind::RepairedExample, format!("example repaired: {}", r.repairs.join(", "))));
                }
                comments.extend(r.comments);
                let title = example_title(doc, block);
                examples.push((kind, r.value, code.line + skipped, title));
            }
            Err((l, m)) => lints.push(lint(input.name, code.line + skipped + l, LintKind::BadExample, m)),
        }
    }
    // A request example that is an empty object `{}` says nothing.
    // A side without tables takes its type from its examples (pages with only examples, or
    // with tables for one side only).
    let req_ex: Vec<&Value> = examples.iter().filter(|e| e.0 == ExampleKind::Request).map(|e| &e.1).collect();
    let resp_ex: Vec<&Value> = examples.iter().filter(|e| e.0 == ExampleKind::Response).map(|e| &e.1).collect();
    let request_from_tables = request.is_some();
    let response_from_tables = response.is_some();
    let request = request.or_else(|| b.infer_root(&req_ex, &format!("{op_type}Request"), Side::Request, &comments));
    let response = response.or_else(|| b.infer_root(&resp_ex, &format!("{op_type}Response"), Side::Response, &comments));
    // Examples that no body type describes (an empty `{}`) say nothing more: dropped.
    examples.retain(|e| match e.0 {
        ExampleKind::Request => request.is_some(),
        ExampleKind::Response => response.is_some(),
    });

    // Lint and `accepts` from examples (table-based types only: inferred ones fit by construction).
    if from_tables {
        for (kind, value, line, _) in &examples {
            let (root, tables) = if *kind == ExampleKind::Request { (&request, request_from_tables) } else { (&response, response_from_tables) };
            if let (Some(root), true) = (root, tables) {
                b.check_example(value, root, *kind == ExampleKind::Request, *line, "");
            }
        }
    }
    lints.append(&mut b.lints);

    let status = status_of(doc).unwrap_or(200);
    let mut headers = headers_from_tables;
    add_default_headers(&mut headers, &uri, input.text);

    let spec = Spec {
        operation: Operation {
            id,
            title: doc.title.clone(),
            doc: function_text(doc, &parts),
            method: uri.method.clone(),
            path: uri.path.clone(),
            status: Some(status),
            path_params: path_param_list,
            query_params,
            headers,
            request,
            response,
            paging: None,
            job_query: None,
            instance_query: None,
        },
        source: Some(source(input)),
        notes: Vec::<Note>::new(),
        types: b.types,
        examples: examples
            .into_iter()
            .map(|(kind, value, _, title)| Example { title, kind, ty: None, json: pretty(&value) })
            .collect(),
    };
    let ops = vec![Transcribed { service: input.service.to_owned(), version, spec, from_tables }];
    (PageResult::Operations(ops), lints)
}

fn lint(page: &str, line: usize, kind: LintKind, message: String) -> Lint {
    Lint { page: page.to_owned(), line, kind, message }
}

fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

fn source(input: &PageInput<'_>) -> Source {
    let digest = Sha256::digest(input.text.as_bytes());
    let sha256 = digest.iter().map(|b| format!("{b:02x}")).collect::<String>();
    Source { doc: input.name.to_owned(), sha256: Some(sha256), also: Vec::new() }
}

/// The title of an example: the short text right before it.
fn example_title(doc: &Document, block: &Block) -> Option<String> {
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
fn function_text(doc: &Document, parts: &[Part]) -> Option<String> {
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
            Block::List(l) => out.push(l.items.iter().map(|i| format!("{}- {}", "  ".repeat(i.level as usize), i.text)).collect::<Vec<_>>().join("\n")),
            _ => {}
        }
    }
    non_empty(&out.join("\n\n"))
}

/// The documented success status: the first 2xx number of the "Status Code" section.
fn status_of(doc: &Document) -> Option<u16> {
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
    None
}

fn first_2xx(text: &str) -> Option<u16> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 3)
        .filter_map(|w| w.parse::<u16>().ok())
        .find(|n| (200..300).contains(n))
}

/// `X-Auth-Token` for every operation but the one that issues tokens; `X-Language` where the
/// page names it.
fn add_default_headers(headers: &mut Vec<HeaderParam>, uri: &Uri, text: &str) {
    let issues_tokens = uri.path.ends_with("/auth/tokens") && uri.method == "POST";
    if !issues_tokens && !headers.iter().any(|h| h.name.eq_ignore_ascii_case("X-Auth-Token")) {
        headers.insert(0, HeaderParam {
            name: "X-Auth-Token".to_owned(),
            required: true,
            sensitive: true,
            doc: Some("User token obtained from IAM.".to_owned()),
        });
    }
    if text.contains("X-Language") && !headers.iter().any(|h| h.name.eq_ignore_ascii_case("X-Language")) {
        headers.push(HeaderParam { name: "X-Language".to_owned(), required: false, sensitive: false, doc: Some("Request language type, such as `en-us`.".to_owned()) });
    }
    for h in headers.iter_mut() {
        if h.name.eq_ignore_ascii_case("X-Auth-Token") || h.name.eq_ignore_ascii_case("X-Subject-Token") {
            h.sensitive = true;
        }
    }
}

fn is_header_table(t: &Table) -> bool {
    let c = t.caption.to_lowercase();
    c.contains("header") || c.contains("消息头") || t.rows.first().is_some_and(|r| r.text(0).trim() == "X-Auth-Token" || r.text(0).trim() == "Content-Type")
}

fn header_params(t: &Table) -> Vec<HeaderParam> {
    param_rows(t)
        .into_iter()
        .filter(|r| !r.name.eq_ignore_ascii_case("Content-Type"))
        .map(|r| HeaderParam { name: r.name.clone(), required: r.required, sensitive: false, doc: non_empty(&r.desc) })
        .collect()
}

/// A parameter row, columns resolved.
#[derive(Clone, Debug)]
struct ParamRow {
    name: String,
    required: bool,
    /// `None` when the table has no Type column.
    type_word: Option<TypeWord>,
    desc: String,
    /// Table links of the Type and Description cells.
    links: Vec<Link>,
    line: usize,
}

fn param_rows(t: &Table) -> Vec<ParamRow> {
    let name_col = t.column(&["Name", "Parameter", "Parameter Name", "Field", "Attribute", "名称", "参数", "参数名称", "字段"]).unwrap_or(0);
    let mand_col = t.column(&["Mandatory", "Required", "Is Mandatory", "Mandatory or Not", "是否必选", "必选", "是否必填"]);
    let type_col = t.column(&["Type", "Data Type", "Value Type", "类型", "参数类型"]);
    let desc_col = t
        .column(&["Description", "Remarks", "Value Description", "描述", "说明", "参数说明"])
        .unwrap_or_else(|| t.header.len().saturating_sub(1));
    let mut out = Vec::new();
    for row in &t.rows {
        let raw = row.text(name_col);
        let name = clean_name(raw);
        if name.is_empty() {
            continue;
        }
        let required = mand_col.is_some_and(|c| {
            let m = row.text(c).trim().to_lowercase();
            m.starts_with("yes") || m.starts_with('是') || m.starts_with("true") || m.starts_with("mandatory") || m.starts_with("required")
        });
        let type_text = type_col.map(|c| row.text(c).to_owned()).unwrap_or_default();
        let type_word = type_col.map(|_| parse_type_word(&type_text));
        let desc = if desc_col == name_col { String::new() } else { row.text(desc_col).to_owned() };
        let mut links = Vec::new();
        let mut col = 0usize;
        for cell in &row.cells {
            let span = cell.col_span.max(1) as usize;
            let covers = |c: usize| c >= col && c < col + span;
            if type_col.is_some_and(covers) || covers(desc_col) {
                links.extend(cell.links.iter().cloned());
            }
            col += span;
        }
        out.push(ParamRow { name, required, type_word, desc, links, line: row.line });
    }
    out
}

/// A wire name from a Name cell: markup off, first token.
fn clean_name(raw: &str) -> String {
    let first = raw.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    let first = first.replace("**", "").replace(['`', '\\'], "");
    let token = first.split_whitespace().next().unwrap_or("").trim_matches(|c: char| matches!(c, ',' | '.' | ':' | '：' | '*'));
    if token.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '@' | '$' | '[' | ']')) {
        token.to_owned()
    } else {
        String::new()
    }
}

/// Lints examples added from other pages against `spec`'s types (recording `accepts` and the
/// fields response examples show), as a page's own examples are.
pub fn check_examples(spec: &mut crate::spec::Spec, examples: &[(String, crate::spec::Example)], lints: &mut Vec<Lint>) {
    let empty = Document { format: crate::document::Format::Text, title: String::new(), blocks: Vec::new(), warnings: Vec::new() };
    let types = std::mem::take(&mut spec.types);
    let mut b = TypeBuilder { doc: &empty, page: "", types, lints: Vec::new(), built: HashMap::new(), sides: HashMap::new(), path_links: HashMap::new() };
    for (page, ex) in examples {
        let request = ex.kind == ExampleKind::Request;
        let root = ex.ty.clone().or_else(|| if request { spec.operation.request.clone() } else { spec.operation.response.clone() });
        let (Some(root), Ok(value)) = (root, serde_json::from_str::<Value>(&ex.json)) else { continue };
        b.page = page;
        b.check_example(&value, &root, request, 1, "");
    }
    spec.types = b.types;
    lints.append(&mut b.lints);
}

/// Builds the types of one page.
struct TypeBuilder<'d> {
    doc: &'d Document,
    page: &'d str,
    types: IndexMap<String, TypeDef>,
    lints: Vec<Lint>,
    /// Table (by line) and side → the type made from it.
    built: HashMap<(usize, Side), String>,
    /// Which side each type belongs to (for naming collisions).
    sides: HashMap<String, Side>,
    /// Tables linked by their caption being a field path (`auth.identity` describes the field
    /// `identity` of the table captioned `auth`): (parent table line, field) → table.
    path_links: HashMap<(usize, String), &'d Table>,
}

impl<'d> TypeBuilder<'d> {
    fn lint(&mut self, line: usize, kind: LintKind, message: String) {
        self.lints.push(lint(self.page, line, kind, message));
    }

    /// The table a link points to, on this page.
    fn target(&self, link: &Link) -> Option<&'d Table> {
        if link.in_section.is_some() || link.url.is_some() {
            return None;
        }
        if let Some(label) = &link.target_label {
            if let Some(t) = self.doc.table_by_label(label) {
                return Some(t);
            }
        }
        link.table_number.and_then(|n| self.doc.table(n))
    }

    /// A free type name: `base`, else `base` + `Response` on the response side when a request
    /// type has it, else `base2`, `base3`, …
    fn free_name(&self, base: &str, side: Side) -> String {
        if !self.types.contains_key(base) {
            return base.to_owned();
        }
        if side == Side::Response && self.sides.get(base) == Some(&Side::Request) {
            let r = format!("{base}Response");
            if !self.types.contains_key(&r) {
                return r;
            }
        }
        (2..).map(|n| format!("{base}{n}")).find(|n| !self.types.contains_key(n)).unwrap_or_else(|| base.to_owned())
    }

    /// The roots of a part's tables: one root → `<Op>Request`; several → a `one_of`.
    fn roots(&mut self, tables: &[&'d Table], side: Side, op_type: &str) -> Option<String> {
        let body_tables: Vec<&'d Table> = tables.iter().copied().filter(|t| !param_rows(t).is_empty()).collect();
        if body_tables.is_empty() {
            return None;
        }
        let mut linked: HashSet<usize> = HashSet::new();
        // Captions that are field paths link tables too (IAM pages: `token`, `token.catalog`).
        for t in &body_tables {
            let Some(path) = caption_path(&t.caption) else { continue };
            let (parent_path, field) = match path.rsplit_once('.') {
                Some((p, f)) => (Some(p.to_owned()), f.to_owned()),
                None => (None, path.clone()),
            };
            let parent = body_tables.iter().find(|p| match &parent_path {
                Some(pp) => caption_path(&p.caption).as_deref() == Some(pp.as_str()),
                None => caption_path(&p.caption).is_none() && param_rows(p).iter().any(|r| r.name == field),
            });
            if let Some(parent) = parent {
                self.path_links.insert((parent.line, field), t);
                linked.insert(t.line);
            }
        }
        for t in &body_tables {
            for r in param_rows(t) {
                for l in &r.links {
                    if let Some(target) = self.target(l) {
                        if target.line != t.line {
                            linked.insert(target.line);
                        }
                    }
                }
            }
        }
        let roots: Vec<&Table> = body_tables.iter().copied().filter(|t| !linked.contains(&t.line)).collect();
        let suffix = if side == Side::Request { "Request" } else { "Response" };
        let top = format!("{op_type}{suffix}");
        match roots.as_slice() {
            [] => None,
            [one] => Some(self.struct_from_table(one, top, side, 0)),
            [first, ..] if side == Side::Response => Some(self.struct_from_table(first, top, side, 0)),
            many => {
                // Reserve the one_of's name first so that alternatives do not take it.
                self.types.insert(top.clone(), TypeDef::default());
                self.sides.insert(top.clone(), side);
                let mut alts = Vec::new();
                for (i, t) in many.iter().enumerate() {
                    let base = alternative_name(&t.caption).unwrap_or_else(|| format!("{top}Body{}", i + 1));
                    let name = self.free_name(&base, side);
                    alts.push(self.struct_from_table(t, name, side, 0));
                }
                self.types.insert(top.clone(), TypeDef { one_of: Some(alts), ..TypeDef::default() });
                Some(top)
            }
        }
    }

    /// A struct type from a table (or the one already made from it).
    fn struct_from_table(&mut self, t: &'d Table, name: String, side: Side, depth: usize) -> String {
        if let Some(existing) = self.built.get(&(t.line, side)) {
            return existing.clone();
        }
        self.built.insert((t.line, side), name.clone());
        self.sides.insert(name.clone(), side);
        // Reserve the name (fields may recurse).
        self.types.insert(name.clone(), TypeDef::default());
        let mut fields: Vec<Field> = Vec::new();
        for row in param_rows(t) {
            if fields.iter().any(|f| f.json == row.name) {
                self.lint(row.line, LintKind::DuplicateField, format!("field `{}` appears twice in {}", row.name, table_ref(t)));
                continue;
            }
            let field = self.field(&name, t.line, &row, side, depth);
            fields.push(field);
        }
        let doc = non_empty(&t.caption);
        let table = t.number.map(|n| format!("Table {n}"));
        self.types.insert(name.clone(), TypeDef { doc, table, fields: Some(fields), ..TypeDef::default() });
        name
    }

    fn field(&mut self, owner: &str, table_line: usize, row: &ParamRow, side: Side, depth: usize) -> Field {
        let word = row.type_word.clone().unwrap_or(TypeWord::Scalar("string"));
        let target = row
            .links
            .iter()
            .find_map(|l| self.target(l))
            .or_else(|| self.path_links.get(&(table_line, row.name.clone())).copied());
        let dangling = row.links.iter().find(|l| l.table_number.is_some() && l.in_section.is_none() && self.target(l).is_none());
        // Several tables for one object field ("for single instances see Table 3, for read
        // replicas see Table 4"): alternative bodies, a `one_of`.
        let mut targets: Vec<&'d Table> = Vec::new();
        for l in &row.links {
            if let Some(t) = self.target(l) {
                if t.line != table_line && !targets.iter().any(|x| x.line == t.line) {
                    targets.push(t);
                }
            }
        }
        if targets.len() >= 2 && word.wants_table() && depth <= 12 {
            let base = camel_from_words(&row.name).unwrap_or_else(|| format!("{owner}Item"));
            let one_of = self.free_name(&base, side);
            self.types.insert(one_of.clone(), TypeDef::default());
            self.sides.insert(one_of.clone(), side);
            let mut alts = Vec::new();
            for (i, t) in targets.iter().enumerate() {
                let alt = match self.built.get(&(t.line, side)) {
                    Some(n) => n.clone(),
                    None => {
                        let name = alternative_name(&t.caption).unwrap_or_else(|| format!("{one_of}Body{}", i + 1));
                        let free = self.free_name(&name, side);
                        self.struct_from_table(t, free, side, depth + 1)
                    }
                };
                alts.push(alt);
            }
            self.types.insert(one_of.clone(), TypeDef { one_of: Some(alts), ..TypeDef::default() });
            return Field {
                json: row.name.clone(),
                name: None,
                ty: wrap(&word, &one_of),
                required: side == Side::Request && row.required,
                doc: non_empty(&row.desc),
                default: None,
                sensitive: false,
                constraints: Constraints::default(),
                accepts: Vec::new(),
            };
        }
        let ty = match (&word, target) {
            // A table of `key` and `value` rows describes a map ("max_connections": "10").
            (w, Some(table)) if matches!(w, TypeWord::Object | TypeWord::Unknown(_)) && is_key_value(table) => {
                let value = param_rows(table)
                    .into_iter()
                    .find(|r| r.name.eq_ignore_ascii_case("value"))
                    .and_then(|r| match r.type_word {
                        Some(TypeWord::Scalar(s)) => Some(s),
                        _ => None,
                    })
                    .unwrap_or("string");
                format!("map<{value}>")
            }
            (w, Some(table)) if w.wants_table() || matches!(w, TypeWord::Unknown(_)) => {
                if depth > 12 {
                    "any".to_owned()
                } else {
                    let base = type_name_from_caption(&table.caption)
                        .or_else(|| camel_from_words(&row.name))
                        .unwrap_or_else(|| format!("{owner}Item"));
                    let name = match self.built.get(&(table.line, side)) {
                        Some(n) => n.clone(),
                        None => {
                            // A taken name from a path caption (`token.user.domain`) first tries
                            // its parent's name in front (`UserDomain`).
                            let qualified = caption_path(&table.caption)
                                .and_then(|p| {
                                    let segs: Vec<&str> = p.rsplitn(3, '.').collect();
                                    (segs.len() >= 2).then(|| camel_from_words(&format!("{}_{}", segs[1], segs[0])))
                                })
                                .flatten()
                                .filter(|_| self.types.contains_key(&base));
                            let free = match qualified {
                                Some(q) if !self.types.contains_key(&q) => q,
                                _ => self.free_name(&base, side),
                            };
                            self.struct_from_table(table, free, side, depth + 1)
                        }
                    };
                    wrap(&word, &name)
                }
            }
            (w, _) if w.wants_table() => {
                match dangling {
                    Some(l) => self.lint(row.line, LintKind::MissingTable, format!("`{}` links to {}, which this page does not have", row.name, l.text)),
                    None => self.lint(row.line, LintKind::ObjectWithoutTable, format!("`{}` is an object but no table describes it", row.name)),
                }
                wrap(&word, "any")
            }
            (TypeWord::Unknown(w), _) => {
                self.lint(row.line, LintKind::UnknownTypeWord, format!("unknown type word `{w}` for `{}` (read as `any`)", row.name));
                "any".to_owned()
            }
            (w, _) => wrap(w, ""),
        };
        let mut field = Field {
            json: row.name.clone(),
            name: None,
            ty,
            required: side == Side::Request && row.required,
            doc: non_empty(&row.desc),
            default: default_of(&row.desc),
            sensitive: false,
            constraints: Constraints::default(),
            accepts: Vec::new(),
        };
        // Enums, constraints, secrets: string-ish fields.
        if field.ty == "string" || field.ty == "array<string>" {
            if is_sensitive(&row.name, &row.desc) && field.ty == "string" {
                field.sensitive = true;
            } else if let Some(e) = find_enum(&row.desc) {
                let enum_name = self.enum_type(owner, &row.name, e.values, e.case_insensitive, side);
                field.ty = if field.ty == "string" { enum_name } else { format!("array<{enum_name}>") };
            }
        }
        if side == Side::Request {
            let base_ty = field.ty.as_str();
            let scalar = if matches!(base_ty, "string" | "integer" | "long" | "number") { base_ty } else { "" };
            if !scalar.is_empty() {
                field.constraints = find_constraints(&row.desc, scalar);
            }
        }
        field
    }

    /// An enum type for `owner.field`, shared with an identical one of the page.
    fn enum_type(&mut self, owner: &str, field: &str, values: Vec<EnumValue>, case_insensitive: bool, side: Side) -> String {
        let snake = crate::idents::snake(field);
        let owner_base = owner.strip_suffix("Response").or_else(|| owner.strip_suffix("Request")).unwrap_or(owner);
        let base = if snake.contains('_') {
            crate::idents::camel(&snake)
        } else {
            format!("{owner_base}{}", crate::idents::camel(&snake))
        };
        let same = |t: &TypeDef| {
            t.values.as_ref().is_some_and(|v| {
                let a: Vec<&str> = v.iter().map(|e| e.value.as_str()).collect();
                let b: Vec<&str> = values.iter().map(|e| e.value.as_str()).collect();
                a == b
            })
        };
        let mut candidate = base.clone();
        let mut n = 2;
        loop {
            match self.types.get(&candidate) {
                Some(t) if same(t) => return candidate,
                Some(_) => {
                    candidate = format!("{base}{n}");
                    n += 1;
                }
                None => break,
            }
        }
        self.sides.insert(candidate.clone(), side);
        self.types.insert(candidate.clone(), TypeDef { values: Some(values), case_insensitive, ..TypeDef::default() });
        candidate
    }

    /// Types inferred from examples (pages without parameter tables).
    fn infer_root(&mut self, examples: &[&Value], name: &str, side: Side, comments: &BTreeMap<String, String>) -> Option<String> {
        let objects: Vec<&serde_json::Map<String, Value>> = examples.iter().filter_map(|v| v.as_object()).filter(|o| !o.is_empty()).collect();
        if objects.is_empty() {
            return None;
        }
        let name = self.free_name(name, side);
        Some(self.infer_struct(&objects, name, side, comments, ""))
    }

    fn infer_struct(&mut self, objects: &[&serde_json::Map<String, Value>], name: String, side: Side, comments: &BTreeMap<String, String>, path: &str) -> String {
        self.sides.insert(name.clone(), side);
        self.types.insert(name.clone(), TypeDef::default());
        let mut keys: Vec<&String> = Vec::new();
        for o in objects {
            for k in o.keys() {
                if !keys.contains(&k) {
                    keys.push(k);
                }
            }
        }
        let mut fields = Vec::new();
        for key in keys {
            let values: Vec<&Value> = objects.iter().filter_map(|o| o.get(key)).collect();
            let sub = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
            let ty = self.infer_type(&values, key, side, comments, &sub);
            let doc = comments.get(&sub).cloned();
            let sensitive = ty == "string" && is_sensitive(key, doc.as_deref().unwrap_or(""));
            fields.push(Field {
                json: key.clone(),
                name: None,
                ty,
                required: false,
                doc,
                default: None,
                sensitive,
                constraints: Constraints::default(),
                accepts: Vec::new(),
            });
        }
        self.types.insert(name.clone(), TypeDef { fields: Some(fields), ..TypeDef::default() });
        name
    }

    fn infer_type(&mut self, values: &[&Value], key: &str, side: Side, comments: &BTreeMap<String, String>, path: &str) -> String {
        let non_null: Vec<&Value> = values.iter().copied().filter(|v| !v.is_null()).collect();
        let Some(first) = non_null.first() else { return "any".to_owned() };
        match first {
            Value::String(_) => "string".to_owned(),
            Value::Bool(_) => "boolean".to_owned(),
            Value::Number(_) => {
                if non_null.iter().all(|v| v.as_i64().is_some()) {
                    if non_null.iter().all(|v| v.as_i64().is_some_and(|n| i32::try_from(n).is_ok())) { "integer" } else { "long" }.to_owned()
                } else {
                    "number".to_owned()
                }
            }
            Value::Object(_) => {
                let objs: Vec<&serde_json::Map<String, Value>> = non_null.iter().filter_map(|v| v.as_object()).collect();
                let base = camel_from_words(key).unwrap_or_else(|| "Item".to_owned());
                let name = self.free_name(&base, side);
                self.infer_struct(&objs, name, side, comments, path)
            }
            Value::Array(_) => {
                let items: Vec<&Value> = non_null.iter().filter_map(|v| v.as_array()).flatten().collect();
                if items.is_empty() {
                    return "array<any>".to_owned();
                }
                format!("array<{}>", self.infer_type(&items, &singular(key), side, comments, path))
            }
            Value::Null => "any".to_owned(),
        }
    }

    /// Lints an example against its type and records other wire types in `accepts`.
    fn check_example(&mut self, value: &Value, ty: &str, request: bool, line: usize, path: &str) {
        let Some(def) = self.types.get(ty).cloned() else { return };
        if let Some(alts) = &def.one_of {
            // The alternative with the most known keys.
            let obj = value.as_object();
            let best = alts.iter().max_by_key(|a| {
                let fields = self.types.get(*a).and_then(|t| t.fields.clone()).unwrap_or_default();
                obj.map(|o| o.keys().filter(|k| fields.iter().any(|f| &f.json == *k)).count()).unwrap_or(0)
            });
            if let Some(best) = best.cloned() {
                self.check_example(value, &best, request, line, path);
            }
            return;
        }
        let Some(fields) = def.fields.clone() else { return };
        let Some(obj) = value.as_object() else { return };
        for (k, v) in obj {
            let at = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
            match fields.iter().position(|f| &f.json == k) {
                None if !request && k.trim() == k && !k.is_empty() => {
                    // A response shows what the server sends: the field is real, the table
                    // incomplete. It is added (optional, typed from the example) and reported.
                    self.lint(line, LintKind::ExampleFieldNotInTable, format!("the response example has `{at}`, which the tables of `{ty}` do not list (added from the example)"));
                    let inferred = self.infer_type(&[v], k, Side::Response, &BTreeMap::new(), &at);
                    if let Some(fields) = self.types.get_mut(ty).and_then(|t| t.fields.as_mut()) {
                        fields.push(Field {
                            json: k.clone(),
                            name: None,
                            ty: inferred,
                            required: false,
                            doc: Some("Not in the page's parameter tables; its response example shows it.".to_owned()),
                            default: None,
                            sensitive: false,
                            constraints: Constraints::default(),
                            accepts: Vec::new(),
                        });
                    }
                }
                None => self.lint(line, LintKind::ExampleFieldNotInTable, format!("the {} example has `{at}`, which the tables of `{ty}` do not list", if request { "request" } else { "response" })),
                Some(i) => self.check_value(v, ty, i, request, line, &at),
            }
        }
        if request {
            for f in fields.iter().filter(|f| f.required) {
                if !obj.contains_key(&f.json) {
                    let at = if path.is_empty() { f.json.clone() } else { format!("{path}.{}", f.json) };
                    self.lint(line, LintKind::MandatoryMissingFromExample, format!("the request example lacks mandatory `{at}`"));
                }
            }
        }
    }

    fn check_value(&mut self, v: &Value, owner: &str, index: usize, request: bool, line: usize, at: &str) {
        let Some(field) = self.types.get(owner).and_then(|t| t.fields.as_ref()).and_then(|f| f.get(index)).cloned() else { return };
        let mut ty = field.ty.as_str();
        let mut value = v;
        if let Some(inner) = ty.strip_prefix("array<").and_then(|t| t.strip_suffix('>')) {
            match v {
                Value::Array(items) => {
                    for item in items {
                        self.check_scalar_or_named(item, inner, owner, index, request, line, at, true);
                    }
                    return;
                }
                Value::Null => return,
                _ => {
                    let before = field.ty.clone();
                    self.mismatch_value(owner, index, v, line, at, &before);
                    let after = self.types.get(owner).and_then(|t| t.fields.as_ref()).and_then(|f| f.get(index)).map(|f| f.ty.clone());
                    if after.as_deref() != Some(before.as_str()) {
                        return; // retyped from the example
                    }
                    ty = inner;
                    value = v;
                }
            }
        }
        self.check_scalar_or_named(value, ty, owner, index, request, line, at, false);
    }

    #[allow(clippy::too_many_arguments)]
    fn check_scalar_or_named(&mut self, v: &Value, ty: &str, owner: &str, index: usize, request: bool, line: usize, at: &str, in_array: bool) {
        let expected = match ty {
            "string" => Some("string"),
            "integer" | "long" => Some("integer"),
            "number" => Some("number"),
            "boolean" => Some("boolean"),
            "any" => None,
            named => {
                match self.types.get(named).map(|t| (t.fields.is_some() || t.one_of.is_some(), t.values.is_some())) {
                    Some((true, _)) if v.is_object() => self.check_example(v, named, request, line, at),
                    Some((true, _)) if !v.is_null() && !in_array => self.mismatch_value(owner, index, v, line, at, "object"),
                    Some((_, true)) if !v.is_string() && !v.is_null() && !in_array => {
                        self.mismatch_value(owner, index, v, line, at, "string");
                    }
                    _ => {}
                }
                None
            }
        };
        let Some(expected) = expected else { return };
        let found = wire_of(v);
        // Numbers wider than the table says (a millisecond timestamp documented as Integer, a
        // fraction documented as Long): the field widens to what the API sends.
        let widen = match (ty, v) {
            ("integer", Value::Number(n)) if n.as_i64().is_some_and(|x| i32::try_from(x).is_err()) || n.is_u64() && n.as_i64().is_none() => Some("long"),
            ("integer" | "long", Value::Number(n)) if !(n.is_i64() || n.is_u64()) => Some("number"),
            _ => None,
        };
        if let Some(wider) = widen {
            if let Some(f) = self.types.get_mut(owner).and_then(|t| t.fields.as_mut()).and_then(|f| f.get_mut(index)) {
                f.ty = if in_array { format!("array<{wider}>") } else { wider.to_owned() };
                f.constraints.multiple_of = None;
            }
            self.lint(line, LintKind::ExampleTypeMismatch, format!("the example sends `{at}` = {v}, wider than the table's {ty}: typed `{wider}`"));
            return;
        }
        let fits = found == expected || (expected == "number" && found == "integer") || v.is_null();
        if !fits && !in_array {
            self.mismatch_value(owner, index, v, line, at, expected);
        }
    }

    /// Whether a value of wire type `found` converts losslessly into spec type `ty`: the
    /// checker's rule for `accepts`, on this page's types.
    fn converts(&self, ty: &str, found: &str) -> bool {
        let kinds: HashMap<&str, NamedKind> = self
            .types
            .iter()
            .map(|(name, t)| {
                let kind = if t.values.is_some() {
                    NamedKind::Enum
                } else if t.one_of.is_some() {
                    NamedKind::OneOf
                } else {
                    NamedKind::Struct
                };
                (name.as_str(), kind)
            })
            .collect();
        match (crate::check::parse_ty(ty, &kinds), Wire::parse(found)) {
            (Ok(ty), Some(wire)) => crate::check::accepts_ok(&ty, wire),
            _ => false,
        }
    }

    /// An example value of another wire type than its field's: a lossless conversion is
    /// recorded in `accepts`; otherwise the example shows what the API really sends (an object
    /// where the table says String), and the field takes the example's type.
    fn mismatch_value(&mut self, owner: &str, index: usize, value: &Value, line: usize, at: &str, expected: &str) {
        let found = wire_of(value);
        let ty = self.types.get(owner).and_then(|t| t.fields.as_ref()).and_then(|f| f.get(index)).map(|f| f.ty.clone());
        let Some(ty) = ty else { return };
        // A string converts to a number only when it is one ("8", not "rds.mysql.volume.essd").
        let parses = match (ty.as_str(), value) {
            ("integer" | "long", Value::String(v)) => v.trim().parse::<i64>().is_ok(),
            ("number", Value::String(v)) => v.trim().parse::<f64>().is_ok(),
            ("boolean", Value::String(v)) => v.eq_ignore_ascii_case("true") || v.eq_ignore_ascii_case("false"),
            _ => true,
        };
        if parses && self.converts(&ty, found) {
            if let Some(f) = self.types.get_mut(owner).and_then(|t| t.fields.as_mut()).and_then(|f| f.get_mut(index)) {
                if !f.accepts.iter().any(|a| a == found) {
                    f.accepts.push(found.to_owned());
                }
            }
            self.lint(line, LintKind::ExampleTypeMismatch, format!("the example sends `{at}` as {found}, the table says {expected} (recorded in `accepts`)"));
            return;
        }
        let field_name = at.rsplit('.').next().unwrap_or(at).to_owned();
        let side = self.sides.get(owner).copied().unwrap_or(Side::Response);
        let inferred = self.infer_type(&[value], &field_name, side, &BTreeMap::new(), at);
        if let Some(f) = self.types.get_mut(owner).and_then(|t| t.fields.as_mut()).and_then(|f| f.get_mut(index)) {
            f.ty = inferred.clone();
            f.accepts.clear();
            f.constraints = Constraints::default();
        }
        self.lint(line, LintKind::ExampleTypeMismatch, format!("the example sends `{at}` as {found}, the table says {expected}: typed `{inferred}` from the example"));
    }

}

/// A caption that is a field path (`auth.identity.password`), if it is one.
fn caption_path(caption: &str) -> Option<String> {
    let c = caption.trim().trim_end_matches(['.', ':']);
    let ok = !c.is_empty()
        && c.split('.').all(|seg| !seg.is_empty() && seg.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_'))
        && c.chars().next().is_some_and(|ch| ch.is_ascii_lowercase());
    ok.then(|| c.to_owned())
}

/// Whether a table's rows are exactly `key` and `value`.
fn is_key_value(t: &Table) -> bool {
    let rows = param_rows(t);
    rows.len() == 2 && rows.iter().any(|r| r.name.eq_ignore_ascii_case("key")) && rows.iter().any(|r| r.name.eq_ignore_ascii_case("value"))
}

fn wire_of(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "string",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::Bool(_) => "boolean",
        Value::Object(_) => "object",
        Value::Array(_) => "array",
        Value::Null => "null",
    }
}

fn wrap(word: &TypeWord, named: &str) -> String {
    match word {
        TypeWord::Scalar(s) => (*s).to_owned(),
        TypeWord::Object | TypeWord::Unknown(_) => if named.is_empty() { "any".to_owned() } else { named.to_owned() },
        TypeWord::Array(inner) => format!("array<{}>", wrap(inner, named)),
        TypeWord::Map(inner) => format!("map<{}>", wrap(inner, named)),
    }
}

fn table_ref(t: &Table) -> String {
    match t.number {
        Some(n) => format!("Table {n}"),
        None => format!("the table at line {}", t.line),
    }
}

/// "The default value is **1**." → `1`.
fn default_of(desc: &str) -> Option<String> {
    let text = desc.replace("**", "");
    let lower = text.to_lowercase();
    let at = lower.find("default value is ").map(|i| i + "default value is ".len())?;
    let word: String = text[at..].chars().take_while(|c| !c.is_whitespace() && !matches!(c, ',' | ';' | '，' | '。')).collect();
    let word = word.trim_end_matches('.').trim_matches('"').to_owned();
    (!word.is_empty() && word.len() <= 40 && !word.eq_ignore_ascii_case("empty") && !word.eq_ignore_ascii_case("as")).then_some(word)
}

/// A name for a `one_of` alternative from its caption's parenthesis: "Parameter description
/// (creating a read replica)" → `CreateReadReplica`; `None` when it is longer than four words.
fn alternative_name(caption: &str) -> Option<String> {
    let open = caption.find('(')?;
    let close = caption[open..].find(')')? + open;
    let inner = &caption[open + 1..close];
    let id = operation_id(inner);
    if id.split('_').count() > 4 || id.starts_with("op_") {
        return None;
    }
    Some(crate::idents::camel(&id))
}

/// Operations from the curl commands of a call-example page: one per method and path, with the
/// `-d` body as request example and the next JSON block as response example.
fn from_curls(input: &PageInput<'_>, doc: &Document, curls: &[(usize, Curl)], lints: &mut Vec<Lint>) -> Vec<Transcribed> {
    let mut out: Vec<Transcribed> = Vec::new();
    for (n, (block_idx, curl)) in curls.iter().enumerate() {
        let next_curl_block = curls.get(n + 1).map(|(i, _)| *i).unwrap_or(doc.blocks.len());
        let mut examples = Vec::new();
        let mut comments = BTreeMap::new();
        if let Some(body) = &curl.body {
            match repair(body) {
                Ok(r) => {
                    if !r.repairs.is_empty() {
                        lints.push(lint(input.name, curl.uri.line, LintKind::RepairedExample, format!("example repaired: {}", r.repairs.join(", "))));
                    }
                    comments.extend(r.comments);
                    examples.push((ExampleKind::Request, r.value));
                }
                Err((_, m)) => lints.push(lint(input.name, curl.uri.line, LintKind::BadExample, m)),
            }
        }
        // The response: the first JSON block after the curl block, before the next curl.
        for b in doc.blocks.get(block_idx + 1..next_curl_block.max(block_idx + 1)).unwrap_or(&[]) {
            if let Block::Code(c) = b {
                if looks_like_json(&c.text) {
                    match repair(&c.text) {
                        Ok(r) => {
                            if !r.repairs.is_empty() {
                                lints.push(lint(input.name, c.line, LintKind::RepairedExample, format!("example repaired: {}", r.repairs.join(", "))));
                            }
                            comments.extend(r.comments);
                            examples.push((ExampleKind::Response, r.value));
                        }
                        Err((l, m)) => lints.push(lint(input.name, c.line + l, LintKind::BadExample, m)),
                    }
                    break;
                }
            }
        }
        let id = curl_operation_id(&curl.uri);
        let op_type = crate::idents::camel(&id);
        let mut b = TypeBuilder { doc, page: input.name, types: IndexMap::new(), lints: Vec::new(), built: HashMap::new(), sides: HashMap::new(), path_links: HashMap::new() };
        let req: Vec<&Value> = examples.iter().filter(|e| e.0 == ExampleKind::Request).map(|e| &e.1).collect();
        let resp: Vec<&Value> = examples.iter().filter(|e| e.0 == ExampleKind::Response).map(|e| &e.1).collect();
        let request = b.infer_root(&req, &format!("{op_type}Request"), Side::Request, &comments);
        let response = b.infer_root(&resp, &format!("{op_type}Response"), Side::Response, &comments);
        lints.append(&mut b.lints);
        let mut headers: Vec<HeaderParam> = curl
            .headers
            .iter()
            .filter(|h| !h.eq_ignore_ascii_case("Content-Type"))
            .map(|h| HeaderParam { name: h.clone(), required: h.eq_ignore_ascii_case("X-Auth-Token"), sensitive: false, doc: None })
            .collect();
        add_default_headers(&mut headers, &curl.uri, input.text);
        let spec = Spec {
            operation: Operation {
                id,
                title: doc.title.clone(),
                doc: None,
                method: curl.uri.method.clone(),
                path: curl.uri.path.clone(),
                status: None,
                path_params: path_params(&curl.uri.path)
                    .into_iter()
                    .map(|name| Param { name, ty: "string".to_owned(), required: None, doc: None, default: None })
                    .collect(),
                query_params: Vec::new(),
                headers,
                request,
                response,
                paging: None,
                job_query: None,
                instance_query: None,
            },
            source: Some(source(input)),
            notes: Vec::new(),
            types: b.types,
            examples: examples.into_iter().map(|(kind, value)| Example { title: None, kind, ty: None, json: pretty(&value) }).collect(),
        };
        let version = version_of(&curl.uri.path).unwrap_or_else(|| UNVERSIONED.to_owned());
        out.push(Transcribed { service: input.service.to_owned(), version, spec, from_tables: false });
    }
    out
}

/// The id of a curl-only operation, from method and path: `POST …/instances` → `create_instance`,
/// `GET …/instances` → `list_instances`, `GET …/instances/{id}` → `show_instance`,
/// `PUT` → `update_…`, `DELETE` → `delete_…`.
pub fn curl_operation_id(uri: &Uri) -> String {
    let segments: Vec<&str> = uri.path.split('/').filter(|s| !s.is_empty()).collect();
    let last_is_param = segments.last().is_some_and(|s| s.starts_with('{'));
    let resource = segments.iter().rev().find(|s| !s.starts_with('{') && version_of(&format!("/{s}")).is_none()).copied().unwrap_or("resource");
    let resource = crate::idents::snake(resource);
    let singular = singular(&resource);
    match (uri.method.as_str(), last_is_param) {
        ("GET", false) => format!("list_{resource}"),
        ("GET", true) => format!("show_{singular}"),
        ("POST", _) => format!("create_{singular}"),
        ("PUT", _) | ("PATCH", _) => format!("update_{singular}"),
        ("DELETE", _) => format!("delete_{singular}"),
        (m, _) => format!("{}_{resource}", m.to_ascii_lowercase()),
    }
}
