package io.nimo.core.sync.plan;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * What copying one table would take, worked out without writing anything ({@code nimo-shake
 * --plan}).
 *
 * @param table the table
 * @param items its item count as DescribeTable reports it (DynamoDB refreshes it about every 6
 *     hours)
 * @param bytes its size as DescribeTable reports it
 * @param stream the stream's view type, or {@code off}
 * @param pointInTimeRecovery {@code on}, {@code off}, or why it is unknown
 * @param segments parallel-Scan segments ({@code full.read.concurrency})
 * @param scanCalls Scan calls a full Scan takes (pages of {@code qps.full.batch_num} items, at most
 *     1 MB each)
 * @param scanReadUnits read units a full Scan spends (eventually consistent: half a unit per 4 KB)
 * @param scanSeconds how long the Scan takes at {@code qps.full}, or -1 when it is not limited
 * @param exportGb the size a full export is billed for, in GB
 * @param exportCost what that costs at the configured price per GB
 * @param bulk what the configured {@code full.source} would do for this table
 */
public record TablePlan(
    String table,
    long items,
    long bytes,
    String stream,
    String pointInTimeRecovery,
    int segments,
    long scanCalls,
    long scanReadUnits,
    long scanSeconds,
    BigDecimal exportGb,
    BigDecimal exportCost,
    String bulk) {

  /**
   * The plan as the lines {@code --plan} prints.
   *
   * @param qps {@code qps.full}
   * @param pricePerGb {@code full.export.price_per_gb}
   * @return the lines, newline-terminated
   */
  public String describe(int qps, BigDecimal pricePerGb) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "table %s: %,d item(s), %,d bytes (DescribeTable; DynamoDB refreshes these about every"
                + " 6 hours)%n",
            table,
            items,
            bytes));
    b.append(
        String.format(
            Locale.ROOT,
            "  stream: %s; point-in-time recovery: %s%n",
            stream,
            pointInTimeRecovery));
    String duration =
        scanSeconds < 0
            ? "not limited by qps.full"
            : "about " + human(scanSeconds) + " at qps.full = " + qps + " call(s)/s";
    b.append(
        String.format(
            Locale.ROOT,
            "  Scan: %d segment(s), %,d call(s), %,d read unit(s), %s%n",
            segments,
            scanCalls,
            scanReadUnits,
            duration));
    b.append(
        String.format(
            Locale.ROOT,
            "  export: %s GB, $%s at $%s/GB (full.export.price_per_gb; the default is AWS's"
                + " published price of a full export), no read units%n",
            exportGb.toPlainString(),
            exportCost.toPlainString(),
            pricePerGb.toPlainString()));
    b.append("  full.source: ").append(bulk).append(System.lineSeparator());
    return b.toString();
  }

  static String human(long seconds) {
    if (seconds < 120) {
      return seconds + " s";
    }
    if (seconds < 2 * 3600) {
      return (seconds + 30) / 60 + " min";
    }
    return String.format(Locale.ROOT, "%.1f h", seconds / 3600.0);
  }
}
