//! Papers made per candidate from the same facts as the notice: the
//! receipt (报名回执) every candidate downloads, and the recommendation
//! form (免试推荐登记表) colleges print for each exam-exempt candidate.
//!
//! `papers.yaml` says which dates and notes a receipt carries; the
//! wording and layout are the templates `receipt.yaml` and `form.yaml`
//! (a template writing a layout, see [`crate::sheet`]).

mod derivations;
mod form;
mod input;
mod jobs;
pub mod key;
pub mod lookup;
pub mod manifest;
mod photo;
mod picture;
mod plan;
mod receipt;
pub mod run;
mod stencil;
mod verify;

pub use crate::model::papers::{DateSpec, FormSpec, PapersSpec, ReceiptSpec};
pub use input::{input, CandidateView, DateView, YearInput};
pub use jobs::Shard;
pub use plan::Plan;
pub use receipt::qr_payload;
pub use run::{Carried, RunOptions, RunReport, Sinks};
pub use verify::{verify_receipt, Verdict};

use crate::diag::Diagnostics;
use crate::render::html::{load_set, Escape, Templates};

/// The built-in paper templates; a site's `templates/` overrides them by name.
pub const BUILTIN: [(&str, &str); 2] = [
    ("receipt.yaml", include_str!("../../templates/receipt.yaml")),
    ("form.yaml", include_str!("../../templates/form.yaml")),
];

/// Values go into double-quoted YAML strings.
fn yaml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_yaml_escaped(&mut out, s);
    out
}

/// Whether a value's character reaches the paper: control characters but
/// the line break are dropped when a value is escaped into the YAML.
fn kept(c: char) -> bool {
    c == '\n' || !c.is_control()
}

/// `s` escaped for a double-quoted YAML string, onto `out`, its
/// characters not [`kept`] dropped.
fn push_yaml_escaped(out: &mut String, s: &str) {
    for c in s.chars().filter(|&c| kept(c)) {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
}

pub fn load_templates(root: &std::path::Path) -> Result<Templates, Diagnostics> {
    let escape = Escape {
        suffix: ".yaml",
        escape: yaml_escape,
    };
    load_set(root, &BUILTIN, escape)
}
