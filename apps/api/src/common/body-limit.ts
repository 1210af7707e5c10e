/** Upper bound for request bodies: a CSV of a few thousand staff fits comfortably. */
export const BODY_LIMIT_BYTES = 5 * 1024 * 1024;

/**
 * The 413's detail: the limit in plain figures and what to do. The large bodies people send are
 * staff CSVs; the import updates by employee_ref, so a file split in parts imports the same.
 */
export const BODY_TOO_LARGE_DETAIL =
  `The request is larger than the ${BODY_LIMIT_BYTES / 1024 / 1024} MB the API accepts. ` +
  'For a staff CSV: split it into smaller files, each starting with the header line, and upload them one after another.';
