//! When Microsoft or the backup server refuses: the catalogue of refusals
//! administrators meet (`catalogue`), finding them in a server's message
//! (`explain`), what the wizard offers for each (`remedy`) and the
//! certificate Microsoft names (`thumbprint`).

mod catalogue;
mod explain;
mod remedy;
mod thumbprint;

pub(crate) use catalogue::{CATALOGUE, Entry, Sign};
pub use explain::{Explanation, explain, explain_error, sent_thumbprint};
pub use remedy::Remedy;
pub use thumbprint::NamedThumbprint;
pub(crate) use thumbprint::thumbprint_in;
