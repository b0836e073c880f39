# Reading gazette.yaml and content/<year>/.

no-site = no `{ $file }` in `{ $folder }`: this is not a gazette site
    .hint = run gazette in the site folder, or pass --root DIR
