/**
 * Public API: CheckJob (compare source and target item by item, write a diff report) and RepairJob
 * (fix what a report lists).
 */
package io.nimo.core.check;
