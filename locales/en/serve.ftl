# `gazette serve`: the preview server's lines in the terminal and its pages.

serve-built = built { $what }: { $files } files in { $seconds }s
serve-failed = the pages show these errors; the last good build is still served
serve-open-to-network = warning: listening on { $address }: the preview is open to the network
serve-serving = serving { $url } (a preview, not for publishing; Ctrl-C stops)
serve-no-browser = could not open a browser ({ $program }: { $error }); open { $url } yourself
