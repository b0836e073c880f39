//! Rule lists matched by id, their rules aligned one by one.

use std::collections::BTreeSet;

use crate::load::Year;

use super::{align, ItemChange, ItemKind, Labelled};

pub(super) fn rules(old: &Year, new: &Year) -> Vec<ItemChange> {
    let ids: BTreeSet<&String> = old.rules.keys().chain(new.rules.keys()).collect();
    let mut out = Vec::new();
    for id in ids {
        let kind = match (old.rules.get(id), new.rules.get(id)) {
            (None, Some(n)) => ItemKind::Added(n.clone()),
            (Some(o), None) => ItemKind::Removed(o.clone()),
            (Some(o), Some(n)) => {
                let changes: Vec<Labelled> = align(o, n, |s| s.as_str())
                    .into_iter()
                    .map(|(i, change)| Labelled {
                        label: format!("第{}条", i + 1),
                        change,
                    })
                    .collect();
                if changes.is_empty() {
                    continue;
                }
                ItemKind::Changed(changes)
            }
            (None, None) => continue,
        };
        out.push(ItemChange {
            id: id.clone(),
            name: id.clone(),
            kind,
        });
    }
    out
}
