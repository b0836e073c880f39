//! The notice's own fields (number, title, signature, imprint) and the
//! attachments' titles.

use crate::doc::Notice;

use super::{Labelled, TextChange};

pub(super) fn metadata(a: &Notice, b: &Notice) -> Vec<Labelled> {
    let imprint = |n: &Notice, f: fn(&crate::doc::ImprintDoc) -> Option<String>| {
        n.imprint.as_ref().and_then(f)
    };
    let fields: Vec<(&str, Option<String>, Option<String>)> = vec![
        ("发文字号", Some(a.number.clone()), Some(b.number.clone())),
        ("标题", Some(a.title.clone()), Some(b.title.clone())),
        (
            "主送机关",
            Some(a.addressee.clone()),
            Some(b.addressee.clone()),
        ),
        ("署名", Some(a.signature.clone()), Some(b.signature.clone())),
        ("成文日期", Some(a.date.clone()), Some(b.date.clone())),
        ("附注", a.note.clone(), b.note.clone()),
        ("份号", a.copy_number.clone(), b.copy_number.clone()),
        ("密级", a.classification.clone(), b.classification.clone()),
        ("紧急程度", a.urgency.clone(), b.urgency.clone()),
        (
            "抄送",
            imprint(a, |i| i.copy_to.clone()),
            imprint(b, |i| i.copy_to.clone()),
        ),
        (
            "印发机关",
            imprint(a, |i| Some(i.issuer.clone())),
            imprint(b, |i| Some(i.issuer.clone())),
        ),
        (
            "印发日期",
            imprint(a, |i| Some(i.date.clone())),
            imprint(b, |i| Some(i.date.clone())),
        ),
    ];
    let mut out: Vec<Labelled> = fields
        .into_iter()
        .filter_map(|(label, o, n)| {
            TextChange::between(o.as_deref(), n.as_deref()).map(|change| Labelled {
                label: label.to_string(),
                change,
            })
        })
        .collect();
    // Attachments by position: 附件1 of one year against 附件1 of the other.
    for i in 0..a.attachments.len().max(b.attachments.len()) {
        let title = |n: &Notice| n.attachments.get(i).map(|x| x.title.clone());
        if let Some(change) = TextChange::between(title(a).as_deref(), title(b).as_deref()) {
            out.push(Labelled {
                label: format!("附件{}标题", i + 1),
                change,
            });
        }
    }
    out
}
