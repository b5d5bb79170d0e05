package dev.drift.embedded.netbox;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A virtual machine as the fake NetBox holds it. Start from {@link #named(String)} and refine with the
 * {@code with*} methods; every record is immutable.
 *
 * @param name          the VM name
 * @param status        one of active, offline, planned, staged, failed, decommissioning
 * @param site          the site, or null
 * @param cluster       the cluster, or null
 * @param role          the device role, or null
 * @param tenant        the tenant, or null
 * @param platform      the platform, or null
 * @param vcpus         virtual CPUs, or null
 * @param memoryMb      memory in MB, or null
 * @param diskMb        disk in MB, or null
 * @param customFields  custom field values by field name
 * @param configContext the rendered config context (any JSON value Jackson can write), or null
 * @param tags          tag names
 */
public record VmSpec(String name, String status, BriefRef site, BriefRef cluster, BriefRef role,
                     BriefRef tenant, BriefRef platform, Double vcpus, Integer memoryMb, Integer diskMb,
                     Map<String, Object> customFields, Object configContext, List<String> tags) {

    /** The VM status values of NetBox 4.2. */
    public static final Set<String> STATUSES =
            Set.of("active", "offline", "planned", "staged", "failed", "decommissioning");

    public VmSpec {
        Objects.requireNonNull(name, "name");
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("unknown VM status " + status + ", expected one of " + STATUSES);
        }
        customFields = Maps.copyAllowingNulls(customFields);
        tags = List.copyOf(tags);
    }

    /** An active VM with no resources, relations, custom fields or config context. */
    public static VmSpec named(String name) {
        return new VmSpec(name, "active", null, null, null, null, null, null, null, null, Map.of(), null, List.of());
    }

    public VmSpec withName(String newName) {
        return new VmSpec(newName, status, site, cluster, role, tenant, platform, vcpus, memoryMb, diskMb,
                customFields, configContext, tags);
    }

    public VmSpec withStatus(String newStatus) {
        return new VmSpec(name, newStatus, site, cluster, role, tenant, platform, vcpus, memoryMb, diskMb,
                customFields, configContext, tags);
    }

    /** Sets vCPUs, memory (MB) and disk (MB) together. */
    public VmSpec withResources(Double newVcpus, Integer newMemoryMb, Integer newDiskMb) {
        return new VmSpec(name, status, site, cluster, role, tenant, platform, newVcpus, newMemoryMb, newDiskMb,
                customFields, configContext, tags);
    }

    /** Sets site, cluster, role, tenant and platform; any may be null. */
    public VmSpec withRelations(BriefRef newSite, BriefRef newCluster, BriefRef newRole, BriefRef newTenant,
                                BriefRef newPlatform) {
        return new VmSpec(name, status, newSite, newCluster, newRole, newTenant, newPlatform, vcpus, memoryMb,
                diskMb, customFields, configContext, tags);
    }

    public VmSpec withCustomFields(Map<String, Object> newCustomFields) {
        return new VmSpec(name, status, site, cluster, role, tenant, platform, vcpus, memoryMb, diskMb,
                newCustomFields, configContext, tags);
    }

    public VmSpec withConfigContext(Object newConfigContext) {
        return new VmSpec(name, status, site, cluster, role, tenant, platform, vcpus, memoryMb, diskMb,
                customFields, newConfigContext, tags);
    }

    public VmSpec withTags(List<String> newTags) {
        return new VmSpec(name, status, site, cluster, role, tenant, platform, vcpus, memoryMb, diskMb,
                customFields, configContext, newTags);
    }
}
