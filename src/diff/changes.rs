//! What the comparison finds, as the text and HTML reports read it.

use super::inline::inline;

/// One run of an inline diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Same(String),
    Del(String),
    Ins(String),
}

/// A text present in one year, the other, or both (then with its inline diff).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextChange {
    Added(String),
    Removed(String),
    Changed {
        old: String,
        new: String,
        segs: Vec<Seg>,
    },
}

impl TextChange {
    /// None when both sides are the same (or both absent).
    pub fn between(old: Option<&str>, new: Option<&str>) -> Option<TextChange> {
        match (old, new) {
            (Some(o), Some(n)) if o == n => None,
            (Some(o), Some(n)) => Some(TextChange::Changed {
                old: o.to_string(),
                new: n.to_string(),
                segs: inline(o, n),
            }),
            (Some(o), None) => Some(TextChange::Removed(o.to_string())),
            (None, Some(n)) => Some(TextChange::Added(n.to_string())),
            (None, None) => None,
        }
    }
}

/// A labelled change, e.g. the 发文字号 or a category's `qualifies`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labelled {
    pub label: String,
    pub change: TextChange,
}

/// A phase whose dates or name changed, or that exists in one year only.
/// The dates are written as the notice writes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhaseChange {
    pub id: String,
    pub name: String,
    pub old: Option<String>,
    pub new: Option<String>,
    /// Set when the phase was renamed.
    pub renamed: Option<TextChange>,
}

/// A category or rule list added, removed, or changed field by field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemChange {
    pub id: String,
    /// The category's name (or the rule list's id).
    pub name: String,
    pub kind: ItemKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemKind {
    /// With the item's texts, one line each.
    Added(Vec<String>),
    Removed(Vec<String>),
    Changed(Vec<Labelled>),
}

/// A change in the body or an attachment, under the heading it sits in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockChange {
    /// The nearest heading above, e.g. "二、报名工作流程 › （二）考生注册报名".
    pub section: String,
    pub change: TextChange,
}

/// The body or one attachment, compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocPart {
    pub title: String,
    pub changes: Vec<BlockChange>,
    /// Blocks the same in both years.
    pub unchanged: usize,
}

/// Everything that differs between two years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changes {
    pub old_year: i32,
    pub new_year: i32,
    pub metadata: Vec<Labelled>,
    pub phases: Vec<PhaseChange>,
    pub categories: Vec<ItemChange>,
    pub rules: Vec<ItemChange>,
    pub parts: Vec<DocPart>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.metadata.is_empty()
            && self.phases.is_empty()
            && self.categories.is_empty()
            && self.rules.is_empty()
            && self.parts.iter().all(|p| p.changes.is_empty())
    }

    /// Phases present in both years whose dates differ.
    pub fn moved(&self) -> impl Iterator<Item = &PhaseChange> {
        self.phases
            .iter()
            .filter(|p| p.old.is_some() && p.new.is_some() && p.old != p.new)
    }
}
