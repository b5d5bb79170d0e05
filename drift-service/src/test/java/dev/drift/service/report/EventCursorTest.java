package dev.drift.service.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drift.service.system.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventCursorTest {
    private static final UUID ID = UUID.fromString("0b4c7a52-4c55-4a8e-9f39-3f6f0f5d9a10");

    @Test
    void timeCursorSurvivesTheRoundTripToMicroseconds() {
        EventCursor cursor = new EventCursor(EventSort.FIRST_DETECTED_AT_DESC, "2025-01-31T12:00:00.123456Z", ID);

        EventCursor back = EventCursor.decode(cursor.encode(), EventSort.FIRST_DETECTED_AT_DESC);

        assertThat(back).isEqualTo(cursor);
    }

    @Test
    void severityCursorCarriesTheRank() {
        EventCursor cursor = new EventCursor(EventSort.SEVERITY_DESC, "3", ID);

        assertThat(EventCursor.decode(cursor.encode(), EventSort.SEVERITY_DESC).key()).isEqualTo("3");
    }

    @Test
    void tokenIsUrlSafeWithoutPadding() {
        String token = new EventCursor(EventSort.LAST_SEEN_AT, "2025-01-31T12:00:00Z", ID).encode();

        assertThat(token).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void cursorOfAnotherSortIsRefusedNamingBoth() {
        String token = new EventCursor(EventSort.LAST_SEEN_AT, "2025-01-31T12:00:00Z", ID).encode();

        assertThatThrownBy(() -> EventCursor.decode(token, EventSort.FIRST_DETECTED_AT_DESC))
                .isInstanceOf(InvalidInput.class)
                .hasMessageStartingWith("cursor: ")
                .hasMessageContaining("sort=last_seen_at").hasMessageContaining("sort=-first_detected_at");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "", "djEKc2V2ZXJpdHkKOQp4"})
    void garbageIsInvalidInputNamingTheCursor(String token) {
        assertThatThrownBy(() -> EventCursor.decode(token, EventSort.SEVERITY))
                .isInstanceOf(InvalidInput.class)
                .hasMessageStartingWith("cursor: not a cursor returned by this API");
    }

    @Test
    void wellFormedTokenWithABadKeyIsInvalidInput() {
        assertThatThrownBy(() -> EventCursor.decode(token("v1\nseverity\n9\n" + ID), EventSort.SEVERITY))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> EventCursor.decode(token("v1\n-first_detected_at\nyesterday\n" + ID),
                EventSort.FIRST_DETECTED_AT_DESC)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> EventCursor.decode(token("v1\nseverity\n1\nnot-a-uuid"), EventSort.SEVERITY))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> EventCursor.decode(token("v2\nseverity\n1\n" + ID), EventSort.SEVERITY))
                .isInstanceOf(InvalidInput.class);
    }

    private static String token(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
