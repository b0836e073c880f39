//! Lines already broken, by their text and how they are set: the fixed
//! text of a paper template (labels, notes, dates) is broken once, when
//! its blank papers are laid out, and every paper of the run reuses it.
//! Breaking is a pure function of the text, the style, the width and the
//! fonts, so a paper laid out with the memo is the paper laid out without.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::typeset::fonts::Role;
use crate::typeset::lines::Line;

/// How a text is set: role, size, width and indent (as bits: exact).
type Setting = (Role, u32, u32, u32);

#[derive(Default)]
pub struct Memo {
    lines: HashMap<String, Vec<(Setting, Vec<Line>)>>,
}

/// While the blank papers are laid out: every text broken is kept.
#[derive(Default)]
pub struct Recorder(Mutex<Memo>);

pub(super) fn setting(role: Role, size: f32, width: f32, indent: f32) -> Setting {
    (role, size.to_bits(), width.to_bits(), indent.to_bits())
}

impl Memo {
    pub(super) fn get(&self, text: &str, s: Setting) -> Option<&[Line]> {
        let list = self.lines.get(text)?;
        list.iter()
            .find(|(k, _)| *k == s)
            .map(|(_, l)| l.as_slice())
    }

    fn put(&mut self, text: &str, s: Setting, lines: &[Line]) {
        let list = self.lines.entry(text.to_string()).or_default();
        if !list.iter().any(|(k, _)| *k == s) {
            list.push((s, lines.to_vec()));
        }
    }
}

impl Recorder {
    pub(super) fn put(&self, text: &str, s: Setting, lines: &[Line]) {
        let mut m = self.0.lock().unwrap_or_else(|e| e.into_inner());
        m.put(text, s, lines);
    }

    /// What was recorded, to be read by every paper from now on.
    pub fn into_memo(self) -> Memo {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}
