package dev.drift.agent.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the node's file system is seen from the agent: {@code /} on the node itself, or the mount of
 * the host's root in a container ({@code /host}). Configuration, patterns and events speak of node
 * paths ({@code /etc/shadow}); only reading and watching use the paths on disk
 * ({@code /host/etc/shadow}).
 *
 * @param root absolute; {@code /} when the agent runs on the node itself
 */
public record HostRoot(Path root) {
    /** The agent runs on the node itself. */
    public static final HostRoot NODE = new HostRoot(Path.of("/"));

    public HostRoot {
        Objects.requireNonNull(root, "root");
        if (!root.isAbsolute()) {
            throw new ConfigException("host-root must be an absolute path: " + root);
        }
        root = root.normalize();
    }

    /** The file on disk for a node path. */
    public Path onDisk(Path nodePath) {
        return root.resolve(Path.of("/").relativize(nodePath.toAbsolutePath())).normalize();
    }

    /** The node path of a file on disk; a file outside the host root keeps its path. */
    public Path onNode(Path diskPath) {
        return diskPath.startsWith(root) ? Path.of("/").resolve(root.relativize(diskPath)) : diskPath;
    }
}
