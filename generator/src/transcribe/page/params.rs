//! Parameters: header tables, parameter rows with their columns resolved (Name, Mandatory,
//! Type, Description in any order), and the default headers of an operation.

use super::*;

/// `X-Auth-Token` for every operation but the one that issues tokens; `X-Language` where the
/// page names it.
pub(super) fn add_default_headers(headers: &mut Vec<HeaderParam>, uri: &Uri, text: &str) {
    let issues_tokens = uri.path.ends_with("/auth/tokens") && uri.method == "POST";
    if !issues_tokens && !headers.iter().any(|h| h.name.eq_ignore_ascii_case("X-Auth-Token")) {
        headers.insert(
            0,
            HeaderParam {
                name: "X-Auth-Token".to_owned(),
                required: true,
                sensitive: true,
                doc: Some("User token obtained from IAM.".to_owned()),
            },
        );
    }
    if text.contains("X-Language") && !headers.iter().any(|h| h.name.eq_ignore_ascii_case("X-Language")) {
        headers.push(HeaderParam {
            name: "X-Language".to_owned(),
            required: false,
            sensitive: false,
            doc: Some("Request language type, such as `en-us`.".to_owned()),
        });
    }
    for h in headers.iter_mut() {
        if h.name.eq_ignore_ascii_case("X-Auth-Token") || h.name.eq_ignore_ascii_case("X-Subject-Token") {
            h.sensitive = true;
        }
    }
}

pub(super) fn is_header_table(t: &Table) -> bool {
    let c = t.caption.to_lowercase();
    c.contains("header")
        || c.contains("消息头")
        || t.rows.first().is_some_and(|r| r.text(0).trim() == "X-Auth-Token" || r.text(0).trim() == "Content-Type")
}

pub(super) fn header_params(t: &Table) -> Vec<HeaderParam> {
    param_rows(t)
        .into_iter()
        .filter(|r| !r.name.eq_ignore_ascii_case("Content-Type"))
        .map(|r| HeaderParam { name: r.name.clone(), required: r.required, sensitive: false, doc: non_empty(&r.desc) })
        .collect()
}

/// A parameter row, columns resolved.
#[derive(Clone, Debug)]
pub(super) struct ParamRow {
    pub(super) name: String,
    pub(super) required: bool,
    /// `None` when the table has no Type column.
    pub(super) type_word: Option<TypeWord>,
    pub(super) desc: String,
    /// Table links of the Type and Description cells.
    pub(super) links: Vec<Link>,
    /// The Type cell as written (`Array of MysqlFlavorsInfo objects`), "" without one.
    pub(super) type_text: String,
    pub(super) line: usize,
}

pub(super) fn param_rows(t: &Table) -> Vec<ParamRow> {
    let name_col =
        t.column(&["Name", "Parameter", "Parameter Name", "Field", "Attribute", "名称", "参数", "参数名称", "字段"]).unwrap_or(0);
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
        out.push(ParamRow { name, required, type_word, desc, links, type_text, line: row.line });
    }
    out
}

/// A wire name from a Name cell: markup off, first token.
pub(super) fn clean_name(raw: &str) -> String {
    let first = raw.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    let first = first.replace("**", "").replace(['`', '\\'], "");
    let token = first.split_whitespace().next().unwrap_or("").trim_matches(|c: char| matches!(c, ',' | '.' | ':' | '：' | '*'));
    if token.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '@' | '$' | '[' | ']')) {
        token.to_owned()
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(md: &str) -> Table {
        let doc = crate::read::read_page("t.md", md).expect("page");
        doc.blocks.into_iter().find_map(|b| if let Block::Table(t) = b { Some(t) } else { None }).expect("a table")
    }

    #[test]
    fn columns_in_any_order() {
        let t = table("| Parameter | Type | Mandatory | Description |\n| --- | --- | --- | --- |\n| `name` | String | Yes | The name. |\n| size | Integer | No | The size. |\n");
        let rows = param_rows(&t);
        let got: Vec<(&str, bool, Option<TypeWord>)> = rows.iter().map(|r| (r.name.as_str(), r.required, r.type_word.clone())).collect();
        assert_eq!(got, [("name", true, Some(TypeWord::Scalar("string"))), ("size", false, Some(TypeWord::Scalar("integer")))]);
    }

    #[test]
    fn names_and_headers() {
        assert_eq!(clean_name("**flavor_ref**"), "flavor_ref");
        assert_eq!(clean_name("`name` (deprecated)"), "name");
        let t = table(
            "| Name | Mandatory | Description |\n| --- | --- | --- |\n| X-Auth-Token | Yes | Token. |\n| Content-Type | Yes | Type. |\n",
        );
        assert!(is_header_table(&t));
        let h = header_params(&t);
        assert_eq!(h.iter().map(|h| h.name.as_str()).collect::<Vec<_>>(), ["X-Auth-Token"]);
        let mut headers = Vec::new();
        let uri = Uri { method: "POST".into(), path: "/v3/auth/tokens".into(), query: Vec::new(), line: 1 };
        add_default_headers(&mut headers, &uri, "");
        assert!(headers.is_empty(), "the token-issuing operation needs no token");
        let uri = Uri { method: "GET".into(), path: "/v3/x".into(), query: Vec::new(), line: 1 };
        add_default_headers(&mut headers, &uri, "X-Language");
        assert_eq!(
            headers.iter().map(|h| (h.name.as_str(), h.sensitive)).collect::<Vec<_>>(),
            [("X-Auth-Token", true), ("X-Language", false)]
        );
    }
}
