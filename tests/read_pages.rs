//! The page readers on small fixture pages (`tests/fixtures/pages/`), one per awkward case:
//! a snapshot of each document's outline plus assertions on what matters, errors with
//! page:line, and property tests that no input makes a reader panic.

use std::fs;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use sdkgen::document::{Block, Document, Format, Table};
use sdkgen::read::{format_for, markdown, read_page, rst, sniff, text};
use sdkgen::Diagnostic;

fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages").join(name)
}

fn fixture_text(name: &str) -> String {
    fs::read_to_string(fixture_path(name)).unwrap()
}

fn read_fixture(name: &str) -> Document {
    read_page(name, &fixture_text(name)).unwrap_or_else(|e| panic!("{e}"))
}

fn table(doc: &Document, number: u32) -> &Table {
    doc.table(number).unwrap_or_else(|| panic!("no Table {number}"))
}

fn keys(t: &Table) -> Vec<&str> {
    t.rows.iter().map(|r| r.text(0)).collect()
}

#[test]
fn grid_tables() {
    let doc = read_fixture("grid_table.rst");
    insta::assert_snapshot!("grid_table", doc.outline());
    assert_eq!(doc.format, Format::Rst);
    assert_eq!(doc.title, "Creating a Widget");
    let Some(Block::Heading(title)) = doc.blocks.first() else { panic!("title first") };
    assert_eq!((title.level, title.label.as_deref(), title.line), (1, Some("fixture_grid_page"), 5));

    // `|` inside a literal is text; the cell's lines join into paragraphs
    let t1 = table(&doc, 1);
    assert_eq!(t1.caption, "URI parameters");
    assert_eq!(t1.rows[0].text(2), "Project ID.\n\nThe pipe in `a|b` is text, not a border.");

    let t2 = table(&doc, 2);
    assert_eq!(t2.label.as_deref(), Some("fixture_widget_body"));
    assert_eq!(keys(t2), ["name", "spec", "mode", "tags", "显示名"]);
    assert_eq!(t2.rows[0].text(3), "Widget name.\n\nRules:\n\n- 4 to 64 characters.\n- Letters and digits only.");
    let spec = &t2.rows[1].cells[3];
    assert_eq!(spec.text, "Widget size. For details, see Table 3.\n\nNote:\n\nSizes are rounded up.");
    assert_eq!(spec.links[0].table_number, Some(3));
    assert_eq!(spec.links[0].target_label.as_deref(), Some("fixture_widget_spec"));
    // a line over 1,000 characters
    assert!(t2.rows[2].text(3).len() > 1000);
    assert!(t2.rows[2].text(3).ends_with("word229."));
    // a code block and an important note inside a cell keep their text
    assert_eq!(t2.rows[3].text(2), "Array of strings");
    assert_eq!(t2.rows[3].text(3), "Tags, for example:\n\n```\n[\"a\", \"b\"]\n```\n\nImportant:\n\nNOTICE: At most **10** tags.");
    // East Asian wide characters take two columns
    assert_eq!(t2.rows[4].text(3), "显示名称，最多64个字符。 See Naming Rules.");
    assert_eq!(t2.rows[4].line, 72);

    // the label before `.. table::` names it; the :ref: to it resolves
    assert_eq!(table(&doc, 3).label.as_deref(), Some("fixture_widget_spec"));
    // tables without a `.. table::` directive: caption from the paragraph before them
    let untitled: Vec<&Table> = doc.tables().filter(|t| t.number.is_none()).collect();
    assert_eq!(untitled.len(), 2);
    assert_eq!(untitled[0].caption, "Parameters in the request header");
    assert_eq!(untitled[0].label, None);
    assert_eq!((untitled[1].caption.as_str(), untitled[1].label.as_deref()), ("spec.unit", Some("fixture_spec_unit")));
    assert_eq!(untitled[1].rows[0].text(3), "`GB` or `TB`.");

    // column and row spans
    let t4 = table(&doc, 4);
    assert_eq!(t4.header, ["Name", "Min", "Max"]);
    let memory = &t4.rows[1];
    assert_eq!((memory.cells.len(), memory.cells[1].col_span, memory.text(2)), (2, 2, "unlimited"));
    let disk = &t4.rows[2];
    assert_eq!((disk.cells[0].text.as_str(), disk.cells[0].row_span), ("disk", 2));
    assert_eq!(t4.rows[3].cells.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(), ["20", "200"]);

    // code: `.. code-block:: json` inside a list item (blank line kept), a literal block after `::`
    let code: Vec<_> = doc.code_blocks().collect();
    assert_eq!(code.len(), 2);
    assert_eq!(code[0].lang.as_deref(), Some("json"));
    assert_eq!(code[0].text, "{\n    \"name\": \"w1\",\n\n    \"spec\": {\"size\": 10}\n}");
    assert_eq!((code[1].lang.as_deref(), code[1].text.as_str()), (None, "GET /v2/{project_id}/widgets/w1"));

    // inline markup in paragraphs: emphasis dropped, links, escapes
    let function = doc.blocks.iter().find_map(|b| match b {
        Block::Paragraph(p) if p.text.starts_with("This API") => Some(p),
        _ => None,
    });
    let function = function.unwrap();
    assert_eq!(
        function.text,
        "This API creates a **widget** in `project` scope. See Table 2 for details, or the guide. Escaped *stars* stay."
    );
    assert_eq!(function.links[1].url.as_deref(), Some("https://example.com/guide"));
    let uri = doc.blocks.iter().find_map(|b| match b {
        Block::List(l) => l.items.first().filter(|i| i.text.starts_with("URI format")),
        _ => None,
    });
    assert_eq!(uri.unwrap().text, "URI format\n\nPOST https://{Endpoint}/v2/{project_id}/widgets");
    // a note; a table link followed by "in section" names another page's table
    let Some(Block::Note(note)) = doc.blocks.last() else { panic!("the page ends with a note") };
    assert_eq!(note.kind, "note");
    assert_eq!(note.links[0].in_section.as_deref(), Some("Quotas"));

    // sections
    let sections = doc.sections();
    let request = sections.iter().find(|s| s.heading.text == "Request").unwrap();
    assert_eq!(request.blocks.iter().filter(|b| matches!(b, Block::Table(_))).count(), 4);
    let idx = doc.blocks.iter().position(|b| matches!(b, Block::Table(t) if t.number == Some(4))).unwrap();
    let path: Vec<_> = doc.heading_path(idx).iter().map(|h| h.text.as_str()).collect();
    assert_eq!(path, ["Creating a Widget", "Limits"]);
}

#[test]
fn table_model_serializes() {
    let doc = read_fixture("grid_table.rst");
    insta::assert_yaml_snapshot!("grid_table_table_3", table(&doc, 3));
}

#[test]
fn simple_tables() {
    let doc = read_fixture("simple_table.rst");
    insta::assert_snapshot!("simple_table", doc.outline());
    let t1 = table(&doc, 1);
    assert_eq!(t1.header, ["Parameter", "Type", "Description"]);
    assert_eq!(keys(t1), ["gadgets", "count", "marker"]);
    // a row whose first column is blank continues the row above
    assert_eq!(t1.rows[0].text(2), "Gadget list. For details, see Table 2.");
    assert_eq!(t1.rows[0].cells[2].links[0].target_label.as_deref(), Some("fixture_gadget"));
    assert_eq!(t1.rows[2].text(2), "Where the next page starts; empty on the last page.");
    assert_eq!(t1.rows[1].text(2), "Number of gadgets, `0` or more.");
    assert_eq!(t1.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [14, 16, 17]);
    assert_eq!(table(&doc, 2).label.as_deref(), Some("fixture_gadget"));
    // no header: all rows are body rows; the caption is the paragraph before it
    let codes = doc.tables().find(|t| t.number.is_none()).unwrap();
    assert!(codes.header.is_empty());
    assert_eq!(keys(codes), ["200", "404"]);
    assert_eq!(codes.caption, "A table without a header, after a field of text");
    // text in a column gap: kept, with a warning
    assert_eq!(keys(table(&doc, 3)), ["E1", "E2222"]);
    assert_eq!(doc.warnings.len(), 1);
    assert_eq!(doc.warnings[0].line, 48);
}

#[test]
fn plain_text_tables() {
    let doc = read_fixture("plain_text_table.txt");
    insta::assert_snapshot!("plain_text_table", doc.outline());
    assert_eq!(doc.format, Format::Text);
    assert_eq!(doc.title, "Resizing a Volume");
    let headings: Vec<_> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) => Some((h.level, h.text.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(headings, [(1, "Resizing a Volume"), (2, "Function"), (2, "URI"), (2, "Request"), (2, "Response"), (2, "Status Code")]);
    // an indented table with a Parameter/Mandatory/Description header
    let t1 = table(&doc, 1);
    assert_eq!(t1.header, ["Parameter", "Mandatory", "Description"]);
    assert_eq!(keys(t1), ["project_id", "gadget_id"]);
    assert_eq!(t1.rows[1].cells[2].links[0].in_section.as_deref(), Some("Listing Gadgets"));
    // descriptions of several paragraphs, bullets, notes
    let t2 = table(&doc, 2);
    assert_eq!(keys(t2), ["volume", "mode", "is_dry_run"]);
    assert_eq!(t2.rows[0].text(3), "Volume information.\n\nFor details, see Table 4.");
    assert_eq!(t2.rows[0].cells[3].links[0].table_number, Some(4));
    assert_eq!(t2.rows[1].text(3), "Resize mode. Value:\n\n- online\n- offline\n\nNote:\n\noffline stops the gadget for a while.");
    assert_eq!(t2.rows[2].text(3), "Only checks the request.\n\nImportant:\n\nNOTICE: A dry run still counts against the quota.");
    assert_eq!(t2.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [47, 57, 73]);
    // the last table of the request ends at the page-level "• Example" item
    let t4 = table(&doc, 4);
    assert_eq!(keys(t4), ["size", "type"]);
    assert_eq!(t4.rows[1].text(3), "Volume type.");
    // a Name/Type/Description table inside a list item; its bullet cell stays in the cell
    let t5 = table(&doc, 5);
    assert_eq!(t5.header, ["Name", "Type", "Description"]);
    assert_eq!(keys(t5), ["job_id", "volume"]);
    assert_eq!(t5.rows[1].text(2), "The new volume.\n\n- See Table 4.");
    // JSON examples, across a blank line
    let code: Vec<_> = doc.code_blocks().collect();
    assert_eq!(code.len(), 2);
    assert_eq!(
        code[0].text,
        "{\n    \"volume\": {\n        \"size\": 20,\n\n        \"type\": \"ssd\"\n    },\n    \"mode\": \"online\"\n}"
    );
    assert_eq!(code[0].line, 119);
    assert_eq!(code[1].text, "{\n    \"job_id\": \"j-1\"\n}");
}

/// What a plain-text rendering of an rst page shows and the rst reader gets from the markup
/// (`tests/text_parity.rs` measures it on the corpus): section titles other than the usual
/// ones, tables without a caption line, type names that were links, nested bullets in a cell,
/// a Mandatory cell in prose, a JSON example right under its title.
#[test]
fn plain_text_renderings_of_rst_pages() {
    let doc = read_fixture("plain_text_rendering.txt");
    insta::assert_snapshot!("plain_text_rendering", doc.outline());
    let headings: Vec<_> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(h) if h.level == 2 => Some(h.text.as_str()),
            _ => None,
        })
        .collect();
    // "description" at the left margin is a row key, not the section "Description"
    assert_eq!(headings, ["Function", "URI", "Requests", "Responses", "Normal Response", "Status Code"]);
    // a column the reader did not know (IN)
    assert_eq!(table(&doc, 1).header, ["Parameter", "Mandatory", "Type", "IN", "Description"]);
    // a table without a caption line, captioned by its list item, Type before Mandatory
    let tables: Vec<&Table> = doc.tables().collect();
    let body = tables[1];
    assert_eq!((body.number, body.caption.as_str()), (None, "Request parameters"));
    assert_eq!(keys(body), ["policy", "quotas", "datastore", "restart"]);
    // type names link the tables they name: exactly, lower case from a Type cell, by prefix
    let linked: Vec<_> = body.rows.iter().map(|r| r.cells[1].links.first().map(|l| (l.text.as_str(), l.table_number))).collect();
    assert_eq!(linked, [Some(("PolicyInfo", Some(3))), Some(("quota", Some(4))), Some(("Datastore", Some(5))), None]);
    assert_eq!(body.rows[3].text(1), "None");
    // nested bullets stay in their row, at their level, with an item's further paragraph
    let policy = table(&doc, 3);
    assert_eq!(keys(policy), ["mode", "zone", "description"]);
    assert_eq!(
        policy.rows[0].text(3),
        "Policy mode.\n\n- If this parameter is not specified, the mode is as follows:\n\n  - For MySQL: async.\n  - For PostgreSQL: sync.\n- If it is specified, the value is kept.\n\n  The gadget restarts."
    );
    // a Mandatory cell in prose
    assert_eq!(
        policy.rows[1].text(1),
        "If mode is set to multi, this parameter is mandatory.\n\nIf mode is set to single, this parameter cannot be specified."
    );
    assert_eq!(policy.rows[1].text(2), "String");
    // the example's title line is text; the example is JSON
    let code: Vec<_> = doc.code_blocks().collect();
    assert_eq!((code.len(), code[0].line), (1, 172));
    assert!(code[0].text.starts_with("{\n    \"policy\""));
    // a status table under the Status Code heading
    let status = tables.last().unwrap();
    assert_eq!((status.number, status.header.clone()), (None, vec!["Status Code".to_string(), "Description".to_string()]));
    assert_eq!(keys(status), ["202", "400"]);
}

#[test]
fn plain_text_table_that_does_not_fit() {
    let e = read_page("bad_plain_text_table.txt", &fixture_text("bad_plain_text_table.txt")).unwrap_err();
    assert_eq!(e.file, "bad_plain_text_table.txt");
    assert_eq!(e.line, Some(17));
    assert_eq!(e.message, "expected Yes/No in column Mandatory of the first row of Table 1, found `Maybe`");
    assert_eq!(
        e.to_string(),
        "bad_plain_text_table.txt:17: expected Yes/No in column Mandatory of the first row of Table 1, found `Maybe`"
    );
}

#[test]
fn chinese_html_tables_with_crlf() {
    let raw = fixture_text("chinese_html_table.md");
    assert!(raw.contains("\r\n"), "the fixture keeps its CRLF line ends");
    let doc = read_fixture("chinese_html_table.md");
    insta::assert_snapshot!("chinese_html_table", doc.outline());
    // CRLF changes nothing
    assert_eq!(read_page("chinese_html_table.md", &raw.replace("\r\n", "\n")).unwrap(), doc);
    assert_eq!(doc.format, Format::Markdown);
    assert_eq!(doc.title, "修改配额");
    let Some(Block::Heading(h)) = doc.blocks.first() else { panic!("title first") };
    assert_eq!(h.label.as_deref(), Some("fixture_quota_topic"));
    // escapes resolved, full-width punctuation kept as written
    assert!(doc.blocks.iter().any(|b| matches!(b, Block::Paragraph(p) if p.text == "PATH：/v2/{project_id}/quotas")));

    let t1 = table(&doc, 1);
    assert_eq!((t1.caption.as_str(), t1.label.as_deref(), t1.line), ("路径参数", Some("table_path"), 14));
    assert_eq!(t1.header, ["参数", "是否必选", "参数类型", "描述"]);
    assert_eq!(t1.rows[0].text(2), "String。");
    assert_eq!(t1.rows[0].text(3), "项目ID。\n\n获取方法请参见获取项目ID。");
    assert_eq!(t1.rows[0].line, 24);
    assert_eq!(t1.rows[0].cells[3].links[0].url.as_deref(), Some("获取项目ID.md"));

    let t2 = table(&doc, 2);
    assert_eq!(keys(t2), ["quota", "mode", "example"]);
    assert_eq!(t2.rows[0].cells[0].links[0].target_label.as_deref(), Some("table_quota"));
    let link = &t2.rows[0].cells[3].links[0];
    assert_eq!((link.text.as_str(), link.table_number, link.target_label.as_deref()), ("表3", Some(3), Some("table_quota")));
    assert_eq!(
        t2.rows[1].text(3),
        "修改方式，取值：\n\n- **add**：增加。\n- **set**：设置为指定值。\n\n说明：\n\n默认为**set**，参见表3。"
    );
    // plain "参见表3" is a link too
    assert_eq!(t2.rows[1].cells[3].links[0].table_number, Some(3));
    // colspan, and a <pre> with a blank line (the HTML block is cut by it in Markdown)
    let example = &t2.rows[2];
    assert_eq!((example.cells.len(), example.cells[1].col_span), (3, 2));
    assert_eq!(example.text(3), "示例：\n\n```\n{\n  \"a\": 1,\n\n  \"b\": 2\n}\n```");

    // caption with its anchor on the same line
    let t3 = table(&doc, 3);
    assert_eq!((t3.caption.as_str(), t3.label.as_deref()), ("quota字段数据结构说明", Some("table_quota")));
    assert_eq!(keys(t3), ["instances"]);
    assert_eq!(doc.table_by_label("table_quota").map(|t| t.number), Some(Some(3)));

    // the fenced example in a list item, the note after it
    let code: Vec<_> = doc.code_blocks().collect();
    assert_eq!(code.len(), 1);
    assert_eq!(code[0].lang.as_deref(), Some("json"));
    assert!(code[0].text.starts_with("{\n    \"quota\""));
    let note = doc.blocks.iter().find_map(|b| match b {
        Block::Note(n) => Some(n),
        _ => None,
    });
    let note = note.unwrap();
    assert_eq!(note.kind, "note");
    assert_eq!(note.text, "参数“mode”可以省略，取值见表2。");
    assert_eq!(note.links[0].target_label.as_deref(), Some("table_body"));
    // the list item after the note: emphasis dropped
    assert!(doc.blocks.iter().any(|b| matches!(b, Block::List(l) if l.items.iter().any(|i| i.text == "查询结果请参见查询配额。"))));
}

#[test]
fn pipe_tables() {
    let doc = read_fixture("pipe_table.md");
    insta::assert_snapshot!("pipe_table", doc.outline());
    let t1 = table(&doc, 1);
    assert_eq!(t1.caption, "Query parameters");
    assert_eq!(t1.header, ["Name", "Mandatory", "Type", "Description"]);
    assert_eq!(keys(t1), ["limit", "offset"]);
    assert_eq!(t1.rows[0].text(3), "At most `100`. See Table 2.");
    assert_eq!(t1.rows[0].cells[3].links[0].table_number, Some(2));
    assert_eq!(t1.rows[1].text(3), "Start index, default **0**.");
}

#[test]
fn malformed_grid_table_is_an_error() {
    let e = read_page("bad_grid_table.rst", &fixture_text("bad_grid_table.rst")).unwrap_err();
    assert_eq!(e.file, "bad_grid_table.rst");
    assert_eq!(e.line, Some(9));
    assert!(e.message.starts_with("expected a well-formed grid table"), "{e}");
    assert!(e.message.ends_with(", found `| a    | String`"), "{e}");
}

#[test]
fn other_errors_name_page_and_line() {
    let unclosed = "# T\n\ntext\n\n<table><tr><td>a</td></tr>\n";
    let e = read_page("unclosed.md", unclosed).unwrap_err();
    assert_eq!((e.line, e.message.as_str()), (Some(5), "expected `</table>` closing the table opened here, found the end of the page"));
    let no_table = "T\n=\n\n.. table:: **Table 1** x\n\n   just text\n";
    let e = read_page("no_table.rst", no_table).unwrap_err();
    assert_eq!(e.line, Some(6));
    assert!(e.message.ends_with(", found `just text`"), "{e}");
    let unclosed_simple = "T\n=\n\n=== ===\na   b\n";
    assert_eq!(read_page("s.rst", unclosed_simple).unwrap_err().line, Some(4));
    let e: Diagnostic = read_page("empty.txt", " \n\n").unwrap_err();
    assert_eq!(e.to_string(), "empty.txt:1: expected a reference page, found an empty page");
    let e = read_page("bin.txt", "ab\ncd\0").unwrap_err();
    assert_eq!((e.line, e.message.as_str()), (Some(2), "expected text, found a NUL byte (binary data)"));
}

#[test]
fn formats_are_sniffed() {
    assert_eq!(format_for("x.rst", ""), Format::Rst);
    assert_eq!(format_for("x.md", ""), Format::Markdown);
    assert_eq!(format_for("x.txt", &fixture_text("plain_text_table.txt")), Format::Text);
    assert_eq!(format_for("x.txt", &fixture_text("grid_table.rst")), Format::Rst);
    assert_eq!(format_for("x.txt", &fixture_text("simple_table.rst")), Format::Rst);
    assert_eq!(format_for("x.txt", &fixture_text("chinese_html_table.md")), Format::Markdown);
    assert_eq!(sniff("# 标题\n\n```\ncode\n```\n"), Format::Markdown);
}

#[test]
fn output_is_deterministic() {
    for name in
        ["grid_table.rst", "simple_table.rst", "plain_text_table.txt", "plain_text_rendering.txt", "chinese_html_table.md", "pipe_table.md"]
    {
        assert_eq!(read_fixture(name), read_fixture(name), "{name}");
    }
}

// ---- no input makes a reader panic ----

const FIXTURES: [&str; 8] = [
    "grid_table.rst",
    "simple_table.rst",
    "plain_text_table.txt",
    "plain_text_rendering.txt",
    "chinese_html_table.md",
    "pipe_table.md",
    "bad_grid_table.rst",
    "bad_plain_text_table.txt",
];

/// Runs every reader on `text`; errors are fine, panics are not.
fn read_all_ways(s: &str) {
    let _ = rst::read("p.rst", s);
    let _ = markdown::read("p.md", s);
    let _ = text::read("p.txt", s);
    let _ = read_page("p.txt", s);
}

/// Pieces of the syntaxes the readers know, to build hostile inputs from.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("   ".to_string()),
        Just("+---+---+\n".to_string()),
        Just("+===+===+\n".to_string()),
        Just("| a | b |\n".to_string()),
        Just("|".to_string()),
        Just("=== ===\n".to_string()),
        Just(".. table:: **Table 1** x\n".to_string()),
        Just(".. note::\n".to_string()),
        Just(".. code-block::\n".to_string()),
        Just(".. _l:\n".to_string()),
        Just(":ref:`Table 2 <l>`".to_string()),
        Just("``".to_string()),
        Just("**".to_string()),
        Just("*".to_string()),
        Just("\\".to_string()),
        Just("-  ".to_string()),
        Just("#. ".to_string()),
        Just("::\n".to_string()),
        Just("Title\n=====\n".to_string()),
        Just("<table><tr><td>".to_string()),
        Just("</td></tr></table>".to_string()),
        Just("<a name=\"x\"></a>".to_string()),
        Just("<a href=\"#x\">表3</a>".to_string()),
        Just("**表 1**  参数\n".to_string()),
        Just("```\n".to_string()),
        Just(">![](icon-note.gif) **说明：**\n".to_string()),
        Just("Table 1 Caption\n\n".to_string()),
        Just("Name\n\nMandatory\n\nType\n\nDescription\n\n".to_string()),
        Just("Yes\n\n".to_string()),
        Just("String\n\n".to_string()),
        Just("  • ".to_string()),
        Just("{\n".to_string()),
        Just("}\n".to_string()),
        Just("显示名".to_string()),
        "[a-z_]{1,8}".prop_map(|s| s),
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC*") {
        read_all_ways(&s);
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        read_all_ways(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn syntax_soup_never_panics(tokens in proptest::collection::vec(token(), 0..80)) {
        read_all_ways(&tokens.concat());
    }

    #[test]
    fn mutated_fixtures_never_panic(
        which in 0..FIXTURES.len(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0u8..5, token()), 1..8),
    ) {
        let mut lines: Vec<String> = fixture_text(FIXTURES[which]).split('\n').map(str::to_string).collect();
        for (at, op, tok) in edits {
            if lines.is_empty() {
                lines.push(tok.clone());
            }
            let i = at.index(lines.len());
            match op {
                0 => { lines.remove(i); }
                1 => { let l = lines[i].clone(); lines.insert(i, l); }
                2 => lines.insert(i, tok),
                3 => {
                    // cut the line at a character boundary
                    let n = lines[i].chars().count();
                    let keep = at.index(n + 1);
                    lines[i] = lines[i].chars().take(keep).collect();
                }
                _ => lines[i].push_str(&tok),
            }
        }
        read_all_ways(&lines.join("\n"));
    }
}

#[test]
fn deep_nesting_does_not_overflow() {
    let mut deep_rst = String::new();
    for i in 0..3000 {
        deep_rst.push_str(&" ".repeat(i));
        deep_rst.push_str("-  item\n\n");
    }
    assert!(rst::read("deep.rst", &deep_rst).is_ok());
    let quotes = format!("{}text\n", ">".repeat(5000));
    assert!(markdown::read("deep.md", &quotes).is_ok());
    let lists = (0..2000).map(|i| format!("{}- item\n", "  ".repeat(i))).collect::<String>();
    assert!(markdown::read("lists.md", &lists).is_ok());
    let divs = format!("<table><tr><td>{}x{}</td></tr></table>\n", "<div>".repeat(3000), "</div>".repeat(3000));
    assert!(markdown::read("divs.md", &divs).is_ok());
}

#[test]
fn large_hostile_inputs_stay_fast() {
    // each about 200 KB; quadratic work on any of them would take far longer than the limit
    let inputs = [
        ("stars.rst", "** ".repeat(70_000)),
        ("backquotes.rst", "` ``x ".repeat(35_000)),
        ("refs.rst", ":ref:`Table 1 <a>` Table 2 ".repeat(8_000)),
        ("bullets.rst", "-  a\n".repeat(40_000)),
        ("grid.rst", format!("+{}+\n", "-+".repeat(5_000)).repeat(20)),
        ("tables.md", "<table><tr><td>x</td></tr></table>\n\n".repeat(6_000)),
        ("links.md", "[表1](#a) 表2 ".repeat(20_000)),
        ("quotes.md", "> a\n".repeat(50_000)),
        ("cells.txt", format!("Table 1 T\n\nName\n\nType\n\nDescription\n\n{}", "x\n\nString\n\nd.\n\n".repeat(12_000))),
        ("json.txt", "{\n".repeat(100_000)),
        // tables captioned by type names, each cell naming some of them (links by name)
        (
            "names.txt",
            (0..2_000)
                .map(|i| {
                    format!("Table {i} Name{i}\n\nName\n\nType\n\nDescription\n\nx\n\nName{} object\n\nName1 Name2 Name{i}.\n\n", i / 2)
                })
                .collect(),
        ),
        ("bare.txt", "Name\n\nType\n\nDescription\n\n".repeat(10_000)),
    ];
    for (name, text) in inputs {
        let started = std::time::Instant::now();
        let _ = read_page(name, &text);
        let elapsed = started.elapsed();
        println!("{name}: {elapsed:?}");
        assert!(elapsed.as_secs_f64() < 5.0, "{name}: {elapsed:?}");
    }
}
