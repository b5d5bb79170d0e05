package dev.drift.service.diff;

import static dev.drift.service.diff.Values.exact;
import static dev.drift.service.diff.Values.items;
import static dev.drift.service.diff.Values.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ListNormalizerTest {
    private final ListNormalizer unordered = ListNormalizer.unordered();
    private final ListNormalizer ordered = ListNormalizer.ordered();

    @Test
    void unorderedListInOtherOrderIsEqual() {
        assertThat(unordered.normalize(items("10.0.0.6", " 10.0.0.5")))
                .isEqualTo(unordered.normalize(items("10.0.0.5", "10.0.0.6")));
    }

    @Test
    void unorderedListIgnoresDuplicatesAndBlanks() {
        assertThat(unordered.normalize(items("b", "a", "b", " "))).isEqualTo(exact(List.of("a", "b")));
    }

    @Test
    void orderedListInOtherOrderDiffers() {
        assertThat(ordered.normalize(items("10.0.0.3", "10.0.0.2")))
                .isNotEqualTo(ordered.normalize(items("10.0.0.2", "10.0.0.3")));
    }

    @Test
    void textIsSplitOnCommasAndWhitespace() {
        assertThat(ordered.normalize(text(" a, b  c,d "))).isEqualTo(exact(List.of("a", "b", "c", "d")));
    }

    @Test
    void desiredTextEqualsActualItems() {
        assertThat(unordered.normalize(text("web,prod"))).isEqualTo(unordered.normalize(items("prod", "web")));
    }

    @Test
    void itemsAreNotCaseFolded() {
        assertThat(unordered.normalize(items("Web"))).isNotEqualTo(unordered.normalize(items("web")));
    }
}
