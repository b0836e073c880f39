# Words shared by every diagnostic and report.

diag-error = error:{" "}
diag-warning = warning:{" "}
diag-caused-by = caused by:{" "}
diag-hint = hint:{" "}
diag-summary = { $errors ->
        [one] 1 error
       *[other] { $errors } errors
    }, { $warnings ->
        [one] 1 warning
       *[other] { $warnings } warnings
    }
did-you-mean = did you mean `{ $name }`?
