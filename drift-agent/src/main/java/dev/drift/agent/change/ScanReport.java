package dev.drift.agent.change;

import java.time.Duration;

/**
 * What the startup scan did.
 *
 * @param changed   changes published (made while the agent was not running)
 * @param snapshots unchanged files published as {@code snapshot}
 * @param took      how long the scan took
 * @param files     watched files looked at (regular files and symbolic links)
 * @param bytesRead bytes of content read and hashed (a link counts its target path)
 */
public record ScanReport(int changed, int snapshots, Duration took, int files, long bytesRead) {
}
