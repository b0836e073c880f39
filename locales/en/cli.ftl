# The command line: `gazette --help` and every subcommand's help.

cli-usage = Usage:{" "}
cli-options = Options
cli-arguments = Arguments
cli-commands = Commands
cli-help = Print help (more with --help)
cli-version = Print the version
cli-default = [default: { $value }]
cli-values = [one of: { $values }]

cli-gazette = gazette: official notices, publicity lists, forms and receipts from YAML.
    .long = gazette: official notices, publicity lists, forms and receipts from YAML.

      The facts of a year are kept once in content/<year>/ and every document is made from them.
      Start with: gazette init mysite && cd mysite && gazette build

cli-arg-quiet = Print only errors and warnings.
cli-arg-verbose = Also list every file written.
cli-arg-lang = The language gazette speaks (default: GAZETTE_LANG, then language: in gazette.yaml, then the locale).
cli-arg-root = The site folder (holding gazette.yaml and content/).
cli-arg-deny-warnings = Treat warnings as errors.

cli-build = Build the site: web pages and PDFs of every year into the output folder.
    .long = Build the site: web pages and PDFs of every year into the output folder.

      Checks everything first and writes nothing when an error is found; the output folder is replaced as a whole or left as it was.

      Example: gazette build --root mysite --output public
cli-arg-output = Where to write what the public web server serves. Default: <root>/output.
cli-arg-private = Where to write the papers for staff and colleges (forms with photos, plain copies of the receipts, the build's manifest): readable by the owner only, never inside the output. Default: <root>/private.
cli-arg-only = Build only the web pages, or only the print documents: the PDFs, notice.docx and notice.ofd (the output folder then holds only those).
cli-arg-shard = Make only the I-th of N disjoint parts of the receipts and forms (the web pages and notices are built whole), so that N machines can share a large run; copy the N output folders together.

cli-verify = Check a candidate's receipt: is this verification code the one the authority's key gives for the candidate's registered facts?
    .long = Check a candidate's receipt: is this verification code the one the authority's key gives for the candidate's registered facts?

      Needs the receipt key the receipts were built with (the key file or GAZETTE_RECEIPT_KEY). Exit status: 0 genuine, 1 not genuine or no such candidate, 2 usage or I/O problems.

      Example: gazette verify 7KQ2-M9XD-4HPA-3TWC-V8RJ --id 430102200001011234
cli-verify-code = The verification code printed on the receipt (case, spaces and dashes do not matter).
cli-verify-id-number = The candidate's full ID number (as on the ID card).
cli-verify-year = Only this year's candidates. Default: every year with receipts.

cli-check = Check the content, data and templates without writing anything.
    .long = Check the content, data and templates without writing anything.

      Exit status: 0 clean (warnings allowed), 1 content errors, 2 usage or I/O problems.

      Example: gazette check --root mysite --format json
cli-check-format = How to print the diagnostics.

cli-serve = Preview the site in a browser while editing it.
    .long = Preview the site in a browser while editing it.

      Builds in memory and serves on 127.0.0.1 (a preview, not for publishing); rebuilds on every change to content/, templates/ or gazette.yaml, and the open pages reload by themselves. A build error is shown in the page with the diagnostics of `gazette check`. Ctrl-C stops.

      Example: gazette serve --root mysite --port 8024 --open
cli-serve-port = The port; 0 picks a free one.
cli-serve-bind = The address to listen on. Anything but a loopback address shows the preview to the network.
cli-serve-open = Open the front page in the system's browser.

cli-init = Create a new site, with the bundled example as its first year.
    .long = Create a new site, with the bundled example as its first year.

      Example: gazette init notices && cd notices && gazette build
cli-init-dir = The folder to create (it must not exist or be empty).

cli-new-year = Start a year from another: copy its folder and list every date that still belongs to the old year (nothing is shifted silently).
    .long = Start a year from another: copy its folder and list every date that still belongs to the old year (nothing is shifted silently).

      Example: gazette new-year 2025 --from 2024
cli-new-year-year = The new year.
cli-new-year-from = The year to copy. Default: the year before.

cli-diff = Compare two years' notices: moved dates, categories and rules added, removed or reworded, and the body paragraph by paragraph.
    .long = Compare two years' notices: moved dates, categories and rules added, removed or reworded, and the body paragraph by paragraph.

      Both years must pass the checks. The report goes to stdout; a web page of it (for reading or printing before the notice is signed) is written too. Exit status 0 whether or not anything differs.

      Example: gazette diff 2023 2024
cli-diff-old = The earlier year (the one compared against).
cli-diff-new = The later year.
cli-diff-html = Where to write the web page. Default: diff-OLD-NEW.html in the current folder.

cli-completions = Print a shell completion script.
    .long = Print a shell completion script.

      Example: gazette completions bash > /etc/bash_completion.d/gazette
cli-completions-shell = The shell to write the script for.

cli-sample-data = Write a generated candidate list (valid, fictitious) for trying things out.
    .long = Write a generated candidate list (valid, fictitious) for trying things out.

      The same seed always gives the same file.

      Example: gazette sample-data --count 1000 --seed 7 --output content/2024/candidates.csv
cli-sample-data-count = Number of candidates.
cli-sample-data-seed = Seed of the generator.
cli-sample-data-output = The CSV file to write.

# Usage errors (clap's own, in the catalog's words).
cli-error-more = For more information, try '--help'.
cli-error-unknown-argument = error: unexpected argument '{ $arg }'
cli-error-unknown-command = error: unrecognized subcommand '{ $subcommand }'
cli-error-missing-value = error: a value is required for '{ $arg }' but none was supplied
cli-error-invalid-value = error: invalid value '{ $value }' for '{ $arg }'{ $valid ->
        [none] {""}
       *[other] {" "}(possible values: { $valid })
    }
cli-error-missing-argument = error: the following required arguments were not provided: { $arg }
cli-error-missing-command = error: a subcommand is required (see the list under --help)
cli-error-conflict = error: the argument '{ $arg }' cannot be used with '{ $other }'
cli-error-unexpected-value = error: unexpected value '{ $value }' for '{ $arg }'
cli-error-suggested = tip: a similar one exists: '{ $suggestion }'
