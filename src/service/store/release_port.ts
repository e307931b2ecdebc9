/**
 * The release port: the releases of the configured repository the service
 * saw (`release.published` webhooks). A report's claimed version counts as
 * evidence of a regression only when it is one of them.
 *
 * @module
 */

/** The release operations. */
export interface ReleasePort {
  /** Remembers a release (version without `v`, and its tag); false when already known. */
  recordRelease(version: string, tag: string, now: number): Promise<boolean>;
}
