package dev.drift.service.actions.itsm;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

/**
 * The ITSM drift raises change requests and incidents in. Validated when the application starts
 * ({@link Context}), so a ServiceNow without credentials or a webhook without a secret stops the
 * service instead of failing on the first drift.
 *
 * @param kind            {@code none} (default: no ITSM, no {@code ItsmClient} bean), {@code servicenow} or
 *                        {@code webhook}; written in lower case, as the client beans are selected by the string
 * @param url             the ServiceNow instance root ({@code https://acme.service-now.com}) or the webhook URL;
 *                        http(s), without user info; required unless {@code kind} is {@code none}
 * @param username        ServiceNow basic-auth user; with {@code password}, or use {@code token}
 * @param password        ServiceNow basic-auth password; never logged
 * @param token           ServiceNow bearer token (OAuth access token), instead of username and password; never logged
 * @param webhookSecret   the HMAC-SHA256 key the webhook requests are signed with; required for {@code webhook};
 *                        never logged
 * @param timeout         connect timeout, and response timeout of each HTTP call; default 10s
 * @param assignmentGroup the ServiceNow {@code assignment_group} of new tickets (a group sys_id or name); optional
 * @param changeTable     the ServiceNow table of change requests; default {@code change_request}
 * @param incidentTable   the ServiceNow table of incidents; default {@code incident}
 */
@Context
@ConfigurationProperties(ItsmProperties.PREFIX)
record ItsmProperties(
        @Bindable(defaultValue = "none") Kind kind,
        @Nullable String url,
        @Nullable String username,
        @Nullable String password,
        @Nullable String token,
        @Nullable String webhookSecret,
        @Bindable(defaultValue = "10s") Duration timeout,
        @Nullable String assignmentGroup,
        @Bindable(defaultValue = "change_request") String changeTable,
        @Bindable(defaultValue = "incident") String incidentTable) {

    static final String PREFIX = "drift.itsm";
    private static final String TABLE_NAME = "[a-z][a-z0-9_]*";

    /** Which ITSM client exists. */
    enum Kind {
        /** No ITSM: tickets are not raised. */
        NONE,
        /** ServiceNow through its Table API. */
        SERVICENOW,
        /** Any ITSM behind a signed generic webhook. */
        WEBHOOK
    }

    ItsmProperties {
        require(kind != null, "kind must be one of none, servicenow, webhook");
        require(timeout != null && timeout.isPositive(), "timeout must be positive");
        require(changeTable != null && changeTable.matches(TABLE_NAME), "change-table must be a table name");
        require(incidentTable != null && incidentTable.matches(TABLE_NAME), "incident-table must be a table name");
        url = blankToNull(url);
        username = blankToNull(username);
        password = blankToNull(password);
        token = blankToNull(token);
        webhookSecret = blankToNull(webhookSecret);
        assignmentGroup = blankToNull(assignmentGroup);
        if (url != null) {
            url = checkedUrl(url);
        }
        switch (kind) {
            case NONE -> { }
            case SERVICENOW -> checkServiceNow(url, username, password, token);
            case WEBHOOK -> {
                require(url != null, "url (the webhook URL) is required when kind is webhook");
                require(webhookSecret != null, "webhook-secret is required when kind is webhook");
            }
        }
    }

    /** Whether the ServiceNow calls authenticate with a bearer token rather than basic auth. */
    boolean usesToken() {
        return token != null;
    }

    private static void checkServiceNow(String url, String username, String password, String token) {
        require(url != null, "url (the ServiceNow instance root) is required when kind is servicenow");
        boolean basic = username != null || password != null;
        require(basic || token != null, "username and password, or token, are required when kind is servicenow");
        require(!(basic && token != null), "give either username and password or token, not both");
        require(!basic || (username != null && password != null), "username and password go together");
    }

    /** An http(s) URL without user info and without a trailing slash. */
    private static String checkedUrl(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid " + PREFIX + " settings: url must be an http(s) URL", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        require((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null,
                "url must be an http(s) URL");
        require(uri.getRawUserInfo() == null, "url must not carry credentials; use username/password or token");
        return uri.toString().replaceAll("/+$", "");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("invalid " + PREFIX + " settings: " + message);
        }
    }

    /** Never reveals the password, the token or the webhook secret. */
    @Override
    public String toString() {
        return "ItsmProperties[kind=" + kind + ", url=" + url + ", username=" + username + ", password="
                + masked(password) + ", token=" + masked(token) + ", webhookSecret=" + masked(webhookSecret)
                + ", timeout=" + timeout + ", assignmentGroup=" + assignmentGroup + ", changeTable=" + changeTable
                + ", incidentTable=" + incidentTable + "]";
    }

    private static String masked(String secret) {
        return secret == null ? "null" : "****";
    }
}
