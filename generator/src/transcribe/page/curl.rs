//! Call-example pages: operations from curl commands (method, path, `-d` body) and the JSON
//! blocks after them.

use super::*;

/// Operations from the curl commands of a call-example page: one per method and path, with the
/// `-d` body as request example and the next JSON block as response example.
pub(super) fn from_curls(input: &PageInput<'_>, doc: &Document, curls: &[(usize, Curl)], lints: &mut Vec<Diagnostic>) -> Vec<Transcribed> {
    let mut out: Vec<Transcribed> = Vec::new();
    for (n, (block_idx, curl)) in curls.iter().enumerate() {
        let next_curl_block = curls.get(n + 1).map(|(i, _)| *i).unwrap_or(doc.blocks.len());
        let mut examples = Vec::new();
        let mut comments = BTreeMap::new();
        if let Some(body) = &curl.body {
            match repair(body) {
                Ok(r) => {
                    if !r.repairs.is_empty() {
                        lints.push(lint(
                            input.name,
                            curl.uri.line,
                            LintKind::RepairedExample,
                            format!("example repaired: {}", r.repairs.join(", ")),
                        ));
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
                    if let Some(r) = repaired_example(input.name, c.line, &c.text, lints) {
                        comments.extend(r.comments);
                        examples.push((ExampleKind::Response, r.value));
                    }
                    break;
                }
            }
        }
        let id = path_operation_id(&curl.uri);
        let op_type = crate::idents::camel(&id);
        let library = Library::default();
        let mut b = TypeBuilder::new(doc, input.name, input.service, &library);
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
                path_params: path_params(&curl.uri.path).into_iter().map(Param::new).collect(),
                query_params: Vec::new(),
                headers,
                request,
                response,
                deprecated: None,
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
        out.push(Transcribed { service: input.service.to_owned(), version, spec, from_tables: false, name: None });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_operation_per_curl_with_its_body_and_response() {
        let md = "# 调用示例\n\n```\ncurl -X POST https://rds.example.com/v3/p1/instances -H 'X-Auth-Token: t' -d '{\"name\": \"a\"}'\n```\n\n返回示例如下：\n\n```\n{\"job_id\": \"j\"}\n```\n\n```\ncurl -X GET https://rds.example.com/v3/p1/instances\n```\n";
        let doc = crate::read::read_page("t.md", md).expect("page");
        let input = PageInput { name: "t.md", text: md, service: "rds" };
        let (result, _) = transcribe_page(&input, &doc);
        let PageResult::Operations(ops) = result else { panic!("operations expected") };
        let ids: Vec<(&str, &str, usize)> =
            ops.iter().map(|o| (o.spec.operation.id.as_str(), o.spec.operation.method.as_str(), o.spec.examples.len())).collect();
        assert_eq!(ids, [("create_instance", "POST", 2), ("list_instances", "GET", 0)]);
        assert!(ops.iter().all(|o| !o.from_tables && o.version == "v3"));
    }
}
