use super::*;
use crate::papers::yaml_escape;

/// Values YAML might read otherwise than as themselves.
const AWKWARD: [&str; 28] = [
    "",
    "钟明",
    " lead",
    "trail ",
    "  ",
    "a\"b",
    "back\\slash",
    "\\n",
    "line\nbreak",
    "tab\there",
    "cr\r",
    "# not a comment",
    "key: value",
    "- item",
    "'single'",
    "{a: b}",
    "[1, 2]",
    "&anchor",
    "*alias",
    "!tag",
    "null",
    "~",
    "\u{2028}",
    "\u{FEFF}",
    "\u{85}",
    "\u{E000}\"0\u{E001}",
    "\u{E001}",
    "--- ",
];

/// `template` with `@i@` standing for value `i`, written as a template
/// writes it: escaped.
fn written(template: &str, values: &[&str]) -> String {
    let mut out = template.to_string();
    for (i, v) in values.iter().enumerate() {
        out = out.replace(&format!("@{i}@"), &yaml_escape(v));
    }
    out
}

fn stencil(template: &str, count: usize) -> Option<Stencil> {
    let markers = Markers::new(0);
    let values: Vec<&str> = markers.0[..count].iter().map(String::as_str).collect();
    let text = written(template, &values);
    let sheet = Sheet::parse(&text).ok()?;
    Stencil::new(text, sheet, markers.len())
}

/// Filled, the stencil is the layout read from the text (or declines).
fn check(template: &str, s: &Stencil, values: &[&str]) -> bool {
    let real = written(template, values);
    let mut all = values.to_vec();
    all.resize(FIXED, "");
    match (s.fill(&real, &all), Sheet::parse(&real)) {
        (Some(filled), Ok(read)) => {
            assert_eq!(format!("{filled:?}"), format!("{read:?}"), "{values:?}");
            true
        }
        (Some(_), Err(e)) => panic!("{values:?} filled, but the text is not a layout: {e:?}"),
        (None, _) => false,
    }
}

#[test]
fn values_in_double_quoted_strings_read_back_as_filled() {
    let templates = [
        "blocks:\n  - text: \"@0@\"\n",
        "blocks:\n  - text: \"姓名：@0@，专业：@1@。\"\n    font: hei\n",
        "blocks:\n  - text: \"@0@@1@\"\n",
        "blocks:\n  - table:\n      widths: [10, 20]\n      rows:\n        - cells:\n            - {text: \"@0@\", align: center}\n            - {text: \"x\\n@1@\\n\", foot: \"@0@ @1@\"}\n            - {qr: \"@1@\"}\n",
        "blocks:\n  - text: \"first line\n      mid @0@ end\n      last\"\n",
        "blocks:\n  - qr:\n      data: \"@0@\"\n      caption: \"@1@\"\n",
    ];
    for t in templates {
        let s = stencil(t, 2).unwrap_or_else(|| panic!("a stencil of {t}"));
        let mut filled = 0;
        for a in AWKWARD {
            for b in ["钟明", a, ""] {
                filled += usize::from(check(t, &s, &[a, b]));
            }
        }
        assert!(filled >= AWKWARD.len() * 2, "{t}: {filled}");
    }
}

/// A marker YAML would not read back as the value has no stencil.
#[test]
fn markers_outside_double_quoted_strings_give_no_stencil() {
    let markers = Markers::new(0);
    for t in [
        "blocks:\n  - text: @0@\n",
        "blocks:\n  - text: '@0@'\n",
        "blocks:\n  - text: |\n      @0@\n",
        "blocks:\n  - text: \"x\" # @0@\n",
        "blocks:\n  - text: \"x\"\n    font: \"@0@\"\n",
        "blocks:\n  - text: &a \"@0@\"\n  - text: *a\n",
        "blocks:\n  - text: &a \"@0@\"\n    font: *a\n",
        "blocks:\n  - text: \"a\n      @0@\"\n",
        "blocks:\n  - text: \"@0@\n      b\"\n",
        "blocks:\n  - text: \"a @0@ \\\n      b\"\n",
    ] {
        // A layout, so that it is Stencil::new that declines.
        let text = written(t, &[markers.0[0].as_str()]);
        assert!(Sheet::parse(&text).is_ok(), "{t} is a layout");
        assert!(stencil(t, 1).is_none(), "{t}");
    }
    // Texts that are no layout at all give none either.
    for t in [
        "blocks:\n  - text: \"\\@0@\"\n",
        "blocks:\n  - {text: \"x\", \"@0@\": 1}\n",
    ] {
        assert!(stencil(t, 1).is_none(), "{t}");
    }
}

/// A text the template wrote otherwise (it looked at a value) is read afresh.
#[test]
fn another_text_is_not_filled() {
    let t = "blocks:\n  - text: \"@0@\"\n";
    let s = stencil(t, 1).unwrap();
    let mut all = vec![""; FIXED];
    all[0] = "钟明";
    assert!(s.fill("blocks:\n  - text: \"钟明\"\n", &all).is_some());
    assert!(s.fill("blocks:\n  - text: \"钟明!\"\n", &all).is_none());
    assert!(s.fill("blocks:\n  - text: \"钟\"\n", &all).is_none());
    assert!(s
        .fill("blocks:\n  - text: \"钟明\"\n  - gap: 1\n", &all)
        .is_none());
}

/// With the built-in templates every receipt and form of the example is
/// filled from its stencil, and is the layout read from its text.
#[test]
fn the_examples_papers_are_filled_as_read() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let outputs = crate::Outputs {
        html: false,
        pdf: true,
    };
    let plan = crate::render_selected(root, outputs)
        .unwrap()
        .papers
        .unwrap();
    let mut filled = 0;
    for y in &plan.years {
        for c in &y.list.candidates {
            let v = y.view(c);
            let code = y.code(&plan.key, c, &v);
            for (kind, code) in [("receipt", code.as_str()), ("form", "")] {
                let Some(s) = find(&plan.stencils, y.year, kind, v.category_id) else {
                    assert!(kind == "form" && !v.exempt, "{kind} {}", v.category_id);
                    continue;
                };
                let qr = plan.qr(y, Some(c), &v, code);
                let text = plan.layout_text(y, kind, Some(c), &v, code).unwrap();
                let read = Sheet::parse(&text).unwrap();
                let sheet = s.fill(&text, &values(&v, code, &qr)).unwrap();
                assert_eq!(format!("{sheet:?}"), format!("{read:?}"));
                filled += 1;
            }
        }
    }
    assert!(filled > 60, "{filled}");
}
