package dev.drift.service.ui;

import io.micronaut.http.MediaType;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The operator page's files, read once from {@code classpath:public/ui/}. Only the files named here
 * are served, so no request path can reach another classpath resource.
 */
@Singleton
final class UiAssets {
    private static final String ROOT = "public/ui/";
    private static final Map<String, MediaType> FILES = Map.of(
            "index.html", MediaType.of("text/html;charset=utf-8"),
            "app.js", MediaType.of("text/javascript;charset=utf-8"),
            "app.css", MediaType.of("text/css;charset=utf-8"));

    private final Map<String, Asset> assets;

    UiAssets() {
        this.assets = FILES.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                        e -> Asset.of(read(e.getKey()), e.getValue())));
    }

    /** The named file, empty for any name that is not one of the page's files. */
    Optional<Asset> find(String name) {
        return Optional.ofNullable(assets.get(name));
    }

    private static byte[] read(String name) {
        try (InputStream in = UiAssets.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("classpath:" + ROOT + name + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One file of the page.
     *
     * @param etag a strong validator (hash of the body), so browsers revalidate cheaply
     */
    record Asset(byte[] body, MediaType type, String etag) {
        static Asset of(byte[] body, MediaType type) {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
                return new Asset(body, type, "\"" + HexFormat.of().formatHex(hash, 0, 16) + "\"");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JRE", e);
            }
        }
    }
}
