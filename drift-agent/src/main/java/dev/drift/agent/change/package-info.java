/**
 * From a changed path to a {@code drift.file_changed} event.
 *
 * <p>Payload ({@code openapi/events/drift.file_changed.schema.json}): {@code ci_id}, {@code path},
 * {@code change} ({@code modified}, {@code created}, {@code deleted}, {@code attributes},
 * {@code snapshot}), {@code sha256}, {@code mode} (4-digit octal), {@code owner}, {@code group},
 * {@code size} (all absent for {@code deleted}), {@code link_target} (for a symbolic link found in
 * a watched directory: the path it points to, whose hash and length {@code sha256} and {@code size}
 * then are; see {@link dev.drift.agent.baseline.Links}), {@code diff} (unified, against the previous
 * content; a created file against nothing, a deleted one to nothing; absent for sensitive, binary
 * and oversized files and for snapshots), {@code settings} (for the formats in
 * {@link dev.drift.agent.parse}), {@code sensitive} and {@code observed_at} (RFC 3339, UTC, when the
 * file was read). The sink adds {@code seq} and {@code agent}. No member beyond the schema's is
 * added.
 *
 * <p>Change kinds: {@code modified} when the hash differs (whether or not attributes changed too),
 * {@code attributes} when only mode, owner or group did; a write that leaves content and attributes
 * as they were (a {@code touch}, a save of the same text) publishes nothing.
 *
 * <p>Startup: the snapshot the issue asks for after the startup scan is one {@code snapshot} event
 * per unchanged watched file, with its full state and settings, which the schema already allows;
 * together with the change events published just before, the service then holds the state of every
 * watched file after each agent start, without a new stream or schema.
 */
package dev.drift.agent.change;
