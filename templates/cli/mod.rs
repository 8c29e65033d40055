//! The hand-written runtime of the generated CLI, copied from the generator's
//! `templates/cli/`: a command line built from the generated command table, each command
//! sent through the SDK's client.

pub mod app;
pub mod call;
pub mod failure;
pub mod run;
pub mod table;
pub mod yaml;
