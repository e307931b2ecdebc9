/** caro's own version, shown by `caro --version` and put in every report. */
export const CARO_VERSION = "0.1.0";
