//! The operation module's own items: the unit struct implementing `Operation`, its path and query
//! parameter types.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::rust_types::rust_type;
use super::{docs, structs};
use crate::idents::ident;
use crate::model::{names, Kind, OperationModel, ParamModel, Ty};

/// The module docs (`//!`) of an operation module.
pub fn module_doc(op: &OperationModel) -> String {
    let mut doc = format!("{}: {} (success: {}).", docs::sanitize(&op.title), docs::code(&format!("{} {}", op.method, op.path)), op.status);
    if let Some(why) = &op.deprecated {
        doc.push_str(&format!("\n\n**Deprecated.** {}", docs::sanitize(why)));
    }
    if let Some(d) = &op.doc {
        doc.push_str(&format!("\n\n{}", docs::sanitize(d)));
    }
    let body = |t: &Option<String>| t.as_ref().map(|n| format!("[`{n}`]")).unwrap_or_else(|| "none".to_owned());
    doc.push_str(&format!(
        "\n\nOperation: [`{}`]. Request body: {}. Response body: {}.",
        op.type_name,
        body(&op.request),
        body(&op.response)
    ));
    doc.push_str(&format!("\n\nGenerated from `{}`", op.spec_file));
    if let Some(s) = &op.source {
        doc.push_str(&format!(", transcribed from `{s}`"));
    }
    doc.push('.');
    if !op.notes.is_empty() {
        doc.push_str("\n\n# Notes on the reference page\n");
        for n in &op.notes {
            doc.push_str(&format!("\n- {}: {}", docs::code(&n.about), docs::first_paragraph(&docs::sanitize(&n.why))));
        }
    }
    doc
}

/// The operation struct, its `Operation` impl and its parameter types.
pub fn emit_operation(op: &OperationModel) -> TokenStream {
    let name = format_ident!("{}", op.type_name);
    let extra: Vec<&ParamModel> = op.path_params.iter().filter(|p| p.wire != "project_id").collect();
    let mut doc = format!("{}: {}.", docs::sanitize(&op.title), docs::code(&format!("{} {}", op.method, op.path)));
    if let Some(why) = &op.deprecated {
        doc.push_str(&format!("\n\n**Deprecated.** {}", docs::sanitize(why)));
    }
    doc.push_str(&format!("\n\nSucceeds with status {}. See the [module documentation](self).", op.status));
    let doc = docs::outer(&doc);
    let method = format_ident!("{}", {
        let m = op.method.to_ascii_lowercase();
        let mut c = m.chars();
        c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
    });
    let lit = Literal::string;
    let (service, version, id, title, path) = (lit(&op.service), lit(&op.version_module), lit(&op.id), lit(&op.title), lit(&op.path));
    let status = Literal::u16_unsuffixed(op.status);
    let headers = op.headers.iter().map(|h| {
        let (n, r, s) = (lit(&h.name), h.required, h.sensitive);
        quote!(Header { name: #n, required: #r, sensitive: #s })
    });
    let path_params_ty = if extra.is_empty() {
        quote!(NoPathParams)
    } else {
        let n = format_ident!("{}", names::path_params(&op.type_name));
        quote!(#n)
    };
    let query_ty = if op.query_params.is_empty() {
        quote!(NoQuery)
    } else {
        let n = format_ident!("{}", names::query(&op.type_name));
        quote!(#n)
    };
    let has_req = op.request.is_some();
    let has_resp = op.response.is_some();
    let req = op
        .request
        .as_ref()
        .map(|n| {
            let i = format_ident!("{}", n);
            quote!(#i)
        })
        .unwrap_or(quote!(()));
    let resp = op
        .response
        .as_ref()
        .map(|n| {
            let i = format_ident!("{}", n);
            quote!(#i)
        })
        .unwrap_or(quote!(()));

    let paginated = paginated(op);
    let path_struct = if extra.is_empty() { quote!() } else { path_params(op, &extra) };
    let query_struct = if op.query_params.is_empty() { quote!() } else { query(op) };

    quote! {
        #doc
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub struct #name;

        impl Operation for #name {
            const SERVICE: &'static str = #service;
            const VERSION: &'static str = #version;
            const ID: &'static str = #id;
            const TITLE: &'static str = #title;
            const METHOD: Method = Method::#method;
            const PATH: &'static str = #path;
            const SUCCESS_STATUS: u16 = #status;
            const HEADERS: &'static [Header] = &[#(#headers),*];
            const HAS_REQUEST_BODY: bool = #has_req;
            const HAS_RESPONSE_BODY: bool = #has_resp;
            type PathParams = #path_params_ty;
            type Query = #query_ty;
            type Request = #req;
            type Response = #resp;
        }

        #paginated
        #path_struct
        #query_struct
    }
}

/// `impl Paginated` for an operation marked `paging`: the item type, the paging constants, and
/// the items and total of a response (the resolver made sure the fields exist).
fn paginated(op: &OperationModel) -> TokenStream {
    let Some(p) = &op.paging else { return quote!() };
    let fields = match op.response.as_deref().and_then(|r| op.get(r)).map(|t| &t.kind) {
        Some(Kind::Struct(fields)) => fields,
        _ => return quote!(),
    };
    let Some(items) = fields.iter().find(|f| f.wire == p.items) else { return quote!() };
    let Ty::Array(item) = &items.ty else { return quote!() };
    let name = format_ident!("{}", op.type_name);
    let item_ty = rust_type(item);
    let items_id = ident(&items.rust);
    let items_expr = if items.required { quote!(response.#items_id) } else { quote!(response.#items_id.unwrap_or_default()) };
    let total_field = p.total.as_ref().and_then(|t| fields.iter().find(|f| &f.wire == t));
    let total_expr = match total_field {
        Some(f) => {
            let id = ident(&f.rust);
            match (f.ty == Ty::Long, f.required) {
                (true, true) => quote!(Some(response.#id)),
                (true, false) => quote!(response.#id),
                (false, true) => quote!(Some(i64::from(response.#id))),
                (false, false) => quote!(response.#id.map(i64::from)),
            }
        }
        None => quote!(None),
    };
    let style = match p.style {
        crate::spec::PageStyle::Offset => quote!(PageStyle::Offset),
        crate::spec::PageStyle::Page => quote!(PageStyle::Page),
    };
    let (offset, limit, items_wire) = (Literal::string(&p.offset), Literal::string(&p.limit), Literal::string(&p.items));
    let max_limit = match p.max_limit {
        Some(n) => {
            let n = Literal::u32_unsuffixed(n);
            quote!(Some(#n))
        }
        None => quote!(None),
    };
    let total = match &p.total {
        Some(t) => {
            let t = Literal::string(t);
            quote!(Some(#t))
        }
        None => quote!(None),
    };
    quote! {
        impl Paginated for #name {
            type Item = #item_ty;
            const PAGING: Paging = Paging {
                style: #style,
                offset: #offset,
                limit: #limit,
                max_limit: #max_limit,
                items: #items_wire,
                total: #total,
            };

            fn into_page(response: Self::Response) -> Page<Self::Item> {
                Page { items: #items_expr, total: #total_expr }
            }
        }
    }
}

fn param_doc(p: &ParamModel) -> String {
    let mut d = p.doc.as_deref().map(docs::sanitize).unwrap_or_else(|| format!("The `{}` parameter.", p.wire));
    let mut facts = vec![if p.required { "**Required.**".to_owned() } else { "*Optional.*".to_owned() }];
    facts.push(format!("Type: `{}`.", p.ty.spec_name()));
    facts.extend(docs::constraint_facts(&p.constraints));
    if !p.constraints.is_empty() || p.ty.has_named() {
        facts.push("Checked by `validate()`.".to_owned());
    }
    if let Some(def) = &p.default {
        facts.push(format!("Default: {}.", docs::code(def)));
    }
    facts.push(format!("Wire name: {}.", docs::code(&p.wire)));
    d.push_str("\n\n");
    d.push_str(&facts.join(" "));
    d
}

fn path_params(op: &OperationModel, params: &[&ParamModel]) -> TokenStream {
    let name = format_ident!("{}", names::path_params(&op.type_name));
    let doc = docs::outer(&format!(
        "The path parameters of [`{}`] (`project_id` is not one: the client supplies it). Values are percent-encoded into the path; [`Validate::validate`] checks the documented constraints.",
        op.type_name
    ));
    let fields = params.iter().map(|p| {
        let d = docs::outer(&param_doc(p));
        let id = ident(&p.rust);
        quote!(#d pub #id: String,)
    });
    let args = params.iter().map(|p| {
        let id = ident(&p.rust);
        quote!(#id: impl Into<String>)
    });
    let inits = params.iter().map(|p| {
        let id = ident(&p.rust);
        quote!(#id: #id.into(),)
    });
    let arms = params.iter().map(|p| {
        let id = ident(&p.rust);
        let w = Literal::string(&p.wire);
        quote!(#w => Some(&self.#id),)
    });
    let allow = if params.len() > 7 { quote!(#[allow(clippy::too_many_arguments)]) } else { quote!() };
    let validate = validate_params(&name, params, false);
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            /// The path parameters, in path order.
            #allow
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits)* }
            }
        }

        impl PathParameters for #name {
            fn get(&self, name: &str) -> Option<&str> {
                match name {
                    #(#arms)*
                    _ => None,
                }
            }
        }

        #validate
    }
}

/// `Validate` of a parameter type: required query parameters, and each parameter's documented
/// constraints and closed set (the page's prose, as for body fields).
fn validate_params(name: &proc_macro2::Ident, params: &[&ParamModel], query: bool) -> TokenStream {
    let type_name = Literal::string(&name.to_string());
    let lines: Vec<TokenStream> = params
        .iter()
        .map(|p| {
            let id = ident(&p.rust);
            let wire = Literal::string(&p.wire);
            // Path values are text whatever their documented type (the path is text).
            let ty = if query { p.ty.clone() } else { Ty::String };
            let mut checks = structs::constraint_lines(&wire, &ty, &p.constraints, quote!(value), true);
            if query && p.ty.has_named() {
                checks.push(quote!(problems.nested(at, #wire, value);));
            }
            let required = if query && p.required { quote!(problems.required(at, #wire, self.#id.as_ref());) } else { quote!() };
            match (query, checks.is_empty()) {
                (_, true) => required,
                (true, false) => quote! {
                    #required
                    if let Some(value) = &self.#id {
                        #(#checks)*
                    }
                },
                (false, false) => quote! {
                    let value = &self.#id;
                    #(#checks)*
                },
            }
        })
        .filter(|t| !t.is_empty())
        .collect();
    let body = if lines.is_empty() { quote!(let _ = (at, problems);) } else { quote!(#(#lines)*) };
    quote! {
        impl Validate for #name {
            const TYPE_NAME: &'static str = #type_name;
            fn validate_at(&self, at: &str, problems: &mut Problems) {
                #body
            }
        }
    }
}

fn query(op: &OperationModel) -> TokenStream {
    let name = format_ident!("{}", names::query(&op.type_name));
    let doc = docs::outer(&format!("The query parameters of [`{}`]; those set are sent, in this order. [`Validate::validate`] checks the required ones and the documented constraints and values.", op.type_name));
    let fields = op.query_params.iter().map(|p| {
        let d = docs::outer(&param_doc(p));
        let id = ident(&p.rust);
        let ty = rust_type(&p.ty);
        quote!(#d pub #id: Option<#ty>,)
    });
    let setters = op.query_params.iter().map(|p| super::structs::plain_setter(&format!("Sets {}.", docs::code(&p.wire)), &p.rust, &p.ty));
    let pushes = op.query_params.iter().map(|p| {
        let id = ident(&p.rust);
        let w = Literal::string(&p.wire);
        if matches!(p.ty, Ty::Array(_)) {
            quote! {
                for item in self.#id.iter().flatten() {
                    pairs.push((#w, item.to_string()));
                }
            }
        } else {
            quote! {
                if let Some(value) = &self.#id {
                    pairs.push((#w, value.to_string()));
                }
            }
        }
    });
    let params: Vec<&ParamModel> = op.query_params.iter().collect();
    let validate = validate_params(&name, &params, true);
    quote! {
        #doc
        #[derive(Clone, Debug, Default, PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            #(#setters)*
        }

        #validate

        impl QueryParameters for #name {
            fn pairs(&self) -> Vec<(&'static str, String)> {
                let mut pairs = Vec::new();
                #(#pushes)*
                pairs
            }
        }
    }
}
