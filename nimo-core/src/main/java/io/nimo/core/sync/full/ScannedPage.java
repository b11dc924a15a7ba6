package io.nimo.core.sync.full;

import io.nimo.core.source.ScanPage;

/**
 * A Scan page on its way from the scan stage to the convert stage, with the ticket its items
 * acknowledge.
 */
record ScannedPage(ScanPage page, PageTicket ticket) {
  /** Tells a convert stage that no more pages come. */
  static final ScannedPage END = new ScannedPage(null, null);
}
