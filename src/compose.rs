//! Stage 3, compose: turn a checked year into the `Notice` document that
//! the renderers lay out (references expanded, headings numbered).

use crate::diag::Diagnostics;
use crate::doc::{AttachmentDoc, ImprintDoc, Notice};
use crate::facts::{expand, Facts};
use crate::load::{Site, Year};
use crate::markdown::to_blocks;
use crate::model::format::{when_text, Show};
use crate::model::schedule::Resolved;
use crate::title;

/// A 2号 (22 pt) title line holds 20 characters in the 156 mm text area.
const TITLE_CELLS: f32 = 20.0;

pub fn compose(site: &Site, year: &Year, schedule: &[Resolved], diags: &mut Diagnostics) -> Notice {
    let facts = Facts {
        site,
        year,
        schedule,
    };
    let style = site.config.dates;
    let plain = Show::default();
    let meta = &year.meta;
    let body = to_blocks(&expand(&year.body, &facts, diags), &year.body, "", diags);

    let single = meta.attachments.len() == 1;
    let attachment_list = meta
        .attachments
        .iter()
        .enumerate()
        .map(|(i, a)| {
            if single {
                a.title.clone()
            } else {
                format!("{}.{}", i + 1, a.title)
            }
        })
        .collect();
    let attachments = meta
        .attachments
        .iter()
        .zip(&year.attachment_bodies)
        .enumerate()
        .map(|(i, (a, src))| AttachmentDoc {
            label: if single {
                "附件".into()
            } else {
                format!("附件{}", i + 1)
            },
            title: a.title.replace('\n', ""),
            title_lines: title::balance(&a.title, TITLE_CELLS),
            body: src
                .as_ref()
                .map(|s| to_blocks(&expand(s, &facts, diags), s, &format!("a{}-", i + 1), diags))
                .unwrap_or_default(),
        })
        .collect();
    let imprint = meta.imprint.as_ref().map(|im| ImprintDoc {
        copy_to: (!im.copy_to.is_empty()).then(|| format!("抄送：{}。", im.copy_to.join("，"))),
        issuer: im.issuer.clone(),
        date: format!("{}印发", when_text(im.date, style, plain)),
    });

    Notice {
        year: year.year,
        copy_number: meta.copy_number.clone(),
        classification: meta.classification.clone(),
        urgency: meta.urgency.clone(),
        header: site.config.authority.header.clone(),
        number: facts.document_number(),
        title: meta.title.replace('\n', ""),
        title_lines: title::balance(&meta.title, TITLE_CELLS),
        addressee: format!("{}：", meta.addressees.join("、")),
        body,
        attachment_list,
        signature: meta
            .signature
            .clone()
            .unwrap_or_else(|| site.config.authority.name.clone()),
        date: when_text(
            meta.date,
            style,
            Show {
                no_time: true,
                ..plain
            },
        ),
        date_iso: meta.date.date().format("%Y-%m-%d").to_string(),
        note: meta.note.clone(),
        attachments,
        imprint,
    }
}
