//! The client's marks of an operation, read from what its page documents: whether it lists page
//! by page (`operation.paging`), is its service's job query (`operation.job_query`), or lists
//! instances with their status (`operation.instance_query`). A mark the page does not support
//! clearly is left out; a hand fix may add, change or remove one (`spec/README.md`).

use std::sync::OnceLock;

use regex::Regex;

use crate::spec::{Field, InstanceQuery, JobQuery, PageStyle, Paging, Spec};

/// The response fields that hold the total number of items, in order of preference.
const TOTAL_FIELDS: [&str; 4] = ["total_count", "total_record", "count", "total"];

/// Sets the marks `spec`'s tables support (and clears none: a fix may have set others later).
pub fn mark(spec: &mut Spec) {
    if !spec.operation.method.eq_ignore_ascii_case("GET") {
        return;
    }
    spec.operation.paging = paging(spec);
    spec.operation.job_query = job_query(spec);
    spec.operation.instance_query = instance_query(spec);
}

/// The fields of the response body, when it is a struct.
fn response_fields(spec: &Spec) -> &[Field] {
    spec.operation.response.as_ref().and_then(|r| spec.types.get(r)).and_then(|t| t.fields.as_deref()).unwrap_or(&[])
}

/// The fields of a struct type, when `ty` names one.
fn fields_of<'a>(spec: &'a Spec, ty: &str) -> &'a [Field] {
    spec.types.get(ty).and_then(|t| t.fields.as_deref()).unwrap_or(&[])
}

/// The element type of `array<T>`.
fn element(ty: &str) -> Option<String> {
    ty.parse::<crate::spec::TypeExpr>().ok()?.element().map(ToString::to_string)
}

fn query_param<'a>(spec: &'a Spec, name: &str) -> Option<&'a crate::spec::Param> {
    spec.operation.query_params.iter().find(|p| p.name == name)
}

/// `offset` + `limit` query parameters and exactly one list in the response.
fn paging(spec: &Spec) -> Option<Paging> {
    let offset = query_param(spec, "offset")?;
    let limit = query_param(spec, "limit")?;
    let fields = response_fields(spec);
    let mut lists = fields.iter().filter(|f| element(&f.ty).is_some());
    let items = lists.next()?;
    if lists.next().is_some() {
        return None; // two lists: which one pages is for a hand fix to say
    }
    let total = TOTAL_FIELDS
        .iter()
        .find_map(|name| fields.iter().find(|f| f.json == *name && matches!(f.ty.as_str(), "integer" | "long")))
        .map(|f| f.json.clone());
    let offset_doc = offset.doc.as_deref().unwrap_or("").to_lowercase();
    let style = if offset_doc.contains("page offset") || offset_doc.contains("page number") { PageStyle::Page } else { PageStyle::Offset };
    Some(Paging {
        style,
        offset: offset.name.clone(),
        limit: limit.name.clone(),
        max_limit: max_limit(limit.doc.as_deref().unwrap_or("")),
        items: items.json.clone(),
        total,
    })
}

/// The largest page size a `limit` description states: "the maximum value is **100**",
/// "ranges from 1 to 100", "1 (inclusive) to 100 (inclusive)", "[1, 50]", "1-100".
pub fn max_limit(doc: &str) -> Option<u32> {
    static PATTERNS: OnceLock<Vec<Regex>> = OnceLock::new();
    let patterns = PATTERNS.get_or_init(|| {
        [
            r"(?i)maximum value is \**(\d+)\**",
            r"(?i)Maximum value: \**(\d+)\**",
            r"(?i)(?:range is|ranges?) (?:is )?from \**[01]\**(?: \(inclusive\))? to \**(\d+)\**",
            r"\[[01], ?(\d+)\]",
            r"(?m)(?:^|range: )\**1\**-\**(\d+)\**\s*$",
        ]
        .iter()
        .map(|p| Regex::new(p).expect("the limit patterns are valid"))
        .collect()
    });
    patterns.iter().find_map(|re| re.captures(doc)?.get(1)?.as_str().parse().ok()).filter(|n| *n > 0)
}

/// `GET …/jobs?id=…` answering a `job` (or a `jobs` list) with a `status`.
fn job_query(spec: &Spec) -> Option<JobQuery> {
    if !spec.operation.path.trim_end_matches('/').ends_with("/jobs") {
        return None;
    }
    let id = query_param(spec, "id")?;
    let job = response_fields(spec).iter().find(|f| f.json == "job" || f.json == "jobs")?;
    let ty = element(&job.ty).unwrap_or_else(|| job.ty.clone());
    fields_of(spec, &ty).iter().find(|f| f.json == "status")?;
    Some(JobQuery { id: id.name.clone(), job: job.json.clone() })
}

/// `GET …/instances?id=…` answering a list of `instances`, each with an `id` and a `status`.
fn instance_query(spec: &Spec) -> Option<InstanceQuery> {
    if !spec.operation.path.trim_end_matches('/').ends_with("/instances") {
        return None;
    }
    let id = query_param(spec, "id")?;
    let items = response_fields(spec).iter().find(|f| f.json == "instances")?;
    let fields = fields_of(spec, &element(&items.ty)?);
    fields.iter().find(|f| f.json == "id")?;
    let status = fields.iter().find(|f| f.json == "status")?;
    Some(InstanceQuery { id: id.name.clone(), items: items.json.clone(), status: status.json.clone(), values: status_values(spec, status) })
}

/// The documented status values: the enum's values, or the bold values of the description.
fn status_values(spec: &Spec, status: &Field) -> Vec<String> {
    if let Some(values) = spec.types.get(&status.ty).and_then(|t| t.values.as_ref()) {
        return values.iter().map(|v| v.value.clone()).collect();
    }
    static BOLD: OnceLock<Regex> = OnceLock::new();
    let bold = BOLD.get_or_init(|| Regex::new(r"\*\*([^*]+)\*\*").expect("the bold pattern is valid"));
    let mut values: Vec<String> = Vec::new();
    for c in bold.captures_iter(status.doc.as_deref().unwrap_or("")) {
        let v = c[1].trim().to_owned();
        if !v.is_empty() && !values.contains(&v) {
            values.push(v);
        }
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(yaml: &str) -> Spec {
        crate::spec::yaml::parse_spec(yaml).expect("test spec parses")
    }

    const LIST: &str = r#"
operation:
  id: query_instances
  title: Querying DB Instances
  method: GET
  path: /v3/{project_id}/instances
  path_params: [{name: project_id}]
  query_params:
  - {name: id, type: string}
  - {name: offset, type: integer, doc: "If **offset** is set to N, the query starts from the N+1 piece of data."}
  - {name: limit, type: integer, doc: "The minimum value is **1** and the maximum value is **100**."}
  response: R
types:
  R:
    fields:
    - {json: instances, type: "array<I>"}
    - {json: total_count, type: integer}
  I:
    fields:
    - {json: id, type: string}
    - {json: status, type: string, doc: "If the value is **BUILD**, ... If the value is **ACTIVE**, the instance is normal."}
"#;

    #[test]
    fn marks_a_list_of_instances() {
        let mut s = spec(LIST);
        mark(&mut s);
        let p = s.operation.paging.clone().expect("pages");
        assert_eq!((p.style, p.offset.as_str(), p.limit.as_str()), (PageStyle::Offset, "offset", "limit"));
        assert_eq!((p.max_limit, p.items.as_str(), p.total.as_deref()), (Some(100), "instances", Some("total_count")));
        let i = s.operation.instance_query.clone().expect("instance query");
        assert_eq!(i.values, ["BUILD", "ACTIVE"]);
        assert_eq!(s.operation.job_query, None);
    }

    #[test]
    fn no_marks_where_the_page_is_unclear() {
        // Two lists: which one pages is not for the transcriber to guess.
        let mut s = spec(&LIST.replace(
            "    - {json: total_count, type: integer}",
            "    - {json: total_count, type: integer}\n    - {json: actions, type: \"array<string>\"}",
        ));
        mark(&mut s);
        assert_eq!(s.operation.paging, None);
        // A POST never pages.
        let mut s = spec(&LIST.replace("method: GET", "method: POST"));
        mark(&mut s);
        assert_eq!((s.operation.paging, s.operation.instance_query), (None, None));
    }

    #[test]
    fn marks_a_job_query() {
        let yaml = r#"
operation:
  id: obtain_task
  title: Obtaining Task Information
  method: GET
  path: /v3/{project_id}/jobs
  path_params: [{name: project_id}]
  query_params: [{name: id, type: string, required: true}]
  response: R
types:
  R: {fields: [{json: job, type: Job}]}
  Job: {fields: [{json: id, type: string}, {json: status, type: string}]}
"#;
        let mut s = spec(yaml);
        mark(&mut s);
        assert_eq!(s.operation.job_query, Some(JobQuery { id: "id".into(), job: "job".into() }));
    }

    #[test]
    fn reads_the_page_size_limits() {
        assert_eq!(max_limit("The value ranges from 1 to 100."), Some(100));
        assert_eq!(max_limit("Value range: [1, 50]"), Some(50));
        assert_eq!(max_limit("The value ranges from 1 (inclusive) to 100 (inclusive)."), Some(100));
        assert_eq!(max_limit("**Range**:\n\n1-100\n\n**Default Value**"), Some(100));
        assert_eq!(max_limit("Minimum value: **1**\n\nMaximum value: **100**"), Some(100));
        assert_eq!(max_limit("The value can be **10**, **20**, or **50**."), None);
        assert_eq!(max_limit("Number of returned results. Default value: **10**"), None);
    }
}

#[cfg(test)]
mod fix_tests {
    use super::*;
    use crate::transcribe::fix;

    const SPEC: &str = r#"
operation:
  id: query_tasks
  title: Querying Tasks
  method: GET
  path: /v3/{project_id}/tasklist
  path_params: [{name: project_id}]
  query_params: [{name: offset, type: integer}, {name: limit, type: integer}]
  response: R
types:
  R: {fields: [{json: actions, type: "array<string>"}, {json: tasks, type: "array<string>"}]}
"#;

    #[test]
    fn a_fix_sets_and_removes_marks() {
        let mut s = crate::spec::yaml::parse_spec(SPEC).expect("parses");
        mark(&mut s);
        assert_eq!(s.operation.paging, None, "two lists: no guess");
        let text = "operation:\n  why: tasks pages\n  paging: {style: offset, offset: offset, limit: limit, max_limit: 50, items: tasks}\n";
        fix::apply(&mut s, &fix::parse(text).expect("fix parses"), text).expect("applies");
        let p = s.operation.paging.clone().expect("marked by the fix");
        assert_eq!((p.items.as_str(), p.max_limit, p.total), ("tasks", Some(50), None));
        let text = "operation:\n  why: not a list after all\n  unmark: [paging]\n";
        fix::apply(&mut s, &fix::parse(text).expect("fix parses"), text).expect("applies");
        assert_eq!(s.operation.paging, None);
        // Removing a mark that is not set, or an unknown one, is an error with its line.
        let text = "operation:\n  why: x\n  unmark: [paging, pages]\n";
        let errors = fix::apply(&mut s, &fix::parse(text).expect("fix parses"), text).expect_err("two errors");
        assert_eq!(errors.len(), 2);
        assert!(errors[0].message.contains("does not set") && errors[1].message.contains("found `pages`"), "{errors:?}");
        assert_eq!(errors[1].line, Some(3));
    }
}
