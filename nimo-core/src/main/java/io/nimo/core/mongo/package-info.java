/**
 * Internal: the MongoDB seam shared by the MongoDB target and checkpoint store: endpoint (client
 * creation) and the one error classifier.
 */
package io.nimo.core.mongo;
