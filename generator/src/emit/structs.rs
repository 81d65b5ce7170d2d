//! Struct types: the struct, its validation and its builder.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote, ToTokens};

use super::rust_types::{field_type, rust_type, value_type};
use super::splice::Filler;
use super::{docs, splice};
use crate::idents::ident;
use crate::model::{names, FieldModel, OperationModel, Ty, TypeModel};
use crate::spec::Constraints;

/// Everything of one struct type: definition, `builder()`, `Validate` (request types), builder.
pub fn emit_struct(op: &OperationModel, t: &TypeModel, fields: &[FieldModel], is_alternative: bool) -> StructCode {
    let name = format_ident!("{}", t.name);
    let builder = format_ident!("{}", names::builder(&t.name));
    let validated = t.in_request;

    // The struct.
    let mut type_doc = t.doc.as_deref().map(docs::sanitize).unwrap_or_else(|| format!("The `{}` object.", t.name));
    if let Some(table) = &t.table {
        type_doc.push_str(&format!("\n\nSource: {} of the reference page.", docs::sanitize(table)));
    }
    let all_optional = fields.iter().all(|f| !f.required);
    if validated {
        type_doc.push_str(&format!(
            "\n\nBuild one with [`{n}::builder`]; `build()` and [`Validate::validate`] check the documented constraints.",
            n = t.name
        ));
    } else if all_optional {
        // Response types have no builder (policy: builders are for what users send); tests and
        // mocks start from `Default` and set fields.
        type_doc.push_str("\n\nA response type: deserialized from what the server sends. For tests and mocks, start from `Default::default()` and set the fields.");
    } else {
        type_doc.push_str("\n\nA response type: deserialized from what the server sends.");
    }
    let type_doc = docs::outer(&type_doc);
    let default = if all_optional { quote!(Default,) } else { quote!() };
    let struct_fields = fields.iter().map(|f| {
        let doc = match &f.doc {
            Some(d) => format!("{}\n\n{}", docs::sanitize(d), docs::facts(f, validated)),
            None => docs::facts(f, validated),
        };
        let doc = docs::outer(&doc);
        let id = ident(&f.rust);
        let ty = field_type(f);
        quote! { #doc pub #id: #ty, }
    });
    let keeps_other = t.in_response;
    let other_field = if keeps_other {
        quote! {
            /// The fields received that the page does not document (name → JSON value), written
            /// back after the documented ones when this value is serialized. See [`wire::OtherFields`].
            pub other: wire::OtherFields,
        }
    } else {
        quote!()
    };

    let shape_impl = if is_alternative {
        let wires = fields.iter().map(|f| Literal::string(&f.wire));
        let required = fields.iter().filter(|f| f.required).map(|f| Literal::string(&f.wire));
        quote! {
            impl crate::runtime::one_of::Shape for #name {
                const FIELDS: &'static [&'static str] = &[#(#wires),*];
                const REQUIRED: &'static [&'static str] = &[#(#required),*];
            }
        }
    } else {
        quote!()
    };

    let definition = quote! {
        #type_doc
        #[derive(Clone, Debug, #default PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#struct_fields)*
            #other_field
        }
    };
    let serde = serde_impls(t, fields);
    if !validated {
        return StructCode { definition, serde, support: shape_impl };
    }

    // Request types only from here: the problem recorder, `Validate` and the builder.
    // The problem recorder shared by `validate` and `build`: one `Option<&T>` parameter per checked field.
    let checked: Vec<&FieldModel> = fields.iter().filter(|f| f.required || has_rules(f)).collect();
    let records = !checked.is_empty();
    let record_fn = if records { record_fn(&checked) } else { quote!() };
    let struct_args = checked.iter().map(|f| {
        let id = ident(&f.rust);
        if f.required {
            quote!(Some(&self.#id))
        } else {
            quote!(self.#id.as_ref())
        }
    });
    let builder_args = || {
        checked
            .iter()
            .map(|f| {
                let id = ident(&f.rust);
                quote!(self.#id.as_ref())
            })
            .collect::<Vec<_>>()
    };
    let type_name_lit = Literal::string(&t.name);
    let validate_body =
        if records { quote!(Self::record_problems(problems, at, #(#struct_args),*);) } else { quote!(let _ = (at, problems);) };
    let validate_impl = quote! {
        impl Validate for #name {
            const TYPE_NAME: &'static str = #type_name_lit;
            fn validate_at(&self, at: &str, problems: &mut Problems) {
                #validate_body
            }
        }
    };

    // The builder.
    let builder_fields = holder_fields(fields, keeps_other);
    let setters = fields.iter().map(|f| setter(t, f));
    let required: Vec<&FieldModel> = fields.iter().filter(|f| f.required).collect();
    let other_init = if keeps_other { quote!(other: self.other,) } else { quote!() };
    let inits = fields.iter().map(|f| {
        let id = ident(&f.rust);
        quote!(#id: self.#id,)
    });
    let build_body = |builder_args: Vec<TokenStream>| {
        if required.is_empty() {
            let value = quote!(#name { #(#inits)* #other_init });
            if records {
                quote! {
                    let mut problems = Problems::default();
                    #name::record_problems(&mut problems, "", #(#builder_args),*);
                    problems.build(#type_name_lit, Some(#value))
                }
            } else {
                quote!(Ok(#value))
            }
        } else {
            quote! {
                let mut problems = Problems::default();
                #name::record_problems(&mut problems, "", #(#builder_args),*);
                problems.build(#type_name_lit, self.assemble())
            }
        }
    };
    let assemble = assemble_fn(t, fields);
    let builder_doc = docs::outer(&format!(
        "Builder of [`{n}`]: set fields with the methods named after them, then call [`{b}::build`].",
        n = t.name,
        b = names::builder(&t.name)
    ));
    let build_doc = format!(
        "The [`{n}`], or a [`BuildError`] that lists every missing required field and every broken constraint at once.",
        n = t.name
    );
    let build_tokens = || {
        let doc = docs::outer(&build_doc);
        let body = build_body(builder_args());
        quote! {
            #doc
            pub fn build(self) -> Result<#name, BuildError> {
                #body
            }
        }
    };
    // With required fields (then `records`): built as a syntax tree, the arguments filled templates.
    let build_item = || {
        let ty = syn::parse2::<syn::Type>(name.to_token_stream()).ok()?;
        // `__field` is the type's name in `__field::record_problems` (see `build_template`).
        let filler = Filler { field: Some(&name), ty: Some(&ty), wire: Some(&t.name) };
        let mut item: syn::ImplItemFn = splice::filled("build", build_template, filler)?;
        let syn::Stmt::Expr(syn::Expr::Call(call), _) = item.block.stmts.get_mut(1)? else { return None };
        for f in &checked {
            let id = ident(&f.rust);
            call.args.push(splice::filled(
                "self.__field.as_ref()",
                || quote!(self.__field.as_ref()),
                Filler { field: Some(&id), ty: None, wire: None },
            )?);
        }
        item.attrs.splice(0..0, docs::outer_attributes(&build_doc));
        Some(syn::ImplItem::Fn(item))
    };
    let build_fn = if required.is_empty() { build_tokens() } else { splice::built_impl_item(build_item, build_tokens) };
    let builder_doc_fn = docs::outer(&format!("A builder for [`{}`], with no field set.", t.name));
    let _ = op;

    let support = quote! {
        impl #name {
            #builder_doc_fn
            pub fn builder() -> #builder {
                #builder::default()
            }

            #record_fn
        }

        #validate_impl

        #shape_impl

        #builder_doc
        #[derive(Clone, Debug, Default)]
        pub struct #builder {
            #(#builder_fields)*
        }

        impl #builder {
            #(#setters)*

            #build_fn

            #assemble
        }
    };
    StructCode { definition, serde, support }
}

/// The fields of a holder (a builder or a private slots struct): one `Option` per field, so that
/// `wire::Slots` and `assemble` work the same on both.
/// A holder of a response type also keeps the fields the type does not know (`other`).
fn holder_fields(fields: &[FieldModel], keeps_other: bool) -> impl Iterator<Item = TokenStream> + '_ {
    let other = keeps_other.then(|| quote!(other: wire::OtherFields,));
    fields
        .iter()
        .map(|f| {
            let id = ident(&f.rust);
            let v = value_type(f);
            quote!(#id: Option<#v>,)
        })
        .chain(other)
}

/// `assemble` of a holder of `Option` fields (a builder or a private slots struct): the struct,
/// or `None` while a required field is unset. Shared by `build()` and `Deserialize`; empty when
/// no field is required (the struct is then made directly). One `match` on the required fields,
/// not a `?` per field: each early return would drop every field not yet moved.
fn assemble_fn(t: &TypeModel, fields: &[FieldModel]) -> TokenStream {
    let name = format_ident!("{}", t.name);
    let required: Vec<&FieldModel> = fields.iter().filter(|f| f.required).collect();
    let other = t.in_response.then(|| quote!(other: self.other,));
    let inits = fields
        .iter()
        .map(|f| {
            let id = ident(&f.rust);
            match (f.required, required.len()) {
                (true, 1) => quote!(#id: self.#id?,),
                (true, _) => quote!(#id,),
                (false, _) => quote!(#id: self.#id,),
            }
        })
        .chain(other);
    let body = match required.len() {
        0 => return quote!(),
        1 => quote!(Some(#name { #(#inits)* })),
        _ => {
            let scrutinee = required.iter().map(|f| {
                let id = ident(&f.rust);
                quote!(self.#id)
            });
            let pats = required.iter().map(|f| {
                let id = ident(&f.rust);
                quote!(Some(#id))
            });
            quote! {
                match (#(#scrutinee),*) {
                    (#(#pats),*) => Some(#name { #(#inits)* }),
                    _ => None,
                }
            }
        }
    };
    let doc = docs::outer(&format!("The [`{}`], once every required field is set.", t.name));
    quote! {
        #doc
        fn assemble(self) -> Option<#name> {
            #body
        }
    }
}

/// A struct's code in two parts, so that their sizes can be measured apart.
pub struct StructCode {
    /// The struct itself, with its docs and derives.
    pub definition: TokenStream,
    /// Its `Serialize` and `Deserialize` impls (see the runtime's `wire` module).
    pub serde: TokenStream,
    /// `builder()`, the checks, `Validate`, `Shape`, the builder type and its setters.
    pub support: TokenStream,
}

/// Whether a field has rules beyond being required (request types only).
fn has_rules(f: &FieldModel) -> bool {
    !f.constraints.is_empty() || f.ty.has_named()
}

/// `record_problems`: the problem recorder shared by `validate` and `build`, one `Option<&T>`
/// parameter per field of `checked`. Built as a syntax tree ([`splice::built_impl_item`]).
fn record_fn(checked: &[&FieldModel]) -> TokenStream {
    let many = checked.len() > 5;
    let tokens = || {
        let params = checked.iter().map(|f| {
            let id = ident(&f.rust);
            let v = value_type(f);
            quote!(#id: Option<&#v>)
        });
        let body = checked.iter().map(|f| record_lines(f));
        let allow = if many { quote!(#[allow(clippy::too_many_arguments)]) } else { quote!() };
        record_fn_template(allow, quote!(#(#params),*), quote!(#(#body)*))
    };
    let build = || {
        let key = if many { "record_problems, many arguments" } else { "record_problems" };
        let allow = if many { quote!(#[allow(clippy::too_many_arguments)]) } else { quote!() };
        let mut item: syn::ImplItemFn = splice::filled(key, || record_fn_template(allow, quote!(), quote!()), no_fill())?;
        for f in checked {
            let id = ident(&f.rust);
            let ty = syn::parse2::<syn::Type>(value_type(f)).ok()?;
            let filler = Filler { field: Some(&id), ty: Some(&ty), wire: None };
            item.sig.inputs.push(splice::filled("record_problems parameter", || quote!(__field: Option<&__Ty>), filler)?);
            item.block.stmts.extend(record_statements(f)?);
        }
        Some(syn::ImplItem::Fn(item))
    };
    splice::built_impl_item(build, tokens)
}

/// `build` of a builder with required fields, without arguments to `record_problems`.
fn build_template() -> TokenStream {
    quote! {
        pub fn build(self) -> Result<__Ty, BuildError> {
            let mut problems = Problems::default();
            __field::record_problems(&mut problems, "",);
            problems.build("__wire", self.assemble())
        }
    }
}

fn record_fn_template(allow: TokenStream, params: TokenStream, body: TokenStream) -> TokenStream {
    quote! {
        /// Records the problems of the fields that have rules: missing required ones, and
        /// (request types) broken constraints and undocumented enum values.
        #allow
        fn record_problems(problems: &mut Problems, at: &str, #params) {
            #body
        }
    }
}

fn no_fill() -> Filler<'static> {
    Filler { field: None, ty: None, wire: None }
}

/// [`record_lines`] as statements, their common ones filled templates.
fn record_statements(f: &FieldModel) -> Option<Vec<syn::Stmt>> {
    let id = ident(&f.rust);
    let filler = || Filler { field: Some(&id), ty: None, wire: Some(&f.wire) };
    let required = if f.required {
        Some(splice::filled("problems.required", || quote!(problems.required(at, "__wire", __field);), filler())?)
    } else {
        None
    };
    if !has_rules(f) {
        return Some(required.into_iter().collect());
    }
    let mut check: syn::Stmt = splice::filled("if let Some(value)", || quote!(if let Some(value) = __field {}), filler())?;
    let syn::Stmt::Expr(syn::Expr::If(if_let), None) = &mut check else { return None };
    let wire = Literal::string(&f.wire);
    let text = if f.sensitive { quote!(value.expose()) } else { quote!(value) };
    for line in constraint_lines(&wire, &f.ty, &f.constraints, text, !f.sensitive) {
        if_let.then_branch.stmts.push(syn::parse2(line).ok()?);
    }
    if f.ty.has_named() {
        if_let.then_branch.stmts.push(splice::filled("problems.nested", || quote!(problems.nested(at, "__wire", value);), filler())?);
    }
    Some(required.into_iter().chain([check]).collect())
}

/// The lines of `record_problems` (of a request type) for one field; the parameter is `Option<&T>`
/// named after the field.
fn record_lines(f: &FieldModel) -> TokenStream {
    let id = ident(&f.rust);
    let wire = Literal::string(&f.wire);
    let required = if f.required { quote!(problems.required(at, #wire, #id);) } else { quote!() };
    if !has_rules(f) {
        return required;
    }
    let text = if f.sensitive { quote!(value.expose()) } else { quote!(value) };
    // A secret's text is never compared as a number (a range problem would show its value).
    let numeric_text = !f.sensitive;
    let mut lines = constraint_lines(&wire, &f.ty, &f.constraints, text, numeric_text);
    if f.ty.has_named() {
        lines.push(quote!(problems.nested(at, #wire, value);));
    }
    quote! {
        #required
        if let Some(value) = #id {
            #(#lines)*
        }
    }
}

/// The checks of `c` on `value` (an `&T` of type `ty`; `text` is its `&str` for strings), for
/// struct fields and parameters alike. On a string, `minimum`/`maximum`/`multiple_of` check the
/// number the text holds (when `numeric_text`).
pub(super) fn constraint_lines(wire: &Literal, ty: &Ty, c: &Constraints, text: TokenStream, numeric_text: bool) -> Vec<TokenStream> {
    let mut lines = Vec::new();
    if c.min_length.is_some() || c.max_length.is_some() {
        let min = opt_u64(c.min_length);
        let max = opt_u64(c.max_length);
        lines.push(quote!(problems.length(at, #wire, #text, #min, #max);));
    }
    if let Some(p) = &c.pattern {
        let p = Literal::string(p);
        lines.push(quote!(problems.pattern(at, #wire, #text, #p);));
    }
    let has_numbers = c.minimum.is_some() || c.maximum.is_some() || c.multiple_of.is_some();
    if *ty == Ty::String {
        if has_numbers && numeric_text {
            let min = opt_num(c.minimum, true);
            let max = opt_num(c.maximum, true);
            let mult = opt_num(c.multiple_of, true);
            lines.push(quote!(problems.numeric_text(at, #wire, #text, #min, #max, #mult);));
        }
    } else {
        let float = *ty == Ty::Number;
        if c.minimum.is_some() || c.maximum.is_some() {
            let min = opt_num(c.minimum, float);
            let max = opt_num(c.maximum, float);
            lines.push(quote!(problems.range(at, #wire, *value, #min, #max);));
        }
        if let Some(m) = c.multiple_of {
            if float {
                let m = Literal::f64_unsuffixed(m);
                lines.push(quote!(problems.multiple_of_f64(at, #wire, *value, #m);));
            } else {
                let m = Literal::i64_unsuffixed(m as i64);
                lines.push(quote!(problems.multiple_of(at, #wire, i64::from(*value), #m);));
            }
        }
    }
    if c.min_items.is_some() || c.max_items.is_some() {
        let min = opt_u64(c.min_items);
        let max = opt_u64(c.max_items);
        lines.push(quote!(problems.items(at, #wire, value.len(), #min, #max);));
    }
    lines
}

fn opt_u64(v: Option<u64>) -> TokenStream {
    match v {
        Some(v) => {
            let v = Literal::u64_unsuffixed(v);
            quote!(Some(#v))
        }
        None => quote!(None),
    }
}

fn opt_num(v: Option<f64>, float: bool) -> TokenStream {
    match v {
        Some(v) if float => {
            let v = Literal::f64_unsuffixed(v);
            quote!(Some(#v))
        }
        Some(v) => {
            let v = Literal::i64_unsuffixed(v as i64);
            quote!(Some(#v))
        }
        None => quote!(None),
    }
}

/// A builder setter: named after the field. Strings (and secrets) take `impl Into<String>`, so
/// that `&str` and `String` both work, and a `one_of` takes `impl Into<T>`, so that each of its
/// alternatives works; every other type is taken as it is (no generic setter where a conversion
/// buys nothing: fewer instances to compile).
fn setter(t: &TypeModel, f: &FieldModel) -> TokenStream {
    let summary = f.doc.as_deref().map(|d| docs::first_paragraph(&docs::sanitize(d))).filter(|s| !s.is_empty());
    let doc = match summary {
        Some(s) => format!("Sets {}: {s}", docs::code(&f.wire)),
        None => format!("Sets {} of [`{}`].", docs::code(&f.wire), t.name),
    };
    let id = ident(&f.rust);
    if f.sensitive {
        splice::impl_item("sensitive setter", docs::outer_attributes(&doc), &id, None, |id, _| {
            quote! {
                pub fn #id(mut self, value: impl Into<String>) -> Self {
                    self.#id = Some(Sensitive::new(value.into()));
                    self
                }
            }
        })
    } else if matches!(f.ty, Ty::Named(_, crate::model::NamedKind::OneOf)) {
        splice::impl_item("one_of setter", docs::outer_attributes(&doc), &id, Some(&rust_type(&f.ty)), |id, ty| {
            quote! {
                pub fn #id(mut self, value: impl Into<#ty>) -> Self {
                    self.#id = Some(value.into());
                    self
                }
            }
        })
    } else {
        plain_setter(&doc, &f.rust, &f.ty)
    }
}

/// A setter of an `Option` field of type `ty`: a string takes `impl Into<String>`, every other
/// type is taken as it is. Shared by the builders and the query types.
pub fn plain_setter(doc: &str, rust: &str, ty: &Ty) -> TokenStream {
    let id = ident(rust);
    let doc = docs::outer_attributes(doc);
    if *ty == Ty::String {
        splice::impl_item("string setter", doc, &id, None, |id, _| {
            quote! {
                pub fn #id(mut self, value: impl Into<String>) -> Self {
                    self.#id = Some(value.into());
                    self
                }
            }
        })
    } else {
        splice::impl_item("setter", doc, &id, Some(&rust_type(ty)), |id, ty| {
            quote! {
                pub fn #id(mut self, value: #ty) -> Self {
                    self.#id = Some(value);
                    self
                }
            }
        })
    }
}

/// `Serialize` and `Deserialize` of a struct: one line per field, the work done by the
/// runtime's `wire` module (policy there). Optional fields are left out when `None`; on reading,
/// absent and `null` are `None`, a missing required field is an error, unknown keys are ignored,
/// and `accepts` fields use their lenient reader.
fn serde_impls(t: &TypeModel, fields: &[FieldModel]) -> TokenStream {
    let name = format_ident!("{}", t.name);
    let lit = Literal::string(&t.name);

    let keeps_other = t.in_response;
    let written = fields.iter().map(|f| {
        let id = ident(&f.rust);
        let wire = Literal::string(&f.wire);
        if f.required {
            quote!(wire::field(#wire, &self.#id),)
        } else {
            quote!(wire::optional(#wire, &self.#id),)
        }
    });

    // Where the values go while reading (`wire::Slots`): the struct itself when every field is
    // optional (it is `Default`), else the builder's `Option` fields (request types), else a
    // private slots struct.
    let all_optional = fields.iter().all(|f| !f.required);
    let (holder, slots_struct) = if all_optional {
        (name.clone(), quote!())
    } else if t.in_request {
        (format_ident!("{}", names::builder(&t.name)), quote!())
    } else {
        let holder = format_ident!("{}", names::slots(&t.name));
        let slot_fields = holder_fields(fields, keeps_other);
        let doc = docs::outer(&format!("The fields of [`{}`] while it is read.", t.name));
        let assemble = assemble_fn(t, fields);
        (
            holder.clone(),
            quote! {
                #doc
                #[derive(Default)]
                struct #holder { #(#slot_fields)* }

                impl #holder {
                    #assemble
                }
            },
        )
    };
    let wires = fields.iter().map(|f| Literal::string(&f.wire));
    // The key table (`wire::Fields`): a key's field in one step, as the derive's `match` on
    // the name, at the cost of one byte string per struct.
    let names: Vec<&str> = fields.iter().map(|f| f.wire.as_str()).collect();
    let (seed, table) = match otc_db_sdk_runtime::wire::key_table(&names) {
        Some((seed, table)) => (seed, Literal::byte_string(&table)),
        None => (0, Literal::byte_string(&[])),
    };
    let seed = Literal::u32_unsuffixed(seed);
    let required = fields.iter().filter(|f| f.required).map(|f| Literal::string(&f.wire));
    let puts = fields.iter().enumerate().map(|(i, f)| {
        let id = ident(&f.rust);
        let i = Literal::usize_unsuffixed(i);
        if keeps_other {
            // Response types read every lossless encoding (runtime `lenient`), `accepts` included.
            return quote!(#i => wire::put_lenient(&mut self.#id, value),);
        }
        match lenient_reader(f) {
            Some(read) => quote!(#i => wire::put_with(&mut self.#id, value, #read),),
            None => quote!(#i => wire::put(&mut self.#id, value),),
        }
    });
    let assemble = if all_optional { quote!(Some) } else { quote!(#holder::assemble) };
    let put_body = if fields.is_empty() {
        quote! {
            let _ = field;
            wire::skip(value)
        }
    } else {
        quote! {
            match field {
                #(#puts)*
                _ => wire::skip(value),
            }
        }
    };
    let write = if keeps_other {
        quote!(wire::write_struct_with_other(serializer, #lit, &[#(#written)*], &self.other))
    } else {
        quote!(wire::write_struct(serializer, #lit, &[#(#written)*]))
    };
    let (other_fn, lenient_impl) = if keeps_other {
        (
            quote! {
                fn other(&mut self) -> Option<&mut wire::OtherFields> {
                    Some(&mut self.other)
                }
            },
            quote! {
                impl<'de> wire::Lenient<'de> for #name {}
            },
        )
    } else {
        (quote!(), quote!())
    };
    quote! {
        impl Serialize for #name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #write
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                wire::read(
                    deserializer,
                    #lit,
                    &wire::Fields { names: &[#(#wires),*], seed: #seed, table: #table },
                    &[#(#required),*],
                    #holder::default(),
                    #assemble,
                )
            }
        }

        #slots_struct

        #[doc(hidden)]
        impl<'de> wire::Slots<'de> for #holder {
            fn put<D: Deserializer<'de>>(&mut self, field: usize, value: D) -> Result<wire::Put, D::Error> {
                #put_body
            }

            #other_fn
        }

        #lenient_impl
    }
}

/// The lenient reader of an `accepts` field (always the `Option` form: a slot is an `Option`).
fn lenient_reader(f: &FieldModel) -> Option<TokenStream> {
    if f.accepts.is_empty() {
        return None;
    }
    let func = format_ident!("{}", super::examples::lenient_reader(&f.ty));
    Some(quote!(accepts::#func))
}

/// Whether a struct has a field with an `accepts` reader (it then needs `accepts` in scope):
/// request-only types (response types read every field leniently through `wire`).
pub fn uses_accepts(t: &TypeModel, fields: &[FieldModel]) -> bool {
    !t.in_response && fields.iter().any(|f| !f.accepts.is_empty())
}

/// Whether the struct needs `Sensitive` in scope.
pub fn uses_sensitive(fields: &[FieldModel]) -> bool {
    fields.iter().any(|f| f.sensitive)
}

/// The named types a struct's fields refer to (for `use super::…`).
pub fn referenced(fields: &[FieldModel]) -> Vec<String> {
    let mut out = Vec::new();
    for f in fields {
        f.ty.collect_named(&mut out);
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NamedKind;

    fn field(rust: &str, ty: Ty, required: bool, sensitive: bool, constraints: Constraints) -> FieldModel {
        FieldModel {
            wire: format!("{rust}Wire"),
            rust: rust.to_owned(),
            ty,
            required,
            doc: None,
            default: None,
            sensitive,
            constraints,
            accepts: Vec::new(),
        }
    }

    /// Fields of every kind of check: required alone, lengths, a pattern, numbers in text and as
    /// numbers, items, nested types, a secret, and a keyword name; more than five (the `allow`).
    fn fields() -> Vec<FieldModel> {
        let c = |f: fn(&mut Constraints)| {
            let mut c = Constraints::default();
            f(&mut c);
            c
        };
        vec![
            field("name", Ty::String, true, false, c(|c| c.max_length = Some(64))),
            field("type", Ty::Integer, true, false, c(|c| (c.minimum, c.multiple_of) = (Some(1.0), Some(2.0)))),
            field("ratio", Ty::Number, false, false, c(|c| (c.maximum, c.multiple_of) = (Some(1.5), Some(0.5)))),
            field("port", Ty::String, false, false, c(|c| (c.minimum, c.pattern) = (Some(1.0), Some("^[0-9]+$".to_owned())))),
            field("password", Ty::String, true, true, c(|c| (c.min_length, c.minimum) = (Some(8), Some(1.0)))),
            field("volume", Ty::Named("Volume".to_owned(), NamedKind::Struct), true, false, Constraints::default()),
            field("tags", Ty::Array(Box::new(Ty::Named("Tag".to_owned(), NamedKind::Struct))), false, false, c(|c| c.max_items = Some(10))),
            field("flag", Ty::Boolean, true, false, Constraints::default()),
        ]
    }

    fn record_impl(fields: &[FieldModel]) -> TokenStream {
        let checked: Vec<&FieldModel> = fields.iter().collect();
        let record = record_fn(&checked);
        quote!(impl S { #record })
    }

    #[test]
    fn built_record_problems_prints_as_its_tokens() {
        let fields = fields();
        for fields in [&fields[..], &fields[..2]] {
            let direct = crate::emit::render("t", record_impl(fields)).unwrap();
            let (_, items) = splice::collecting(|| record_impl(fields));
            assert_eq!(items.len(), 1, "record_problems is built");
            assert_eq!(crate::emit::render_made("t", || record_impl(fields)).unwrap(), direct);
            assert!(direct.contains("problems.required(at, \"nameWire\", name);"), "{direct}");
            assert_eq!(direct.contains("too_many_arguments"), fields.len() > 5, "{direct}");
            if fields.len() > 5 {
                assert!(direct.contains("problems.numeric_text(at, \"portWire\", value, Some(1.0), None, None);"), "{direct}");
                assert!(direct.contains("problems.length(at, \"passwordWire\", value.expose(), Some(8), None);"), "{direct}");
                assert!(direct.contains("problems.nested(at, \"volumeWire\", value);"), "{direct}");
                assert!(direct.contains("r#type: Option<&i32>"), "{direct}");
            }
        }
    }

    /// A request type's and a response type's code, both with required fields: the same text
    /// whether `build` and `record_problems` are built as syntax trees or parsed, and nothing built
    /// for a type that has no builder.
    #[test]
    fn a_struct_prints_the_same_built_or_parsed() {
        let op = crate::emit::layout::tests::op("demo", "v1", "op", 0);
        let fields = fields();
        for in_request in [true, false] {
            let t = TypeModel {
                name: "Widget".to_owned(),
                module: "widget".to_owned(),
                doc: None,
                table: None,
                kind: crate::model::Kind::Struct(fields.clone()),
                in_request,
                in_response: !in_request,
            };
            let code = || {
                let c = emit_struct(&op, &t, &fields, false);
                let (definition, support) = (c.definition, c.support);
                quote!(#definition #support)
            };
            let direct = crate::emit::render("t", code()).unwrap();
            let (_, items) = splice::collecting(code);
            assert_eq!(items.len(), if in_request { 10 } else { 0 }, "8 setters, record_problems, build; nothing for a response");
            assert_eq!(crate::emit::render_made("t", code).unwrap(), direct);
            assert_eq!(direct.contains("problems.build(\"Widget\", self.assemble())"), in_request, "{direct}");
        }
    }
}
