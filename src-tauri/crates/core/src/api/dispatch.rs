//! What core generates from the one list of commands
//! ([`for_each_command!`](crate::for_each_command)): the list itself as
//! data ([`COMMANDS`]), a call by name for the CLI's batch
//! ([`Session::call`]) and the TypeScript client of the window
//! ([`typescript_client`]).

use serde::Serialize;

use super::wire::*;
use super::{ApiError, ApiResult, ErrorCode, Reason};
use crate::Session;

/// One command of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Command {
    /// The command's name, also the name of its `Session` method.
    pub name: &'static str,
    /// The area that owns it (`session`, `advisor`, …).
    pub area: &'static str,
    /// The name of its one argument, if it takes one.
    pub argument: Option<&'static str>,
}

/// What a `Session` method answers, as a result: every command answers
/// `ApiResult<T>`, a few cannot fail and answer `()`.
pub trait Answer {
    type Value;
    fn into_result(self) -> ApiResult<Self::Value>;
}

impl<T> Answer for ApiResult<T> {
    type Value = T;
    fn into_result(self) -> ApiResult<T> {
        self
    }
}

impl Answer for () {
    type Value = ();
    fn into_result(self) -> ApiResult<()> {
        Ok(())
    }
}

fn to_json(value: impl Serialize) -> ApiResult<serde_json::Value> {
    serde_json::to_value(value).map_err(|_| ApiError::new(ErrorCode::Internal, "output"))
}

fn from_json<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> ApiResult<T> {
    serde_json::from_value(value).map_err(|_| ApiError::validation("args", Reason::Invalid))
}

/// `snake_case` → `camelCase`, the TypeScript client's spelling.
fn camel(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The type names a TypeScript type expression refers to (`Array<CaseSummary>`
/// → `CaseSummary`), for the client's import line.
fn referenced_types(ts: &str, into: &mut std::collections::BTreeSet<String>) {
    const BUILT_IN: &[&str] = &["Array", "Record", "Partial"];
    for word in ts.split(|c: char| !c.is_ascii_alphanumeric() && c != '_') {
        if word.starts_with(|c: char| c.is_ascii_uppercase()) && !BUILT_IN.contains(&word) {
            into.insert(word.to_owned());
        }
    }
}

macro_rules! generate {
    ($( $area:ident { $( $name:ident ( $( $arg:ident : $ty:ty )? ) -> $ret:ty $( => $step:ident )? ; )* } )*) => {
        /// Every command, in the list's order.
        pub const COMMANDS: &[Command] = &[
            $( $( Command {
                name: stringify!($name),
                area: stringify!($area),
                argument: generate!(@argument $( $arg )?),
            }, )* )*
        ];

        impl Session {
            /// Runs the command `name` with its argument as JSON (`null` for
            /// a command without one) and answers its response as JSON: the
            /// same call the window makes, for the CLI's batch.
            pub async fn call(
                &self,
                name: &str,
                argument: serde_json::Value,
            ) -> ApiResult<serde_json::Value> {
                let _ = &argument;
                match name {
                    $( $( stringify!($name) => {
                        $( let $arg: $ty = from_json(argument)?; )?
                        let answer: ApiResult<$ret> =
                            Answer::into_result(self.$name($( $arg )?).await);
                        to_json(answer?)
                    } )* )*
                    _ => Err(ApiError::validation("op", Reason::Unknown)),
                }
            }
        }

        /// The window's typed client: one function per command, as committed
        /// in `ui/src/lib/api/commands.ts`.
        pub fn typescript_client() -> String {
            use ts_rs::TS;
            let cfg = ts_rs::Config::new().with_large_int("number");
            let mut types = std::collections::BTreeSet::new();
            let mut body = String::new();
            $(
                body.push_str(&format!("\n  // {}\n", stringify!($area)));
                $(
                    let response = <$ret as TS>::name(&cfg);
                    referenced_types(&response, &mut types);
                    let (params, payload) = generate!(@ts cfg, types $( $arg : $ty )?);
                    body.push_str(&format!(
                        "  {}: ({}) => invoke<{}>(\"{}\"{}),\n",
                        camel(stringify!($name)),
                        params,
                        response,
                        stringify!($name),
                        payload,
                    ));
                )*
            )*
            let imports: Vec<String> = types.into_iter().collect();
            format!(
                "// Generated from vertrouwd-core's list of commands \
                 (core/src/api/commands.rs). Do not edit\n\
                 // by hand: run `make bindings` after changing the list.\n\
                 import {{ invoke }} from \"@tauri-apps/api/core\";\n\
                 import type {{\n{}}} from \"./types\";\n\n\
                 export const api = {{{}}};\n",
                imports.iter().map(|t| format!("  {t},\n")).collect::<String>(),
                body,
            )
        }
    };
    (@argument) => { None };
    (@argument $arg:ident) => { Some(stringify!($arg)) };
    (@ts $cfg:ident, $types:ident) => { (String::new(), String::new()) };
    (@ts $cfg:ident, $types:ident $arg:ident : $ty:ty) => {{
        let ts = <$ty as TS>::name(&$cfg);
        referenced_types(&ts, &mut $types);
        (
            format!("{}: {}", stringify!($arg), ts),
            format!(", {{ {} }}", stringify!($arg)),
        )
    }};
}

crate::for_each_command!(generate);

macro_rules! cli_commands {
    ($( $area:ident { $( $name:ident ( $( $arg:ident : $ty:ty )? ) -> $ret:ty ; )* } )*) => {
        /// The commands only the command line has (the window is granted
        /// none of them), as methods on `Session` like the others.
        pub const CLI_COMMANDS: &[Command] = &[
            $( $( Command {
                name: stringify!($name),
                area: stringify!($area),
                argument: generate!(@argument $( $arg )?),
            }, )* )*
        ];
    };
}

crate::for_each_cli_command!(cli_commands);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_camel_cased_as_the_client_spells_them() {
        let mut names: Vec<_> = COMMANDS.iter().map(|c| c.name).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(names.len(), before, "a command is listed twice");
        assert_eq!(camel("add_case_time"), "addCaseTime");
        assert_eq!(camel("lock"), "lock");
    }

    #[test]
    fn the_client_imports_what_it_names() {
        let client = typescript_client();
        assert!(client.contains(
            "listCases: (req: CaseFilter) => invoke<Array<CaseSummary>>(\"list_cases\", { req }),"
        ));
        assert!(client.contains("lock: () => invoke<null>(\"lock\"),"));
        let imports = &client
            [client.find("import type").unwrap_or(0)..client.find("from \"./types\"").unwrap_or(0)];
        for t in [
            "CaseFilter",
            "CaseSummary",
            "VaultStatus",
            "AttachmentPreview",
        ] {
            assert!(imports.contains(t), "{t} not imported");
        }
        assert!(!imports.contains("Array"));
    }
}
