# Renderers (HTML templates, PDF, Word, OFD) and the fonts they set text with.

## Templates

template-read-failed = failed to read `{ $file }`
template-load-failed = template `{ $template }` failed while loading the templates
    .hint = fix the template, or delete it from templates/ to use the built-in one
template-render-failed = template `{ $template }` failed while rendering `{ $output }`
    .hint = fix the template, or delete it from templates/ to use the built-in one
template-unknown-value = `{ $name }` is not among the values the template gets

## Fonts

font-role-missing = no font found for the { $role } role (tried { $tried })
    .hint = install CJK fonts: on Debian/Ubuntu `sudo apt-get install --no-install-recommends fonts-noto-cjk texlive-lang-chinese`; Windows and macOS have them already
# Between the roles listed by font-fallback.
font-fallback-separator = {"; "}
font-fallback = preferred fonts not found, using the next of each chain: { $fallbacks }
    .hint = install the preferred fonts, or name the ones you have under `fonts:` in gazette.yaml
font-unreadable = font file `{ $file }` cannot be read as a font
    .hint = name another font in gazette.yaml, or reinstall this one
font-subset-failed = cannot subset the font `{ $face }`: { $reason }
    .hint = name another font in gazette.yaml, or reinstall this one
font-file-unreadable = the file cannot be read
font-subset-not-opentype = the subset is not a readable OpenType file
font-listing = font file { $file } opened { $opens }×: { $faces }
font-listing-face = { $name } #{ $index } ({ $label }) for { $roles }
font-listing-unused = no face needed

## Characters no font has, and where they are

glyph-missing-notice = no font has the character `{ $char }` (U+{ $code }) in { $where } of the { $year } notice
    .hint = install a font that has it and add it to the `{ $role }` chain under `fonts:` in gazette.yaml
glyph-missing-list = no font has the character `{ $char }` (U+{ $code }) in the { $category } list of { $year }
    .hint = add a font that has it to the `body` chain under `fonts:` in gazette.yaml
where-heading = heading “{ $text }”
where-paragraph = paragraph “{ $text }”
where-item = list item “{ $text }”
where-table = table “{ $text }”
where-a-table = a table
where-head = the document head
where-title = the title
where-addressee = the addressee
where-attachment-list = the attachment list
where-signature = the signature
where-note = the note
where-attachment-label = { $label } label
where-attachment-title = { $label } title
where-imprint = the imprint (版记)
where-page-numbers = the page numbers

## Pages and packages

table-too-wide = this table needs { $need } mm across but a landscape page of the { $year } notice has { $page } mm
    .hint = split the table into two, or shorten its longest words and numbers (they are never broken inside a cell)
red-not-colour = `{ $value }` is not a colour
    .hint = write the red as #RRGGBB, e.g. #FF3333
package-failed = failed to package `{ $file }`
