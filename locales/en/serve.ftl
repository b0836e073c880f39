# `gazette serve`: the preview server's lines in the terminal and its pages.

serve-built = built { $what }: { $files } files in { $seconds }s
serve-failed = the pages show these errors; the last good build is still served
serve-open-to-network = warning: listening on { $address }: the preview is open to the network
serve-serving = serving { $url } (a preview, not for publishing; Ctrl-C stops)
serve-no-browser = could not open a browser ({ $program }: { $error }); open { $url } yourself
serve-what-pages = web pages
serve-what-pages-and-pdfs = web pages and PDFs
serve-cannot-listen = cannot listen on { $address }
    .hint = pick another port with --port, or --port 0 for any free one
serve-no-thread = cannot start a thread

## The preview's pages

serve-overlay-title = gazette serve: the build failed.
serve-overlay-text = Fix the files below and this page reloads by itself; until then the last good build is served.
serve-not-in-site = { $path } is not part of the site.
serve-index-link = index
serve-http-method = only GET and HEAD are served
serve-http-bad-path = bad request path
serve-http-no-pdf = no such PDF in the site
serve-http-not-found = not found
