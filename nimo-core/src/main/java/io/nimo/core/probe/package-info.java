/**
 * Start-up reachability probes: what a failed probe says ({@link io.nimo.core.probe.ProbeFailure}:
 * the key, the address with credentials masked, the {@link io.nimo.core.probe.Problem}) and the
 * helper each adapter wraps its probe call in. A leaf package: every adapter may use it.
 */
package io.nimo.core.probe;
