# Receipts and college forms: their inputs, the receipt key, photos,
# the papers' layouts, and `gazette verify`'s problems.

## Inputs (papers.yaml, candidates.yaml)

papers-registration-missing = receipts need each candidate's registration number (报名号)
    .hint = add `registration_number: <its column header>` under `columns:` in candidates.yaml
papers-no-phase = no phase `{ $phase }` in schedule.yaml
papers-no-category = no category `{ $category }` in categories.yaml
    .hint = list category ids, e.g. general or veteran
verify-year-no-receipts = { $year } has no receipts (no `receipts:` in content/{ $year }/papers.yaml)
    .hint = run this in the site the receipts were built from, or pass --root
verify-no-receipts = no year of this site has receipts
    .hint = run this in the site the receipts were built from, or pass --root
papers-shard-not-number = `{ $value }` is not a number
papers-shard-out-of-range = shard { $index }/{ $count }: I must be between 1 and N

## The receipt key

receipt-key-env-malformed = { $var } is not 64 hexadecimal digits
    .hint = unset it to use the key file, or set it to the authority's key
receipt-key-no-place = no place for the receipt key: neither XDG_CONFIG_HOME, HOME nor APPDATA is set
    .hint = set { $var }, or `receipts: key_file: …` in gazette.yaml
receipt-key-file-malformed = the receipt key file `{ $file }` does not hold 64 hexadecimal digits
    .hint = restore it from your backup; receipts made with another key do not verify
# The source of a weak key when it is a file (else the variable's name).
receipt-key-source-file = the receipt key file `{ $file }`
receipt-key-weak = { $source } holds a trivially weak receipt key (the same byte { $byte } 32 times)
    .hint = use the authority's real key; for a new one, remove the file and run `gazette build`, which makes a random key (receipts made before no longer verify)
receipt-key-missing = no receipt key: `{ $file }` does not exist and { $var } is not set
    .hint = run this where the receipts were built, or set the key the authority keeps
receipt-key-read-failed = failed to read the receipt key `{ $file }`
receipt-key-no-random = the system gave no random bytes for a new receipt key
receipt-key-loose = the receipt key file `{ $file }` is readable or writable by other users (mode { $mode })
    .hint = anyone who reads it can forge receipts: run `chmod 600 { $file }`
receipt-key-inside-site = the receipt key file `{ $file }` is inside the site folder
    .hint = keep the key outside the site (it is copied and published with it): name another `receipts: key_file:` or set GAZETTE_RECEIPT_KEY
receipt-key-create-failed = failed to create the receipt key `{ $file }`
    .hint = make the folder writable, or set { $var }
receipt-without-key = a receipt without its key

## Photos

photos-folder-missing = no photos folder `{ $folder }`
    .hint = create the folder (photos named by ID number, e.g. 430102200001010011.jpg) or remove `photos:`
photos-unmatched = { $count } photo(s) in `{ $folder }` match no exam-exempt candidate's ID number: { $names }
    .hint = name each photo by the candidate's 18-character ID number
photo-unusable = the photo `{ $file }` of { $whose } cannot be used
    .hint = save it again as a JPEG or PNG, or remove it to leave the photo box empty
photo-not-image = it is neither a JPEG nor a PNG file
photo-too-large = it declares { $width }×{ $height } pixels; at most { $side } pixels a side and { $megapixels } megapixels are accepted
photo-too-small = it is only { $width }×{ $height } pixels
jpeg-no-start = it is not a JPEG file (no start-of-image marker)
jpeg-broken-at = the JPEG structure is broken at byte { $at }
jpeg-cut-short = the JPEG file is cut short
jpeg-lossless = it uses a lossless or arithmetic-coded JPEG, which PDF cannot show
jpeg-no-frame = the JPEG file has no frame header before its image data
jpeg-no-end = the JPEG file is cut short (no end-of-image marker)
jpeg-frame-short = the JPEG frame header is cut short
jpeg-bit-depth = it is a { $bits }-bit JPEG; PDF shows 8-bit ones
jpeg-cmyk = it is a CMYK JPEG (for print); save it as an RGB (sRGB) JPEG
jpeg-components = its JPEG has { $components } colour components
png-too-large = the PNG is too large
png-pixel-layout = the PNG has an unknown pixel layout

## Layouts of the papers (templates/receipt.yaml, templates/form.yaml)

paper-kind-receipt = receipt
paper-kind-form = form
paper-of-candidate = the { $kind } of { $name } (row { $row } of `{ $file }`)
paper-blank = the blank { $kind } of { $year }
paper-template-invalid = template `{ $template }` wrote a layout that is not valid for { $what }
    .hint = check the template's YAML: keep every {"{{"} value {"}}"} inside double quotes
paper-template-written-line = at the written line `{ $line }`
paper-layout-failed = cannot lay out { $what }
paper-layout-font-hint = install a font that has the character (e.g. fonts-noto-cjk), or name one under `fonts:` in gazette.yaml
layout-no-glyph = no installed font has the character `{ $char }` (U+{ $code }) in “{ $text }”
layout-no-columns = a table needs at least one column width
layout-too-many-cells = row { $row } of a table has more cells than its { $columns } columns (at “{ $cell }”)
layout-qr = cannot make a QR code of “{ $data }”: { $reason }
layout-block-alone = a `{ $key }:` block has no other keys (put its settings inside it)
layout-block-kind = a block is one of `text:`, `table:`, `qr:`, `gap:` or `break:`
photo-decoded-size = it decodes to a size other than the { $width }×{ $height } pixels its header declares
