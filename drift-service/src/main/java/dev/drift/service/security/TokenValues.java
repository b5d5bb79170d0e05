package dev.drift.service.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API token values: {@code drift_} followed by 32 random bytes in unpadded base64url (49 characters
 * in all). Only their SHA-256 is stored; a token of that much entropy needs no salt or slow hash,
 * and a fast hash lets every request be checked by one indexed lookup.
 */
final class TokenValues {
    static final String PREFIX = "drift_";
    private static final int RANDOM_BYTES = 32;
    /** Longer than any token we issue or a sane bootstrap token; longer values are not even hashed. */
    static final int MAX_LENGTH = 512;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenValues() {
    }

    /** A new random token. */
    static String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The lower-case hex SHA-256 of the token's UTF-8 bytes, as stored in {@code api_token.token_hash}. */
    static String hash(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    /**
     * Whether two secrets are equal, in time that does not depend on where they differ: both are
     * hashed first, so neither their content nor their length leaks through timing.
     */
    static boolean sameSecret(String given, String expected) {
        return MessageDigest.isEqual(sha256(given), sha256(expected));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
