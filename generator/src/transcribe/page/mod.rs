//! One page → its operations' specs. See `docs/transcriber.md` for the rules.
//!
//! The page is walked block by block; each block gets a *part* from the headings and short cue
//! paragraphs before it (URI, request, response, request example, response example, other).
//! Tables of the request and response parts become types: the tables no other table of the same
//! part links to are the roots (several request roots: a `one_of`); "Table N" links in Type or
//! Description cells become nested types. JSON code blocks become examples; on pages without
//! parameter tables, the examples are the source of the types.

mod curl;
mod examples;
mod library;
mod params;
mod parts;
mod tables;

use curl::*;
pub use examples::lint_examples;
pub use library::{Library, LibraryPage};
use params::*;
use parts::*;
use tables::*;

use std::collections::{BTreeMap, HashMap, HashSet};

use indexmap::IndexMap;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::derived_name::{derive_operation_id, path_operation_id, title_names_nothing};
use super::json::{json_part, looks_like_json, repair, value_in};
use super::naming::{
    camel_from_words, is_bare_caption, operation_id, operation_name, singular, singular_type, type_name_from_caption, OpName,
};
use super::prose::{confirmed_by_examples, find_constraints, find_enum_of, is_sensitive, param_rules, plain_candidate};
use super::types::{parse_type_word, TypeWord};
use super::uri::{find_curls, find_in_text, path_params, version_of, Curl, Uri};
use crate::diag::LintKind;
use crate::document::{Block, Document, Link, Table};
use crate::model::{JsonType, NamedKind};
use crate::spec::TypeExpr;
use crate::spec::{Constraints, EnumValue, Example, ExampleKind, Field, HeaderParam, Note, Operation, Param, Source, Spec, TypeDef};
use crate::Diagnostic;

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
    /// The name from the page title (table pages; `None` for call examples, named by method
    /// and path): what `naming::settle` needs to tell colliding operations apart.
    pub name: Option<OpName>,
}

/// What a page gave.
#[derive(Clone, Debug)]
pub enum PageResult {
    /// The page's operations (usually one; call-example pages may hold several).
    Operations(Vec<Transcribed>),
    /// Not an operation page, with the reason.
    Skipped(String),
}

/// Transcribes one page: its operations (or why it was skipped) and the doc lint's warnings.
/// Links to tables of other pages stay unresolved: see [`transcribe_page_in`].
pub fn transcribe_page(input: &PageInput<'_>, doc: &Document) -> (PageResult, Vec<Diagnostic>) {
    transcribe_page_in(input, doc, &Library::default())
}

/// [`transcribe_page`], with the other pages of the run: a field whose table is on another page
/// of the same service (`:ref:` to its anchor, "Table 3 in section …", `other.md#anchor`) gets
/// the type made from that table.
pub fn transcribe_page_in(input: &PageInput<'_>, doc: &Document, library: &Library) -> (PageResult, Vec<Diagnostic>) {
    let parts = page_parts(doc);

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

    let mut lints: Vec<Diagnostic> =
        doc.warnings.iter().map(|w| Diagnostic::warning(input.name, w.line, LintKind::Reader, w.message.clone())).collect();

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
    // A title with no usable words (重启实例, "Example") names nothing: the file name, the
    // request body's root key or the path do (`derived_name`).
    let title_name = operation_name(&doc.title, &uri.method).filter(|n| n.base.split('_').count() >= 2);
    let name = match (operation_id(&doc.title), title_name) {
        (id, Some(name)) if !title_names_nothing(&id) => name,
        _ => {
            let body = first_request_example(doc, &parts);
            let (id, from) = derive_operation_id(input.name, body.as_ref(), &uri);
            // Words from a file name follow the naming policy as a title's do.
            let policy =
                (from == super::derived_name::NameSource::FileName).then(|| operation_name(&id.replace('_', " "), &uri.method)).flatten();
            let name = policy.unwrap_or(OpName { base: id, ..OpName::default() });
            lints.push(lint(
                input.name,
                uri.line,
                LintKind::DerivedName,
                format!("the title `{}` names no operation: named `{}` from {}", doc.title, name.base, from.describe()),
            ));
            name
        }
    };
    let id = name.base.clone();
    let op_type = crate::idents::camel(&id);
    let mut b = TypeBuilder::new(doc, input.name, input.service, library);

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
    let mut path_param_list: Vec<Param> = path_params(&uri.path).into_iter().map(Param::new).collect();
    let mut query_params: Vec<Param> = uri.query.iter().map(|name| Param { required: Some(false), ..Param::new(name.clone()) }).collect();
    for t in &uri_tables {
        for row in param_rows(t) {
            if let Some(p) = path_param_list.iter_mut().find(|p| p.name == row.name) {
                p.doc = non_empty(&row.desc);
                if let TypeWord::Scalar(s) = row.type_word.clone().unwrap_or(TypeWord::Scalar("string")) {
                    p.ty = s.to_owned();
                }
                // Path values are text: a closed set becomes a pattern, limits of strings stay.
                let (set, limits) = param_rules(&row.name, &row.desc, "string");
                p.constraints = if p.ty == "string" { limits } else { Constraints::default() };
                if let (Some(set), "string") = (set, p.ty.as_str()) {
                    p.constraints.pattern = Some(super::prose::values::as_pattern(&set));
                }
            } else if row.name != "versionId" {
                let ty = match row.type_word.clone().unwrap_or(TypeWord::Scalar("string")) {
                    TypeWord::Scalar(s) => s.to_owned(),
                    TypeWord::Array(inner) => match *inner {
                        TypeWord::Scalar(s) => TypeExpr::array(TypeExpr::word(s)).to_string(),
                        _ => TypeExpr::array(TypeExpr::String).to_string(),
                    },
                    _ => "string".to_owned(),
                };
                let doc_text = non_empty(&row.desc);
                let (set, constraints) = param_rules(&row.name, &row.desc, &ty);
                let ty = match set {
                    Some(e) => {
                        let name = b.enum_type(&op_type, &row.name, e.values, e.case_insensitive, Side::Request);
                        if ty == "string" {
                            name
                        } else {
                            TypeExpr::array(TypeExpr::Named(name)).to_string()
                        }
                    }
                    None => ty,
                };
                match query_params.iter_mut().find(|q| q.name == row.name) {
                    Some(q) => {
                        q.ty = ty;
                        q.required = Some(row.required);
                        q.doc = doc_text;
                        q.constraints = constraints;
                    }
                    None if uri.method == "GET" || !uri.query.is_empty() || t.caption.to_lowercase().contains("query") => query_params
                        .push(Param {
                            name: row.name.clone(),
                            ty,
                            required: Some(row.required),
                            doc: doc_text,
                            default: None,
                            constraints,
                        }),
                    None => {}
                }
            }
        }
    }
    // Path parameters the page does not name as placeholders (`{*Endpoint*}` leftovers) are
    // not ours; project_id-like ones keep a doc.
    path_param_list.retain(|p| !p.name.eq_ignore_ascii_case("endpoint"));

    // Bodies from tables.
    // Bodies from tables; a body whose caption only names its table is described by the
    // operation's own words.
    let op_doc = function_text(doc, &parts);
    let about = |what: &str| {
        Some(format!("The {what} of “{}”.{}", doc.title, op_doc.as_deref().map(|d| format!(" {}", first_sentence(d))).unwrap_or_default()))
    };
    let request = b.roots(&req_tables, Side::Request, &op_type, about("request body").as_deref());
    let response = b.roots(&resp_tables, Side::Response, &op_type, about("response body").as_deref());
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
        if let Some(r) = repaired_example(input.name, code.line + skipped, text, &mut lints) {
            comments.extend(r.comments);
            let title = example_title(doc, block);
            examples.push((kind, r.value, code.line + skipped, title));
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
            let (root, tables) =
                if *kind == ExampleKind::Request { (&request, request_from_tables) } else { (&response, response_from_tables) };
            if let (Some(root), true) = (root, tables) {
                b.lint_example(value, root, *kind == ExampleKind::Request, *line, "");
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
            doc: op_doc,
            method: uri.method.clone(),
            path: uri.path.clone(),
            status: Some(status),
            path_params: path_param_list,
            query_params,
            headers,
            request,
            response,
            deprecated: None,
            paging: None,
            job_query: None,
            instance_query: None,
        },
        source: Some(source(input)),
        notes: Vec::<Note>::new(),
        types: b.types,
        examples: examples.into_iter().map(|(kind, value, _, title)| Example { title, kind, ty: None, json: pretty(&value) }).collect(),
    };
    let ops = vec![Transcribed { service: input.service.to_owned(), version, spec, from_tables, name: Some(name) }];
    (PageResult::Operations(ops), lints)
}

fn lint(page: &str, line: usize, kind: LintKind, message: String) -> Diagnostic {
    Diagnostic::warning(page, line, kind, message)
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

/// A field's description without its pointers to tables ("For details, see Table 3.",
/// "参见表3。"): as the doc of the type it points to, they point at the type itself.
fn without_table_references(text: &str) -> String {
    let mut out = Vec::new();
    for para in text.split("\n\n") {
        let mut kept = String::new();
        for sentence in para.split_inclusive(['.', '。']) {
            let s = sentence.trim();
            let pointer = s.starts_with("For details, see")
                || s.starts_with("For details about") && s.contains("Table")
                || s.starts_with("See Table")
                || s.starts_with("参见")
                || s.starts_with("详情请参见");
            if !pointer {
                kept.push_str(sentence);
            }
        }
        // "磁盘信息，参见表3。": the pointer after a comma.
        let kept = match kept.find("，参见") {
            Some(i) => format!("{}。", &kept[..i]),
            None => kept,
        };
        if !kept.trim().is_empty() {
            out.push(kept.trim().to_owned());
        }
    }
    if out.is_empty() {
        text.trim().to_owned()
    } else {
        out.join("\n\n")
    }
}

/// The first sentence of a text (up to the first `. `), for short docs.
fn first_sentence(text: &str) -> &str {
    let t = text.trim();
    match t.find(". ") {
        Some(i) => &t[..=i],
        None => t,
    }
}

/// An example repaired and parsed (`json::repair`), with a `repaired-example` lint when it needed
/// repair and a `bad-example` lint (at its line) when it is not JSON even then.
fn repaired_example(page: &str, line: usize, text: &str, lints: &mut Vec<Diagnostic>) -> Option<super::json::Repaired> {
    match repair(text) {
        Ok(r) => {
            if !r.repairs.is_empty() {
                lints.push(lint(page, line, LintKind::RepairedExample, format!("example repaired: {}", r.repairs.join(", "))));
            }
            Some(r)
        }
        Err((l, m)) => {
            lints.push(lint(page, line + l, LintKind::BadExample, m));
            None
        }
    }
}

fn source(input: &PageInput<'_>) -> Source {
    let digest = Sha256::digest(input.text.as_bytes());
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let sha256: String = digest.iter().flat_map(|b| [HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xf)]]).map(char::from).collect();
    let page = super::identity::page_identity(input.name, input.text);
    Source { doc: input.name.to_owned(), page: Some(page), sha256: Some(sha256), also: Vec::new() }
}
