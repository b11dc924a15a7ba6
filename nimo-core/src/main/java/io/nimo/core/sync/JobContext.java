package io.nimo.core.sync;

import io.nimo.core.checkpoint.CheckpointStore;
import io.nimo.core.config.Configuration;
import io.nimo.core.dynamo.DynamoApi;
import io.nimo.core.metrics.JobProgress;
import io.nimo.core.metrics.StreamProgress;
import io.nimo.core.retry.Retrier;
import io.nimo.core.source.stream.StreamsApi;
import io.nimo.core.target.TargetSession;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** What the phases of one job share. */
record JobContext(Configuration config, DynamoApi source, StreamsApi streams, TargetSession targets,
    CheckpointStore store, Retrier sourceRetrier, ItemTransformer transformer, SafeListener listener,
    JobProgress progress, Map<String, StreamProgress> streamProgress, Clock clock, AtomicBoolean stopRequested) {}
