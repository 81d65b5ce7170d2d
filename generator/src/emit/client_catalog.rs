//! `src/client/catalog.rs` of the facade: which operation of each service is its job query,
//! which lists instances with their status, and which error codes mean "instance busy", from the
//! specs' marks (`operation.job_query`, `operation.instance_query`, `busy_codes` of
//! `spec/<service>/marks.yaml`). The client's `wait_for_job`, `wait_for_instance` and
//! `send_when_free` look the service up here, so no list of operations or codes is written by
//! hand.

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
    let busy = model.service_marks.iter().filter(|(_, m)| !m.busy_codes.is_empty()).map(|(service, m)| {
        let service = lit(service);
        let codes = m.busy_codes.iter().map(|c| lit(&c.code));
        quote!(BusyCodes { service: #service, codes: &[#(#codes),*] },)
    });
    let tokens: TokenStream = quote! {
        //! Which operation of each service is its job query, which lists instances with their
        //! status, and which error codes say an instance is busy: generated from the marks of the
        //! specs (`operation.job_query`, `operation.instance_query`, `busy_codes` of
        //! `spec/<service>/marks.yaml`).

        use super::wait::{BusyCodes, InstanceQueryMark, JobQueryMark};

        /// The job queries, by service and version.
        pub(crate) const JOB_QUERIES: &[JobQueryMark] = &[#(#jobs)*];

        /// The instance queries, by service and version.
        pub(crate) const INSTANCE_QUERIES: &[InstanceQueryMark] = &[#(#instances)*];

        /// The error codes of each service meaning "the instance is busy", from its error-code
        /// appendix.
        pub(crate) const BUSY_CODES: &[BusyCodes] = &[#(#busy)*];
    };
    render("spec/ (the marks job_query, instance_query and busy_codes)", tokens)
}
