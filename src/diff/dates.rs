//! The schedule's phases compared by id, with their dates written as the
//! notice writes them (so a moved date reads as the reader sees it).

use crate::model::format::{DateStyle, Show};
use crate::model::schedule::Resolved;

use super::{PhaseChange, TextChange};

/// Phases of the new year first, in its order, then those dropped from the old.
pub(super) fn phases(style: DateStyle, old: &[Resolved], new: &[Resolved]) -> Vec<PhaseChange> {
    let phase_text = |r: &Resolved| r.text(style, Show::default());
    let mut phases = Vec::new();
    for p in new {
        match old.iter().find(|o| o.id == p.id) {
            Some(o) => {
                let (a, b) = (phase_text(o), phase_text(p));
                let renamed = TextChange::between(Some(&o.name), Some(&p.name));
                if a != b || renamed.is_some() {
                    phases.push(PhaseChange {
                        id: p.id.clone(),
                        name: p.name.clone(),
                        old: Some(a),
                        new: Some(b),
                        renamed,
                    });
                }
            }
            None => phases.push(PhaseChange {
                id: p.id.clone(),
                name: p.name.clone(),
                old: None,
                new: Some(phase_text(p)),
                renamed: None,
            }),
        }
    }
    for o in old {
        if !new.iter().any(|p| p.id == o.id) {
            phases.push(PhaseChange {
                id: o.id.clone(),
                name: o.name.clone(),
                old: Some(phase_text(o)),
                new: None,
                renamed: None,
            });
        }
    }
    phases
}
