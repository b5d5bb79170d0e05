/**
 * Delivery of the agent's events to Redis streams, with a disk spool for outages.
 *
 * <p>{@link dev.drift.agent.publish.RedisSink} is the {@link dev.drift.agent.event.EventSink}:
 * configured by {@link dev.drift.agent.publish.PublishSettings}, it stamps {@code seq} and {@code
 * agent}, XADDs with a {@code MAXLEN ~} cap, and spools while Redis is unreachable.
 * {@link dev.drift.agent.publish.Heartbeat} publishes {@code agent.heartbeat} through it.
 *
 * <p>The lettuce client is sized for one connection sending one command, for the agent's memory goal
 * (README, drift-agent: memory): {@code AgentClientResources} (one {@code drift-redis} thread, no
 * event bus, metrics or DNS resolver, timeouts on the loop by {@code EventLoopTimer}) and {@code
 * DispatchOnlyRedisClient} (connections without command APIs; {@code StreamWriter} dispatches XADD).
 *
 * <p>Files under {@code <state directory>/publish/}:
 * <ul>
 *   <li>{@code seq}: the first sequence number not yet reserved (numbers are reserved 1,000 at a
 *       time, so a restart skips the rest of a block and never reuses one);</li>
 *   <li>{@code spool-<generation>.log}: spooled entries, each {@code length, CRC32C, body}, fsynced
 *       before publish returns; a torn last record is cut off at start-up;</li>
 *   <li>{@code spool.offset}: the live generation and the byte offset of the oldest entry Redis has
 *       not confirmed, replaced atomically after each replayed batch;</li>
 *   <li>{@code lock}: held by the running sink, so two agents never share the files.</li>
 * </ul>
 *
 * <p>Delivery is at least once: nothing reported as published is lost, also across a kill -9, but
 * Redis may receive an entry twice (an XADD that timed out yet was applied, or a crash between a
 * replayed XADD and the durable offset). The service ignores a {@code seq} it has already seen.
 */
package dev.drift.agent.publish;
