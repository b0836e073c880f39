# Recommendation forms and receipts.

## Candidates' photos

photo-decoded-size = it decodes to a size other than the { $width }×{ $height } pixels its header declares
