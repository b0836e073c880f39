//! Lines already broken, by their paragraph and how it is set: the fixed
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::layout::{layout, Inputs};
    use crate::sheet::spec::Sheet;
    use crate::typeset::fonts::FontSet;

    /// Pages laid out with lines from the memo are the pages laid out
    /// without it, for the text it holds and for text it does not.
    #[test]
    fn the_memo_changes_nothing() {
        let cfg = crate::model::config::FontConfig::default();
        let (fonts, _) = FontSet::load(&cfg, std::path::Path::new("."), "").unwrap();
        let sheet = |name: &str| -> Sheet {
            let text = format!(
                "blocks:\n  - text: \"报名回执 {name}\"\n    font: hei\n    indent: 2\n  - table:\n      widths: [30, 60]\n      rows:\n        - cells: [{{text: \"姓名\", align: center}}, {{text: \"{name}\"}}]\n  - text: \"注意事项：请于规定时间内完成报名，逾期不予受理。\\n第二段。\"\n    size: 10.5\n"
            );
            serde_yaml::from_str(&text).unwrap()
        };
        let plain = |s: &Sheet| {
            let inp = Inputs {
                fonts: &fonts,
                photo_aspect: None,
                memo: None,
                record: None,
            };
            layout(s, &inp).unwrap()
        };
        let recorder = Recorder::default();
        let blank = sheet("");
        let recorded = layout(
            &blank,
            &Inputs {
                fonts: &fonts,
                photo_aspect: None,
                memo: None,
                record: Some(&recorder),
            },
        )
        .unwrap();
        assert_eq!(recorded, plain(&blank));
        let memo = recorder.into_memo();
        for name in ["", "钟明", "欧阳娜娜"] {
            let s = sheet(name);
            let inp = Inputs {
                fonts: &fonts,
                photo_aspect: None,
                memo: Some(&memo),
                record: None,
            };
            assert_eq!(layout(&s, &inp).unwrap(), plain(&s), "{name}");
        }
    }
}
