package dev.drift.service.desired.netbox;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drift.service.desired.netbox.NetBoxData.Interface;
import dev.drift.service.desired.netbox.NetBoxData.IpAddress;
import dev.drift.service.desired.netbox.NetBoxData.Kind;
import dev.drift.service.desired.netbox.NetBoxData.Machine;
import dev.drift.service.desired.netbox.NetBoxGuard.ApiCall;
import dev.drift.service.desired.netbox.client.ApiClient;
import dev.drift.service.desired.netbox.client.ApiException;
import dev.drift.service.desired.netbox.client.api.DcimApi;
import dev.drift.service.desired.netbox.client.api.DcimApi.APIDcimDevicesListRequest;
import dev.drift.service.desired.netbox.client.api.DcimApi.APIDcimDevicesRetrieveRequest;
import dev.drift.service.desired.netbox.client.api.DcimApi.APIDcimInterfacesListRequest;
import dev.drift.service.desired.netbox.client.api.IpamApi;
import dev.drift.service.desired.netbox.client.api.IpamApi.APIIpamIpAddressesListRequest;
import dev.drift.service.desired.netbox.client.api.VirtualizationApi;
import dev.drift.service.desired.netbox.client.api.VirtualizationApi.APIVirtualizationInterfacesListRequest;
import dev.drift.service.desired.netbox.client.api.VirtualizationApi.APIVirtualizationVirtualMachinesListRequest;
import dev.drift.service.desired.netbox.client.api.VirtualizationApi.APIVirtualizationVirtualMachinesRetrieveRequest;
import dev.drift.service.desired.netbox.client.model.PaginatedDeviceWithConfigContextList;
import dev.drift.service.desired.netbox.client.model.PaginatedVirtualMachineWithConfigContextList;
import dev.drift.service.system.DriftMetrics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The NetBox REST calls the adapter makes, through the generated client and {@link NetBoxGuard}
 * (so every method may throw {@link dev.drift.service.system.DriftException.Retryable} or
 * {@link dev.drift.service.system.DriftException.Terminal} as described there). List methods read
 * every page with {@code limit = pageSize}, ordered by id.
 */
final class NetBoxClient {
    private static final String ORDER = "id";

    private final ApiClient api;
    private final VirtualizationApi virtualization;
    private final DcimApi dcim;
    private final IpamApi ipam;
    private final HttpClient http;
    private final ObjectMapper mapper;
    private final Duration timeout;
    private final int pageSize;
    private final NetBoxGuard guard;
    private final NetBoxConversions conversions;

    NetBoxClient(NetBoxProperties properties) {
        this(properties, DriftMetrics.detached());
    }

    NetBoxClient(NetBoxProperties properties, DriftMetrics metrics) {
        this.mapper = objectMapper();
        this.timeout = properties.timeout();
        this.pageSize = properties.pageSize();
        String authorization = "Token " + properties.token();
        this.api = new ApiClient(HttpClient.newBuilder().connectTimeout(timeout), mapper, properties.url())
                .setReadTimeout(timeout)
                .setConnectTimeout(timeout)
                .setRequestInterceptor(request -> request.setHeader("Authorization", authorization));
        this.virtualization = new VirtualizationApi(api);
        this.dcim = new DcimApi(api);
        this.ipam = new IpamApi(api);
        this.http = api.getHttpClient();
        this.guard = new NetBoxGuard(properties, metrics);
        this.conversions = new NetBoxConversions(mapper);
    }

    /** Jackson as NetBox needs it: unknown fields ignored, unknown choice values read as the default case. */
    static ObjectMapper objectMapper() {
        ObjectMapper mapper = ApiClient.createDefaultObjectMapper();
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE);
        mapper.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        return mapper;
    }

    NetBoxGuard guard() {
        return guard;
    }

    /** VMs or devices with exactly this name (names are unique per cluster or site, not globally). */
    List<Machine> machinesNamed(Kind kind, String name) {
        return kind == Kind.VM
                ? vms("find VM by name", offset -> APIVirtualizationVirtualMachinesListRequest.newBuilder()
                        .name(List.of(name)).limit(pageSize).offset(offset).ordering(ORDER).build())
                : devices("find device by name", offset -> APIDcimDevicesListRequest.newBuilder()
                        .name(List.of(name)).limit(pageSize).offset(offset).ordering(ORDER).build());
    }

    /** VMs or devices whose custom field {@code field} equals {@code value} ({@code ?cf_<field>=<value>}). */
    List<Machine> machinesWithCustomField(Kind kind, String field, String value) {
        String query = "cf_" + ApiClient.urlEncode(field) + "=" + ApiClient.urlEncode(value);
        if (kind == Kind.VM) {
            return paginate("find VM by custom field", offset -> rawList("/api/virtualization/virtual-machines/",
                            query, offset, PaginatedVirtualMachineWithConfigContextList.class),
                    PaginatedVirtualMachineWithConfigContextList::getResults,
                    PaginatedVirtualMachineWithConfigContextList::getNext).stream().map(conversions::vm).toList();
        }
        return paginate("find device by custom field", offset -> rawList("/api/dcim/devices/", query, offset,
                        PaginatedDeviceWithConfigContextList.class),
                PaginatedDeviceWithConfigContextList::getResults,
                PaginatedDeviceWithConfigContextList::getNext).stream().map(conversions::device).toList();
    }

    /** One VM or device with its rendered config context; empty when NetBox answers 404. */
    Optional<Machine> machine(Kind kind, int id) {
        if (kind == Kind.VM) {
            return Optional.ofNullable(guard.call("get VM " + id, () -> notFoundAsNull(() ->
                    virtualization.virtualizationVirtualMachinesRetrieve(
                            APIVirtualizationVirtualMachinesRetrieveRequest.newBuilder().id(id).build()))))
                    .map(conversions::vm);
        }
        return Optional.ofNullable(guard.call("get device " + id, () -> notFoundAsNull(() ->
                dcim.dcimDevicesRetrieve(APIDcimDevicesRetrieveRequest.newBuilder().id(id).build()))))
                .map(conversions::device);
    }

    /** Interfaces of one VM or device. */
    List<Interface> interfaces(Kind kind, int machineId) {
        return interfaces(kind, List.of(machineId), null);
    }

    /** IP addresses assigned to interfaces of one VM or device. */
    List<IpAddress> ipAddresses(Kind kind, int machineId) {
        return paginate("list IP addresses of " + kind.objectType + " " + machineId, offset -> () -> {
            APIIpamIpAddressesListRequest.Builder request = APIIpamIpAddressesListRequest.newBuilder()
                    .limit(pageSize).offset(offset).ordering(ORDER);
            request = kind == Kind.VM ? request.virtualMachineId(List.of(machineId))
                    : request.deviceId(List.of(machineId));
            return ipam.ipamIpAddressesList(request.build());
        }, p -> p.getResults(), p -> p.getNext()).stream().map(NetBoxConversions::ipAddress).toList();
    }

    /** Every VM or device, or those changed at or after {@code since} when it is not null. */
    List<Machine> allMachines(Kind kind, Instant since) {
        List<OffsetDateTime> gte = since(since);
        return kind == Kind.VM
                ? vms("list VMs", offset -> APIVirtualizationVirtualMachinesListRequest.newBuilder()
                        .lastUpdatedGte(gte).limit(pageSize).offset(offset).ordering(ORDER).build())
                : devices("list devices", offset -> APIDcimDevicesListRequest.newBuilder()
                        .lastUpdatedGte(gte).limit(pageSize).offset(offset).ordering(ORDER).build());
    }

    /** Every VM or device interface, or those changed at or after {@code since} when it is not null. */
    List<Interface> allInterfaces(Kind kind, Instant since) {
        return interfaces(kind, null, since);
    }

    /** Every IP address, or those changed at or after {@code since} when it is not null. */
    List<IpAddress> allIpAddresses(Instant since) {
        List<OffsetDateTime> gte = since(since);
        return paginate("list IP addresses", offset -> () -> ipam.ipamIpAddressesList(
                        APIIpamIpAddressesListRequest.newBuilder().lastUpdatedGte(gte).limit(pageSize).offset(offset)
                                .ordering(ORDER).build()),
                p -> p.getResults(), p -> p.getNext()).stream().map(NetBoxConversions::ipAddress).toList();
    }

    private List<Interface> interfaces(Kind kind, List<Integer> machineIds, Instant since) {
        List<OffsetDateTime> gte = since(since);
        if (kind == Kind.VM) {
            return paginate("list VM interfaces", offset -> () -> virtualization.virtualizationInterfacesList(
                            APIVirtualizationInterfacesListRequest.newBuilder().virtualMachineId(machineIds)
                                    .lastUpdatedGte(gte).limit(pageSize).offset(offset).ordering(ORDER).build()),
                    p -> p.getResults(), p -> p.getNext()).stream().map(NetBoxConversions::vmInterface).toList();
        }
        return paginate("list device interfaces", offset -> () -> dcim.dcimInterfacesList(
                        APIDcimInterfacesListRequest.newBuilder().deviceId(machineIds)
                                .lastUpdatedGte(gte).limit(pageSize).offset(offset).ordering(ORDER).build()),
                p -> p.getResults(), p -> p.getNext()).stream().map(NetBoxConversions::deviceInterface).toList();
    }

    private List<Machine> vms(String operation, IntFunction<APIVirtualizationVirtualMachinesListRequest> page) {
        return paginate(operation, offset -> () -> virtualization.virtualizationVirtualMachinesList(page.apply(offset)),
                PaginatedVirtualMachineWithConfigContextList::getResults,
                PaginatedVirtualMachineWithConfigContextList::getNext).stream().map(conversions::vm).toList();
    }

    private List<Machine> devices(String operation, IntFunction<APIDcimDevicesListRequest> page) {
        return paginate(operation, offset -> () -> dcim.dcimDevicesList(page.apply(offset)),
                PaginatedDeviceWithConfigContextList::getResults,
                PaginatedDeviceWithConfigContextList::getNext).stream().map(conversions::device).toList();
    }

    /** Reads pages until NetBox says there is no next one; offsets advance by what came back. */
    private <P, T> List<T> paginate(String operation, IntFunction<ApiCall<P>> page, Function<P, List<T>> results,
                                    Function<P, URI> next) {
        List<T> all = new ArrayList<>();
        int offset = 0;
        while (true) {
            P answer = guard.call(operation, page.apply(offset));
            List<T> found = answer == null || results.apply(answer) == null ? List.of() : results.apply(answer);
            all.addAll(found);
            if (found.isEmpty() || next.apply(answer) == null) {
                return all;
            }
            offset += found.size();
        }
    }

    /** A list call with a filter the schema cut has no parameter for (custom fields). */
    private <P> ApiCall<P> rawList(String path, String query, int offset, Class<P> type) {
        return () -> {
            URI uri = URI.create(api.getBaseUri() + path + "?" + query + "&limit=" + pageSize + "&offset=" + offset
                    + "&ordering=" + ORDER);
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "application/json")
                    .timeout(timeout).GET();
            api.getRequestInterceptor().accept(request);
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 != 2) {
                    throw new ApiException(response.statusCode(), "GET " + path + " failed: " + response.statusCode(),
                            response.headers(), response.body());
                }
                return mapper.readValue(response.body(), type);
            } catch (IOException e) {
                throw new ApiException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException(e);
            }
        };
    }

    private static <T> T notFoundAsNull(ApiCall<T> call) throws ApiException {
        try {
            return call.call();
        } catch (ApiException e) {
            if (e.getCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    private static List<OffsetDateTime> since(Instant since) {
        return since == null ? null : List.of(OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
    }
}
