//! Categories matched by id and compared field by field.

use crate::model::year::Category;

use super::{ItemChange, ItemKind, Labelled, TextChange};

fn category_fields(c: &Category) -> Vec<(String, String)> {
    let yes = |b: bool| if b { "是" } else { "否" }.to_string();
    let mut f = vec![
        ("名称".to_string(), c.name.clone()),
        ("免试类别".to_string(), yes(c.exempt)),
        ("报考条件".to_string(), c.qualifies.clone()),
    ];
    if let Some(p) = &c.part_of {
        f.push(("所属计划".to_string(), p.clone()));
    }
    for (i, m) in c.materials.iter().enumerate() {
        f.push((format!("材料{}", i + 1), m.clone()));
    }
    if let Some(r) = &c.reviewer {
        f.push(("审核分工".to_string(), r.clone()));
    }
    f.push(("公示".to_string(), yes(c.publicised)));
    f
}

/// Field by field, matched by label; a field missing on one side is added or removed.
fn field_changes(old: &[(String, String)], new: &[(String, String)]) -> Vec<Labelled> {
    let get =
        |v: &[(String, String)], k: &str| v.iter().find(|(l, _)| l == k).map(|(_, t)| t.clone());
    let mut labels: Vec<&String> = new.iter().map(|(l, _)| l).collect();
    labels.extend(old.iter().map(|(l, _)| l).filter(|l| get(new, l).is_none()));
    labels
        .into_iter()
        .filter_map(|l| {
            TextChange::between(get(old, l).as_deref(), get(new, l).as_deref()).map(|change| {
                Labelled {
                    label: l.clone(),
                    change,
                }
            })
        })
        .collect()
}

pub(super) fn categories(old: &[Category], new: &[Category]) -> Vec<ItemChange> {
    let texts = |c: &Category| {
        category_fields(c)
            .into_iter()
            .map(|(l, t)| format!("{l}：{t}"))
            .collect()
    };
    let mut out = Vec::new();
    for c in new {
        let kind = match old.iter().find(|o| o.id == c.id) {
            None => ItemKind::Added(texts(c)),
            Some(o) => {
                let f = field_changes(&category_fields(o), &category_fields(c));
                if f.is_empty() {
                    continue;
                }
                ItemKind::Changed(f)
            }
        };
        out.push(ItemChange {
            id: c.id.clone(),
            name: c.name.clone(),
            kind,
        });
    }
    for o in old.iter().filter(|o| !new.iter().any(|c| c.id == o.id)) {
        out.push(ItemChange {
            id: o.id.clone(),
            name: o.name.clone(),
            kind: ItemKind::Removed(texts(o)),
        });
    }
    out
}
