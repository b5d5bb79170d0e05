package dev.drift.embedded.netbox;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A device as the fake NetBox holds it. Start from {@link #named(String)}, which fills the relations
 * NetBox requires (site, role, device type) with defaults, and refine with the {@code with*} methods.
 *
 * @param name          the device name
 * @param status        one of active, offline, planned, staged, failed, inventory, decommissioning
 * @param site          the site (required by NetBox)
 * @param role          the device role (required by NetBox)
 * @param deviceType    the device type, its name being the model (required by NetBox)
 * @param manufacturer  the device type's manufacturer
 * @param tenant        the tenant, or null
 * @param platform      the platform, or null
 * @param customFields  custom field values by field name
 * @param configContext the rendered config context (any JSON value Jackson can write), or null
 * @param tags          tag names
 */
public record DeviceSpec(String name, String status, BriefRef site, BriefRef role, BriefRef deviceType,
                         BriefRef manufacturer, BriefRef tenant, BriefRef platform,
                         Map<String, Object> customFields, Object configContext, List<String> tags) {

    /** The device status values of NetBox 4.2. */
    public static final Set<String> STATUSES =
            Set.of("active", "offline", "planned", "staged", "failed", "inventory", "decommissioning");

    public static final BriefRef DEFAULT_SITE = new BriefRef(1, "Default site", "default-site");
    public static final BriefRef DEFAULT_ROLE = new BriefRef(1, "Server", "server");
    public static final BriefRef DEFAULT_DEVICE_TYPE = new BriefRef(1, "Generic server", "generic-server");
    public static final BriefRef DEFAULT_MANUFACTURER = new BriefRef(1, "Generic", "generic");

    public DeviceSpec {
        Objects.requireNonNull(name, "name");
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("unknown device status " + status + ", expected one of " + STATUSES);
        }
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(deviceType, "deviceType");
        Objects.requireNonNull(manufacturer, "manufacturer");
        customFields = Maps.copyAllowingNulls(customFields);
        tags = List.copyOf(tags);
    }

    /** An active device in the default site, role and device type, with no custom fields or context. */
    public static DeviceSpec named(String name) {
        return new DeviceSpec(name, "active", DEFAULT_SITE, DEFAULT_ROLE, DEFAULT_DEVICE_TYPE,
                DEFAULT_MANUFACTURER, null, null, Map.of(), null, List.of());
    }

    public DeviceSpec withName(String newName) {
        return new DeviceSpec(newName, status, site, role, deviceType, manufacturer, tenant, platform,
                customFields, configContext, tags);
    }

    public DeviceSpec withStatus(String newStatus) {
        return new DeviceSpec(name, newStatus, site, role, deviceType, manufacturer, tenant, platform,
                customFields, configContext, tags);
    }

    public DeviceSpec withSite(BriefRef newSite) {
        return new DeviceSpec(name, status, newSite, role, deviceType, manufacturer, tenant, platform,
                customFields, configContext, tags);
    }

    public DeviceSpec withRole(BriefRef newRole) {
        return new DeviceSpec(name, status, site, newRole, deviceType, manufacturer, tenant, platform,
                customFields, configContext, tags);
    }

    /** Sets tenant and platform; either may be null. */
    public DeviceSpec withTenantAndPlatform(BriefRef newTenant, BriefRef newPlatform) {
        return new DeviceSpec(name, status, site, role, deviceType, manufacturer, newTenant, newPlatform,
                customFields, configContext, tags);
    }

    public DeviceSpec withCustomFields(Map<String, Object> newCustomFields) {
        return new DeviceSpec(name, status, site, role, deviceType, manufacturer, tenant, platform,
                newCustomFields, configContext, tags);
    }

    public DeviceSpec withConfigContext(Object newConfigContext) {
        return new DeviceSpec(name, status, site, role, deviceType, manufacturer, tenant, platform,
                customFields, newConfigContext, tags);
    }

    public DeviceSpec withTags(List<String> newTags) {
        return new DeviceSpec(name, status, site, role, deviceType, manufacturer, tenant, platform,
                customFields, configContext, newTags);
    }
}
