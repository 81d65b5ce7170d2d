//! `src/client/catalog.rs` of the facade: which operation of each service is its job query and
//! which lists instances with their status, from the specs' marks (`operation.job_query`,
//! `operation.instance_query`). The client's `wait_for_job` and `wait_for_instance` look the
//! service up here, so no list of operations is written by hand.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::render;
use crate::model::Model;

/// The catalog's text.
pub fn catalog(model: &Model) -> Result<String, String> {
    let lit = Literal::string;
    let jobs = model.operations.iter().filter_map(|op| {
        let j = op.job_query.as_ref()?;
        let (service, version, id, path, id_param, job) =
            (lit(&op.service), lit(&op.version_module), lit(&op.id), lit(&op.path), lit(&j.id), lit(&j.job));
        Some(quote!(JobQueryMark { service: #service, version: #version, operation: #id, path: #path, id_param: #id_param, job: #job },))
    });
    let instances = model.operations.iter().filter_map(|op| {
        let i = op.instance_query.as_ref()?;
        let (service, version, id, path, id_param, items, status) =
            (lit(&op.service), lit(&op.version_module), lit(&op.id), lit(&op.path), lit(&i.id), lit(&i.items), lit(&i.status));
        let values = i.values.iter().map(|v| lit(v));
        Some(quote!(InstanceQueryMark {
            service: #service, version: #version, operation: #id, path: #path, id_param: #id_param,
            items: #items, status: #status, values: &[#(#values),*],
        },))
    });
    let tokens: TokenStream = quote! {
        //! Which operation of each service is its job query, and which lists instances with their
        //! status: generated from the marks of the specs (`operation.job_query`,
        //! `operation.instance_query`).

        use super::wait::{InstanceQueryMark, JobQueryMark};

        /// The job queries, by service and version.
        pub(crate) const JOB_QUERIES: &[JobQueryMark] = &[#(#jobs)*];

        /// The instance queries, by service and version.
        pub(crate) const INSTANCE_QUERIES: &[InstanceQueryMark] = &[#(#instances)*];
    };
    render("spec/ (the marks job_query and instance_query)", tokens)
}
