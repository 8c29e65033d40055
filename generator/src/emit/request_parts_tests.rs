//! `into_parts` as text against prettyplease's formatting of the same statements, as names,
//! wire names and operations grow across each line's margin.

use std::cell::Cell;

use quote::quote;

use super::*;
use crate::emit::rust::format_file;
use crate::ir::SchemaFacts;

thread_local! {
    /// Statements formatted alone by prettyplease, not written as text.
    pub(super) static FALLBACKS: Cell<usize> = const { Cell::new(0) };
}

fn param(name: &str, location: ParamLocation, required: bool) -> Param {
    Param {
        name: name.to_string(),
        wire: format!("{name}-w"),
        location,
        doc: None,
        ty: TypeRef::String,
        required,
        style: QueryStyle::Form { explode: true },
        deprecated: false,
        schema: SchemaFacts::default(),
        idempotency_key: false,
        json_encoded: false,
    }
}

/// The statements written as text equal prettyplease's formatting of their tokens.
fn assert_formatted_as_prettyplease(cp: &str, stmts: &[Stmt]) {
    let item = function(cp, stmts).unwrap();
    let written = format_file(quote!(impl<C> B<C> { #item })).unwrap();
    let flat: Vec<String> = stmts.iter().map(Stmt::flat).collect();
    let tokens = lex(&format!(
        "impl<C> B<C> {{ /// {DOC}\n fn into_parts(self) -> crate::Result<({cp}, crate::runtime::Request)> {{ {} }} }}",
        flat.join(" ")
    ))
    .unwrap();
    assert_eq!(written, format_file(tokens).unwrap());
}

#[test]
fn into_parts_is_written_as_prettyplease_formats_it_for_any_name_length() {
    FALLBACKS.with(|f| f.set(0));
    let mut statements = 0;
    let mut short = 0;
    for len in 1..100 {
        let name = "n".repeat(len);
        let op = string_literal(&"Op".repeat(len / 2 + 1));
        let template = format!("/v1/{}/{{{name}}}", "p".repeat(len));
        let wire = format!("{name}-w");
        let path = [(wire.as_str(), name.as_str()), ("id", "id")];
        let mut stmts = request_stmts(&op, &template, "DELETE", &path[..1 + len % 2]);
        let mut query = param(&name, ParamLocation::Query, true);
        query.schema.min_length = Some(len);
        stmts.extend(param_stmts(&op, &query));
        let mut header = param(&name, ParamLocation::Header, false);
        header.schema.min_length = Some(1);
        header.schema.max_length = Some(len * 1000);
        stmts.extend(param_stmts(&op, &header));
        let mut key = param(&name, ParamLocation::Header, false);
        key.idempotency_key = true;
        stmts.extend(param_stmts(&op, &key));
        let mut json = param(&name, ParamLocation::Cookie, false);
        json.json_encoded = true;
        stmts.extend(param_stmts(&op, &json));
        let mut array = param(&name, ParamLocation::Query, false);
        array.ty = TypeRef::Array(Box::new(TypeRef::String));
        array.style = QueryStyle::PipeDelimited;
        stmts.extend(param_stmts(&op, &array));
        stmts.push(Stmt::line("request.options(self.options)?;"));
        stmts.push(Stmt::line("Ok((self.client, request))"));
        statements += stmts.len();
        let cp = if len % 3 == 0 { "Cl" } else { "C" };
        assert_formatted_as_prettyplease(cp, &stmts);
        if len == 30 {
            short = FALLBACKS.with(Cell::get);
        }
    }
    // The return of a length check is always formatted alone (2 a name). Up to 30 columns,
    // the rest is written as text, broken chains and lists included; past the margin, more
    // and more is left to prettyplease.
    let fallbacks = FALLBACKS.with(Cell::get);
    assert_eq!(short, 2 * 30, "{fallbacks} of {statements}");
    assert!(fallbacks < statements / 2, "{fallbacks} of {statements}");
}
