//! Where a position in a rendered layout came from in its template. The
//! template is rendered once more with a marker at the end of each of its
//! lines (outside template tags, and never where whitespace control eats the
//! line break), so the rendered text keeps its lines and every line ends
//! with the number of the template line it came from. The column is found
//! by walking the template line's literal text; inside a `{{ value }}` the
//! position is the start of the expression.

/// Marker delimiters: control characters no template writes literally.
const OPEN: char = '\u{1}';
const CLOSE: char = '\u{2}';

/// `template` with a marker before each line break that reaches the output.
pub fn mark(template: &str) -> String {
    let mut out = String::with_capacity(template.len() * 2);
    let mut inside: Option<&str> = None;
    for (n, line) in template.split_inclusive('\n').enumerate() {
        let body = line.strip_suffix('\n').unwrap_or(line);
        let mut eats_break = false;
        let mut i = 0;
        while i < body.len() {
            let rest = &body[i..];
            match inside {
                Some(end) if rest.starts_with(end) => {
                    // `-%}`, `-}}` and `-#}` trim the whitespace after the
                    // tag, the line break too.
                    eats_break = body[..i].ends_with('-') && body[i + 2..].trim().is_empty();
                    inside = None;
                    i += 2;
                }
                None if rest.starts_with("{{") => (inside, i) = (Some("}}"), i + 2),
                None if rest.starts_with("{%") => (inside, i) = (Some("%}"), i + 2),
                None if rest.starts_with("{#") => (inside, i) = (Some("#}"), i + 2),
                _ => i += rest.chars().next().map_or(1, char::len_utf8),
            }
        }
        out.push_str(body);
        if line.ends_with('\n') {
            if inside.is_none() && !eats_break {
                out.push(OPEN);
                out.push_str(&(n + 1).to_string());
                out.push(CLOSE);
            }
            out.push('\n');
        }
    }
    out
}

/// The template line and column (1-based) of `column` on `line` of the
/// rendered layout, given the render of [`mark`]ed template.
pub fn locate(marked: &str, template: &str, line: usize, column: usize) -> Option<(usize, usize)> {
    let rendered = marked.lines().nth(line.checked_sub(1)?)?;
    // Pieces of the rendered line, each with the template line it ends on.
    let mut pieces: Vec<(String, usize)> = Vec::new();
    let mut text = String::new();
    let mut chars = rendered.chars();
    while let Some(c) = chars.next() {
        if c == OPEN {
            let n: String = chars.by_ref().take_while(|c| *c != CLOSE).collect();
            pieces.push((std::mem::take(&mut text), n.parse().ok()?));
        } else {
            text.push(c);
        }
    }
    let mut at = column.max(1) - 1;
    let last = pieces.len().checked_sub(1)?;
    for (k, (piece, n)) in pieces.iter().enumerate() {
        let len = piece.chars().count();
        if at < len || k == last {
            let source = template.lines().nth(n - 1)?;
            return Some((*n, column_in(source, piece, at.min(len))));
        }
        at -= len;
    }
    None
}

/// The column in template line `source` of character `at` of its output
/// `piece`: literal text maps one to one; output of a tag maps to the tag.
fn column_in(source: &str, piece: &str, at: usize) -> usize {
    let src: Vec<char> = source.chars().collect();
    let out: Vec<char> = piece.chars().collect();
    let (mut i, mut j) = (0, 0);
    while j < at && i < src.len() {
        if src[i] == '{' && matches!(src.get(i + 1), Some('{' | '%' | '#')) {
            return i + 1;
        }
        if out.get(j) != Some(&src[i]) {
            return i + 1;
        }
        i += 1;
        j += 1;
    }
    i + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(marked: &str) -> String {
        let mut ctx = crate::render::template::Context::new();
        ctx.insert("name", "张三");
        ctx.insert("items", &["a", "b"]);
        let escape = crate::render::template::Escape {
            suffix: ".yaml",
            escape: str::to_string,
        };
        let dir = std::env::temp_dir().join("gazette-origin-no-templates");
        let t = crate::render::template::load_set(&dir, &[("t.yaml", "")], escape).unwrap();
        t.render_as("t.yaml", marked, &ctx).unwrap()
    }

    const TEMPLATE: &str = "{#- a comment\n   over two lines -#}\npage: {}\n{% for i in items -%}\n- \"{{ i }}\"\n{% endfor -%}\nname: \"{{ name }}\": bad\n";

    #[test]
    fn marked_render_keeps_the_lines_of_the_plain_one() {
        let plain = render(TEMPLATE);
        let marked = render(&mark(TEMPLATE));
        let strip = |s: &str| {
            let mut out = String::new();
            let mut skip = false;
            for c in s.chars() {
                match c {
                    OPEN => skip = true,
                    CLOSE => skip = false,
                    _ if !skip => out.push(c),
                    _ => {}
                }
            }
            out
        };
        assert_eq!(strip(&marked), plain);
    }

    #[test]
    fn positions_map_to_template_lines_and_columns() {
        let plain = render(TEMPLATE);
        let marked = render(&mark(TEMPLATE));
        let line = plain.lines().position(|l| l.starts_with("name")).unwrap() + 1;
        // The `:` after the value, and the value itself.
        let col = plain.lines().nth(line - 1).unwrap().find(": bad").unwrap();
        let chars = plain.lines().nth(line - 1).unwrap()[..col].chars().count() + 1;
        assert_eq!(locate(&marked, TEMPLATE, line, chars), Some((7, 8)));
        assert_eq!(locate(&marked, TEMPLATE, line, 1), Some((7, 1)));
        let page = plain.lines().position(|l| l.starts_with("page")).unwrap() + 1;
        assert_eq!(locate(&marked, TEMPLATE, page, 1), Some((3, 1)));
        let item = plain.lines().position(|l| l == "- \"b\"").unwrap() + 1;
        assert_eq!(locate(&marked, TEMPLATE, item, 4), Some((5, 4)));
    }
}
